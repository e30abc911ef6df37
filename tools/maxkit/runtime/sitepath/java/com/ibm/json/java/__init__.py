"""CPython stand-in for IBM JSON4J (``com.ibm.json.java``).

Faithful to the behaviour scripts depend on: ``put``/``add`` accept only
String, Boolean, Number, JSONObject, JSONArray or null (IllegalArgumentException
otherwise); ``serialize()`` writes compact, pure-ASCII JSON (``/`` and every
character outside 32..126 escaped, lowercase hex, UTF-16 units);
``serialize(True)`` puts each member on a line of its own, indented by tabs
(a plain JSONObject's keys sorted, an OrderedJSONObject's in order); numbers
read as Java writes them (``Double.toString``: ``1.0E22``); ``parse`` raises
``java.io.IOException`` on malformed text and gives Long/Double numbers, with
the parser of the Java look-alike (``_parser``), so errors read the same.
"""

from decimal import Decimal

from com.ibm.json.java import _parser
from java.io import IOException
from java.lang import IllegalArgumentException, NullPointerException
from java.util import ArrayList, HashMap

try:
    _TEXT = (str, unicode)  # noqa: F821
    _NUMBER = (int, long, float)  # noqa: F821
except NameError:
    _TEXT = (str,)
    _NUMBER = (int, float)


def _valid(value):
    return (
        value is None
        or isinstance(value, bool)
        or isinstance(value, _TEXT)
        or isinstance(value, _NUMBER)
        or isinstance(value, JSONObject)
        or type(value) is JSONArray
    )


def _escape(text):
    out = ['"']
    for unit in _utf16_units(text):
        char = unichr_(unit)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "/":
            out.append("\\/")
        elif char == "\b":
            out.append("\\b")
        elif char == "\t":
            out.append("\\t")
        elif char == "\n":
            out.append("\\n")
        elif char == "\f":
            out.append("\\f")
        elif char == "\r":
            out.append("\\r")
        elif 32 <= unit <= 126:
            out.append(char)
        else:
            out.append("\\u%04x" % unit)
    out.append('"')
    return "".join(out)


def unichr_(unit):
    return chr(unit)


def _utf16_units(text):
    data = text.encode("utf-16-le")
    for index in range(0, len(data), 2):
        yield data[index] | (data[index + 1] << 8)


def _java_double(value):
    """The text of a double as Java's ``Double.toString`` writes it: the
    shortest digits that read back, plain from 10^-3 up to 10^7, otherwise
    ``d.dddE<n>``."""
    if value == 0:
        return "-0.0" if repr(value).startswith("-") else "0.0"
    _, raw, exponent = Decimal(repr(abs(value))).as_tuple()
    power = len(raw) + exponent - 1  # of ten, at the first digit
    digits = "".join(str(d) for d in raw).rstrip("0") or "0"
    sign = "-" if value < 0 else ""
    if not 1e-3 <= abs(value) < 1e7:
        return "%s%s.%sE%d" % (sign, digits[0], digits[1:] or "0", power)
    if power < 0:
        return "%s0.%s%s" % (sign, "0" * (-power - 1), digits)
    whole = digits[: power + 1].ljust(power + 1, "0")
    return "%s%s.%s" % (sign, whole, digits[power + 1 :] or "0")


def _members(items, opening, closing, verbose, depth):
    """``items`` (texts) between brackets: compact, or one per line with tabs."""
    if not items:
        return opening + closing
    if not verbose:
        return opening + ",".join(items) + closing
    pad = "\n" + "\t" * (depth + 1)
    return opening + pad + ("," + pad).join(items) + "\n" + "\t" * depth + closing


