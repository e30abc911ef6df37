"""``invoke docs``: the tables of docs/reference.md and docs/install.md, generated
from the sources, and the scale table of docs/toolkit.md, from the recorded
bench run (docs/bench/scale.json, :mod:`maxkit.bench.record`); :data:`FILES`
says which tables each file holds.

Each table sits between ``<!-- generated: NAME -->`` and ``<!-- end generated -->``;
the text around them is written by hand. ``check`` names every table whose
committed text differs from what the sources give, so the docs cannot drift.
"""

from __future__ import annotations

import re
from pathlib import Path

from maxkit.bundle import load_bundle
from maxkit.docgen.evidence import evidence_table
from maxkit.docgen.payload import payload_table
from maxkit.docgen.tables import lint_rules_table, messages_table, settings_table
from maxkit.errors import MaxkitError

REFERENCE = Path("docs/reference.md")
INSTALL = Path("docs/install.md")
TOOLKIT = Path("docs/toolkit.md")
END = "<!-- end generated -->"
BLOCK = re.compile(
    r"(<!-- generated: ([a-z-]+) -->\n)(.*?)(" + re.escape(END) + ")", re.DOTALL
)


def tables(root: Path) -> dict[str, str]:
    """docs/reference.md's generated tables, by name."""
    bundle = load_bundle(root)
    return {
        "settings": settings_table(bundle),
        "payload": payload_table(bundle),
        "messages": messages_table(bundle),
        "lint-rules": lint_rules_table(),
    }


def install_tables(root: Path) -> dict[str, str]:
    """docs/install.md's generated table: the evidence (tools/maxkit/data)."""
    return {"evidence": evidence_table()}


def toolkit_tables(root: Path) -> dict[str, str]:
    """docs/toolkit.md's generated table: the recorded scale runs."""
    from maxkit.bench import record

    return {"bench-scale": record.docs_table(record.load(root))}


#: Each file with generated tables, and the function giving them by name.
FILES = {REFERENCE: tables, INSTALL: install_tables, TOOLKIT: toolkit_tables}


def render(
    text: str, generated: dict[str, str], path: Path = REFERENCE
) -> tuple[str, list[str]]:
    """``text`` (of ``path``) with each marked block replaced; the names of the
    blocks that changed."""
    found: list[str] = []
    changed: list[str] = []

    def replace(match: re.Match) -> str:
        name = match.group(2)
        if name not in generated:
            raise MaxkitError(f"{path}: no generated table is named {name!r}")
        found.append(name)
        body = generated[name] + "\n"
        if match.group(3) != body:
            changed.append(name)
        return match.group(1) + body + match.group(4)

    result = BLOCK.sub(replace, text)
    missing = [name for name in generated if name not in found]
    if missing:
        raise MaxkitError(f"{path} has no <!-- generated: {missing[0]} --> block")
    return result, changed


def _rendered(root: Path) -> list[tuple[Path, str, list[str]]]:
    """For each file: its path, its text with the tables replaced, the stale names."""
    result = []
    for relative, give in FILES.items():
        path = Path(root) / relative
        text, changed = render(
            path.read_text(encoding="utf-8"), give(Path(root)), relative
        )
        result.append((path, text, [f"{relative}: {name}" for name in changed]))
    return result


def stale(root: Path) -> list[str]:
    """The committed tables that differ from the sources, as ``file: name``."""
    return [name for _, _, changed in _rendered(root) for name in changed]


def write(root: Path) -> list[str]:
    """Write the generated tables into their files; the ``file: name`` that changed."""
    written = []
    for path, text, changed in _rendered(root):
        if changed:
            path.write_text(text, encoding="utf-8")
            written += changed
    return written


def command(root: Path, check: bool = False) -> str:
    """``invoke docs``: write the tables, or with ``check`` fail naming the stale ones."""
    if check:
        changed = stale(root)
        if changed:
            raise MaxkitError("docs: stale in " + "; ".join(changed))
        return "up to date: all"
    changed = write(root)
    return ("wrote: " if changed else "up to date: ") + "; ".join(changed or ["all"])
