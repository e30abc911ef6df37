"""The base of every look-alike Maximo class: like a Java object, it has only
the methods it declares; any other fails loudly, naming the class.

Its own module, low in the runtime, so that ``psdi.security`` and the other
``psdi`` packages share it without importing ``psdi.mbo``.
"""

from maxfake.errors import not_implemented


class Strict(object):
    """Unknown methods fail loudly, naming the class, like a missing Java method."""

    # No instance dict of its own: a subclass that declares __slots__ (the
    # records and sets, made by the hundred per chunk) has none at all.
    __slots__ = ()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise not_implemented(type(self).__name__, name)
