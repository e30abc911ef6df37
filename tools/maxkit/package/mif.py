"""Maximo Integration Framework import files: ``Sync<OS>`` messages.

These are what External Systems > Data Import (or a POST to
``/meaweb/os/<OS>``) reads: the ``http://www.ibm.com/maximo`` namespace, a
``<OS>Set`` holding one element per main object with ``action="AddChange"``,
attributes as upper-case child elements, child objects nested. Booleans are
written 1/0, the form MIF accepts for YORN attributes. What each message
carries is stated exactly in ``tools/maxkit/schemas/mif-import.xsd``.
"""

from __future__ import annotations

from lxml import etree

from maxkit.bundle.structures import KINDS, Child
from maxkit.bundle.xmlout import xml_bytes

MAXIMO_NS = "http://www.ibm.com/maximo"


def _q(name: str) -> str:
    return f"{{{MAXIMO_NS}}}{name}"


def _text(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _fill(element: etree._Element, record: dict, children: tuple[Child, ...]):
    by_name = {c.name: c for c in children}
    for attribute, value in record.items():
        if attribute in by_name:
            child = by_name[attribute]
            for row in value:
                _fill(etree.SubElement(element, _q(child.object)), row, child.children)
        elif value is not None:
            etree.SubElement(element, _q(attribute.upper())).text = _text(value)


def mif_document(kind: str, structure: str, records: list[dict]) -> bytes:
    """One Sync message carrying every record of ``kind``."""
    spec = KINDS[kind]
    root = etree.Element(_q(f"Sync{structure}"), nsmap={None: MAXIMO_NS})
    record_set = etree.SubElement(root, _q(f"{structure}Set"))
    for record in records:
        element = etree.SubElement(record_set, _q(spec.object), action="AddChange")
        _fill(element, record, spec.children)
    return xml_bytes(root)
