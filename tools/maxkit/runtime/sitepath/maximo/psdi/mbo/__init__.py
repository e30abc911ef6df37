"""Look-alikes of ``psdi.mbo``: Mbo, MboSet, MboConstants and Translate.

Attributes are checked against the fake world's data dictionary, so a typo
such as ``FIRSTNAM`` fails as it does in Maximo. A null attribute reads as ""
through ``getString``, like Maximo.
"""

import re

from maxfake import world as _world
from maxfake.compat import integer_types, string_types, text_type
from maxfake.dates import is_date
from maxfake.errors import FakeMaximoError, not_implemented
from maxfake.where import compile_where, where_attributes
from psdi.util import MXApplicationException

_DATE_TYPES = ("DATE", "DATETIME", "TIME")


class MboConstants(object):
    NOVALIDATION = 1
    NOACCESSCHECK = 2
    NOACTION = 8
    NOVALIDATION_AND_NOACTION = 9
    NONE = 0


class _Strict(object):
    """Unknown methods fail loudly, naming the class, like a missing Java method."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise not_implemented(type(self).__name__, name)


class Translate(_Strict):
    """Synonym-domain translation (e.g. PERSONSTATUS) from the world's synonyms."""

    def __init__(self, world):
        self._world = world

    def toInternalString(self, domainid, value, mbo=None):
        rows = self._world.synonyms.get(domainid.upper())
        if rows is None:
            raise FakeMaximoError("synonym domain %s is not set up" % domainid)
        for row in rows:
            if row["value"] == value:
                return row["maxvalue"]
        raise MXApplicationException("system", "notsynonym", [value, domainid])

    def toExternalDefaultValue(self, domainid, internal, mbo=None):
        for row in self._world.synonyms.get(domainid.upper()) or []:
            if row["maxvalue"] == internal and row.get("defaults", True):
                return row["value"]
        raise MXApplicationException("system", "notsynonym", [internal, domainid])


class Mbo(_Strict):
    def __init__(self, world, name, values, mboset=None):
        self._world = world
        self._name = name.upper()
        self._values = {}
        for attr, value in (values or {}).items():
            world.attribute(self._name, attr)
            self._values[attr.upper()] = value
        self._set = mboset
        self._modified = False

    def _info(self, attr):
        return self._world.attribute(self._name, attr)

    def _get(self, attr):
        self._info(attr)
        return self._values.get(attr.upper())

    def getName(self):
        return self._name

    def isNull(self, attr):
        value = self._get(attr)
        return value is None or value == ""

    def getString(self, attr):
        value = self._get(attr)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "Y" if value else "N"
        return text_type(value)

    def getInt(self, attr):
        value = self._get(attr)
        return 0 if value in (None, "") else int(value)

    def getLong(self, attr):
        return self.getInt(attr)

    def getDouble(self, attr):
        value = self._get(attr)
        return 0.0 if value in (None, "") else float(value)

    def getDate(self, attr):
        """The date of a DATE/DATETIME attribute (a java.util.Date), or None."""
        value = self._get(attr)
        if value is None or value == "":
            return None
        if is_date(value):
            return value
        raise FakeMaximoError(
            "getDate(%s): the fake keeps %r, not a date" % (attr.upper(), value)
        )

    def getBoolean(self, attr):
        value = self._get(attr)
        if isinstance(value, string_types):
            return value.upper() in ("Y", "1", "TRUE")
        return bool(value)

    def setValue(self, attr, value, flags=0):
        info = self._info(attr)
        if isinstance(value, string_types):
            length = info.get("length")
            if length and len(value) > length:
                raise MXApplicationException(
                    "system", "maxlength", [self._name, attr.upper(), length]
                )
            if info.get("maxtype") == "UPPER":
                value = value.upper()
            domain = info.get("domain")
            if domain in self._world.alndomains and value != "":
                allowed = [v["value"] for v in self._world.alndomains[domain]]
                if value not in allowed and not flags & MboConstants.NOVALIDATION:
                    raise MXApplicationException(
                        "system",
                        "notindomain",
                        [self._name, attr.upper(), value, domain],
                    )
        elif is_date(value):
            if info.get("maxtype") not in _DATE_TYPES:
                raise FakeMaximoError(
                    "setValue(%s) got a date, but %s.%s is %s"
                    % (attr, self._name, attr.upper(), info.get("maxtype"))
                )
        elif not (value is None or isinstance(value, (bool, float) + integer_types)):
            raise FakeMaximoError("setValue(%s) got a %s" % (attr, type(value)))
        self._values[attr.upper()] = value
        self._modified = True

    def setValueNull(self, attr, flags=0):
        self._info(attr)
        self._values[attr.upper()] = None
        self._modified = True

    def toBeSaved(self):
        return self._modified

    def getTranslator(self):
        return Translate(self._world)

    def getThisMboSet(self):
        if self._set is None:
            self._set = MboSet(self._world, self._name, [self])
        return self._set

    def getUserInfo(self):
        return UserInfo(self._world.user)

    def getMboSet(self, name, objectName=None, where=None):
        if objectName is None:
            raise FakeMaximoError(
                "relationship %s is not modelled; use getMboSet(name, object, where)"
                % name
            )
        return MboSet.from_table(self._world, objectName, where)

    def values(self):
        """The attribute values, for tests: not a Maximo method."""
        return dict(self._values)


