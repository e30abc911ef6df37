"""The plan: what the server has against what the bundle wants, per object.

Everything is read before anything is written, so a wrong key, a missing
object structure or missing access stops deploy with no write at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from maxkit.deploy.compare import Change, check_answer, differences, select_clause
from maxkit.bundle.records import bundle_records
from maxkit.bundle.structures import KINDS, ORDER


@dataclass
class Step:
    kind: str
    structure: str
    want: dict
    have: dict | None
    changes: list[Change] = field(default_factory=list)

    @property
    def key(self) -> dict:
        spec = KINDS[self.kind]
        return dict(zip(spec.key, spec.key_of(self.want)))

    @property
    def label(self) -> str:
        return KINDS[self.kind].label(self.want)

    @property
    def action(self) -> str:
        if self.have is None:
            return "create"
        return "update" if self.changes else "unchanged"


def targets(bundle, settings) -> list[tuple[str, str, dict]]:
    """(kind, object structure, record) in the order they must be written."""
    records = bundle_records(bundle, settings)
    return [
        (kind, settings.object_structures[kind], record)
        for kind in ORDER
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


def read_plan(client, bundle, settings) -> list[Step]:
    steps = []
    for kind, structure, want in targets(bundle, settings):
        have = read_record(client, kind, structure, want)
        steps.append(Step(kind, structure, want, have, differences(kind, want, have)))
    return steps


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


def plan_lines(steps: list[Step]) -> list[tuple[str, str, str, str]]:
    """(action, noun, name, detail) per object; a script's children follow it."""
    lines = []
    for step in steps:
        detail = ""
        if step.action == "update":
            detail = "; ".join(str(c) for c in step.changes)
        elif step.kind == "property" and step.have is not None:
            detail = "value kept: the site's setting"
        elif step.kind == "crontask" and step.have is not None:
            detail = "instances kept: the site's schedule, SCRIPTARG and run-as user"
        lines.append((step.action, step.kind, step.label, detail))
        if step.kind == "script":
            for action, noun, name in _child_lines(step):
                detail = "" if action == "unchanged" else "in the script's request"
                lines.append((action, noun, name, detail))
    return lines
