"""The JSON parser of the JSON4J look-alike, ported from its Java source.

``runtime/java/com/ibm/json/java/JSON.java`` (class ``Parser``) is what the
scripts meet in Jython; this is the same algorithm, so a malformed answer
fails with the same ``IOException`` text (line, column, what was expected) in
both runtimes, and numbers come out as Long or Double alike. Like the Java
``Reader`` it walks UTF-16 code units; a run of plain characters (inside a
string, or whitespace) is taken in one step, with the line and column the
Java parser counts unit by unit.
"""

import re
import struct

ANY, OBJECT, ARRAY = 0, 1, 2
_EOF = -1
_WHITESPACE = (0x20, 0x09, 0x0A, 0x0D)
_ESCAPES = {
    ord('"'): ord('"'),
    ord("\\"): ord("\\"),
    ord("/"): ord("/"),
    ord("'"): ord("'"),
    ord("b"): 0x08,
    ord("f"): 0x0C,
    ord("n"): 0x0A,
    ord("r"): 0x0D,
    ord("t"): 0x09,
}
_LONG_MIN, _LONG_MAX = -(2**63), 2**63 - 1


#: A run of string characters that are neither a quote nor a backslash, and
#: a run of whitespace, over the code units as text.
_PLAIN = re.compile(r'[^"\\]*')
_SPACES = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _units(text):
    data = text.encode("utf-16-le", "surrogatepass")
    return list(struct.unpack("<%dH" % (len(data) // 2), data))


def _unit_text(units, text):
    """The code units as text, one character each (a surrogate pair as its two
    halves), so that a regular expression walks them as the parser does."""
    if len(units) == len(text):
        return text
    return "".join(map(chr, units))


def _joined(pieces):
    """The text of string pieces made of code units: surrogate pairs joined."""
    text = "".join(pieces)
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode(
        "utf-16-le", "surrogatepass"
    )


def _text(units):
    data = bytearray()
    for unit in units:
        data.append(unit & 0xFF)
        data.append(unit >> 8)
    return bytes(data).decode("utf-16-le", "surrogatepass")


def _is_digit(ch):
    return 0x30 <= ch <= 0x39


class Parser(object):
    """One document; ``make_object(ordered)`` and ``make_array()`` build the values."""

    def __init__(self, text, ordered, make_object, make_array, error_type):
        self._units = _units(text)
        self._chars = _unit_text(self._units, text)
        self._next = 0
        self._ordered = ordered
        self._make_object = make_object
        self._make_array = make_array
        self._error_type = error_type
        self.ch = _EOF
        self.line = 1
        self.column = 0
        self._advance()

    def document(self, kind):
        self._skip_whitespace()
        if self.ch == ord("{") and kind != ARRAY:
            result = self._object()
        elif self.ch == ord("[") and kind != OBJECT:
            result = self._array()
        elif self.ch == _EOF:
            raise self._error("no JSON text")
        else:
            wanted = {OBJECT: "'{'", ARRAY: "'['"}.get(kind, "'{' or '['")
            raise self._error("expected %s but found %s" % (wanted, self._describe()))
        self._skip_whitespace()
        if self.ch != _EOF:
            raise self._error(
                "unexpected %s after the end of the JSON text" % self._describe()
            )
        return result

    def _advance(self):
        if self._next < len(self._units):
            self.ch = self._units[self._next]
            self._next += 1
        else:
            self.ch = _EOF
        if self.ch == 0x0A:
            self.line += 1
            self.column = 0
        else:
            self.column += 1

    def _advance_to(self, index):
        """Make the unit at ``index`` (or the end) current, counting lines and
        columns as the ``_advance`` calls up to it would."""
        read = self._chars[self._next : index + 1]
        newline = read.rfind("\n")
        if newline < 0:
            self.column += len(read)
        else:
            self.line += read.count("\n")
            self.column = len(read) - newline - 1
        if index < len(self._units):
            self.ch = self._units[index]
            self._next = index + 1
        else:
            self.ch = _EOF
            self._next = len(self._units)
            self.column += 1

    def _error(self, message):
        return self._error_type(
            "JSON parse error at line %d, column %d: %s"
            % (self.line, self.column, message)
        )

    def _describe(self):
        if self.ch == _EOF:
            return "end of input"
        if 0x20 <= self.ch <= 0x7E:
            return "'%s'" % chr(self.ch)
        return "character U+%04X" % self.ch

    def _skip_whitespace(self):
        if self.ch in _WHITESPACE:
            self._advance_to(_SPACES.match(self._chars, self._next).end())

    def _expect(self, char):
        if self.ch != ord(char):
            raise self._error("expected '%s' but found %s" % (char, self._describe()))
        self._advance()

    def _value(self):
        ch = self.ch
        if ch == ord("{"):
            return self._object()
        if ch == ord("["):
            return self._array()
        if ch == ord('"'):
            return self._string()
        for word, value in (("true", True), ("false", False), ("null", None)):
            if ch == ord(word[0]):
                self._literal(word)
                return value
        if ch == ord("-") or _is_digit(ch):
            return self._number()
        raise self._error("expected a value but found %s" % self._describe())

    def _object(self):
        self._expect("{")
        result = self._make_object(self._ordered)
        self._skip_whitespace()
        if self.ch == ord("}"):
            self._advance()
            return result
        while True:
            self._skip_whitespace()
            if self.ch != ord('"'):
                raise self._error(
                    "expected a string key but found %s" % self._describe()
                )
            key = self._string()
            self._skip_whitespace()
            self._expect(":")
            self._skip_whitespace()
            result.put(key, self._value())
            self._skip_whitespace()
            if self.ch == ord(","):
                self._advance()
            elif self.ch == ord("}"):
                self._advance()
                return result
            else:
                raise self._error("expected ',' or '}' but found %s" % self._describe())

    def _array(self):
        self._expect("[")
        result = self._make_array()
        self._skip_whitespace()
        if self.ch == ord("]"):
            self._advance()
            return result
        while True:
            self._skip_whitespace()
            result.add(self._value())
            self._skip_whitespace()
            if self.ch == ord(","):
                self._advance()
            elif self.ch == ord("]"):
                self._advance()
                return result
            else:
                raise self._error("expected ',' or ']' but found %s" % self._describe())

    def _literal(self, word):
        for char in word:
            if self.ch != ord(char):
                raise self._error("invalid literal, expected '%s'" % word)
            self._advance()
        ch = self.ch
        if 0x61 <= ch <= 0x7A or 0x41 <= ch <= 0x5A or _is_digit(ch):
            raise self._error("invalid literal, expected '%s'" % word)

    def _string(self):
        self._expect('"')
        pieces = []
        while True:
            if self.ch == _EOF:
                raise self._error("unterminated string")
            if self.ch == ord('"'):
                self._advance()
                return _joined(pieces)
            if self.ch != ord("\\"):
                start = self._next - 1
                end = _PLAIN.match(self._chars, start).end()
                pieces.append(self._chars[start:end])
                self._advance_to(end)
                continue
            self._advance()
            if self.ch in _ESCAPES:
                pieces.append(chr(_ESCAPES[self.ch]))
            elif self.ch == ord("u"):
                code = 0
                for _ in range(4):
                    self._advance()
                    digit = _hex_digit(self.ch)
                    if digit < 0:
                        raise self._error("invalid \\u escape: expected a hex digit")
                    code = (code << 4) | digit
                pieces.append(chr(code))
            elif self.ch == _EOF:
                raise self._error("unterminated string")
            else:
                raise self._error("invalid escape \\%s" % _text([self.ch]))
            self._advance()

    def _number(self):
        chars = []
        integer = True
        if self.ch == ord("-"):
            chars.append("-")
            self._advance()
        if self.ch == ord("0"):
            chars.append("0")
            self._advance()
        elif 0x31 <= self.ch <= 0x39:
            self._digits(chars)
        else:
            raise self._error("invalid number: expected a digit")
        if self.ch == ord("."):
            integer = False
            chars.append(".")
            self._advance()
            if not _is_digit(self.ch):
                raise self._error("invalid number: expected a digit after '.'")
            self._digits(chars)
        if self.ch in (ord("e"), ord("E")):
            integer = False
            chars.append("e")
            self._advance()
            if self.ch in (ord("+"), ord("-")):
                chars.append(chr(self.ch))
                self._advance()
            if not _is_digit(self.ch):
                raise self._error("invalid number: expected a digit in the exponent")
            self._digits(chars)
        text = "".join(chars)
        if not integer:
            return float(text)
        value = int(text)
        if not _LONG_MIN <= value <= _LONG_MAX:
            raise self._error("number out of range: %s" % text)
        return value

    def _digits(self, chars):
        while _is_digit(self.ch):
            chars.append(chr(self.ch))
            self._advance()


def _hex_digit(ch):
    if _is_digit(ch):
        return ch - 0x30
    if 0x61 <= ch <= 0x66:
        return ch - 0x61 + 10
    if 0x41 <= ch <= 0x46:
        return ch - 0x41 + 10
    return -1