def _write(value, verbose, depth):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _TEXT):
        return _escape(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "null"
        return _java_double(value)
    if isinstance(value, _NUMBER):
        return str(value)
    if isinstance(value, JSONObject):
        keys = value.keySet()
        if verbose and not isinstance(value, OrderedJSONObject):
            keys = sorted(keys)
        colon = ": " if verbose else ":"
        items = [
            _escape(k) + colon + _write(value.get(k), verbose, depth + 1) for k in keys
        ]
        return _members(items, "{", "}", verbose, depth)
    if isinstance(value, JSONArray):
        items = [_write(item, verbose, depth + 1) for item in value]
        return _members(items, "[", "]", verbose, depth)
    raise IOException("Attempting to serialize unserializable object: %r" % value)


def _text(source):
    if source is None:
        raise NullPointerException("str cannot be null")
    if hasattr(source, "read"):
        source = source.read()
    if isinstance(source, (bytes, bytearray)):
        source = bytes(source).decode("utf-8")
    return source


class _Taped(object):
    """A parsed object (``ordered`` True or False) or array (``ordered`` None):
    the puts or adds the parser made on it, in order, to be made again."""

    __slots__ = ("ordered", "items")

    def __init__(self, ordered):
        self.ordered = ordered
        self.items = []

    def put(self, key, value):
        self.items.append((key, value))

    def add(self, value):
        self.items.append(value)


def _replay(value):
    """A new JSON4J value made by the very puts and adds the parse made."""
    if not isinstance(value, _Taped):
        return value
    if value.ordered is None:
        array = JSONArray()
        for item in value.items:
            array.add(_replay(item))
        return array
    result = OrderedJSONObject() if value.ordered else JSONObject()
    for key, item in value.items:
        result.put(key, _replay(item))
    return result


#: What the parser made of a text, by (text, kind, ordered). A script parses
#: its own scriptConfig on every run; a parse costs far more than making the
#: values again. Failures are not kept: each raises anew, with its position.
_TAPES = {}
_TAPES_KEPT = 256


def _parse(source, kind, ordered=False):
    """Parse as the Java look-alike does (same messages, Long/Double numbers);
    every call returns new values, as every Java parse does."""
    text = _text(source)
    key = (text, kind, bool(ordered))
    tape = _TAPES.get(key)
    if tape is None:
        parser = _parser.Parser(
            text,
            ordered,
            lambda ordered: _Taped(bool(ordered)),
            lambda: _Taped(None),
            IOException,
        )
        tape = parser.document(kind)
        if len(_TAPES) < _TAPES_KEPT:
            _TAPES[key] = tape
    return _replay(tape)


class JSONArtifact(object):
    def serialize(self, verbose=False):
        return _write(self, verbose, 0)

    def toString(self):
        return self.serialize()

    def __str__(self):
        return self.serialize()


class JSONObject(HashMap, JSONArtifact):
    def put(self, key, value):
        if key is None:
            raise IllegalArgumentException("key must not be null")
        if not isinstance(key, _TEXT):
            raise IllegalArgumentException("key must be a String")
        if not _valid(value):
            raise IllegalArgumentException(
                "Invalid type of value.  Type: [%s] with value: [%r]"
                % (type(value).__name__, value)
            )
        return HashMap.put(self, key, value)

    def putAll(self, other):
        """All or nothing, like the Java look-alike: every pair is checked first."""
        checked = OrderedJSONObject()
        HashMap.putAll(checked, other)
        for key in checked.keySet():
            HashMap.put(self, key, checked.get(key))

    @staticmethod
    def parse(source):
        return _parse(source, _parser.OBJECT)

    def __repr__(self):
        return self.serialize()


class OrderedJSONObject(JSONObject):
    @staticmethod
    def parse(source):
        return _parse(source, _parser.OBJECT, ordered=True)


class JSONArray(ArrayList, JSONArtifact):
    def add(self, *args):
        if not _valid(args[-1]):
            raise IllegalArgumentException("invalid type of element")
        return ArrayList.add(self, *args)

    def addAll(self, items):
        """All or nothing, like the Java look-alike: every item is checked first."""
        items = list(items)
        for item in items:
            if not _valid(item):
                raise IllegalArgumentException("invalid type of element")
        return ArrayList.addAll(self, items)

    def set(self, index, item):
        if not _valid(item):
            raise IllegalArgumentException("invalid type of element")
        return ArrayList.set(self, index, item)

    @staticmethod
    def parse(source):
        return _parse(source, _parser.ARRAY)

    def __repr__(self):
        return self.serialize()


class JSON(object):
    @staticmethod
    def parse(source, order=False):
        return _parse(source, _parser.ANY, ordered=order)
