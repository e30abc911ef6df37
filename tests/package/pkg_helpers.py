"""Readers for the package's files, written apart from the writers.

A round trip then compares two independent views of the same data.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
NS = "{http://www.ibm.com/maximo}"
# Maximo's own published definitions, beside the clone in CI (never copied
# into the project); a user's clone has none, and the tests using them skip.
REFERENCE = ROOT.parent / "shared" / "reference" / "maximo"


def stock_dtd() -> Path | None:
    """IBM's stock script.dtd: MAXKIT_STOCK_DTD, else ../shared's copy, else None."""
    named = os.environ.get("MAXKIT_STOCK_DTD")
    path = Path(named) if named else REFERENCE / "script.dtd"
    return path if path.is_file() else None


def read_mif(data: bytes) -> tuple[str, list[dict]]:
    """(structure, main records) of a Sync message; leaves as text, children as lists."""
    root = etree.fromstring(data)
    assert root.tag.startswith(NS + "Sync")
    structure = root.tag[len(NS) + 4 :]
    (record_set,) = root
    assert record_set.tag == f"{NS}{structure}Set"

    def element_to_dict(element) -> dict:
        out: dict = {}
        for child in element:
            name = child.tag[len(NS) :].lower()
            if len(child):
                out.setdefault(name, []).append(element_to_dict(child))
            else:
                out[name] = child.text or ""
        return out

    return structure, [element_to_dict(e) for e in record_set]


def as_mif_text(record: dict) -> dict:
    """A record as MIF writes it: text values, 1/0 booleans, no empty child lists."""
    out = {}
    for name, value in record.items():
        if isinstance(value, list):
            if value:
                out[name] = [as_mif_text(v) for v in value]
        elif isinstance(value, bool):
            out[name] = "1" if value else "0"
        elif value is not None:
            out[name] = str(value)
    return out


def column_value(element):
    """The value one DBC ``columnvalue`` states, as Python (str, bool or int)."""
    if element.get("boolean") is not None:
        return element.get("boolean") == "true"
    if element.get("number") is not None:
        return int(element.get("number"))
    return element.get("string")


def dbc_rows(dbc, table: str) -> list[dict]:
    """Every row the DBC inserts into ``table``, column -> value."""
    return [
        {c.get("column"): column_value(c) for c in row}
        for insert in dbc.iter("insert")
        if insert.get("table") == table
        for row in insert
    ]


def copy_bundle(target: Path) -> Path:
    for name in ("scripts", "domains", "dialogs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target
