"""Look-alikes of ``psdi.mbo``: Mbo, MboSet, MboConstants and Translate.

Attributes are checked against the fake world's data dictionary, so a typo
such as ``FIRSTNAM`` fails as it does in Maximo. A null attribute reads as ""
through ``getString``, like Maximo.
"""

import re

from maxfake import business as _business
from maxfake import world as _world
from maxfake.world import query_kind
from maxfake.compat import integer_types, string_types, text_type
from maxfake.dates import DATE_TYPES as _DATE_CLASSES
from maxfake.dates import is_date
from maxfake.errors import FakeMaximoError, not_implemented
from maxfake.strict import Strict as _Strict
from maxfake.where import compile_terms, terms, where_attributes
from psdi.security import UserInfo
from psdi.util import MXApplicationException, MXSystemException

_DATE_TYPES = ("DATE", "DATETIME", "TIME")
# What setValue takes besides text and dates.
_PLAIN_VALUES = (bool, float) + integer_types


def _unknown_attribute(world, object_name, attribute):
    """Raise what Maximo raises for an attribute (or an object) its data
    dictionary does not have."""
    if not world.has_object(object_name):
        raise MXSystemException("system", "unknownobject", [object_name])
    raise MXSystemException("system", "unknownattribute", [attribute, object_name])


class MboConstants(object):
    """Maximo's values. Access modifiers (setValue, add, save) and the flags
    of setFlag/setFieldFlag are two namespaces sharing one interface, so
    their numbers overlap (NOSETVALUE and NOVALIDATION_AND_NOACTION_ALLOWCROSSOVER
    are both 64)."""

    NONE = 0
    # Access modifiers.
    NOVALIDATION = 1
    NOACCESSCHECK = 2
    NOACTION = 8
    NOVALIDATION_AND_NOACTION = 9
    DELAYVALIDATION = 36
    # Flags of an MboSet or a field.
    READONLY = 7
    DISCARDABLE = 32
    NOSETVALUE = 64
    REQUIRED = 128


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


#: The attributes of a name the data dictionary lacks: every access fails.
_NO_ATTRIBUTES = {}


def _shape(world, name):
    """(attributes, set plans) of object ``name``: the data dictionary's
    entries, and what setValue checks per attribute (:func:`_set_plan`),
    shared by every record of the object in the world, so a record costs one
    lookup per access rather than a walk through the dictionary."""
    shape = world.record_shapes.get(name)
    if shape is None:
        shape = world.record_shapes[name] = (
            world.objects.get(name) or _NO_ATTRIBUTES,
            {},
        )
    return shape


