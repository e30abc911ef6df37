"""The small part of SQL where clauses the fake understands.

Supported: ``ATTR = 'value'``, ``ATTR in ('a', 'b')`` and ``ATTR is null``,
joined with ``and``. Anything else is refused loudly rather than guessed at.
"""

import re

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


def _parse(where):
    tests = []
    for part in _AND.split(where.strip()):
        match = _TERM.match(part)
        if match is None:
            raise FakeMaximoError(
                "the fake Maximo cannot evaluate the where clause %r" % where
            )
        attr = match.group(1).upper()
        if match.group(2):
            tests.append((attr, "eq", _unquote(match.group(3))))
        elif match.group(4):
            items = [_unquote(m) for m in _LIST_ITEM.findall(match.group(5))]
            tests.append((attr, "in", items))
        else:
            tests.append((attr, "null", None))
    return tests


def key_values(where, attribute):
    """The values a where clause pins ``attribute`` to (``= 'v'`` or ``in (...)``),
    or None when it does not: what lets a database answer from its index."""
    for attr, op, value in _terms(where):
        if attr == attribute and op == "eq":
            return [value]
        if attr == attribute and op == "in":
            return value
    return None


def compile_where(where):
    """Return a predicate over row dicts (upper-case keys) for ``where``."""
    tests = _terms(where)
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
            found.append(match.group(1).upper())
    return found


def terms(where):
    """``[(ATTR, op, value)]`` of a where clause (op ``eq``, ``in`` or
    ``null``), for the fake's own bookkeeping; a clause it cannot read fails."""
    return _terms(where)
