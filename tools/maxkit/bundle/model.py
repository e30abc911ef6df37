"""The bundle's parts, as read from scripts/, domains/ and dialogs/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The scriptConfig key of a property's shipped default. Naviam's deploy script
# (createOrUpdateProperty) writes ``initialPropValue`` only when the property's
# value row is new and ``propValue`` on every deploy; a default is set once,
# then the site owns the value (lint ML211 refuses ``propValue``).
DEFAULT_KEY = "initialPropValue"


def property_default(prop: dict) -> str | None:
    """The value a property starts with when the bundle creates it, or None."""
    value = prop.get(DEFAULT_KEY)
    return None if value is None else str(value)


@dataclass(frozen=True)
class Script:
    name: str
    path: Path
    source: str
    config: dict
    config_line: int

    @property
    def messages(self) -> list[dict]:
        return list(self.config.get("messages", []))

    @property
    def properties(self) -> list[dict]:
        return list(self.config.get("properties", []))

    @property
    def launch_points(self) -> list[dict]:
        return list(self.config.get("scriptLaunchPoints", []))


@dataclass(frozen=True)
class DomainValue:
    value: str
    description: str


@dataclass(frozen=True)
class Domain:
    domainid: str
    description: str
    domaintype: str
    maxtype: str
    length: int
    values: tuple[DomainValue, ...]
    path: Path


@dataclass(frozen=True)
class Attribute:
    name: str
    title: str
    remarks: str
    maxtype: str
    length: int
    domain: str | None
    persistent: bool


@dataclass(frozen=True)
class SigOption:
    name: str
    description: str
    wfaction: bool
    action: str | None


@dataclass(frozen=True)
class MenuEntry:
    sigoption: str
    label: str
    position: int
    subposition: int
    tabdisplay: str


@dataclass(frozen=True)
class SectionField:
    attribute: str
    rows: int | None = None
    columns: int | None = None


@dataclass(frozen=True)
class Section:
    """A read-only section merged into a tab of the application."""

    tab: str
    id: str
    label: str
    fields: tuple[SectionField, ...]


@dataclass(frozen=True)
class SavedQuery:
    """A public saved query of the application (a QUERY row)."""

    name: str
    owner: str
    description: str
    clause: str


@dataclass(frozen=True)
class DialogSupport:
    app: str
    object: str
    dialog: str
    attributes: tuple[Attribute, ...]
    sigoptions: tuple[SigOption, ...]
    menus: tuple[MenuEntry, ...]
    path: Path
    sections: tuple[Section, ...] = ()
    queries: tuple[SavedQuery, ...] = ()


@dataclass(frozen=True)
class Dialog:
    id: str
    path: Path
    support: DialogSupport


@dataclass
class Bundle:
    root: Path
    scripts: dict[str, Script] = field(default_factory=dict)
    domains: dict[str, Domain] = field(default_factory=dict)
    dialogs: dict[str, Dialog] = field(default_factory=dict)

    def messages(self) -> list[dict]:
        return [m for s in self.scripts.values() for m in s.messages]

    def properties(self) -> list[dict]:
        return [p for s in self.scripts.values() for p in s.properties]

    def attributes(self, object_name: str) -> list[Attribute]:
        return [
            a
            for d in self.dialogs.values()
            if d.support.object == object_name
            for a in d.support.attributes
        ]
