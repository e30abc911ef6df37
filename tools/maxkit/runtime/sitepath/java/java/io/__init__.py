"""CPython stand-ins for the ``java.io`` classes JSON4J's parse meets."""

from java.lang import Exception as _JavaException


class IOException(_JavaException):
    pass


class UnsupportedEncodingException(IOException):
    pass


class Reader(object):
    """The abstract reader: what JSON4J's ``parse(Reader)`` reads from."""

    def read(self):
        raise NotImplementedError("a Reader gives read()")


class StringReader(Reader):
    def __init__(self, text):
        self._text = text
        self._read = False

    def read(self):
        """All the text that is left (the fake's parser reads it at once)."""
        if self._read:
            return ""
        self._read = True
        return self._text
