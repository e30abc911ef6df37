"""The shape of an API, read from the editor stubs (.pyi) or from the fake
runtime's modules, so the two can be compared (test_stubs_match_fakes.py).

A shape maps ``module.Class.member`` (or ``module.name``) to its kind and,
for callables, ``(required, most)`` positional parameters (``most`` is None
for ``*args``); a constant carries its value when the stub gives one.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import maxkit.runtime  # noqa: F401 - puts the fake runtime on sys.path
from maxkit.stubs import IMPLICIT_STUB, STUBS_DIR

#: The dunders compared: construction and what Jython lets a script do with a
#: Java collection. Others (``__getattr__``, ``__repr__``) are the fake's machinery.
_DUNDERS = (
    "__init__",
    "__len__",
    "__iter__",
    "__contains__",
    "__getitem__",
    "__setitem__",
)


def stub_modules() -> dict[str, Path]:
    """Module name -> stub file, for every stub that declares something."""
    out = {}
    for path in sorted(STUBS_DIR.rglob("*.pyi")):
        if path == IMPLICIT_STUB or not path.read_text(encoding="utf-8").strip():
            continue
        parts = path.relative_to(STUBS_DIR).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _arity(args: ast.arguments, method: bool) -> tuple[int, int | None]:
    positional = [a.arg for a in args.posonlyargs + args.args]
    if method and positional and positional[0] in ("self", "cls"):
        positional = positional[1:]
    required = len(positional) - len(args.defaults)
    return required, None if args.vararg else len(positional)


def _is_static(node: ast.FunctionDef) -> bool:
    return any(getattr(d, "id", None) == "staticmethod" for d in node.decorator_list)


def _merge(old, new):
    """Overloads of one name: the widest call they allow together."""
    if old is None:
        return new
    most = None if None in (old[1], new[1]) else max(old[1], new[1])
    return min(old[0], new[0]), most


def _stub_class(node: ast.ClassDef) -> dict:
    members = {}
    for item in node.body:
        if isinstance(item, ast.FunctionDef):
            previous = members.get(item.name, (None, None))[1]
            arity = _arity(item.args, method=not _is_static(item))
            members[item.name] = ("method", _merge(previous, arity))
        elif isinstance(item, ast.AnnAssign):
            value = None
            if isinstance(item.value, ast.Constant) and item.value.value is not ...:
                value = item.value.value
            members[item.target.id] = ("constant", value)
    return members


def stub_shape(modules: dict[str, Path] | None = None) -> dict:
    """Every class, member, function and constant the stubs declare.

    A class's members include those of the stub classes it derives from
    (``Mbo`` has ``MboRemote``'s), but not java.lang.Object's.
    """
    modules = stub_modules() if modules is None else modules
    classes, imports, shape = {}, {}, {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    imports[(module, alias.asname or alias.name)] = (
                        node.module,
                        alias.name,
                    )
            elif isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b) for b in node.bases]
                classes[(module, node.name)] = (bases, _stub_class(node))
            elif isinstance(node, ast.FunctionDef):
                shape[module + "." + node.name] = (
                    "function",
                    _arity(node.args, method=False),
                )

    def resolve(module, name):
        if (module, name) in classes:
            return module, name
        return imports.get((module, name))

    def members(key):
        bases, own = classes[key]
        out = {}
        for base in bases:
            found = resolve(key[0], base)
            if found in classes and found != ("java.lang", "Object"):
                out.update(members(found))
        out.update(own)
        return out

    for module, name in classes:
        shape[module + "." + name] = ("class", None)
        for member, kind in members((module, name)).items():
            shape["%s.%s.%s" % (module, name, member)] = kind
    return shape


def _fake_arity(fn) -> tuple[int, int | None]:
    params = list(inspect.signature(fn).parameters.values())
    positional = [
        p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    varargs = any(p.kind == p.VAR_POSITIONAL for p in params)
    required = sum(1 for p in positional if p.default is p.empty)
    return required, None if varargs else len(positional)


def _fake_members(cls) -> dict:
    """Members the fake's own classes define (not Python's ``object``,
    ``Exception`` or ``str``): public ones, ``__init__`` and the container
    dunders Jython gives Java collections."""
    out = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__ == "builtins":
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") and name not in _DUNDERS:
                continue
            if isinstance(value, staticmethod):
                out[name] = ("method", _fake_arity(value.__func__))
            elif isinstance(value, classmethod):
                out[name] = ("method", _fake_arity(value.__func__))
            elif inspect.isfunction(value):
                arity = _fake_arity(value)
                out[name] = ("method", (max(arity[0] - 1, 0), _less(arity[1])))
            elif not name.startswith("__"):
                out[name] = ("constant", value)
    return out


def _less(most):
    return None if most is None else most - 1


def fake_shape(modules, located: dict[str, str]) -> dict:
    """The same picture of the fake runtime's modules.

    ``located`` names fake classes that live elsewhere than the stub's module
    (stub name -> ``module.Class`` of the fake).
    """
    shape = {}
    targets = [(m, None) for m in modules] + [
        (fake.rsplit(".", 1)[0], (stub, fake.rsplit(".", 1)[1]))
        for stub, fake in located.items()
    ]
    for module_name, relocated in targets:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if relocated is not None:
            stub_name, attr = relocated
            items = [(stub_name, getattr(module, attr))]
        else:
            items = [
                (module_name + "." + name, value)
                for name, value in vars(module).items()
                if not name.startswith("_") and not inspect.ismodule(value)
            ]
        for full, value in items:
            if inspect.isclass(value):
                if value.__module__ != module.__name__ and relocated is None:
                    continue  # imported from elsewhere, checked there
                shape[full] = ("class", None)
                for member, kind in _fake_members(value).items():
                    shape[full + "." + member] = kind
            elif inspect.isfunction(value):
                if value.__module__ == module.__name__:
                    shape[full] = ("function", _fake_arity(value))
            else:
                shape[full] = ("constant", value)
    return shape