class UserInfo(_Strict):
    def __init__(self, user):
        self._user = user

    def getUserName(self):
        return self._user

    def getPersonId(self):
        return self._user


class MboSet(_Strict):
    def __init__(self, world, name, mbos, where=None):
        self._world = world
        self._name = name.upper()
        self._mbos = list(mbos)
        self._where = where
        self._order_by = None
        self._position = -1
        for mbo in self._mbos:
            mbo._set = self

    @classmethod
    def from_table(cls, world, name, where=None, order_by=None):
        name = name.upper()
        if name not in world.objects:
            from psdi.util import MXSystemException

            raise MXSystemException("system", "unknownobject", [name])
        # Maximo's database refuses a column the object does not have.
        for attr in where_attributes(where):
            world.attribute(name, attr)
        rows = [row for row in world.tables.get(name, []) if compile_where(where)(row)]
        for attr, descending in reversed(_order_terms(order_by)):
            rows.sort(key=lambda row: _sort_key(row.get(attr)), reverse=descending)
        mboset = cls(world, name, [], where)
        mboset._order_by = order_by
        mboset._mbos = [_TableMbo(world, name, row, mboset) for row in rows]
        return mboset

    def getName(self):
        return self._name

    def count(self, flags=0):
        return len(self._mbos)

    def isEmpty(self):
        return not self._mbos

    def getMbo(self, index=None):
        if index is None:
            index = self._position
        if 0 <= index < len(self._mbos):
            self._position = index
            return self._mbos[index]
        return None

    def moveFirst(self):
        self._position = 0
        return self.getMbo(0)

    def moveNext(self):
        self._position += 1
        return self.getMbo(self._position)

    def setWhere(self, where):
        self._where = where

    def setOrderBy(self, orderBy):
        _order_terms(orderBy)
        self._order_by = orderBy

    def reset(self):
        if self._name in self._world.tables:
            fresh = MboSet.from_table(
                self._world, self._name, self._where, self._order_by
            )
            self._mbos = fresh._mbos
            for mbo in self._mbos:
                mbo._set = self
        self._position = -1

    def save(self, flags=0):
        """Write the changed records back to the world's table, as one commit.

        The world may be set up to crash here (spec ``crash``), as a Manage pod
        that dies mid-run: nothing of this save is written then.
        """
        if self._name not in self._world.tables:
            raise FakeMaximoError(
                "save() of a %s set: the fake keeps no %s table"
                % (self._name, self._name)
            )
        self._world.saving(self._name)
        for mbo in self._mbos:
            if mbo._modified:
                mbo._row.update(mbo._values)
                mbo._modified = False

    def close(self):
        self._position = -1


class _TableMbo(Mbo):
    """A row of a table the fake keeps (ALNDOMAIN, PERSON, ...), checked
    against the data dictionary. Changes stay on this record until its set is
    saved, as in Maximo."""

    def __init__(self, world, name, row, mboset):
        self._world = world
        self._name = name
        self._row = row
        self._values = dict(row)
        self._set = mboset
        self._modified = False


_ORDER_TERM = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$", re.I)


def _order_terms(order_by):
    """[(ATTR, descending)] of an ``order by`` list; anything else fails loudly."""
    if order_by is None or not order_by.strip():
        return []
    terms = []
    for part in order_by.split(","):
        match = _ORDER_TERM.match(part)
        if match is None:
            raise FakeMaximoError("the fake Maximo cannot order by %r" % order_by)
        terms.append((match.group(1).upper(), (match.group(2) or "").lower() == "desc"))
    return terms


def _sort_key(value):
    """Nulls first, then by value (text compared as text)."""
    if value is None or value == "":
        return (0, "")
    return (1, value)
