"""CPython stand-ins for ``java.util.HashMap`` and ``ArrayList``.

They are deliberately *not* dict or list subclasses: in Jython a Java map is not
``isinstance(x, dict)``, and a script that relies on that would break in Maximo.
They support what Jython gives Java collections: ``len``, ``in``, iteration,
indexing, plus the Java methods scripts call.
"""

from java.lang import IndexOutOfBoundsException
from maxfake.errors import not_implemented


class _JavaObject(object):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise not_implemented("java.util." + type(self).__name__, name)


class HashMap(_JavaObject):
    def __init__(self, other=None):
        self._data = {}
        if other is not None:
            self.putAll(other)

    def put(self, key, value):
        previous = self._data.get(key)
        self._data[key] = value
        return previous

    def putAll(self, other):
        for key in other.keySet() if hasattr(other, "keySet") else other:
            self.put(key, other.get(key) if hasattr(other, "keySet") else other[key])

    def get(self, key):
        return self._data.get(key)

    def getOrDefault(self, key, default):
        return self._data.get(key, default)

    def containsKey(self, key):
        return key in self._data

    def remove(self, key):
        return self._data.pop(key, None)

    def keySet(self):
        return list(self._data.keys())

    def values(self):
        return list(self._data.values())

    def size(self):
        return len(self._data)

    def isEmpty(self):
        return not self._data

    def clear(self):
        self._data.clear()

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        return key in self._data

    def __iter__(self):
        return iter(list(self._data.keys()))

    def __getitem__(self, key):
        return self._data[key]

    def __setitem__(self, key, value):
        self.put(key, value)

    def __eq__(self, other):
        return isinstance(other, HashMap) and self._data == other._data

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self._data)


class LinkedHashMap(HashMap):
    pass


class ArrayList(_JavaObject):
    def __init__(self, other=None):
        self._items = []
        if other is not None:
            for item in other:
                self.add(item)

    def add(self, *args):
        if len(args) == 1:
            self._items.append(args[0])
            return True
        index, item = args
        self._items.insert(index, item)
        return None

    def addAll(self, items):
        for item in items:
            self.add(item)
        return True

    def get(self, index):
        if not 0 <= index < len(self._items):
            raise IndexOutOfBoundsException(
                "Index: %d, Size: %d" % (index, len(self._items))
            )
        return self._items[index]

    def set(self, index, item):
        previous = self.get(index)
        self._items[index] = item
        return previous

    def size(self):
        return len(self._items)

    def isEmpty(self):
        return not self._items

    def contains(self, item):
        return item in self._items

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(list(self._items))

    def __getitem__(self, index):
        return self._items[index]

    def __contains__(self, item):
        return item in self._items

    def __eq__(self, other):
        return isinstance(other, ArrayList) and self._items == other._items

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self._items)
