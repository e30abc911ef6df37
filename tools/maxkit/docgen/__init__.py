"""``invoke docs``: the tables of docs/reference.md, generated from the sources,
and the scale table of docs/toolkit.md, from the recorded bench run
(docs/bench/scale.json, :mod:`maxkit.bench.record`).

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
TOOLKIT = Path("docs/toolkit.md")
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


def toolkit_tables(root: Path) -> dict[str, str]:
    """docs/toolkit.md's generated table: the recorded scale runs."""
    from maxkit.bench import record

    return {"bench-scale": record.docs_table(record.load(root))}


def documents(root: Path) -> dict[Path, dict[str, str]]:
    """Each document with generated tables, and its tables by name."""
    return {REFERENCE: tables(root), TOOLKIT: toolkit_tables(root)}


def render(
    text: str, generated: dict[str, str], document: Path = REFERENCE
) -> tuple[str, list[str]]:
    """``text`` with each marked block replaced; the names of the blocks that changed."""
    found: list[str] = []
    changed: list[str] = []

    def replace(match: re.Match) -> str:
        name = match.group(2)
        if name not in generated:
            raise MaxkitError(f"{document}: no generated table is named {name!r}")
        found.append(name)
        body = generated[name] + "\n"
        if match.group(3) != body:
            changed.append(name)
        return match.group(1) + body + match.group(4)

    result = BLOCK.sub(replace, text)
    missing = [name for name in generated if name not in found]
    if missing:
        raise MaxkitError(f"{document} has no <!-- generated: {missing[0]} --> block")
    return result, changed


def stale(root: Path) -> dict[Path, list[str]]:
    """The tables of the committed documents that differ from the sources,
    by document (only those with a stale table)."""
    found = {}
    for document, generated in documents(Path(root)).items():
        path = Path(root) / document
        _, changed = render(path.read_text(encoding="utf-8"), generated, document)
        if changed:
            found[document] = changed
    return found


def write(root: Path) -> list[str]:
    """Write the generated tables into the documents; the names that changed."""
    written = []
    for document, generated in documents(Path(root)).items():
        path = Path(root) / document
        text, changed = render(path.read_text(encoding="utf-8"), generated, document)
        if changed:
            path.write_text(text, encoding="utf-8")
            written.extend(changed)
    return written


def command(root: Path, check: bool = False) -> str:
    """``invoke docs``: write the tables, or with ``check`` fail naming the stale ones."""
    if check:
        found = stale(root)
        if found:
            raise MaxkitError(
                "docs: stale in "
                + "; ".join(
                    f"{doc}: {', '.join(names)}" for doc, names in found.items()
                )
            )
        return "up to date: all"
    changed = write(root)
    return ("wrote: " if changed else "up to date: ") + ", ".join(changed or ["all"])
