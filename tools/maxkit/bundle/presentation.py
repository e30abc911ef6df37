"""Presentation XML: the dialog, and merging it into an exported application.

Part of the bundle model because two routes put the same XML in: the
package (an application exported from Application Designer, ``--app-xml``)
and deploy (the application's MAXPRESENTATION row read from the server).

Application Designer imports whole applications, not single dialogs, so the
dialog is merged into the ``<presentation>`` an administrator exported from
their own system (their PERSON.xml may carry local changes we must keep).
The merge is idempotent: a dialog with the same id is replaced where it
stands, otherwise the dialog is appended as the last child of the
presentation. Ids must stay unique in the application, so a clash with any
other control is an error rather than a silent overwrite.

A dialog's support file may also declare read-only sections for the
application's tabs (the MAS User section of the People application's main
tab): each is built here as presentation XML (a ``section`` of ``textbox``
controls, a ``multilinetextbox`` for a field with rows, every one
``inputmode="readonly"``) and merged the same way: a section with the same id
is replaced where it stands, otherwise it becomes the tab's last child.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from maxkit.bundle.model import Dialog, Section
from maxkit.errors import MaxkitError
from maxkit.bundle.xmlout import xml_bytes


class MergeError(MaxkitError):
    """The application XML cannot take the dialog."""

    def __init__(self, path, line, problem: str, fix: str):
        super().__init__(f"{path}:{line}: {problem}; {fix}")


def _parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(
        remove_blank_text=False, resolve_entities=False, no_network=True
    )
    try:
        tree = etree.parse(str(path), parser)
    except (OSError, etree.XMLSyntaxError) as exc:
        raise MergeError(
            path,
            getattr(exc, "lineno", 1) or 1,
            str(exc),
            "export it again from Application Designer",
        ) from None
    # Entities are not resolved, and the output has no DOCTYPE to declare them:
    # a reference would make it XML no one can import. An export has none.
    entity = next(tree.getroot().iter(etree.Entity), None)
    dtd = tree.docinfo.internalDTD
    if entity is not None or (dtd is not None and any(dtd.iterentities())):
        raise MergeError(
            path,
            entity.sourceline if entity is not None else 1,
            "the file declares or uses XML entities, which an Application"
            " Designer export never has (they are not resolved here)",
            "export it again from Application Designer",
        )
    return tree


def dialog_element(dialog: Dialog) -> etree._Element:
    """The dialog as written in dialogs/, comments dropped."""
    parser = etree.XMLParser(remove_comments=True)
    return etree.parse(str(dialog.path), parser).getroot()


def dialog_xml(dialog: Dialog) -> bytes:
    return xml_bytes(dialog_element(dialog), indent=False)


def section_element(section: Section) -> etree._Element:
    """The section as presentation XML: one read-only control per field."""
    element = etree.Element("section", id=section.id, label=section.label)
    for field in section.fields:
        attrs = {
            "id": f"{section.id}_{field.attribute.lower()}",
            "dataattribute": field.attribute,
            "inputmode": "readonly",
        }
        tag = "textbox"
        if field.rows is not None:
            tag = "multilinetextbox"
            attrs["rows"] = str(field.rows)
            if field.columns is not None:
                attrs["columns"] = str(field.columns)
        etree.SubElement(element, tag, attrs)
    return element


def section_xml(section: Section) -> bytes:
    """The section alone, for an administrator who adds it by hand."""
    return xml_bytes(section_element(section))


def _check_ids(root, new: etree._Element, path: Path, keep_out=None):
    ours = {e.get("id"): e for e in new.iter() if e.get("id")}
    for element in root.iter():
        if element is keep_out or (
            keep_out is not None and keep_out in element.iterancestors()
        ):
            continue
        if not isinstance(element.tag, str):
            continue
        if element.get("id") in ours:
            raise MergeError(
                path,
                element.sourceline,
                f"id {element.get('id')!r} is already used by <{element.tag}>",
                "rename that control in Application Designer or the dialog in dialogs/",
            )


def merge_dialogs(app_path: Path, dialogs: list[Dialog]) -> bytes:
    """The application XML with each of ``dialogs`` inserted or replaced."""
    app_path = Path(app_path)
    tree = _parse(app_path)
    for dialog in dialogs:
        _merge(tree.getroot(), dialog, app_path)
        for section in dialog.support.sections:
            _merge_section(tree.getroot(), section, app_path)
    return xml_bytes(tree)


def _append(parent: etree._Element, new: etree._Element) -> None:
    """``new`` as the last child, indented like its siblings."""
    children = list(parent)
    if children:
        last = children[-1]
        new.tail = last.tail
        last.tail = children[-2].tail if len(children) > 1 else parent.text
    else:
        parent.text, new.tail = "\n  ", "\n"
    parent.append(new)


def _merge_section(root: etree._Element, section: Section, app_path: Path) -> None:
    tabs = [t for t in root.iter("tab") if t.get("id") == section.tab]
    if len(tabs) != 1:
        raise MergeError(
            app_path,
            root.sourceline,
            f"the application has {len(tabs)} tab(s) with id {section.tab!r}"
            f" for section {section.id}; expected one",
            "export the application again from Application Designer",
        )
    _put(root, section_element(section), "section", tabs[0], app_path)


def _merge(root: etree._Element, dialog: Dialog, app_path: Path) -> None:
    if root.tag != "presentation":
        raise MergeError(
            app_path,
            root.sourceline,
            f"root element is <{root.tag}>, not <presentation>",
            "export the application from Application Designer (Export Application Definition)",
        )
    app = dialog.support.app
    if (root.get("id") or "").upper() != app.upper():
        raise MergeError(
            app_path,
            root.sourceline,
            f"this is application {root.get('id')!r}; the dialog belongs to {app}",
            f"export {app} instead",
        )
    _put(root, copy.deepcopy(dialog_element(dialog)), "dialog", root, app_path)


def _put(root, new, tag: str, parent, app_path: Path) -> None:
    """``new`` (a <dialog> or <section>) in place of the one element of its
    tag and id the application holds, else appended to ``parent``; an id
    clash or a second copy is refused."""
    element_id = new.get("id")
    old = [e for e in root.iter(tag) if e.get("id") == element_id]
    if len(old) > 1:
        raise MergeError(
            app_path,
            old[1].sourceline,
            f"{tag} {element_id} appears {len(old)} times",
            "delete the extra copies in Application Designer",
        )
    if old:
        _check_ids(root, new, app_path, keep_out=old[0])
        new.tail = old[0].tail
        old[0].getparent().replace(old[0], new)
    else:
        _check_ids(root, new, app_path)
        _append(parent, new)
