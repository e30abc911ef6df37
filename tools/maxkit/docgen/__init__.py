"""``invoke docs``: the tables of docs/reference.md, generated from the sources.

Each table sits between ``<!-- generated: NAME -->`` and ``<!-- end generated -->``;
the text around them is written by hand. ``check`` names every table whose
committed text differs from what the sources give, so the docs cannot drift.
"""

from __future__ import annotations

import re
from pathlib import Path

from maxkit.bundle import load_bundle
from maxkit.docgen.payload import payload_table
from maxkit.docgen.tables import lint_rules_table, messages_table, settings_table
from maxkit.errors import MaxkitError

REFERENCE = Path("docs/reference.md")
END = "<!-- end generated -->"
BLOCK = re.compile(
    r"(<!-- generated: ([a-z-]+) -->\n)(.*?)(" + re.escape(END) + ")", re.DOTALL
)


def tables(root: Path) -> dict[str, str]:
    """Every generated table's text, by name."""
    bundle = load_bundle(root)
    return {
        "settings": settings_table(bundle),
        "payload": payload_table(bundle),
        "messages": messages_table(bundle),
        "lint-rules": lint_rules_table(),
    }


def render(text: str, generated: dict[str, str]) -> tuple[str, list[str]]:
    """``text`` with each marked block replaced; the names of the blocks that changed."""
    found: list[str] = []
    changed: list[str] = []

    def replace(match: re.Match) -> str:
        name = match.group(2)
        if name not in generated:
            raise MaxkitError(f"{REFERENCE}: no generated table is named {name!r}")
        found.append(name)
        body = generated[name] + "\n"
        if match.group(3) != body:
            changed.append(name)
        return match.group(1) + body + match.group(4)

    result = BLOCK.sub(replace, text)
    missing = [name for name in generated if name not in found]
    if missing:
        raise MaxkitError(f"{REFERENCE} has no <!-- generated: {missing[0]} --> block")
    return result, changed


def stale(root: Path) -> list[str]:
    """The tables of the committed reference that differ from the sources."""
    path = Path(root) / REFERENCE
    _, changed = render(path.read_text(encoding="utf-8"), tables(Path(root)))
    return changed


def write(root: Path) -> list[str]:
    """Write the generated tables into the reference; the names that changed."""
    path = Path(root) / REFERENCE
    text, changed = render(path.read_text(encoding="utf-8"), tables(Path(root)))
    if changed:
        path.write_text(text, encoding="utf-8")
    return changed


def command(root: Path, check: bool = False) -> str:
    """``invoke docs``: write the tables, or with ``check`` fail naming the stale ones."""
    if check:
        changed = stale(root)
        if changed:
            raise MaxkitError("docs: stale in %s: %s" % (REFERENCE, ", ".join(changed)))
        return "up to date: all"
    changed = write(root)
    return ("wrote: " if changed else "up to date: ") + ", ".join(changed or ["all"])
