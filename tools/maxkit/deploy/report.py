"""What deploy prints: the plan, then exactly what was done.

Plain aligned text, one line per object, so an administrator can paste it
into a change ticket; the API key never reaches these functions.
"""

from __future__ import annotations

from collections import Counter

from maxkit.deploy.apply import Outcome
from maxkit.deploy.plan import Step, plan_lines

NOT_BY_REST = (
    "Not deployed over REST (use the DBC route in IMPORT.md): the dialog's PERSON"
    " attributes, signature options and WFACTION flag, the Select Action entry,"
    " the grants, the script loggers (autoscript.<SCRIPT> at INFO; or add them"
    " in the Logging application); the dialog itself is imported in Application"
    " Designer."
)


def cache_reload_lines(outcomes: list[Outcome]) -> list[str]:
    """The step that makes written properties visible to the running scripts.

    Manage serves system properties from its MAXPROP cache; Naviam's deploy
    script reloads it after each property it writes, from inside Manage
    (``MXServer.reloadMaximoCache("MAXPROP", name, true)``). No public REST
    call to do the same is known, so deploy names the step instead.
    """
    names = [
        o.step.label
        for o in outcomes
        if o.step.kind == "property" and o.result == "done"
    ]
    if not names:
        return []
    return [
        f"Reload the system properties cache: {len(names)} propert"
        + ("y was" if len(names) == 1 else "ies were")
        + " written, and the scripts read Manage's cached values. In System"
        " Properties, filter on masuser, select "
        + ", ".join(names)
        + ", then Live Refresh (or restart the Manage server bundles)."
    ]


def format_plan(steps: list[Step], url: str, title: str) -> list[str]:
    lines = [f"Plan for {url} ({title}):"]
    rows = plan_lines(steps)
    for action, noun, name, detail in rows:
        text = f"  {action:<10} {noun:<13} {name}"
        lines.append(text + (f"  ({detail})" if detail else ""))
    counts = Counter(s.action for s in steps)
    lines.append(
        "Summary: "
        + ", ".join(f"{counts[a]} {a}" for a in ("create", "update", "unchanged"))
        + f" (of {len(steps)} objects)"
    )
    return lines


def format_result(outcomes: list[Outcome], unchanged: int) -> list[str]:
    counts = Counter(o.result for o in outcomes)
    lines = [
        "Result: "
        + f"{counts['done']} written and verified, {counts['failed']} failed,"
        + f" {counts['not attempted']} not attempted, {unchanged} unchanged."
    ]
    for outcome in outcomes:
        step = outcome.step
        what = f"{step.action} {step.kind} {step.label}"
        if outcome.result == "done":
            lines.append(f"  done           {what}")
        elif outcome.result == "failed":
            lines.append(f"  FAILED         {what}: now {outcome.state} on the server")
            lines.append(f"                 {outcome.detail}")
        else:
            lines.append(f"  not attempted  {what}")
    if counts["failed"]:
        lines.append(
            "Nothing is half-written: each object is either as before or as intended."
            " Fix the cause above and run deploy again; it only writes what still differs."
            if all(o.state in ("as before", "as intended", "") for o in outcomes)
            else "Check the object marked FAILED on the server before deploying again."
        )
    return lines