class Mbo(_Strict):
    # Attributes in slots, not an instance dict: in Jython a record's every
    # read of one was a lookup in a hash map of its own.
    __slots__ = (
        "_world",
        "_name",
        "_attrs",
        "_plans",
        "_values",
        "_set",
        "_modified",
        "_changed",
        "_related",
        "_deleted",
        "_row",
    )

    def __init__(self, world, name, values, mboset=None):
        self._world = world
        self._name = name.upper()
        self._attrs, self._plans = _shape(world, self._name)
        self._values = {}
        for attr, value in (values or {}).items():
            if world.attribute(self._name, attr) is None:
                _unknown_attribute(world, self._name, attr)
            self._values[attr.upper()] = value
        self._set = mboset
        self._modified = False
        self._changed = set()
        self._related = {}
        self._deleted = False

    def _info(self, attr):
        info = self._attrs.get(attr)
        if info is None:
            info = self._attrs.get(attr.upper())
            if info is None:
                _unknown_attribute(self._world, self._name, attr)
        return info

    def _get(self, attr):
        # Every read asks: a name in upper case (as scripts mostly spell
        # them) is looked up once.
        if attr in self._attrs:
            return self._values.get(attr)
        self._info(attr)
        return self._values.get(attr.upper())

    def getName(self):
        return self._name

    def isNull(self, attr):
        value = self._values.get(attr) if attr in self._attrs else self._get(attr)
        return value is None or value == ""

    def getString(self, attr):
        value = self._values.get(attr) if attr in self._attrs else self._get(attr)
        if value is None:
            return ""
        if type(value) is text_type:
            return value
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
        # One of the fake's hottest paths (a bulk run sets some 27 values a
        # person): what the data dictionary and the business rules say of
        # the attribute is read once per object (_set_plan).
        plan = self._plans.get(attr)
        if plan is None:
            plan = self._plan(attr)
        name, length, upper, allowed, domain, maxtype, ruled, fires = plan
        if ruled:
            _business.check_set(self._world, self, name, value, flags)
        if isinstance(value, string_types):
            if length and len(value) > length:
                raise MXApplicationException(
                    "system", "maxlength", [self._name, name, length]
                )
            if upper:
                value = value.upper()
            if (
                allowed is not None
                and value != ""
                and value not in allowed
                and not flags & MboConstants.NOVALIDATION
            ):
                raise MXApplicationException(
                    "system", "notindomain", [self._name, name, value, domain]
                )
        elif isinstance(value, _DATE_CLASSES):
            if maxtype not in _DATE_TYPES:
                raise FakeMaximoError(
                    "setValue(%s) got a date, but %s.%s is %s"
                    % (attr, self._name, name, maxtype)
                )
        elif not (value is None or isinstance(value, _PLAIN_VALUES)):
            raise FakeMaximoError("setValue(%s) got a %s" % (attr, type(value)))
        elif maxtype == "YORN" and not _is_yorn(value):
            # A YORN attribute holds true/false: a boolean, or 1/0 as IBM's
            # python-devops writes MAXUSER.ISAUTHORIZED [V]; any other number
            # is a script's mistake the fake refuses loudly [I].
            raise FakeMaximoError(
                "setValue(%s, %r): %s.%s is YORN: give True/False or 1/0"
                % (attr, value, self._name, name)
            )
        self._values[name] = value
        self._modified = True
        self._changed.add(name)
        if fires:
            _fire_attribute_actions(self._world, self, name, flags)

    def _plan(self, attr):
        """The set plan of ``attr`` (as the script spells it), made on its
        first set in the world; an attribute the object lacks fails."""
        info = self._info(attr)
        name = attr.upper()
        plan = self._plans.get(name)
        if plan is None:
            plan = self._plans[name] = _set_plan(self._world, self._name, name, info)
        self._plans[attr] = plan
        return plan

    def setValueNull(self, attr, flags=0):
        plan = self._plans.get(attr)
        if plan is None:
            plan = self._plan(attr)
        name, ruled, fires = plan[0], plan[6], plan[7]
        if ruled:
            _business.check_set(self._world, self, name, None, flags)
        self._values[name] = None
        self._modified = True
        self._changed.add(name)
        if fires:
            _fire_attribute_actions(self._world, self, name, flags)

    def toBeSaved(self):
        return self._modified

    def isModified(self, attr):
        """True when ``attr`` was set since the record was fetched or saved
        (Maximo's ``MboRemote.isModified(String)``)."""
        if attr in self._attrs:
            return attr in self._changed
        self._info(attr)
        return attr.upper() in self._changed

    def getTranslator(self):
        return Translate(self._world)

    def getThisMboSet(self):
        if self._set is None:
            self._set = MboSet(self._world, self._name, [self])
        return self._set

    def getUserInfo(self):
        return UserInfo(self._world, self._world.user)

    def getMboSet(self, name, objectName=None, where=None):
        if objectName is None:
            raise FakeMaximoError(
                "relationship %s is not modelled; use getMboSet(name, object, where)"
                % name
            )
        return MboSet.from_table(self._world, objectName, where)

    def isNew(self):
        return False


