"""The stand-in's data: records per object structure, changed atomically.

Maximo processes one object-structure request in one transaction: either
the main record and all its children are saved, or nothing is. The store
mirrors that by applying a request to a copy and swapping it in only when
every rule passed. The rules are the ones that bite deploy tools: a launch
point variable needs its script variable, an ACTION launch point needs its
action name, a domain value must fit the domain's length.
"""

from __future__ import annotations

import base64
import copy
import itertools
import threading
from dataclasses import dataclass, field

from maxkit.bundle.settings import DEFAULT_OBJECT_STRUCTURES
from maxkit.bundle.structures import KINDS, Kind
from maxkit.package.columns import record_problems


class StoreError(Exception):
    """A request Maximo would refuse; carries the HTTP status and reason code."""

    def __init__(self, status: int, reason: str, message: str):
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message


# The object structures deploy uses (lower-case, as in REST paths), with the
# keys and children the bundle model gives them: every kind deploy reads or
# writes, so a kind added to the model is served here too. A kind sent
# through another kind's structure (``setting``: the package's script logger
# tree) is not deploy's: the structure serves the kind it is named after.
STRUCTURES = {
    DEFAULT_OBJECT_STRUCTURES[kind].lower(): spec
    for kind, spec in KINDS.items()
    if not spec.setting
}
KIND_OF = {structure: spec.kind for structure, spec in STRUCTURES.items()}


def resource_id(key: tuple) -> str:
    raw = "/".join(str(k) for k in key).encode("utf-8")
    return "_" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _key(definition, record: dict) -> tuple:
    return tuple(record.get(k) for k in definition.key)


def _merge_children(definition, current: list, given: list, merge: bool) -> list:
    result = {_key(definition, row): row for row in current} if merge else {}
    old = {_key(definition, row): row for row in current}
    for row in given:
        key = _key(definition, row)
        if row.get("_action", "").lower() == "delete":
            result.pop(key, None)
            continue
        base = copy.deepcopy(old.get(key, {})) if key in old else {}
        result[key] = _apply(definition, base, row, merge)
    return list(result.values())


def _apply(definition, base: dict, given: dict, merge: bool) -> dict:
    children = {c.name: c for c in definition.children}
    for attribute, value in given.items():
        if attribute.startswith("_") or attribute == "href":
            continue
        if attribute in children:
            base[attribute] = _merge_children(
                children[attribute], base.get(attribute, []), value, merge
            )
        else:
            base[attribute] = value
    for child in definition.children:
        base.setdefault(child.name, [])
    return base


def _required(record: dict, attribute: str, where: str):
    if record.get(attribute) in (None, ""):
        raise StoreError(
            400,
            "BMXAA4195E",
            f"BMXAA4195E - A value is required for the {attribute.upper()} field"
            f" on the {where} object.",
        )


def _known_attributes(structure: str, record: dict):
    """Every attribute a body names must be one of its object's in Maximo's
    data dictionary (tools/maxkit/data/maximo.json), children included: the
    business objects refuse one they do not have."""
    problems = record_problems(KIND_OF[structure], record, structure.upper())
    if problems:
        raise StoreError(400, "SIM0007E", "SIM0007E - " + "; ".join(problems) + ".")


def _check(structure: str, record: dict):
    if structure == "mxscript":
        names = {v.get("varname", "").upper() for v in record["autoscriptvars"]}
        for lp in record["scriptlaunchpoint"]:
            _required(lp, "launchpointtype", "SCRIPTLAUNCHPOINT")
            if lp.get("launchpointtype") == "ACTION":
                _required(lp, "actionname", "SCRIPTLAUNCHPOINT")
            for var in lp.get("launchpointvars", []):
                if var.get("varname", "").upper() not in names:
                    raise StoreError(
                        400,
                        "SIM0001E",
                        "A launch point variable has been defined, but there are"
                        f" no script variables named {var.get('varname')}.",
                    )
    if structure == "mxapicrontaskdef":
        _required(record, "classname", "CRONTASKDEF")
        for instance in record["crontaskinstance"]:
            for attribute in ("schedule", "runasuserid"):
                _required(instance, attribute, "CRONTASKINSTANCE")
    if structure == "mxapidomain":
        for value in record["alndomain"]:
            if len(value.get("value", "")) > int(record.get("length") or 0):
                raise StoreError(
                    400,
                    "SIM0002E",
                    f"Value {value.get('value')} is longer than the domain length"
                    f" {record.get('length')}.",
                )


