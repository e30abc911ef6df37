"""What a script's code names must exist in the bundle: messages, scripts, properties.

Messages are found three ways, so that a key passed through a helper is still
checked:

1. direct uses: ``service.error(group, key[, params])``, ``service.setWarning``,
   ``service.yncerror`` and ``MXApplicationException(group, key, ...)``;
2. dict literals ``{"group": G, "key": K, ...}`` (a result handed to a caller
   that raises it, the pattern of the library scripts);
3. calls of a *message helper*: a function returning such a dict whose
   ``"key"`` (or ``"group"``) is one of its parameters, e.g.
   ``outcome(kind, key, params)``; each call passing a literal there uses it.

``G`` and ``K`` count when they are string literals, module-level string
constants (``GROUP = "masuser"``) or a look-up in a module-level dict of strings
(``SUCCESS_KEYS[kind]``: every value counts); anything computed at run time is
skipped.
"""

from __future__ import annotations

import ast
import difflib
from typing import Iterator

from maxkit.lint import pysource
from maxkit.lint.context import Context, ScriptSource
from maxkit.lint.registry import Finding, check, rule

FAMILY = "scriptConfig"
ML208 = rule(
    "ML208",
    FAMILY,
    "every message group/key the code uses (service.error, MXApplicationException, "
    "result dicts, message helpers) is declared in some scriptConfig messages",
)
ML209 = rule(
    "ML209",
    FAMILY,
    "service.invokeScript targets a script in scripts/, and the function it names "
    "is defined there",
)
ML210 = rule(
    "ML210",
    FAMILY,
    'MXServer.getMXServer().getProperty("name") names a property declared in some '
    "scriptConfig properties",
)

MESSAGE_METHODS = ("error", "setWarning", "yncerror")
MESSAGE_EXCEPTIONS = {
    "MXException",
    "MXApplicationException",
    "MXSystemException",
    "MXAccessException",
}


@check("references")
def references(context: Context) -> Iterator[Finding]:
    for script in context.scripts:
        if script.tree is None:
            continue
        constants = pysource.module_strings(script.tree)
        yield from _messages(context, script, script.tree, constants)
        yield from _invocations(context, script, script.tree, constants)
        yield from _properties(context, script, script.tree, constants)


def message_uses(
    tree: ast.Module, constants: dict[str, str]
) -> Iterator[tuple[int, str, str]]:
    """(line, group, key) of each message the code uses, where both are known."""
    tables = pysource.module_tables(tree)

    def texts(node: ast.AST | None) -> list[str]:
        return pysource.resolve_all(node, constants, tables)

    for call in pysource.calls(tree):
        if (
            pysource.method_call(call, "service", *MESSAGE_METHODS)
            or pysource.callee_name(call) in MESSAGE_EXCEPTIONS
        ):
            for group in texts(pysource.argument(call, 0, "group")):
                for key in texts(pysource.argument(call, 1, "key")):
                    yield call.lineno, group, key
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            entries = _entries(node)
            for group in texts(entries.get("group")):
                for key in texts(entries.get("key")):
                    yield node.lineno, group, key
    helpers = _message_helpers(tree, constants)
    for call in pysource.calls(tree):
        if isinstance(call.func, ast.Name) and call.func.id in helpers:
            group_source, key_source = helpers[call.func.id]
            for group in _pick(call, group_source, texts):
                for key in _pick(call, key_source, texts):
                    yield call.lineno, group, key


def _entries(node: ast.Dict) -> dict[str, ast.AST]:
    entries: dict[str, ast.AST] = {}
    for key, value in zip(node.keys, node.values):
        name = pysource.literal(key)
        if name is not None:
            entries[name] = value
    return entries


Source = tuple[int, str] | str | None
"""Where a helper's group or key comes from: (index, name) of a parameter, or text."""


def _message_helpers(
    tree: ast.Module, constants: dict[str, str]
) -> dict[str, tuple[Source, Source]]:
    helpers = {}
    for name, function in pysource.top_level_functions(tree).items():
        parameters = [a.arg for a in function.args.args]

        def source(node: ast.AST | None) -> Source:
            if isinstance(node, ast.Name) and node.id in parameters:
                return parameters.index(node.id), node.id
            return pysource.resolve(node, constants)

        for node in ast.walk(function):
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Dict):
                entries = _entries(node.value)
                group, key = source(entries.get("group")), source(entries.get("key"))
                if isinstance(group, tuple) or isinstance(key, tuple):
                    helpers[name] = (group, key)
    return helpers


def _pick(call: ast.Call, source: Source, texts) -> list[str]:
    if isinstance(source, tuple):
        index, name = source
        return texts(pysource.argument(call, index, name))
    return [] if source is None else [source]


def _messages(
    context: Context,
    script: ScriptSource,
    tree: ast.Module,
    constants: dict[str, str],
) -> Iterator[Finding]:
    declared = context.declared_messages
    for line, group, key in message_uses(tree, constants):
        if (group, key) not in declared:
            keys = [str(k) for g, k in declared if g == group]
            hint = difflib.get_close_matches(key, keys, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            yield ML208.at(
                script.rel,
                line,
                f"message {group}/{key} is not declared in any scriptConfig "
                f"messages{suggestion}: add it with its text",
            )


def _invocations(
    context: Context,
    script: ScriptSource,
    tree: ast.Module,
    constants: dict[str, str],
) -> Iterator[Finding]:
    for call in pysource.calls(tree):
        if not pysource.method_call(call, "service", "invokeScript"):
            continue
        name = pysource.resolve(pysource.argument(call, 0), constants)
        if name is None:
            continue
        target = context.script_names.get(name)
        if target is None:
            hint = difflib.get_close_matches(name, list(context.script_names), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            yield ML209.at(
                script.rel,
                call.lineno,
                f"invokeScript({name!r}, ...): no script {name} in scripts/{suggestion}",
            )
            continue
        function = pysource.resolve(pysource.argument(call, 1), constants)
        if len(call.args) != 3 or function is None or target.tree is None:
            continue
        defined = pysource.top_level_functions(target.tree)
        if function not in defined:
            hint = difflib.get_close_matches(function, list(defined), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            yield ML209.at(
                script.rel,
                call.lineno,
                f"invokeScript({name!r}, {function!r}, ...): {target.rel} defines "
                f"no function {function}{suggestion}",
            )


def _server_names(tree: ast.Module) -> set[str]:
    """Names bound to ``MXServer.getMXServer()``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and pysource.method_call(node.value, "MXServer", "getMXServer")
        ):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _properties(
    context: Context,
    script: ScriptSource,
    tree: ast.Module,
    constants: dict[str, str],
) -> Iterator[Finding]:
    servers = _server_names(tree)
    declared = context.declared_properties
    for call in pysource.calls(tree):
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "getProperty"):
            continue
        receiver = func.value
        on_server = (isinstance(receiver, ast.Name) and receiver.id in servers) or (
            isinstance(receiver, ast.Call)
            and pysource.method_call(receiver, "MXServer", "getMXServer")
        )
        name = pysource.resolve(pysource.argument(call, 0), constants)
        if on_server and name is not None and name not in declared:
            hint = difflib.get_close_matches(name, [str(d) for d in declared], n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            yield ML210.at(
                script.rel,
                call.lineno,
                f"system property {name} is not declared in any scriptConfig "
                f"properties{suggestion}: declare it so a deploy creates it",
            )