class MboSet(_Strict):
    """A set of records, fetched as the script walks it, like Maximo's cursor.

    Maximo keeps every record a set has fetched (it expects them to be
    edited and saved) until the set is closed or reset; the fake does the
    same and counts them in the world (``held_mbos``), so a walk over a large
    table holds the whole table. ``setFlag(MboConstants.DISCARDABLE, True)``
    is IBM's answer for reading many records: the set keeps only the current
    record, can only move forward, and is never saved (NOSAVE). The fake
    fails loudly on a step back or a save of such a set.
    """

    __slots__ = (
        "_world",
        "_name",
        "_given",
        "_where",
        "_order_by",
        "_discardable",
        "_cache",
        "_added",
        "_position",
        "_fetched",
        "_source",
        "_compiled",
    )

    def __init__(self, world, name, mbos, where=None):
        self._world = world
        self._name = name.upper()
        self._given = list(mbos)
        self._where = where
        self._order_by = None
        self._discardable = False
        self._cache = []
        self._added = []
        self._compiled = None
        for mbo in self._given:
            mbo._set = self
        self._query()

    @classmethod
    def from_table(cls, world, name, where=None, order_by=None):
        name = name.upper()
        if name not in world.objects:
            raise MXSystemException("system", "unknownobject", [name])
        mboset = cls.__new__(cls)
        mboset._world = world
        mboset._name = name
        mboset._given = []
        mboset._where = where
        mboset._order_by = order_by
        mboset._discardable = False
        mboset._cache = []
        mboset._added = []
        mboset._compiled = None
        mboset._query()
        return mboset

    def _table(self):
        return self._name in self._world.tables

    def _query(self):
        """Run the query again: nothing fetched yet, the walk before the first.

        The query is checked now, as the database checks it; its records are
        selected when the walk starts (a set that is only added to, or only
        re-queried, never reads the table).
        """
        self._release()
        self._position = -1
        self._fetched = 0
        self._source = None
        if self._table() or self._name in self._world.objects:
            self._check()

    def _check(self):
        """An attribute the object does not have, a clause or an order the fake
        cannot evaluate: refused, as the database refuses them."""
        self._compiled = _query_plan(
            self._world, self._name, self._where, self._order_by
        )

    def _rows(self):
        """The table's rows that the where clause selects, in the set's order.

        A key lookup and a walk in key order use the table's index and fetch
        lazily, as a database answers them from its index.
        """
        world, name = self._world, self._name
        plan = self._compiled
        if plan is None or plan[0] != (self._where, self._order_by):
            # setWhere or setOrderBy since the set's query was checked.
            plan = self._compiled = _query_plan(
                world, name, self._where, self._order_by
            )
        test, pinned, order = plan[1], plan[2], plan[3]
        world.count_query(plan[4])
        rows = world.tables.get(name, [])
        indexes = world.indexes.get(name, ())
        for index in indexes:
            values = pinned.get(index.attribute)
            if values is not None:
                # A folded index gives more rows than the clause selects
                # (other cases): the test below keeps what it selects.
                rows = index.lookup(rows, values)
                break
        else:
            if indexes and order == [(indexes[0].attribute, False)]:
                return (row for row in indexes[0].ordered if test(row))
        rows = [row for row in rows if test(row)]
        for attr, descending in reversed(order):
            rows.sort(key=lambda row: _sort_key(row.get(attr)), reverse=descending)
        return rows

    def _fetch(self):
        """The next record of the query, or None at the end."""
        table = self._name in self._world.tables
        if self._source is None:  # closed: the walk starts the query again
            self._source = iter(self._rows()) if table else iter(self._given)
        item = next(self._source, None)
        if item is None:
            return None
        self._fetched += 1
        if not table:
            return item
        return _TableMbo(self._world, self._name, item, self)

    def _release(self):
        """Let go of the records fetched and added, and of the sets related
        to them: nothing references those once their records are gone."""
        added = self._added
        cached = self._cache
        self._cache = []
        self._added = []
        if not added and not cached:
            return
        self._world.hold(-len(cached) - len(added))
        for records in (cached, added):
            for mbo in records:
                related = mbo._related
                if related:
                    for child in related.values():
                        child._release()

    def getName(self):
        return self._name

    def setFlag(self, flag, state):
        if flag != MboConstants.DISCARDABLE:
            raise not_implemented("MboSet", "setFlag(%r)" % (flag,))
        if self._fetched:
            raise FakeMaximoError(
                "setFlag(DISCARDABLE) on a %s set that has fetched records already:"
                " set it before the walk" % self._name
            )
        self._discardable = bool(state)

    def count(self, flags=0):
        """As Maximo's ``select count(*)``: the records fetched stay as they are."""
        if not self._table():
            return len(self._given)
        return sum(1 for _ in self._rows())

    def isEmpty(self):
        return self.count() == 0

    def getMbo(self, index=None):
        if index is None:
            index = self._position
        if index < 0:
            return None
        if self._discardable:
            return self._discarding_get(index)
        # Records added to the set and not saved yet are in it, before the
        # fetched ones, the newest first [I: Maximo's MboSet.add() puts the
        # new record into the set, where a walk meets it].
        added = self._added
        if index < len(added):
            self._position = index
            return added[len(added) - 1 - index]
        fetched = index - len(added)
        while len(self._cache) <= fetched:
            mbo = self._fetch()
            if mbo is None:
                return None
            self._cache.append(mbo)
            self._world.hold(1)
        self._position = index
        return self._cache[fetched]

    def _discarding_get(self, index):
        """A DISCARDABLE set: forward only, only the current record kept."""
        current = self._fetched - 1
        if index < current:
            raise FakeMaximoError(
                "getMbo(%d) of a DISCARDABLE %s set at record %d: a discardable set"
                " drops each record as it moves past it, so it only goes forward"
                % (index, self._name, current)
            )
        while self._fetched <= index:
            mbo = self._fetch()
            if mbo is None:
                return None
            if not self._cache:
                self._world.hold(1)
            self._cache = [mbo]
        self._position = index
        return self._cache[0] if self._cache else None

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
        self._query()

    def add(self, flags=0):
        """A new record of the table, written when the set (or the set it
        hangs from) is saved; Maximo assigns its unique id then."""
        if not self._table():
            raise FakeMaximoError(
                "add() to a %s set: the fake keeps no %s table"
                % (self._name, self._name)
            )
        if self._discardable:
            raise FakeMaximoError("add() to a DISCARDABLE %s set" % self._name)
        mbo = _TableMbo(self._world, self._name, None, self)
        self._added.append(mbo)
        self._world.hold(1)
        return mbo

    def save(self, flags=0):
        """Write the set's changed and new records, and those of the sets
        related to them, as one transaction.

        First the OBJECT launch points saving fires (beforeSave), then every
        record is checked: a required column left empty or a key that exists
        already fails the save with Maximo's message and nothing is written.
        The world may be set up to crash here (spec ``crash``), as a Manage pod
        that dies mid-run: nothing of this save is written then.
        """
        if not self._table():
            raise FakeMaximoError(
                "save() of a %s set: the fake keeps no %s table"
                % (self._name, self._name)
            )
        if self._discardable:
            raise FakeMaximoError(
                "save() of a DISCARDABLE %s set: Maximo never saves one (it is"
                " NOSAVE); change the records through a set of their own" % self._name
            )
        world = self._world
        # A chunk's save walks hundreds of records several times: the loops
        # below read the records' flags directly (a call per record per loop
        # was a measurable share of the bulk run in Jython).
        # The records themselves, not id() (slow in Jython): a record's
        # hash is its identity.
        fired = set()
        while True:
            pending = [m for m in _tree_records(self) if m._modified]
            ran = False
            for mbo in pending:
                if mbo in fired:
                    continue
                fired.add(mbo)
                if _fire_save_launch_points(world, mbo):
                    ran = True
            if not ran:
                # Only a launch point's script changes records here: when none
                # ran, the records to save are the ones just walked.
                break
        deleted = [m for m in pending if m._deleted]
        kept = [m for m in pending if not m._deleted]
        for mbo in kept:
            _business.check_save(world, mbo)
            _check_required(world, mbo)
        _check_keys(world, [m for m in kept if m._row is None])
        world.saving(self._name)
        for mbo in deleted:
            _remove(world, mbo)
        for mbo in kept:
            _write(world, mbo)

    def close(self):
        """Let go of the records fetched; the next walk runs the query again."""
        self._release()
        self._position = -1
        self._fetched = 0
        self._source = None


