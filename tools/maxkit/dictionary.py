"""Maximo's data dictionary as far as the bundle relies on it: one list.

The fake Maximo, the packager's column check and lint all read
``data/maximo.json``, so a column the bundle writes is checked against the
same facts everywhere. Required and persistent come from IBM's published
Maximo 7.6 data dictionary; maxtype and length are mostly recollection and
say so (``lengthNote``).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "maximo.json"


@dataclass(frozen=True)
class Attribute:
    name: str
    persistent: bool
    required: bool
    maxtype: str | None = None
    length: int | None = None
    note: str = ""


@dataclass(frozen=True)
class MaxObject:
    name: str
    unique_id: str | None
    primary_key: tuple[str, ...]
    attributes: dict[str, Attribute]

    @property
    def columns(self) -> set[str]:
        """The attributes that are database columns (persistent)."""
        return {a.name for a in self.attributes.values() if a.persistent}

    @property
    def required_columns(self) -> set[str]:
        """Columns a row must fill; the unique id is Maximo's to assign."""
        return {
            a.name
            for a in self.attributes.values()
            if a.persistent and a.required and a.name != self.unique_id
        }


def raw() -> dict:
    """The file as it is, for the fake runtime's world spec."""
    return json.loads(DATA.read_text(encoding="utf-8"))


@functools.cache
def data_dictionary() -> dict[str, MaxObject]:
    objects = {}
    for name, spec in raw()["objects"].items():
        attributes = {
            attr: Attribute(
                attr,
                info["persistent"],
                info["required"],
                info.get("maxtype"),
                info.get("length"),
                info.get("lengthNote", ""),
            )
            for attr, info in spec["attributes"].items()
        }
        objects[name] = MaxObject(
            name, spec.get("uniqueId"), tuple(spec.get("primaryKey") or ()), attributes
        )
    return objects


def flat_objects() -> dict[str, dict[str, dict]]:
    """{OBJECT: {ATTRIBUTE: info}}: the shape the fake Maximo reads."""
    return {name: dict(spec["attributes"]) for name, spec in raw()["objects"].items()}
