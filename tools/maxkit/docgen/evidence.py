"""The evidence table of docs/install.md, from tools/maxkit/data/evidence.toml.

Every Maximo and MAS behaviour the bundle relies on is one entry of data: the
rule, its public source, its mark ([V] read in the source, [I] inferred) and
the tests that pin it. The table is generated so that a rule cannot lose its
mark or its tests on the way to the page; tests/docs/test_evidence.py checks
that each named test exists and that every rule of the fake's business-object
layer (maxfake.business) has its entry.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from maxkit.errors import MaxkitError

EVIDENCE = Path(__file__).resolve().parent.parent / "data" / "evidence.toml"
MARKS = {"V": "[V]", "I": "[I]"}
REQUIRED = ("area", "rule", "source", "mark", "tests")
KNOWN = set(REQUIRED) | {"why_untested", "fake"}


def load_evidence(path: Path = EVIDENCE) -> list[dict]:
    """The entries, checked: a malformed one is an error naming it."""
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("entry", [])
    for number, entry in enumerate(entries, 1):
        where = f"{path.name} entry {number} ({entry.get('rule', '?')[:40]!r})"
        missing = [key for key in REQUIRED if key not in entry]
        unknown = sorted(set(entry) - KNOWN)
        if missing:
            raise MaxkitError(f"{where}: missing {missing}")
        if unknown:
            raise MaxkitError(f"{where}: unknown {unknown}")
        if entry["mark"] not in MARKS:
            raise MaxkitError(f"{where}: mark must be V or I, not {entry['mark']!r}")
        if not entry["tests"] and not entry.get("why_untested", "").strip():
            raise MaxkitError(f"{where}: no tests and no why_untested")
        if entry["tests"] and "why_untested" in entry:
            raise MaxkitError(f"{where}: why_untested beside tests")
    return entries


def _text(value: str) -> str:
    """One table cell: line breaks read as spaces, pipes escaped."""
    return re.sub(r"\s+", " ", value).strip().replace("|", "\\|")


def _pinned(entry: dict) -> str:
    parts = [f"`{test}`" for test in entry["tests"]]
    if not parts:
        parts = ["untested: " + entry["why_untested"].strip()]
    parts += [f"fake: `{rule}`" for rule in entry.get("fake", [])]
    return _text("<br>".join(parts))


def evidence_table(entries: list[dict] | None = None) -> str:
    """The Markdown table; an area is named on its first row only."""
    rows = [
        "| area | behaviour the bundle relies on | source | mark | pinned by |",
        "|---|---|---|---|---|",
    ]
    previous = None
    for entry in load_evidence() if entries is None else entries:
        area = entry["area"] if entry["area"] != previous else ""
        previous = entry["area"]
        cells = [
            _text(area),
            _text(entry["rule"]),
            _text(entry["source"]),
            MARKS[entry["mark"]],
            _pinned(entry),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)
