"""Comparing what the bundle wants with what the server has.

Only the attributes the bundle states are compared (the server adds ids,
rowstamps, hrefs and defaults of its own). Children are matched by their
key; a child on the server that the bundle no longer has is a change too,
removed in the same request with ``_action: Delete``. A system property's
value, and a cron task's instances, belong to the site once they exist, so
they are set on create and never compared or overwritten afterwards: a
redeploy never turns off a cron task an administrator turned on.
"""

from __future__ import annotations

from dataclasses import dataclass

from maxkit.bundle.structures import KINDS, Child
from maxkit.deploy.errors import DeployError

# Set on create, then the site's: a property's value; a cron task's instances
# (schedule, SCRIPTARG, run-as user, and whether it is active).
SITE_OWNED = {"property": ("maxpropvalue",), "crontask": ("crontaskinstance",)}


@dataclass(frozen=True)
class Change:
    path: str
    what: str  # "create", "update", "delete"
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.what == "update":
            return f"{self.path}: {', '.join(self.fields)}"
        return f"{self.path}: {self.what}"


def _same(want, have) -> bool:
    if isinstance(want, str) and isinstance(have, str):
        return want.replace("\r\n", "\n") == have.replace("\r\n", "\n")
    if isinstance(want, bool) or isinstance(have, bool):
        return bool(want) == (have in (True, 1, "1", "true", "Y"))
    if isinstance(want, int) and isinstance(have, (str, float)):
        return str(want) == str(have).split(".")[0]
    if want in ("", None) and have in ("", None):
        return True
    return want == have


def _key(child: Child, row: dict) -> tuple:
    return tuple(str(row.get(k, "")).upper() for k in child.key)


def _diff(
    path: str, want: dict, have: dict, children: tuple[Child, ...], skip=()
) -> list[Change]:
    by_name = {c.name: c for c in children}
    fields = tuple(
        name
        for name, value in want.items()
        if name not in by_name and name not in skip and not _same(value, have.get(name))
    )
    changes = [Change(path, "update", fields)] if fields else []
    for name, child in by_name.items():
        if name in skip:
            continue
        theirs = {_key(child, row): row for row in have.get(name, []) or []}
        ours = {_key(child, row): row for row in want.get(name, [])}
        for key, row in ours.items():
            label = f"{path} {child.object.lower()} {'.'.join(key)}"
            if key not in theirs:
                changes.append(Change(label, "create"))
            else:
                changes += _diff(label, row, theirs[key], child.children)
        for key in theirs:
            if key not in ours:
                changes.append(
                    Change(f"{path} {child.object.lower()} {'.'.join(key)}", "delete")
                )
    return changes


def _shape(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _wrong(structure: str, label: str, field: str, expected: str, value):
    raise DeployError(
        f"{structure} {label}: Manage answered {_shape(value)} for {field}, where"
        f" {expected} belongs; deploy stops here (this object's structure on the"
        " server is not what its REST answer should be: check the object"
        " structure's children in Manage)"
    )


def _check(structure, label, prefix, want, have, children, skip=()) -> None:
    """Raise at the first field of ``have`` (at ``prefix``) deploy cannot read."""
    by_name = {c.name: c for c in children}
    for name, value in want.items():
        if name not in by_name and name not in skip:
            if isinstance(have.get(name), (dict, list)):
                _wrong(structure, label, prefix + name, "a value", have[name])
    for name, child in by_name.items():
        rows = have.get(name)
        if name in skip or rows is None:  # absent or null: no rows
            continue
        if not isinstance(rows, list):
            _wrong(structure, label, prefix + name, "a list of records", rows)
        ours = {_key(child, row): row for row in want.get(name, [])}
        for index, row in enumerate(rows):
            where = f"{prefix}{name}[{index}]"
            if not isinstance(row, dict):
                _wrong(structure, label, where, "a record (an object)", row)
            for field in child.key:
                value = row.get(field)
                if not isinstance(value, (str, int)) or isinstance(value, bool):
                    _wrong(structure, label, f"{where}.{field}", "a key value", value)
            mine = ours.get(_key(child, row), {})
            _check(structure, label, where + ".", mine, row, child.children)


def check_answer(kind: str, structure: str, want: dict, have) -> None:
    """Raise DeployError, naming the object and the field, when a record read
    from the server has a shape deploy cannot read: not an object, a child
    collection that is not a list of records, a child without its key, an
    object or a list where the bundle states a value, an href that is not a
    text. A null or absent field counts as empty, as Maximo leaves empty
    fields out of its answers."""
    label = KINDS[kind].label(want)
    if have is None:
        return
    if not isinstance(have, dict):
        _wrong(structure, label, "the record", "an object", have)
    if have.get("href") is not None and not isinstance(have["href"], str):
        _wrong(structure, label, "href", "a link (a text)", have["href"])
    spec = KINDS[kind]
    _check(structure, label, "", want, have, spec.children, SITE_OWNED.get(kind, ()))


def differences(kind: str, want: dict, have: dict | None) -> list[Change]:
    """What must change on the server; empty when it already matches."""
    label = KINDS[kind].label(want)
    if have is None:
        return [Change(label, "create")]
    return _diff(label, want, have, KINDS[kind].children, SITE_OWNED.get(kind, ()))


def _with_deletes(want: dict, have: dict, children: tuple[Child, ...], skip=()) -> dict:
    body = {k: v for k, v in want.items() if k not in skip}
    for child in children:
        if child.name in skip or child.name not in want:
            continue
        theirs = {_key(child, row): row for row in have.get(child.name, []) or []}
        rows = []
        for row in want[child.name]:
            match = theirs.get(_key(child, row))
            rows.append(_with_deletes(row, match, child.children) if match else row)
        ours = {_key(child, row) for row in want[child.name]}
        for key, row in theirs.items():
            if key not in ours:
                rows.append({**{k: row.get(k) for k in child.key}, "_action": "Delete"})
        body[child.name] = rows
    return body


def update_body(kind: str, want: dict, have: dict) -> dict:
    """A MERGE patch that makes ``have`` equal ``want`` in one request."""
    return _with_deletes(want, have, KINDS[kind].children, SITE_OWNED.get(kind, ()))


def select_clause(kind: str) -> str:
    """``*,child{*,grandchild{*}}``: main attributes and every child we compare."""

    def nested(children) -> str:
        return "".join(f",{c.name}{{*{nested(c.children)}}}" for c in children)

    return "*" + nested(KINDS[kind].children)