class _TableMbo(Mbo):
    """A row of a table the fake keeps (ALNDOMAIN, PERSON, ...), checked
    against the data dictionary, or a new one (``row`` None) from
    ``MboSet.add()``. Changes stay on this record until its set is saved, as in
    Maximo; the sets it hands out (``getMboSet``) are saved with it."""

    __slots__ = ()

    def __init__(self, world, name, row, mboset):
        self._world = world
        self._name = name
        self._attrs, self._plans = _shape(world, name)
        self._row = row
        self._values = dict(row or {})
        self._set = mboset
        self._modified = row is None
        self._changed = set()
        self._related = {}
        self._deleted = False

    def isNew(self):
        return self._row is None

    def delete(self, flags=0):
        """Mark the record to be deleted when its set (or the set it hangs
        from) is saved, as MboRemote.delete() does; it stays in its set until
        then [V the method: sva-andreasb/pylance-icd-classes psdi/mbo/Mbo.py].
        The object's own refusals (maxfake.business.DELETE_CHECKS) run now,
        as Maximo's canDelete does before marking [I]."""
        if self._row is None:
            raise FakeMaximoError(
                "delete() of a new %s record: the fake does not model undoing an add"
                % self._name
            )
        _business.check_delete(self._world, self, flags)
        self._deleted = True
        self._modified = True

    def toBeDeleted(self):
        return self._deleted

    def __getattr__(self, name):
        """A method of the object's own MBO class (maxfake.business.METHODS),
        e.g. a stateful object's changeStatus; anything else fails loudly."""
        if not name.startswith("_"):
            function = _business.method(self._name, name)
            if function is not None:
                return lambda *args: function(self._world, self, *args)
        return _Strict.__getattr__(self, name)

    def getMboSet(self, name, objectName=None, where=None):
        """The related set ``name``, the same one each time (Maximo keeps it on
        the record until the record is saved or its set reset)."""
        related = self._related.get(name.upper())
        if related is None:
            related = Mbo.getMboSet(self, name, objectName, where)
            self._related[name.upper()] = related
        return related


