"""Look-alikes of ``psdi.util``: Maximo's exception types.

An ``MXException`` carries a message group, a key and parameters; its text is
resolved from the message catalogue of the running fake world, as Maximo
resolves it from MAXMESSAGES.
"""

from java.lang import Exception as _JavaException
from maxfake import world as _world


class MXException(_JavaException):
    """As in Maximo, a ``java.lang.Exception``: ``except java.lang.Exception``
    catches it in both runtimes."""

    def __init__(self, group, key, params=None, cause=None):
        self._group = group
        self._key = key
        self._params = [p for p in (params or [])]
        self._cause = cause
        _JavaException.__init__(self, self.getMessage())

    def getErrorGroup(self):
        return self._group

    def getErrorKey(self):
        return self._key

    def getParameters(self):
        return list(self._params)

    def getDetail(self):
        return self._cause

    def hasDetail(self):
        return self._cause is not None

    def getMessage(self):
        return _world.message_text(self._group, self._key, self._params)

    def getDisplayMessage(self):
        return self.getMessage()

    def getLocalizedMessage(self):
        return self.getMessage()

    def toString(self):
        return "%s: %s" % (type(self).__name__, self.getMessage())


class MXApplicationException(MXException):
    pass


class MXSystemException(MXException):
    pass


class MXAccessException(MXApplicationException):
    pass
