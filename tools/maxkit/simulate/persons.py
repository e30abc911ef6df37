"""Person files (``simulate --person`` and ``--persons``), read strictly.

One rule set for both: valid UTF-8 JSON, no key twice (attribute names are
case-insensitive, so ``PERSONID`` and ``personid`` are the same key), values
that are text, finite numbers, true/false or null (no NaN, no Infinity, no
object or array), texts that are valid Unicode (no lone surrogate) and fit
their attribute's length in the data dictionary, and a PERSONID, when given,
that is a JSON string. Every breach is a :class:`UsageError` naming the file,
the attribute and the rule. Every attribute is checked against PERSON in
the data dictionary here, before any runtime starts, so a run never meets a
person its fake Maximo refuses.
"""

from __future__ import annotations

import difflib
import json
import math
from pathlib import Path

from maxkit.errors import UsageError

SCALARS = (str, int, float, bool)
# Maximo's text types: their length is a number of characters.
TEXT_TYPES = {"ALN", "UPPER", "LOWER", "YORN", "GL", "LONGALN"}


class _Refused(ValueError):
    """A rule of the strict reader, with its message for the user."""


def _no_duplicates(pairs):
    seen = {}
    for key, _ in pairs:
        upper = key.upper()
        if upper in seen:
            raise _Refused(
                f"{upper} is given twice ({seen[upper]!r} and {key!r});"
                " attribute names are case-insensitive"
            )
        seen[upper] = key
    return dict(pairs)


class BadNumber:
    """Where the file has NaN, Infinity, or a number no attribute can hold;
    refused with the attribute's name by :func:`person_values`."""

    def __init__(self, text: str):
        self.text = text if len(text) <= 20 else text[:17] + "..."


def _finite(text):
    value = float(text)
    return BadNumber(text) if math.isinf(value) else value


def _integer(text):
    try:
        return int(text)
    except ValueError:  # more digits than Python converts
        return BadNumber(text)


def load_json(path: str, flag: str):
    """The JSON value of the file at ``path``, read by the strict rules."""
    where = f"{flag} {path}"
    if Path(path).exists() and not Path(path).is_file():
        # a folder, a FIFO that would block, /dev/zero that never ends
        raise UsageError(f"{where}: not a regular file; give a JSON file")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{where}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except OSError as exc:
        raise UsageError(f"{where}: cannot be read ({exc.strerror})") from None
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=BadNumber,
            parse_float=_finite,
            parse_int=_integer,
        )
    except _Refused as exc:
        raise UsageError(f"{where}: {exc}") from None
    except RecursionError:
        raise UsageError(
            f"{where}: JSON nested too deeply; a person is one object of"
            " PERSON attributes whose values are text, numbers or null"
        ) from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where}: not a JSON file ({exc})") from None


def _surrogate(text: str) -> str | None:
    return next((c for c in text if "\ud800" <= c <= "\udfff"), None)


def check_text(where: str, text: str) -> None:
    """A text from the command line or a file must be valid Unicode."""
    bad = _surrogate(text)
    if bad is not None:
        raise UsageError(
            f"{where}: contains a lone surrogate (U+{ord(bad):04X}); text must be"
            " valid Unicode"
        )


def person_values(item, where: str, attributes: dict[str, dict]) -> dict:
    """One person object as {ATTRIBUTE: value}, checked; ``attributes`` is
    PERSON's data dictionary ({name: {"maxtype", "length", ...}})."""
    return record_values(item, where, attributes, "PERSON")


def record_values(item, where: str, attributes: dict[str, dict], object_name) -> dict:
    """One record of ``object_name`` as {ATTRIBUTE: value}, by the rules of a
    record file; ``attributes`` is the object's data dictionary."""
    if not isinstance(item, dict):
        raise UsageError(f"{where}: expected a JSON object of {object_name} attributes")
    record = {}
    for name, value in item.items():
        check_text(f"{where}: attribute name {ascii(name)}", name)
        attribute = name.upper()
        if attribute not in attributes:
            raise UsageError(
                f"{where}: {unknown_attribute(attribute, attributes, object_name)}"
            )
        if isinstance(value, BadNumber):
            raise UsageError(
                f"{where}: {attribute} is {value.text}, not a number Maximo can"
                " hold; give a finite number or null"
            )
        if not (value is None or isinstance(value, SCALARS)):
            raise UsageError(
                f"{where}: {attribute} must be a text, number, true/false or null,"
                f" not a JSON {'object' if isinstance(value, dict) else 'array'}"
            )
        if isinstance(value, str):
            check_text(f"{where}: {attribute}", value)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            # a number in a text attribute is stored as its text
            _check_length(
                where, object_name, attribute, str(value), attributes.get(attribute)
            )
        record[attribute] = value
    personid = record.get("PERSONID")
    if personid is not None and not isinstance(personid, str):
        raise UsageError(
            f'{where}: PERSONID must be a JSON string (e.g. "1042", not 1042)'
        )
    return record


def unknown_attribute(name: str, attributes, object_name: str = "PERSON") -> str:
    close = difflib.get_close_matches(name, list(attributes), n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    shown = name if name.isidentifier() else repr(name)  # "", " X", "A B"
    return f"{shown} is not an attribute of {object_name}{hint}"


def _check_length(where, object_name, attribute, value, info) -> None:
    if not info or not info.get("length") or info.get("maxtype") not in TEXT_TYPES:
        return
    if len(value) > info["length"]:
        raise UsageError(
            f"{where}: {attribute} is {len(value)} characters; {object_name}.{attribute}"
            f" holds at most {info['length']}"
        )


def read_person(path: str, attributes: dict[str, dict]) -> dict:
    """The person of a ``--person`` file."""
    return person_values(load_json(path, "--person"), f"--person {path}", attributes)


def read_persons(path: str, attributes: dict[str, dict]) -> list[dict]:
    """The persons of a ``--persons`` file: a JSON array of PERSON objects, each
    by the rules of :func:`person_values`, each with its own PERSONID."""
    flag = f"--persons {path}"
    data = load_json(path, "--persons")
    if not isinstance(data, list) or not data:
        raise UsageError(f"{flag}: expected a non-empty JSON array of person objects")
    persons, seen = [], {}
    for index, item in enumerate(data, 1):
        where = f"{flag}: person {index}"
        person = person_values(item, where, attributes)
        personid = person.get("PERSONID")
        if personid is None or not personid.strip():
            raise UsageError(f"{where}: PERSONID is missing")
        key = personid.strip().upper()
        if key in seen:
            raise UsageError(
                f"{where}: PERSONID {personid!r} appears twice (person {seen[key]}"
                " too; PERSONIDs are compared trimmed and case-insensitive)"
            )
        seen[key] = index
        persons.append(person)
    return persons
