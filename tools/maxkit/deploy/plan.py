"""The plan: what the server has against what the bundle wants, per object.

Everything is read before anything is written, so a wrong key, a missing
object structure or missing access stops deploy with no write at all.
``--uninstall`` plans the other way: each record the bundle adds, found by
its own key (never a search that could catch a site's record of the same
kind), in reverse order, and the application's presentation with only the
bundle's dialogs and sections taken out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from maxkit.bundle.records import SCRIPT_LOGGER_KEY, deploy_records
from maxkit.bundle.structures import DEPLOY_ORDER, KINDS
from maxkit.deploy import screens
from maxkit.deploy.compare import Change, check_answer, differences, select_clause
from maxkit.deploy.errors import DeployError


@dataclass
class Step:
    kind: str
    structure: str
    want: dict
    have: dict | None
    changes: list[Change] = field(default_factory=list)
    uninstall: bool = False
    kept: str = ""  # --uninstall: why a record stays

    @property
    def remove(self) -> bool:
        """--uninstall deletes the record; the presentation is only edited."""
        return self.uninstall and self.kind != "presentation"

    @property
    def key(self) -> dict:
        spec = KINDS[self.kind]
        return dict(zip(spec.key, spec.key_of(self.want)))

    @property
    def label(self) -> str:
        return KINDS[self.kind].label(self.want)

    @property
    def action(self) -> str:
        if self.kept:
            return "kept"
        if self.remove:
            return "delete" if self.have is not None else "absent"
        if self.have is None:
            return "create"
        return "update" if self.changes else "unchanged"


# Actions that send nothing.
IDLE = ("unchanged", "absent", "kept")


def targets(bundle, settings, uninstall=False) -> list[tuple[str, str, dict]]:
    """(kind, object structure, record) in the order they must be written
    (reversed for --uninstall: nothing is removed while something that
    names it is still there)."""
    records = deploy_records(bundle, settings)
    order = tuple(reversed(DEPLOY_ORDER)) if uninstall else DEPLOY_ORDER
    return [
        (kind, settings.object_structures[kind], record)
        for kind in order
        for record in records[kind]
    ]


def read_record(client, kind: str, structure: str, want: dict) -> dict | None:
    """The server's record for ``want`` (None when it has none), checked to
    have a shape deploy can read (compare.check_answer)."""
    spec = KINDS[kind]
    key = dict(zip(spec.key, spec.key_of(want)))
    have = client.find(structure, key, select_clause(kind))
    check_answer(kind, structure, want, have)
    return have


def read_plan(client, bundle, settings, uninstall=False) -> list[Step]:
    steps = []
    parents: dict[str, object] = {}
    for kind, structure, want in targets(bundle, settings, uninstall):
        have = read_record(client, kind, structure, want)
        if kind == "presentation":
            want = _presentation(bundle, structure, want, have, uninstall)
            change = differences(kind, want, have)
            steps.append(Step(kind, structure, want, have, change, uninstall))
            continue
        if uninstall:
            kept = ""
            if kind == "domain" and have is not None:
                kept = _domain_users(client, settings, want)
            steps.append(Step(kind, structure, want, have, [], True, kept))
            continue
        if kind == "logger":
            want = {
                **want,
                "parentloggerid": _parent_logger(client, structure, parents),
            }
        steps.append(Step(kind, structure, want, have, differences(kind, want, have)))
    return steps


def _presentation(bundle, structure, want, have, uninstall) -> dict:
    """MAXPRESENTATION as it must be: the server's XML with the bundle's
    parts merged in (or, for --uninstall, taken out). An application with no
    presentation cannot take a dialog: stop before any write."""
    app = want["app"]
    if have is None or not have.get("presentation"):
        raise DeployError(
            f"{structure} has no presentation for application {app}; the dialog"
            f" goes into {app}'s screens: check that {structure} reads MAXPRESENTATION"
            " (see docs/install.md, object structures)"
        )
    change = screens.removed if uninstall else screens.merged
    return {"app": app, "presentation": change(bundle, app, have["presentation"])}


def _parent_logger(client, structure: str, cache: dict):
    """MAXLOGGERID of Maximo's automation script logger, each script logger's
    parent (PARENTLOGGERID; the DBC reads the same row)."""
    if "id" not in cache:
        parent = client.find(structure, {"logkey": SCRIPT_LOGGER_KEY}, "*")
        if parent is None or parent.get("maxloggerid") in (None, ""):
            raise DeployError(
                f"{structure} has no logger {SCRIPT_LOGGER_KEY} (Maximo's autoscript"
                " logger, the parent of each script's logger); check the Logging"
                f" application, or that {structure} reads MAXLOGGER"
            )
        cache["id"] = parent["maxloggerid"]
    return cache["id"]


def _domain_users(client, settings, domain: dict) -> str:
    """Why a domain cannot be removed yet: the attributes that still use it
    (Maximo refuses to delete a domain an attribute names)."""
    structure = settings.object_structures["attribute"]
    users = client.find_all(
        structure, {"domainid": domain["domainid"]}, "objectname,attributename"
    )
    names = sorted(f"{u.get('objectname')}.{u.get('attributename')}" for u in users)
    if not names:
        return ""
    return (
        "still used by " + ", ".join(names) + ": remove the attributes with the"
        " customization archive's uninstall first (docs/install.md), then run"
        " --uninstall again"
    )


def _values(record: dict | None) -> dict[str, str]:
    rows = (record or {}).get("maxpropvalue") or []
    return {
        str(r.get("servername", "")).upper(): str(r.get("propvalue") or "")
        for r in rows
    }


def property_detail(step: Step) -> str:
    """How deploy treats an existing property's value: never written again.

    "kept: changed on the server" when the site's value is not the shipped
    default (no value is printed: a masked property's would be a secret).
    """
    if _values(step.have) != _values(step.want):
        return "kept: changed on the server"
    return ""


def property_changes(steps: list[Step]) -> list[str]:
    """The properties this deploy creates or updates: Manage's MAXPROP cache
    must be reloaded before the scripts see them."""
    return [s.label for s in steps if s.kind == "property" and s.action != "unchanged"]


CHILD_LINES = (
    ("autoscriptvars", "varname", "variable"),
    ("scriptlaunchpoint", "launchpointname", "launch point"),
)


def _child_lines(step: Step) -> list[tuple[str, str, str]]:
    """(action, noun, name) for a script's variables and launch points."""
    lines = []
    for name, key, noun in CHILD_LINES:
        have = {str(r.get(key, "")).upper() for r in (step.have or {}).get(name) or []}
        want = {str(r[key]).upper(): r for r in step.want.get(name, [])}
        prefix = f"{step.label} {name} "
        changed = {
            c.path[len(prefix) :].split(" ")[0]
            for c in step.changes
            if c.path.startswith(prefix)
        }
        for id_, row in want.items():
            action = "create" if id_ not in have else "unchanged"
            if id_ in have and id_ in changed:
                action = "update"
            lines.append((action, noun, f"{step.label}.{row[key]}"))
        lines += [("delete", noun, f"{step.label}.{i}") for i in have if i not in want]
    return lines


# What a delete takes with it, in the same request ([I] Maximo deletes an
# object structure's children with its main record).
REMOVED_WITH = {
    "script": "with its variables and launch points",
    "crontask": "with its instances and their parameters",
    "sigoption": "with its flags",
    "property": "with its value",
    "domain": "with its values",
}


def plan_lines(steps: list[Step]) -> list[tuple[str, str, str, str]]:
    """(action, noun, name, detail) per object; a script's children follow it."""
    lines = []
    for step in steps:
        detail = ""
        if step.kept:
            detail = step.kept
        elif step.action == "update" and step.kind == "presentation":
            detail = "the bundle's dialogs and sections " + (
                "taken out" if step.uninstall else "merged in"
            )
        elif step.action == "update":
            detail = "; ".join(str(c) for c in step.changes)
        elif step.action == "delete":
            detail = REMOVED_WITH.get(step.kind, "")
        elif step.kind == "property" and step.have is not None:
            detail = property_detail(step)
        elif step.kind == "crontask" and step.have is not None:
            detail = "instances kept: the site's schedule, SCRIPTARG and run-as user"
        lines.append((step.action, step.kind, step.label, detail))
        if step.kind == "script" and not step.uninstall:
            for action, noun, name in _child_lines(step):
                detail = "" if action == "unchanged" else "in the script's request"
                lines.append((action, noun, name, detail))
    return lines