def _clean(body: dict) -> dict:
    """A body without the JSON API's own members (``_action``, ``href``)."""
    if isinstance(body, dict):
        return {
            k: _clean(v)
            for k, v in body.items()
            if not k.startswith("_") and k != "href"
        }
    if isinstance(body, list):
        return [_clean(v) for v in body]
    return body


def _domain_unused(records: dict, domain: dict) -> None:
    """[I] Maximo keeps a domain while an attribute names it (Database
    Configuration refuses to delete it): the stand-in refuses the same."""
    users = [
        f"{a.get('objectname')}.{a.get('attributename')}"
        for a in records[DEFAULT_OBJECT_STRUCTURES["attribute"].lower()].values()
        if str(a.get("domainid", "")).upper() == str(domain.get("domainid")).upper()
    ]
    if users:
        raise StoreError(
            400,
            "SIM0008E",
            f"SIM0008E - Domain {domain.get('domainid')} is used by"
            f" {', '.join(sorted(users))} and cannot be deleted.",
        )


@dataclass
class Store:
    """Thread-safe records by structure and resource id."""

    records: dict = field(default_factory=lambda: {s: {} for s in STRUCTURES})
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def definition(self, structure: str) -> Kind:
        try:
            return STRUCTURES[structure]
        except KeyError:
            raise StoreError(
                404,
                "BMXAA9301E",
                f"BMXAA9301E - The object structure {structure.upper()} is not"
                " found or is not available.",
            ) from None

    def find(self, structure: str, where: dict) -> list[tuple[str, dict]]:
        self.definition(structure)
        with self._lock:
            return [
                (rid, copy.deepcopy(r))
                for rid, r in sorted(self.records[structure].items())
                if all(str(r.get(k)) == v for k, v in where.items())
            ]

    def get(self, structure: str, rid: str) -> dict:
        self.definition(structure)
        with self._lock:
            if rid not in self.records[structure]:
                raise StoreError(
                    404,
                    "BMXAA8727E",
                    f"BMXAA8727E - The OSLC resource {structure.upper()} with the ID"
                    f" {rid} was not found as it does not exist in the system.",
                )
            return copy.deepcopy(self.records[structure][rid])

    def create(self, structure: str, body: dict) -> str:
        definition = self.definition(structure)
        _known_attributes(structure, _clean(body))
        record = _apply(definition, {}, body, merge=False)
        for attribute in definition.key:
            _required(record, attribute, structure.upper())
        _check(structure, record)
        rid = resource_id(_key(definition, record))
        with self._lock:
            if rid in self.records[structure]:
                raise StoreError(
                    400,
                    "BMXAA4129E",
                    f"BMXAA4129E - Record already exists for {structure.upper()}"
                    f" {'/'.join(map(str, _key(definition, record)))}.",
                )
            record["_rowstamp"] = str(next(self._ids))
            self.records[structure][rid] = record
        return rid

    def update(self, structure: str, rid: str, body: dict, merge: bool) -> None:
        definition = self.definition(structure)
        _known_attributes(structure, _clean(body))
        with self._lock:
            if rid not in self.records[structure]:
                raise StoreError(
                    404, "BMXAA8727E", f"BMXAA8727E - {rid} does not exist."
                )
            updated = _apply(
                definition, copy.deepcopy(self.records[structure][rid]), body, merge
            )
            if _key(definition, updated) != _key(
                definition, self.records[structure][rid]
            ):
                raise StoreError(400, "SIM0003E", "The key attributes cannot change.")
            _check(structure, updated)
            updated["_rowstamp"] = str(next(self._ids))
            self.records[structure][rid] = updated

    def delete(self, structure: str, rid: str) -> None:
        """The record and its children, in one transaction; refused as
        Maximo refuses it (a domain an attribute still names)."""
        self.definition(structure)
        with self._lock:
            if rid not in self.records[structure]:
                raise StoreError(
                    404, "BMXAA8727E", f"BMXAA8727E - {rid} does not exist."
                )
            record = self.records[structure][rid]
            if structure == DEFAULT_OBJECT_STRUCTURES["domain"].lower():
                _domain_unused(self.records, record)
            del self.records[structure][rid]

    def snapshot(self) -> dict:
        """Every record of every structure, for before/after comparisons."""
        with self._lock:
            return copy.deepcopy(self.records)

    def put(self, structure: str, record: dict) -> str:
        """Seed a record directly (a server that already has something)."""
        return self.create(structure, record)
