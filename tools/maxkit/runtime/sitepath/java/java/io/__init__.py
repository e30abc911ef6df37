"""CPython stand-in for ``java.io.IOException``."""

from java.lang import Exception as _JavaException


class IOException(_JavaException):
    pass
