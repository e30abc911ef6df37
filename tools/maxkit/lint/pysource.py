"""Small questions asked of a script's syntax tree by several checks."""

from __future__ import annotations

import ast
import re
from typing import Iterator

_NOQA = re.compile(r"#\s*noqa:\s*(ML\d{3}(?:\s*,\s*ML\d{3})*)", re.IGNORECASE)


def module_strings(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` constants (names bound once to one string)."""
    found: dict[str, str | None] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    text = literal(node.value)
                    seen = target.id in found
                    found[target.id] = None if seen or text is None else text
    return {name: text for name, text in found.items() if text is not None}


def module_tables(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level ``NAME = {"a": "text", ...}`` dicts: the texts they map to."""
    tables: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            texts = [literal(v) for v in node.value.values]
            if texts and all(t is not None for t in texts):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        tables[target.id] = [t for t in texts if t is not None]
    return tables


def literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def resolve(node: ast.AST | None, constants: dict[str, str]) -> str | None:
    """The text of a string literal or of a module-level string constant."""
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return literal(node)


def resolve_all(
    node: ast.AST | None, constants: dict[str, str], tables: dict[str, list[str]]
) -> list[str]:
    """Every text ``node`` can be: as :func:`resolve`, or each value of a module
    dict it looks up (``KEYS[kind]``)."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id in tables
    ):
        return list(tables[node.value.id])
    text = resolve(node, constants)
    return [] if text is None else [text]


def config_value(tree: ast.Module) -> ast.AST | None:
    """The string assigned to ``scriptConfig`` (configuration, not code)."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "scriptConfig" for t in node.targets
        ):
            return node.value
    return None


def calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def method_call(call: ast.Call, receiver: str, *names: str) -> bool:
    """True for ``receiver.name(...)`` with ``name`` among ``names``."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in names
        and isinstance(func.value, ast.Name)
        and func.value.id == receiver
    )


def callee_name(call: ast.Call) -> str | None:
    """``f`` for ``f(...)`` and ``m.f(...)``."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def argument(call: ast.Call, index: int, name: str | None = None) -> ast.AST | None:
    """The argument at ``index`` or passed as ``name=``."""
    if index < len(call.args) and not any(
        isinstance(a, ast.Starred) for a in call.args[: index + 1]
    ):
        return call.args[index]
    for keyword in call.keywords:
        if name is not None and keyword.arg == name:
            return keyword.value
    return None


def top_level_functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def noqa(text: str) -> dict[int, set[str]]:
    """Codes silenced per line with ``# noqa: ML123``."""
    silenced: dict[int, set[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _NOQA.search(line)
        if match:
            codes = {c.strip().upper() for c in match.group(1).split(",")}
            silenced[number] = codes
    return silenced
