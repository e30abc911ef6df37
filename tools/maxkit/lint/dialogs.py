"""dialogs/: presentation XML that Manage can import and whose OK runs the script.

A dialog ``dialogs/<NAME>.xml`` comes with ``dialogs/<NAME>.support.xml`` (the
attributes, signature options and menu entry it needs). The OK button's
``mxevent`` must be a signature option flagged WFACTION whose action is the
``actionName`` of an ACTION launch point some script declares: that chain is
what makes the button run the script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from lxml import etree

from maxkit.bundle.model import DialogSupport
from maxkit.dictionary import flat_objects
from maxkit.lint.context import SUPPORT_SUFFIX, Context
from maxkit.lint.registry import Finding, check, rule

FAMILY = "dialogs"
ML401 = rule(
    "ML401",
    FAMILY,
    "dialog and support XML well-formed (support valid against "
    "dialog-support.xsd), each dialog with its support file",
)
ML402 = rule("ML402", FAMILY, "control ids unique within a dialog")
ML403 = rule(
    "ML403",
    FAMILY,
    "every dataattribute is declared in the support file or is an attribute of "
    "the object (tools/maxkit/data/maximo.json)",
)
ML404 = rule(
    "ML404", FAMILY, "every lookup and attribute domain is a domain in domains/"
)
ML405 = rule(
    "ML405",
    FAMILY,
    "the OK button's mxevent is a WFACTION signature option whose action is the "
    "actionName of a script's ACTION launch point",
)


def _parse(path: Path) -> tuple[etree._Element | None, tuple[int, str] | None]:
    try:
        return (
            etree.parse(str(path), etree.XMLParser(remove_comments=True)).getroot(),
            None,
        )
    except etree.XMLSyntaxError as error:
        return None, (error.lineno or 1, f"not well-formed XML: {error.msg}")


@check("dialogs")
def dialogs(context: Context) -> Iterator[Finding]:
    supports, problems = context.supports
    for problem in problems:
        yield ML401.at(problem.path, problem.line, problem.message)
    by_file = {s.path.name[: -len(SUPPORT_SUFFIX)]: s for s in supports}
    broken = {Path(p.path).name[: -len(SUPPORT_SUFFIX)] for p in problems}
    dialog_files = [
        p
        for p in sorted((context.root / "dialogs").glob("*.xml"))
        if not p.name.endswith(SUPPORT_SUFFIX)
    ]
    for support in supports:
        if not support.path.with_name(
            support.path.name[: -len(SUPPORT_SUFFIX)] + ".xml"
        ).exists():
            yield ML401.at(
                context.rel(support.path),
                1,
                f"its dialog {support.dialog}.xml is missing",
            )
        yield from _support_domains(context, support)
    for path in dialog_files:
        rel = context.rel(path)
        root, error = _parse(path)
        if root is None:
            yield ML401.at(rel, *(error or (1, "unreadable")))
            continue
        dialog_support = by_file.get(path.stem)
        if root.tag != "dialog" or not root.get("id"):
            yield ML401.at(
                rel, root.sourceline, "the root element must be <dialog id=...>"
            )
            continue
        yield from _unique_ids(rel, root)
        if dialog_support is None:
            if path.stem not in broken:
                yield ML401.at(
                    rel,
                    1,
                    f"no {path.stem}{SUPPORT_SUFFIX} declares what this dialog needs",
                )
            continue
        if root.get("id") != dialog_support.dialog:
            yield ML401.at(
                rel,
                root.sourceline,
                f"dialog id {root.get('id')} differs from {dialog_support.dialog} in "
                f"{dialog_support.path.name}",
            )
        yield from _bindings(context, rel, root, dialog_support)
        yield from _ok_button(context, rel, root, supports)


def _unique_ids(rel: str, root: etree._Element) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for element in root.iter():
        control = element.get("id")
        if control is None:
            continue
        if control in seen:
            yield ML402.at(
                rel,
                element.sourceline,
                f"control id {control} is already used on line {seen[control]}",
            )
        else:
            seen[control] = element.sourceline


def _bindings(
    context: Context, rel: str, root: etree._Element, support: DialogSupport
) -> Iterator[Finding]:
    declared = {a.name: a for a in support.attributes}
    known = flat_objects().get(support.object, {})
    for element in root.iter():
        name = element.get("dataattribute")
        if name is None:
            continue
        attribute = declared.get(name.upper())
        if attribute is None and name.upper() not in known:
            yield ML403.at(
                rel,
                element.sourceline,
                f"dataattribute {name} is neither declared in {support.path.name} nor "
                f"an attribute of {support.object}",
            )
            continue
        if element.get("lookup") == "valuelist" and attribute is not None:
            if not attribute.domain:
                yield ML404.at(
                    rel,
                    element.sourceline,
                    f"{name} has a value list lookup but no domain in "
                    f"{support.path.name}",
                )


def _support_domains(context: Context, support: DialogSupport) -> Iterator[Finding]:
    domains, problems = context.domains
    if problems:
        return
    lines = _lines(support.path, "attribute", "name")
    for attribute in support.attributes:
        if attribute.domain and attribute.domain not in domains:
            yield ML404.at(
                context.rel(support.path),
                lines.get(attribute.name, 1),
                f"attribute {attribute.name} is bound to domain {attribute.domain}, "
                "which is not in domains/",
            )


def _lines(path: Path, tag: str, key: str) -> dict[str, int]:
    root = etree.parse(str(path)).getroot()
    return {e.get(key): e.sourceline for e in root.iter(tag)}


def _ok_button(
    context: Context, rel: str, root: etree._Element, supports: list[DialogSupport]
) -> Iterator[Finding]:
    buttons = list(root.iter("pushbutton"))
    ok = [b for b in buttons if b.get("default") == "true"] or [
        b for b in buttons if (b.get("label") or "").strip().upper() == "OK"
    ]
    if not ok:
        yield ML405.at(
            rel, root.sourceline, 'no OK button (a pushbutton with default="true")'
        )
        return
    button = ok[0]
    event = button.get("mxevent") or ""
    line = button.sourceline
    options = {s.name: s for support in supports for s in support.sigoptions}
    option = options.get(event)
    if option is None:
        yield ML405.at(
            rel,
            line,
            f"the OK button's mxevent {event!r} is no signature option of a support file",
        )
        return
    if not option.wfaction:
        yield ML405.at(
            rel,
            line,
            f"signature option {event} is not flagged wfaction: without WFACTION the "
            "button does nothing",
        )
    action = option.action or event
    if action not in context.action_names:
        declared = ", ".join(sorted(context.action_names)) or "none"
        yield ML405.at(
            rel,
            line,
            f"signature option {event} runs action {action}, which no script's ACTION "
            f"launch point declares as actionName (declared: {declared})",
        )
