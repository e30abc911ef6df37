"""The small part of SQL where clauses the fake understands.

Supported: ``ATTR = 'value'``, ``ATTR in ('a', 'b')`` and ``ATTR is null``,
joined with ``and``. Anything else is refused loudly rather than guessed at.
"""

import re

from maxfake.compat import key_name
from maxfake.errors import FakeMaximoError

_TERM = re.compile(
    r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*"
    r"(?:(=)\s*'((?:[^']|'')*)'|(in)\s*\(([^)]*)\)|(is\s+null))\s*$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"\s*'((?:[^']|'')*)'\s*(?:,|$)")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _unquote(text):
    return text.replace("''", "'")


#: Parsed clauses by text, as a database caches its statements: a set's
#: query is checked, compiled and looked up in an index, each from one parse.
#: Emptied when full, so a run of many distinct clauses holds a bounded number.
_PARSED = {}
_PARSED_MAX = 512


def _terms(where):
    """``[(ATTR, op, value)]`` of a where clause, op ``eq``, ``in`` or ``null``
    (the list is shared: callers only read it)."""
    if where is None or not where.strip():
        return []
    tests = _PARSED.get(where)
    if tests is None:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        tests = _PARSED[where] = _parse(where)
    return tests


#: What comes before a value in a clause of equalities only: the first
#: ``ATTR =``, then ``and ATTR =``; the text after the last value is blank.
_FIRST_HEAD = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*$")
_NEXT_HEAD = re.compile(r"^\s+and\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*$", re.IGNORECASE)
_BLANK = re.compile(r"^\s*$")


def _parse(where):
    """The terms of a clause: equalities (the clause a script builds per
    record, parsed once per record, so the hot case) read from the clause
    split at its quotes; anything else by the terms' full grammar."""
    tests = _equalities(where)
    return tests if tests is not None else _parse_terms(where)


def _equalities(where):
    """``ATTR = 'v' [and ATTR = 'v' ...]`` read without a regular expression
    over the values (the full grammar's ``(?:[^']|'')*`` steps through every
    character of every value), or None for any other clause. A clause it
    reads has the full grammar's terms: what differs, a value holding an
    ``and`` the full grammar splits at, is left to the full grammar."""
    pieces = where.split("'")
    last = len(pieces) - 1
    if last < 2 or last % 2:
        return None
    tests = []
    head = pieces[0]
    position = 1
    while position < last:
        name = _head_name(head, bool(tests))
        if name is None:
            return None
        value = pieces[position]
        # '' inside a value is one quote: the piece between is empty.
        while position + 2 < last and pieces[position + 1] == "":
            value += "'" + pieces[position + 2]
            position += 2
        # (The search steps through the value: most hold no "and" at all.)
        if "and" in value.lower() and _AND.search(value) is not None:
            return None
        tests.append((key_name(name.upper()), "eq", value))
        head = pieces[position + 1]
        position += 2
    if head != "" and _BLANK.match(head) is None:
        return None
    return tests


_NAME_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"


def _head_name(head, following):
    """The ATTR of a head (``ATTR = `` first, `` and ATTR = `` after), or
    None. The spacing scripts write (one space each side) is read with
    string operations; any other by the head's pattern (a regular
    expression match in Jython reads the whole text into code points
    first, and a clause has one per term)."""
    start = 5 if following else 0
    if (
        head.endswith(" = ")
        and (not following or head.startswith(" and "))
        and len(head) > start + 3
    ):
        name = head[start:-3]
        if name.strip(_NAME_CHARACTERS) == "" and name[0] not in "0123456789":
            return name
    match = (_NEXT_HEAD if following else _FIRST_HEAD).match(head)
    return match.group(1) if match is not None else None


def _parse_terms(where):
    tests = []
    for part in _AND.split(where.strip()):
        match = _TERM.match(part)
        if match is None:
            raise FakeMaximoError(
                "the fake Maximo cannot evaluate the where clause %r" % where
            )
        attr = key_name(match.group(1).upper())
        if match.group(2):
            tests.append((attr, "eq", _unquote(match.group(3))))
        elif match.group(4):
            items = [_unquote(m) for m in _LIST_ITEM.findall(match.group(5))]
            tests.append((attr, "in", items))
        else:
            tests.append((attr, "null", None))
    return tests


def compile_where(where):
    """Return a predicate over row dicts (upper-case keys) for ``where``."""
    return compile_terms(_terms(where))


def compile_terms(tests):
    """The predicate of a clause's terms (:func:`terms`)."""
    if not tests:
        return lambda row: True

    def predicate(row):
        for attr, op, value in tests:
            current = row.get(attr)
            if op == "eq" and current != value:
                return False
            if op == "in" and current not in value:
                return False
            if op == "null" and current not in (None, ""):
                return False
        return True

    return predicate


def where_attributes(where):
    """The attributes a where clause names (upper case), for data-dictionary checks."""
    try:
        return [attr for attr, _, _ in _terms(where)]
    except FakeMaximoError:
        pass  # the attributes of the parts it can read, checked first
    found = []
    for part in _AND.split(where.strip()):
        match = _TERM.match(part)
        if match is not None:
            found.append(key_name(match.group(1).upper()))
    return found


def terms(where):
    """``[(ATTR, op, value)]`` of a where clause (op ``eq``, ``in`` or
    ``null``), for the fake's own bookkeeping; a clause it cannot read fails."""
    return _terms(where)
