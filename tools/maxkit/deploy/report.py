"""What deploy prints: the plan, then exactly what was done.

Plain aligned text, one line per object, so an administrator can paste it
into a change ticket; the API key never reaches these functions.
"""

from __future__ import annotations

from collections import Counter

from maxkit.deploy.apply import Outcome
from maxkit.deploy.plan import Step, plan_lines


def archive_lines(bundle, settings, uninstall: bool = False) -> list[str]:
    """The one part REST cannot carry: the PERSON attributes, a database
    configuration change. The package's customization archive brings them
    (docs/install.md, "The PERSON attributes")."""
    if not any(d.support.attributes for d in bundle.dialogs.values()):
        return []
    archive = f"customization/{settings.product}-{settings.version}-customization.zip"
    if uninstall:
        return [
            "Not removed over REST: the dialog's PERSON attributes (database"
            " configuration). Remove them as docs/install.md says under 'Uninstall',"
            f" then Apply Configuration Changes; {archive} added them."
        ]
    return [
        "Not deployed over REST: the dialog's PERSON attributes (database"
        f" configuration). `invoke package` makes {archive}: add its URL to the"
        " ManageWorkspace customization archive (MAS admin > Manage > Update"
        " configuration), let Manage update, then Apply Configuration Changes"
        " (docs/install.md, 'The PERSON attributes')."
    ]


def _written(outcomes: list[Outcome], kind: str) -> list[str]:
    """The ``kind`` records this run wrote or removed."""
    return [
        o.step.label for o in outcomes if o.step.kind == kind and o.result == "done"
    ]


def cache_reload_lines(outcomes: list[Outcome]) -> list[str]:
    """The steps that make written records visible to the running server.

    Manage serves system properties, screens and loggers from caches it
    loads at start. Naviam's deploy scripts reload them from inside Manage
    (``MXServer.reloadMaximoCache("MAXPROP", name, true)`` after a property,
    ``reloadMaximoCache("PRESENTATION", true)`` after a screen: [V] its
    resources/naviam.autoscript.deploy.js and .screens.js), an automation
    script installed for that and called over /api/script. No public REST
    call does the same, so deploy names each step instead.
    """
    lines = []
    names = _written(outcomes, "property")
    if names:
        lines.append(
            f"Reload the system properties cache: {len(names)} propert"
            + ("y was" if len(names) == 1 else "ies were")
            + " written or removed, and the scripts read Manage's cached values. In System"
            " Properties, filter on masuser, select "
            + ", ".join(names)
            + ", then Live Refresh (or restart the Manage server bundles)."
        )
    apps = _written(outcomes, "presentation")
    if apps:
        lines.append(
            "Reload the screens: the presentation of "
            + ", ".join(apps)
            + " changed, and Manage shows the cached one until the Manage"
            " server bundles restart (MAS admin > Manage > restart the pods)."
        )
    loggers = _written(outcomes, "logger")
    if loggers:
        lines.append(
            f"Apply the loggers: {len(loggers)} logger(s) were written or removed; in the"
            " Logging application, Select Action > Apply Settings."
        )
    return lines


def format_plan(steps: list[Step], url: str, title: str) -> list[str]:
    lines = [f"Plan for {url} ({title}):"]
    rows = plan_lines(steps)
    for action, noun, name, detail in rows:
        text = f"  {action:<10} {noun:<13} {name}"
        lines.append(text + (f"  ({detail})" if detail else ""))
    counts = Counter(s.action for s in steps)
    actions = ("create", "update", "unchanged")
    if any(s.uninstall for s in steps):
        actions = ("delete", "update", "absent", "kept", "unchanged")
    lines.append(
        "Summary: "
        + ", ".join(f"{counts[a]} {a}" for a in actions)
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
            " Fix the cause above and run deploy again (with the same options);"
            " it only writes what still differs."
            if all(o.state in ("as before", "as intended", "") for o in outcomes)
            else "Check the object marked FAILED on the server before deploying again."
        )
    return lines
