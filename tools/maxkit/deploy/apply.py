"""Applying the plan: one request per object, each read back and checked.

--uninstall applies a plan of deletes the same way: one DELETE per record
(a script goes with its variables and launch points, a cron task definition
with its instance and parameters, in Maximo's one transaction), read back
to check it is gone.

A script travels with its variables and launch points in ONE request
(variables first, as Maximo needs them to bind launch point variables), so
Maximo saves all of it or none of it: a failure can never leave a script
stripped of its launch points, the flaw of deploy tools that delete the
children, save, and re-add them. Objects are written in dependency order
(domains, properties, messages, library scripts, launch point scripts) and
deploy stops at the first failure. After a failure the object is read again
to say exactly what the server now holds: as before, as intended (the
answer was lost but the save happened, so deploy goes on) or neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from maxkit.deploy.compare import differences, update_body
from maxkit.deploy.errors import DeployError
from maxkit.deploy.plan import IDLE, Step, read_record

IGNORED = ("href", "localref")


@dataclass
class Outcome:
    step: Step
    result: str  # "done", "failed", "not attempted"
    state: str = ""  # "as intended", "as before", "changed otherwise", "unknown"
    detail: str = ""


def _strip(value):
    if isinstance(value, dict):
        return {
            k: _strip(v)
            for k, v in value.items()
            if not k.startswith("_") and k not in IGNORED
        }
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _read(client, step: Step):
    return read_record(client, step.kind, step.structure, step.want)


def _left(step: Step, now) -> list:
    """What still differs from the plan's intent once ``now`` is read back."""
    if step.remove:
        return [] if now is None else [f"{step.label} is still there"]
    return differences(step.kind, step.want, now)


def _settle(client, step: Step) -> str:
    """What the server holds for ``step`` after a failed or unanswered write."""
    try:
        now = _read(client, step)
    except DeployError:
        return "unknown"
    if not _left(step, now):
        return "as intended"
    if step.have is None:
        return "as before" if now is None else "changed otherwise"
    return "as before" if _strip(now) == _strip(step.have) else "changed otherwise"


def _write(client, step: Step) -> None:
    if step.have is None:
        client.create(step.structure, step.want)
        return
    href = step.have.get("href")
    if not href:
        raise DeployError(
            f"{step.structure} gave no href for {step.label}; is the"
            " object structure's REST access (lean JSON) enabled?"
        )
    if step.remove:
        client.delete(step.structure, href)
    else:
        client.update(
            step.structure, href, update_body(step.kind, step.want, step.have)
        )


def apply_plan(client, steps: list[Step], progress) -> list[Outcome]:
    """Write every step that needs it; return one outcome per written step."""
    pending = [s for s in steps if s.action not in IDLE]
    outcomes: list[Outcome] = []
    for number, step in enumerate(pending, 1):
        progress(
            f"[{number}/{len(pending)}] {step.action} {step.kind} {step.label} ..."
        )
        try:
            _write(client, step)
        except DeployError as error:
            state = _settle(client, step)
            if state == "as intended":
                outcomes.append(
                    Outcome(
                        step, "done", state, f"answer lost ({error}); read back: saved"
                    )
                )
                progress(
                    "    done: the answer was lost, but the server has it as intended"
                )
                continue
            outcomes.append(Outcome(step, "failed", state, str(error)))
            progress(f"    FAILED; on the server it is now {state}")
            break
        try:
            now = _read(client, step)
        except DeployError as error:
            outcomes.append(
                Outcome(
                    step,
                    "failed",
                    "unknown",
                    f"written, but reading it back failed: {error}",
                )
            )
            progress("    FAILED to read it back")
            break
        left = _left(step, now)
        if left:
            outcomes.append(
                Outcome(
                    step,
                    "failed",
                    "changed otherwise",
                    "written, but the server holds something else: "
                    + "; ".join(str(c) for c in left),
                )
            )
            progress("    FAILED verification")
            break
        outcomes.append(Outcome(step, "done", "as intended"))
        progress("    done, verified")
    for step in pending[len(outcomes) :]:
        outcomes.append(Outcome(step, "not attempted"))
    return outcomes
