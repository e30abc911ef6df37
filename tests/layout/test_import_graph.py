"""Which layer may import which, read from the source with ``ast``.

The bundle model (``maxkit.bundle``) is what package and deploy both read;
neither reads the other, nor the fake Maximo runtime or the MAS emulator,
and nothing shipped reads the test kit. A module-level or function-level
import counts alike: both end up in the shipped code's dependencies.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
MAXKIT = TOOLS / "maxkit"
# Python files the fake runtime loads as Maximo's own modules, not as maxkit.
SITEPATH = MAXKIT / "runtime" / "sitepath"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(TOOLS).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def shipped_modules() -> list[Path]:
    return sorted(p for p in MAXKIT.rglob("*.py") if SITEPATH not in p.parents)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports made absolute."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base)
                module = f"{prefix}.{node.module}" if node.module else prefix
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def violations(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{module_name(path)} imports {name}"
        for path in shipped_modules()
        if within(module_name(path), layer)
        for name in sorted(imports_of(path))
        if any(within(name, bad) for bad in forbidden)
    ]


def test_the_reader_sees_relative_imports():
    # The graph checks below are only as good as this resolution.
    found = imports_of(MAXKIT / "emulator" / "emulator.py")
    assert "maxkit.emulator.faults" in found
    assert "maxkit.emulator.store.UserStore" in found


def test_deploy_does_not_read_the_packager():
    assert violations("maxkit.deploy", ("maxkit.package",)) == []


def test_the_packager_does_not_read_deploy():
    assert violations("maxkit.package", ("maxkit.deploy",)) == []


@pytest.mark.parametrize("layer", ["maxkit.deploy", "maxkit.package", "maxkit.bundle"])
def test_package_deploy_and_model_need_no_runtime_and_no_emulator(layer):
    assert violations(layer, ("maxkit.runtime", "maxkit.emulator")) == []


def test_the_model_reads_neither_packager_nor_deploy():
    assert violations("maxkit.bundle", ("maxkit.package", "maxkit.deploy")) == []


def test_nothing_shipped_reads_the_test_kit():
    assert violations("maxkit", ("testkit", "tests")) == []


@pytest.mark.cli
def test_every_shipped_module_imports_without_the_test_kit():
    names = [
        module_name(p)
        for p in shipped_modules()
        if p.name != "__main__.py"  # running it is the command itself
    ]
    program = (
        "import importlib, sys\n"
        "sys.modules['testkit'] = None  # any import of it fails\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(TOOLS))
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(names) > 50


# --- The fake Maximo runtime -------------------------------------------------
#
# The runtime (``sitepath``) is two roots on the import path: ``java`` (the
# CPython stand-ins of Java's own classes; Jython uses the real ones) and
# ``maximo`` (``psdi.*`` look-alikes and the fake's ``maxfake.*``). Its
# modules are ordered in layers, lowest first: a module imports (at module
# level or inside a function) only modules of its own layer or of lower ones,
# and nothing in a circle, so each piece can be read and loaded without the
# ones above it.
RUNTIME_ROOTS = (SITEPATH / "java", SITEPATH / "maximo")
RUNTIME_LAYERS = (
    ("the fake's own failures", ("maxfake.errors",)),
    ("Java's own classes", ("java", "com.ibm.json.java")),
    (
        "fake base: text, dates, world state and the network",
        (
            "maxfake.compat",
            "maxfake.dates",
            "maxfake.recorder",
            "maxfake.strict",
            "maxfake.tableindex",
            "maxfake.where",
            "maxfake.world",
            "maxfake.javaenv",
            "maxfake.transport",
            "maxfake.javahttp",
            "maxfake.clientcert",
        ),
    ),
    ("Maximo util and security", ("psdi.util", "psdi.security")),
    ("records and their business rules", ("maxfake.business", "psdi.mbo")),
    ("Maximo server", ("psdi.server",)),
    ("integration", ("psdi.iface",)),
    ("script runner and jobs", ("maxfake.service", "maxfake.runner", "maxfake.jobs")),
)
# Package roots holding nothing but their docstring: in the lowest layer.
RUNTIME_PACKAGES = ("maxfake", "psdi", "com", "com.ibm", "com.ibm.json")


def runtime_modules() -> dict[str, Path]:
    found = {}
    for root in RUNTIME_ROOTS:
        for path in sorted(root.rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def runtime_imports(path: Path, modules) -> set[str]:
    """The runtime modules ``path`` imports (anywhere in it): ``from p import
    m`` counts as an import of the module ``p.m`` when there is one, else of
    ``p`` (absolute imports only: the runtime runs in Python 2 too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            subs = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [sub for sub in subs if sub in modules]
            if len(names) < len(subs):
                names.append(node.module)
        else:
            continue
        found.update(name for name in names if name in modules)
    return found


def runtime_graph() -> dict[str, set[str]]:
    modules = runtime_modules()
    return {
        name: runtime_imports(path, modules) - {name} for name, path in modules.items()
    }


def runtime_layer(name: str) -> int:
    if name in RUNTIME_PACKAGES:
        return 0
    best = None
    for index, (_, prefixes) in enumerate(RUNTIME_LAYERS):
        for prefix in prefixes:
            if within(name, prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    if best is None:
        raise AssertionError(f"{name} has no place in RUNTIME_LAYERS")
    return best[1]


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def test_the_circle_finder_sees_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_circles(graph) == [["a", "b", "c"]]


def test_the_runtime_reader_sees_function_level_imports():
    modules = runtime_modules()
    found = runtime_imports(modules["maxfake.transport"], modules)
    assert "maxfake.javahttp" in found  # imported inside a function, Jython only
    assert "maxfake.world" in runtime_imports(modules["psdi.util"], modules)


def test_the_fake_runtime_has_no_import_circle():
    assert import_circles(runtime_graph()) == []


def test_every_runtime_module_has_a_layer():
    for name in runtime_modules():
        runtime_layer(name)


def test_the_fake_runtime_imports_only_downwards():
    upward = [
        f"{name} ({RUNTIME_LAYERS[runtime_layer(name)][0]}) imports {target} "
        f"({RUNTIME_LAYERS[runtime_layer(target)][0]})"
        for name, targets in sorted(runtime_graph().items())
        for target in sorted(targets)
        if runtime_layer(target) > runtime_layer(name)
    ]
    assert upward == []