def _query_plan(world, name, where, order_by):
    """A set's query, from one parse of its clause: checked as the database
    checks it (an attribute the object does not have, a clause or an order
    the fake cannot evaluate: refused), with what running it takes:
    ((where, order_by), the row test, {ATTR: values} the clause pins (what an
    index answers), the order, the name it is counted by (World.count_query))."""
    attrs = world.objects.get(name)
    try:
        found = terms(where)
    except FakeMaximoError:
        found = None
    if attrs is not None:
        # Maximo's database refuses a column the object does not have (in a
        # clause the fake cannot evaluate too: checked first).
        named = where_attributes(where) if found is None else [t[0] for t in found]
        for attr in named:
            if attr not in attrs:
                _unknown_attribute(world, name, attr)
    if found is None:
        found = terms(where)  # the clause the fake cannot evaluate: refused
    test = compile_terms(found)
    order = _order_terms(order_by)
    pinned = {}
    for attr, op, value in found:
        if attr not in pinned and op in ("eq", "in"):
            pinned[attr] = [value] if op == "eq" else value
    return ((where, order_by), test, pinned, order, query_kind(name, found))


def _set_plan(world, name, attribute, info):
    """What setValue checks of NAME.ATTRIBUTE, from the data dictionary entry
    ``info``: (ATTRIBUTE, length, upper-cased, the values of its ALN domain
    or None, the domain, maxtype, whether a business rule applies
    (maxfake.business.check_set), whether ATTRIBUTE launch points fire)."""
    domain = info.get("domain")
    allowed = None
    if domain in world.alndomains:
        allowed = frozenset(v["value"] for v in world.alndomains[domain])
    maxtype = info.get("maxtype")
    return (
        attribute,
        info.get("length"),
        maxtype == "UPPER",
        allowed,
        domain,
        maxtype,
        _business.has_set_rules(name, attribute),
        (name, attribute) in world.attribute_actions,
    )


def _is_yorn(value):
    """A value a YORN attribute takes: None, a boolean, or the number 1 or 0."""
    if value is None or isinstance(value, bool):
        return True
    return isinstance(value, integer_types) and value in (0, 1)


def _tree_records(mboset, found=None):
    """The records of a set and of every set related to them, depth first."""
    if found is None:
        found = []
    for records in (mboset._cache, mboset._added):
        for mbo in records:
            found.append(mbo)
            related = mbo._related
            if related:
                # A set of an object without a table holds no record.
                for child in related.values():
                    _tree_records(child, found)
    return found


def _fire_attribute_actions(world, mbo, attribute, flags):
    """The ATTRIBUTE launch points with the Run action event on OBJECT.ATTRIBUTE,
    after a value is set [V IBM docs, "Script with an attribute launch point":
    a script bound to a field and an event, run when a value is specified for
    the field; Run action among its events]. Set with NOACTION, none fires
    [I: the access modifier's name; Maximo's field actions are skipped so]."""
    points = world.attribute_actions.get((mbo._name, attribute))
    if not points or flags & MboConstants.NOACTION:
        return
    runner_class = _runner()
    for point in points:
        runner_class(world).run_attribute(
            point["script"], point["launchPointName"], mbo, attribute
        )


