"""CPython stand-ins for the ``java.lang`` classes scripts use.

Only for the CPython runtime: under Jython the real classes are used.

Java's own classes sit below the fake Maximo: ``System`` reads the running
fake world's environment and JVM properties through ``_WORLD``, the function
``maxfake.world`` puts there when it is imported (a world can only be current
once that module is loaded), never by importing the world itself.
"""

import time

from maxfake.errors import FakeMaximoError

try:
    import builtins as _builtins
except ImportError:  # Python 2
    import __builtin__ as _builtins


#: ``maxfake.world.current``, set by that module (see above).
_WORLD = []


def _current_world():
    if not _WORLD:
        raise FakeMaximoError(
            "no fake Maximo world is active: run scripts through the runner"
        )
    return _WORLD[0]()


class Throwable(Exception):
    def __init__(self, message=None, cause=None):
        _builtins.Exception.__init__(self, *([] if message is None else [message]))
        self._java_cause = cause

    def getMessage(self):
        return str(self.args[0]) if self.args else None

    def getLocalizedMessage(self):
        return self.getMessage()

    def getCause(self):
        return getattr(self, "_java_cause", None)

    def printStackTrace(self):
        import sys
        import traceback

        traceback.print_exception(type(self), self, self.__traceback__, file=sys.stderr)

    def toString(self):
        message = self.getMessage()
        name = "java.lang." + type(self).__name__
        return name if message is None else "%s: %s" % (name, message)


class Exception(Throwable):  # noqa: A001 - the Java name on purpose
    pass


class RuntimeException(Exception):
    pass


class Error(Throwable):
    pass


class IllegalArgumentException(RuntimeException):
    pass


class IllegalStateException(RuntimeException):
    pass


class NullPointerException(RuntimeException):
    pass


class NumberFormatException(IllegalArgumentException):
    pass


class UnsupportedOperationException(RuntimeException):
    pass


class IndexOutOfBoundsException(RuntimeException):
    pass


class String(str):
    """java.lang.String: built from text, or from bytes and a charset."""

    def __new__(cls, value="", charset=None):
        if isinstance(value, (bytes, bytearray)):
            # Like Java: malformed input becomes U+FFFD, it never raises.
            value = bytes(value).decode(charset or "utf-8", errors="replace")
        return str.__new__(cls, value)

    def getBytes(self, charset="UTF-8"):
        return self.encode(charset)

    def length(self):
        return len(self.encode("utf-16-le")) // 2


class System(object):
    @staticmethod
    def getenv(name):
        return _current_world().env.get(name)

    @staticmethod
    def currentTimeMillis():
        return int(time.time() * 1000)

    @staticmethod
    def nanoTime():
        return int(time.perf_counter() * 1e9)

    @staticmethod
    def getProperty(name, default=None):
        """A JVM property of the fake world (spec ``java_properties``); one that
        is not set up fails loudly rather than answering a guess."""
        value = _current_world().java_property(name)
        return default if value is None else value


class Thread(object):
    @staticmethod
    def sleep(millis):
        time.sleep(millis / 1000.0)
