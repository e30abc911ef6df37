"""CPython stand-ins for the ``java.lang`` classes scripts use.

Only for the CPython runtime: under Jython the real classes are used.
"""

import time


class Throwable(Exception):
    def getMessage(self):
        return str(self.args[0]) if self.args else None

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
        from maxfake import world

        return world.current().env.get(name)

    @staticmethod
    def currentTimeMillis():
        return int(time.time() * 1000)

    @staticmethod
    def nanoTime():
        return int(time.perf_counter() * 1e9)

    @staticmethod
    def getProperty(name, default=None):
        return default


class Thread(object):
    @staticmethod
    def sleep(millis):
        time.sleep(millis / 1000.0)
