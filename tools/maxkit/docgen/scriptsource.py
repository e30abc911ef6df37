"""Constants of the library scripts, read from their source without running them.

Some facts the reference states (which PERSON attributes are read, the name
limits, the numeric settings' ranges) are tables in a library script; reading
them from the source keeps the docs and the script one. Which library holds a
name is read too (its scriptConfig says it is a library: Allow Invoking
Script Functions; its source defines the name), never kept in a list here.
"""

from __future__ import annotations

import ast

from maxkit.errors import MaxkitError


def library_scripts(bundle) -> list:
    """The scripts whose scriptConfig lets other scripts call their functions."""
    return [
        script
        for script in bundle.scripts.values()
        if script.config.get("allowInvokingScriptFunctions")
    ]


def defining_script(bundle, name: str):
    """The one library script that defines ``name`` (a library may also bind a
    name it obtained from the library below it: a definition is a def, a
    class or an assignment of something other than a look-up)."""
    found = [
        script
        for script in library_scripts(bundle)
        if name in _defined_names(script.source)
    ]
    if len(found) != 1:
        where = ", ".join(sorted(script.name for script in found)) or "none"
        raise MaxkitError(
            f"{name} must be defined by exactly one library script; found: {where}"
        )
    return found[0]


def _defined_names(source: str) -> set[str]:
    names: set[str] = set()
    for statement in ast.parse(source).body:
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign) and not isinstance(
            statement.value, ast.Subscript
        ):
            for target in statement.targets:
                names.update(
                    node.id for node in ast.walk(target) if isinstance(node, ast.Name)
                )
    return names


def library_constant(bundle, name: str):
    """The constant ``name`` of the library script that defines it."""
    return script_constant(defining_script(bundle, name).source, name)


def script_constant(source: str, name: str):
    """A module-level constant of a script, as literal data (names of earlier
    constants resolved), so the docs read the script's own tables."""
    known: dict[str, object] = {}

    class Resolve(ast.NodeTransformer):
        def visit_Name(self, node):
            if node.id in known:
                return ast.copy_location(ast.Constant(known[node.id]), node)
            return node

    for statement in ast.parse(source).body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            continue
        try:
            value = ast.literal_eval(Resolve().visit(statement.value))
        except (ValueError, TypeError, SyntaxError):
            continue  # computed at run time: not a table the docs read
        known[statement.targets[0].id] = value
    if name not in known:
        raise MaxkitError(f"no library script has a constant {name}: docgen reads it")
    return known[name]