def _fire_save_launch_points(world, mbo):
    """The OBJECT launch points on the record's object for this save (add,
    update or delete, beforeSave); an MXException they raise fails the save.
    They fire for every record saved, as in Maximo, so this path imports
    nothing: an import in a function costs a lookup through Jython's import
    machinery each time (about half the bulk run's time when it was done
    here). True when one ran."""
    event = "add" if mbo._row is None else "update"
    if mbo._deleted:
        event = "delete"
    points = world.save_launch_points(mbo._name, event)
    if points:
        runner = _runner()(world)
        for point in points:
            runner.run_object(point["script"], point["launchPointName"], mbo, event)
    return bool(points)


_RUNNER = []


def _use_runner(runner_class):
    """Called by maxfake.runner when it is loaded: the class that runs the
    launch points a save or a field set fires. The record layer sits below
    the runner, so the runner puts itself here rather than being imported."""
    _RUNNER[:] = [runner_class]


def _runner():
    if not _RUNNER:
        raise FakeMaximoError(
            "a launch point fired but no script runner is loaded: import"
            " maxfake.runner (scripts run through it)"
        )
    return _RUNNER[0]


def _check_required(world, mbo):
    """A persistent required column left empty fails the save (the unique id
    is Maximo's to fill; ``masRequired`` false: not required on MAS): every
    one on a new record, the ones the change emptied on a record of the
    table (its other columns are the database's, which holds no null there)."""
    required = world.required_attributes(mbo._name)
    values, row = mbo._values, mbo._row
    if row is not None:
        # Only a value the change set can have been emptied by it; one the
        # database holds empty already is not this change's.
        changed = mbo._changed
        required = [
            attr
            for attr in required
            if attr in changed and row.get(attr) is not None and row.get(attr) != ""
        ]
    for attr in required:
        value = values.get(attr)
        if value is None or value == "":
            raise MXApplicationException("system", "null", [attr, mbo._name])


def _check_keys(world, added):
    """A new record whose primary key a record has already: refused, as the
    database's unique index refuses it (looked up in the index, as the
    database does, not found by reading the whole table)."""
    seen = set()
    for mbo in added:
        columns = (world.object_keys.get(mbo._name) or {}).get("primaryKey") or []
        if not columns:
            continue
        values = mbo._values
        key = tuple([values.get(c) for c in columns])
        rows = world.tables[mbo._name]
        index = world.index(mbo._name, columns[0])
        if index is not None:
            rows = index.lookup(rows, [key[0]])
        taken = (mbo._name, key) in seen
        if not taken:
            for row in rows:
                if tuple([row.get(c) for c in columns]) == key:
                    taken = True
                    break
        if taken:
            raise MXApplicationException(
                "system",
                "duplicatekey",
                [mbo._name, "+".join(columns), "+".join(text_type(k) for k in key)],
            )
        seen.add((mbo._name, key))


def _write(world, mbo):
    """Write one checked record to its table, and to the table's indexes."""
    name = mbo._name
    indexes = world.indexes.get(name, ())
    values, row = mbo._values, mbo._row
    if row is None:
        table = world.tables[name]
        unique = (world.object_keys.get(name) or {}).get("uniqueId")
        if unique and values.get(unique) is None:
            values[unique] = world.unique_id(name)
        row = mbo._row = dict(values)
        table.append(row)
        position = len(table) - 1
        for index in indexes:
            index.added(position)
    else:
        moved = []
        for index in indexes:
            old = row.get(index.attribute)
            if values.get(index.attribute) != old:
                moved.append((index, index.position(row), old))
        row.update(values)
        for index, position, old in moved:
            if position is not None:
                index.moved(position, old)
    mbo._modified = False
    mbo._changed = set()
    world.wrote(name, row)


def _remove(world, mbo):
    """Delete one record marked by delete() from its table."""
    name = mbo._name
    table = world.tables[name]
    for position, row in enumerate(table):
        if row is mbo._row:
            del table[position]
            break
    world.reindex(name)
    mbo._modified = False
    world.removed(name, mbo._row)


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
