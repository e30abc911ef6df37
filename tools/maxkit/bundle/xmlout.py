"""One way to serialise XML, so every output has the same declaration form."""

from __future__ import annotations

from lxml import etree

DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def xml_bytes(node, doctype: str | None = None, indent: bool = True) -> bytes:
    """``node`` (element or tree) as UTF-8 with a double-quoted declaration."""
    if indent and not isinstance(node, etree._ElementTree):
        etree.indent(node, space="  ")
    head = DECLARATION + (doctype.encode() + b"\n" if doctype else b"")
    return head + etree.tostring(node, encoding="UTF-8").rstrip(b"\n") + b"\n"
