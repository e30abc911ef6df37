"""Text that must fit in XML 1.0: every scriptConfig value and script source
ends up in MIF import files, DBC XML and REST bodies.

XML 1.0 cannot carry most control characters (only tab, LF and CR), lone
surrogates, U+FFFE or U+FFFF, not even as character references; lxml stops
with a traceback on them. The bundle loader refuses them first, naming the
file, the value (message, property, launch point, ...) and the character.
"""

from __future__ import annotations

import re

from maxkit.errors import BundleError

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# How a scriptConfig item is named in a message, by the keys it has.
_NAMES = (
    ("msgKey", "message", ("msgGroup", "msgKey")),
    ("propName", "property", ("propName",)),
    ("launchPointName", "launch point", ("launchPointName",)),
    ("varname", "variable", ("varname",)),
    ("varName", "variable", ("varName",)),
)


def first_unsafe(text: str) -> re.Match | None:
    """Where ``text`` has a character XML 1.0 cannot carry, or None."""
    return _NOT_XML.search(text)


def _label(item: dict, fallback: str) -> str:
    for key, noun, parts in _NAMES:
        if key in item:
            return f"{noun} " + ".".join(str(item.get(p, "?")) for p in parts)
    return fallback


def _walk(value, where: str):
    """(where, text) for every text in a scriptConfig value."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(key, f"{where} key")
            yield from _walk(item, f"{where} {key}".strip())
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = _label(item, f"{where}[{index}]") if isinstance(item, dict) else ""
            yield from _walk(item, label or f"{where}[{index}]")


def check_xml_text(path, source: str, config: dict, config_line: int) -> None:
    """BundleError when the scriptConfig or the source cannot go into XML."""
    for where, text in _walk(config, ""):
        bad = first_unsafe(text)
        if bad:
            raise BundleError(
                f"{path}:{config_line}",
                f"scriptConfig {where.strip()}: U+{ord(bad.group()):04X} is a"
                " character XML 1.0 cannot carry (Maximo imports this text as XML);"
                " remove it",
            )
    bad = first_unsafe(source)
    if bad:
        line = source.count("\n", 0, bad.start()) + 1
        raise BundleError(
            f"{path}:{line}",
            f"U+{ord(bad.group()):04X} is a character XML 1.0 cannot carry"
            " (the script source is imported as XML); remove it",
        )
