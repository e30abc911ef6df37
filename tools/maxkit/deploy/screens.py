"""The application's presentation XML, with the bundle's parts merged in or out.

Manage keeps an application's screens as one MAXPRESENTATION row (APP, and
the XML in PRESENTATION: [V] IBM's data dictionary). Naviam's deploy tool
writes that row's PRESENTATION from an automation script it installs and
then reloads Manage's PRESENTATION cache ([V] naviam-io/vscode-autoscript-
deploy, resources/naviam.autoscript.screens.js, writePresentation). deploy
writes the same column through an object structure over MAXPRESENTATION and
names the cache step instead of running code inside Manage.

The merge is the package's own (:func:`merge_dialogs`, the one Application
Designer's import route uses), so both routes put the same XML in. Removing
takes out exactly the elements the bundle adds (its dialogs and sections, by
id) and gives their place back to the sibling before them, so a presentation
the bundle was merged into and removed from again reads as it did.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from lxml import etree

from maxkit.bundle.model import Bundle
from maxkit.deploy.errors import DeployError
from maxkit.errors import MaxkitError
from maxkit.bundle.presentation import merge_dialogs


def dialogs_of(bundle: Bundle, app: str) -> list:
    return [
        bundle.dialogs[k]
        for k in sorted(bundle.dialogs)
        if bundle.dialogs[k].support.app.upper() == app.upper()
    ]


def _ours(bundle: Bundle, app: str) -> set[tuple[str, str]]:
    """(tag, id) of every element the bundle adds to ``app``."""
    found = set()
    for dialog in dialogs_of(bundle, app):
        found.add(("dialog", dialog.id))
        for section in getattr(dialog.support, "sections", ()):
            found.add(("section", section.id))
    return found


def merged(bundle: Bundle, app: str, xml: str) -> str:
    """``xml`` with the bundle's dialogs and sections in (idempotent)."""
    with tempfile.TemporaryDirectory(prefix="maxkit-screen-") as folder:
        path = Path(folder) / f"{app}.xml"
        path.write_text(xml, encoding="utf-8")
        try:
            return merge_dialogs(path, dialogs_of(bundle, app)).decode("utf-8")
        except MaxkitError as exc:
            raise DeployError(
                f"the {app} presentation on the server cannot take the bundle's"
                f" parts: {str(exc).replace(str(path), app + ' (server)')}"
            ) from None


def removed(bundle: Bundle, app: str, xml: str) -> str:
    """``xml`` without the bundle's dialogs and sections; as it was if it has none."""
    try:
        root = etree.fromstring(
            xml.encode("utf-8"),
            etree.XMLParser(resolve_entities=False, no_network=True),
        )
    except etree.XMLSyntaxError as exc:
        raise DeployError(f"the {app} presentation on the server is not XML: {exc}")
    ours = _ours(bundle, app)
    gone = [e for e in root.iter() if (e.tag, e.get("id")) in ours]
    if not gone:
        return xml
    for element in gone:
        parent = element.getparent()
        before = element.getprevious()
        if before is not None:
            before.tail = element.tail
        else:
            parent.text = element.tail
        parent.remove(element)
    head = xml[: xml.index("<" + root.tag)] if ("<" + root.tag) in xml else ""
    return head + etree.tostring(root, encoding="unicode") + "\n"
