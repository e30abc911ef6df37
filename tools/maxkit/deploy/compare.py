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
