"""Constants of the library script, read from its source without running it.

Some facts the reference states (which PERSON attributes are read, the name
limits, the numeric settings' ranges) are tables in ``MASUSERLIB``; reading
them from the source keeps the docs and the script one.
"""

from __future__ import annotations

import ast

from maxkit.errors import MaxkitError

LIBRARY = "MASUSERLIB"


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
        raise MaxkitError(f"{LIBRARY} has no constant {name}: docgen reads it")
    return known[name]
