"""Strict JSON that remembers lines: each object knows where it and its keys are.

``json`` keeps no positions, yet a finding must say on which line of the
scriptConfig an unknown key sits. The pure-Python scanner of ``json`` lets
the object parser be replaced: the wrapper below returns a dict subclass
carrying the line of its ``{`` and of each of its own keys.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_KEY_END = re.compile(r"\s*:")


class LocatedDict(dict):
    """A JSON object; ``line`` and ``key_lines`` count from 1 in the parsed text."""

    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _key_lines(text: str, start: int, end: int) -> dict[str, int]:
    """Lines of the keys of the object spanning text[start:end] (its own keys only)."""
    lines: dict[str, int] = {}
    depth = 0
    for token in _TOKEN.finditer(text, start, end):
        value = token.group()
        if value in "{[":
            depth += 1
        elif value in "}]":
            depth -= 1
        elif depth == 1 and _KEY_END.match(text, token.end()):
            lines.setdefault(json.loads(value), _line(text, token.start()))
    return lines


def _parse_object(s_and_end, *args, **kwargs):
    text, end = s_and_end
    value, new_end = json.decoder.JSONObject(s_and_end, *args, **kwargs)
    located = LocatedDict(value)
    located.line = _line(text, end - 1)
    located.key_lines = _key_lines(text, end - 1, new_end)
    return located, new_end


def _decoder() -> json.JSONDecoder:
    decoder = json.JSONDecoder()
    # Private hooks of json's pure-Python scanner (stable since Python 2.7).
    decoder.parse_object = _parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(  # type: ignore[attr-defined]
        decoder
    )
    return decoder


def loads(text: str):
    """Parse strict JSON (as ``json.loads``); objects come back as LocatedDict."""
    return _decoder().decode(text)


def trailing_comma(text: str, error: json.JSONDecodeError) -> int | None:
    """The index of a trailing comma that caused ``error``, if that is the cause."""
    if error.pos >= len(text) or text[error.pos] not in "}]":
        return None
    before = text[: error.pos].rstrip()
    if before.endswith(","):
        return len(before) - 1
    return None
