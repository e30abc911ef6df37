"""The state of the fake Maximo a script runs in.

A ``World`` is built from a plain, JSON-able spec so that the same world can be
handed to a Jython process. The ``psdi`` look-alikes reach the world that is
current while a script runs through ``current()``.

``tables`` holds records scripts read through MboSets (PERSON, QUERY, ...);
a table of a data-dictionary object only takes its attributes, and
``MboSet.save()`` writes changes back, and new records (``MboSet.add()``), in
one transaction with the sets related to the saved records: a required column
left empty, a duplicate key or an error of a launch point fails the whole save
and writes nothing. The user tables of Manage (USER_TABLES) exist, empty,
unless the spec gives their rows. ``saved_rows()`` is what the saves of the
run added or changed. ``keys`` gives each object's unique id and primary key;
``launchpoints`` the OBJECT launch points the fake fires on a save and the
ATTRIBUTE ones (run action) it fires when their attribute is set. ``crash`` (``{"before_save": N}``)
makes the N-th save of the run die like a killed Manage pod (``SimulatedCrash``),
for tests of what a re-run does after a crash.

The tables stand for Maximo's database, outside the JVM: a table keyed like
PERSON (PERSONID) has the database's indexes (maxfake.tableindex), so a lookup
by key or a walk in key order costs what it costs there, not a scan of the
whole table.
What the JVM holds is the records that open MboSets have fetched: the world
counts them (``held_mbos``, ``peak_held_mbos``), and ``memory``
(``{"max_held_mbos": N}``) makes a run that holds more die like a JVM out of
heap, which is what walking a large set without discarding its records does
to a Manage server.
"""

from maxfake.compat import JYTHON, key_name, string_types, text_type
from maxfake.errors import FakeMaximoError
from maxfake.recorder import Recorder
from maxfake.tableindex import FOLDED_INDEXES, TableIndex, indexed_columns

# Messages the fake raises on its own, in the spirit of Maximo's system messages.
_SYSTEM_MESSAGES = {
    ("system", "unknownattribute"): "Attribute {0} does not exist on object {1}.",
    ("system", "unknownobject"): "Object {0} does not exist in the data dictionary.",
    ("system", "maxlength"): "{0}.{1}: the value is longer than {2} characters.",
    ("system", "notindomain"): "{0}.{1}: {2} is not a valid value of domain {3}.",
    ("system", "notsynonym"): "{0} is not a valid value in the domain {1}.",
    # Maximo's group/key for a required field (BMXAA4195E), from memory.
    ("system", "null"): "A value is required for the {0} field on the {1} object.",
    # The fake's own: the database's unique index refuses a second record.
    ("system", "duplicatekey"): "{0}: a record with {1} = {2} exists already.",
    # Maximo's group/key for a read-only field (maxfake.business.READONLY);
    # the fake's own wording.
    ("access", "field"): "The {0} field is read-only.",
    # The fake's own group/key and wording (maxfake.business.change_status).
    ("status", "samestatus"): "The status is {0} already ({1} {2}).",
    # maxfake.business, the Manage user: Maximo's key [V mas_iam_operator], the
    # fake's wording; the fake's own keys and wording for the other two [I].
    ("system", "idpnotfound"): "The identity provider {0} is not registered in"
    " the suite.",
    ("signature", "noreassignauth"): "User {0} is not authorized to add users to"
    " the security group {1} (group reassignment).",
    ("signature", "noremoveauth"): "User {0} is not authorized to remove users"
    " from the security group {1} (group reassignment).",
    ("signature", "loginidnotunique"): "The login ID {0} is used by user {1}"
    " already; user {2} cannot have it.",
    ("iface", "httperror"): "The HTTP request to {0} failed with status {1}: {2}",
    ("iface", "remoteerror"): "Could not connect to {0}: {1}",
    # The fake's own (Manage's group/key for this failure are not public).
    ("iface", "clientcertstore"): "The client certificate store {0} could not be"
    " opened: {1}",
}

_current = [None]


def current():
    world = _current[0]
    if world is None:
        raise FakeMaximoError(
            "no fake Maximo world is active: run scripts through the runner"
        )
    return world


if not JYTHON:
    # The CPython stand-in of java.lang.System reads the environment and JVM
    # properties of the current world through this function (Java's classes
    # sit below the fake Maximo and import none of it). Jython has the real
    # class: maxfake.javaenv gives scripts a view of it instead.
    from java import lang as _java_lang

    _java_lang._WORLD[:] = [current]


def activate(world):
    previous = _current[0]
    _current[0] = world
    return previous


def restore(previous):
    _current[0] = previous


def format_message(template, params):
    text = template
    for index, value in enumerate(params or []):
        text = text.replace("{%d}" % index, text_type(value))
    return text


def message_text(group, key, params):
    world = _current[0]
    template = None
    if world is not None:
        template = world.messages.get((group, key))
    if template is None:
        template = _SYSTEM_MESSAGES.get((group, key))
    if template is None:
        raise FakeMaximoError(
            "message %s/%s is not in MAXMESSAGES: declare it in a scriptConfig"
            % (group, key)
        )
    return format_message(template, params)


# Attributes whose length is a number of characters (a date's is not).
TEXT_TYPES = ("ALN", "UPPER", "LOWER")


# Log4j's levels, least severe first.
LOG_LEVELS = ("DEBUG", "INFO", "WARN", "ERROR", "FATAL")


def _object_keys(keys):
    """The spec's ``keys`` (OBJECT -> uniqueId, primaryKey), its names as the
    fake keys its dicts (compat.key_name)."""
    found = {}
    for name, entry in keys.items():
        entry = dict(entry)
        if entry.get("uniqueId"):
            entry["uniqueId"] = key_name(entry["uniqueId"])
        if entry.get("primaryKey"):
            entry["primaryKey"] = [key_name(c) for c in entry["primaryKey"]]
        found[key_name(name)] = entry
    return found


def query_kind(name, terms):
    """What a query of table ``name`` with the clause ``terms`` (maxfake.where)
    is counted as: the object and its clause's first term."""
    if not terms:
        return name
    return "%s %s %s" % (name, terms[0][0].lower(), terms[0][1])


class World(object):
    """Properties, data dictionary, domains, messages, scripts, HTTP and a recorder."""

    def __init__(self, spec):
        self.spec = spec
        self.properties = dict(spec.get("properties") or {})
        self.objects = {}
        for name, attrs in (spec.get("objects") or {}).items():
            self.objects[key_name(name.upper())] = dict(
                (key_name(attr.upper()), info) for attr, info in attrs.items()
            )
        self.alndomains = dict(spec.get("alndomains") or {})
        self.synonyms = dict(spec.get("synonyms") or {})
        self.messages = {}
        for msg in spec.get("messages") or []:
            self.messages[(msg["group"], msg["key"])] = msg["text"]
        self.scripts = dict(spec.get("scripts") or {})
        self.tables = {}
        self.indexes = {}
        self.object_keys = _object_keys(spec.get("keys") or {})
        self.launchpoints = list(spec.get("launchpoints") or [])
        self._save_points = {}
        self._required = {}
        # What psdi.mbo derives once per object from the data dictionary and
        # the business rules (its attributes, what setValue checks of each).
        self.record_shapes = {}
        # (OBJECT, ATTRIBUTE) -> the ATTRIBUTE launch points with runAction.
        self.attribute_actions = {}
        for point in self.launchpoints:
            if point.get("launchPointType") == "ATTRIBUTE" and point.get("runAction"):
                key = (
                    point.get("objectName", "").upper(),
                    point.get("attributeName", "").upper(),
                )
                self.attribute_actions.setdefault(key, []).append(point)
        self.load_table("ALNDOMAIN", self._alndomain_rows())
        for name in USER_TABLES:
            if name in self.objects:
                self.load_table(name, [])
        for name, rows in (spec.get("tables") or {}).items():
            self.load_table(name, rows)
        self._saved = []
        self._deleted = []
        self._next_uid = 1000
        self.crash = _crash_spec(spec.get("crash"))
        self.max_held_mbos = _memory_spec(spec.get("memory")).get("max_held_mbos")
        self.held_mbos = 0
        self.peak_held_mbos = 0
        self.saves = 0
        self.queries = {}
        # A copy: the answer mode keeps its position in it, per world.
        self.http = dict(spec["http"]) if spec.get("http") else None
        self.env = dict(spec.get("env") or {})
        self._user = spec.get("user")
        self.system_user = spec.get("system_user")
        self.people = dict(spec.get("people") or {})
        self.java_properties = dict(spec.get("java_properties") or {})
        self.loggers = spec.get("loggers")
        self.identity_providers = spec.get("identity_providers")
        self.maxvars = dict(spec.get("maxvars") or {})
        self.recorder = Recorder()

    def log_threshold(self, script):
        """The least level a line of ``script`` is written at.

        [V] IBM, "Automation scripts loggers": all script logging goes through
        the autoscript logger (ERROR by default); a child logger
        autoscript.<SCRIPT> sets one script's level, and the script's own log
        level (AUTOSCRIPT.LOGLEVEL) must be as verbose for its lines to show.
        """
        if self.loggers is None:
            raise FakeMaximoError(
                'the fake world has no loggers: give the world spec "loggers":'
                ' {"autoscript": "ERROR", "autoscript.<SCRIPT>": "INFO", ...}'
            )
        name = "autoscript." + script
        level = self.loggers.get(name, self.loggers.get("autoscript", "ERROR"))
        own = self.script(script).get("loglevel", "ERROR")
        return max(LOG_LEVELS.index(level), LOG_LEVELS.index(own))

    @property
    def user(self):
        """The login the scripts run as (spec ``user``): set up, never assumed."""
        if not self._user:
            raise FakeMaximoError(
                'the fake world has no user: give the world spec "user": "<LOGIN>"'
            )
        return self._user

    def registered_identity_providers(self):
        """The ids of the suite's identity providers (spec
        ``identity_providers``), loud when not set up."""
        if self.identity_providers is None:
            raise FakeMaximoError(
                "MASUSERIDP.IDPID: the suite's identity providers are not set up;"
                ' give the world spec "identity_providers": ["default-saml", ...]'
            )
        return list(self.identity_providers)

    def maxvar(self, name):
        """A MAXVARS value (spec ``maxvars``), loud when not set up."""
        if name not in self.maxvars:
            raise FakeMaximoError(
                "MAXVARS %s is not set up; give the world spec"
                ' "maxvars": {"%s": ...}' % (name, name)
            )
        return self.maxvars[name]

    def java_property(self, name):
        """A JVM system property (spec ``java_properties``), loud when not set up."""
        if name not in self.java_properties:
            raise FakeMaximoError(
                "System.getProperty(%r): the JVM property is not set up; give the"
                ' world spec "java_properties": {"%s": ...}' % (name, name)
            )
        return self.java_properties[name]

    def _alndomain_rows(self):
        rows = []
        for domainid, values in sorted(self.alndomains.items()):
            for value in values:
                rows.append(
                    {
                        "DOMAINID": domainid,
                        "VALUE": value["value"],
                        "DESCRIPTION": value.get("description"),
                    }
                )
        return rows

    def _table_rows(self, name, rows):
        """Rows with upper-case keys, each one an attribute of the object in
        the data dictionary (tools/maxkit/data/maximo.json)."""
        attrs = self.objects.get(name)
        if attrs is None:
            raise FakeMaximoError(
                "table %s: %s is not an object of the data dictionary" % (name, name)
            )
        table = []
        for index, row in enumerate(rows):
            upper = dict((key_name(key.upper()), value) for key, value in row.items())
            unknown = sorted(k for k in upper if k not in attrs)
            too_long = sorted(
                k
                for k, v in upper.items()
                if k in attrs
                and isinstance(v, string_types)
                and attrs[k].get("maxtype") in TEXT_TYPES
                and attrs[k].get("length")
                and len(v) > attrs[k]["length"]
            )
            if too_long:
                raise FakeMaximoError(
                    "table %s, row %d: %s longer than its column (%s); Maximo's"
                    " database cannot hold it"
                    % (
                        name,
                        index + 1,
                        too_long[0],
                        attrs[too_long[0]]["length"],
                    )
                )
            if unknown:
                raise FakeMaximoError(
                    "table %s, row %d: %s %s not an attribute of %s"
                    % (
                        name,
                        index + 1,
                        ", ".join(unknown),
                        "is" if len(unknown) == 1 else "are",
                        name,
                    )
                )
            table.append(upper)
        return table

    def load_table(self, name, rows):
        """Make ``rows`` the table ``name`` (checked as spec tables are), with
        the database's indexes on it (maxfake.tableindex)."""
        name = key_name(name.upper())
        table = self.tables[name] = self._table_rows(name, rows)
        self.indexes[name] = [
            TableIndex(table, column)
            for column in indexed_columns(name, self.object_keys)
        ] + [TableIndex(table, column, True) for column in FOLDED_INDEXES.get(name, ())]

    def reindex(self, name):
        """Build the indexes of ``name`` again: a record left the table, so
        the positions after it moved (deletions are rare: a group taken off
        a user)."""
        table = self.tables[name]
        self.indexes[name] = [
            TableIndex(table, index.attribute, index.fold)
            for index in self.indexes.get(name, ())
        ]

    def index(self, name, column, fold=False):
        """The index on ``name``.``column`` (``fold``: the one without regard
        to case, for the business rules), or None when it has none."""
        for index in self.indexes.get(name, ()):
            if index.attribute == column and index.fold == fold:
                return index
        return None

    def hold(self, count):
        """Open MboSets fetched ``count`` more records (negative: let go of them)."""
        self.held_mbos += count
        if self.held_mbos > self.peak_held_mbos:
            self.peak_held_mbos = self.held_mbos
            limit = self.max_held_mbos
            if limit is not None and self.held_mbos > limit:
                raise SimulatedCrash(
                    "java.lang.OutOfMemoryError: Java heap space (open MboSets hold"
                    " %d records, more than the %d this run allows)"
                    % (self.held_mbos, limit)
                )

    def saving(self, name):
        """An MboSet of table ``name`` is being saved: count it, maybe crash."""
        self.saves += 1
        if self.crash.get("before_save") == self.saves:
            raise SimulatedCrash(
                "simulated crash before save %d (%s)" % (self.saves, name)
            )

    def count_query(self, kind):
        """A query ran, of the kind :func:`query_kind` names
        (``"MAXUSER userid in"``): counted, so a test can tell a read per
        chunk from a read per person."""
        self.queries[kind] = self.queries.get(kind, 0) + 1

    def unique_id(self, name):
        """The next value of an object's unique id column (Maximo's sequence)."""
        self._next_uid += 1
        return self._next_uid

    def wrote(self, name, row):
        """A save added or changed ``row`` of table ``name``."""
        self._saved.append((name, row))

    def removed(self, name, row):
        """A save deleted ``row`` of table ``name``."""
        self._deleted.append((name, row))

    def deleted_rows(self):
        """``{OBJECT: [row, ...]}``: every record the saves of the run deleted,
        as it was when deleted; ``{}`` when none was."""
        rows = {}
        for name, row in self._deleted:
            rows.setdefault(name, []).append(dict(row))
        return rows

    def save_mark(self):
        """A point in the run's saves, for ``saved_rows(since=...)``."""
        return len(self._saved)

    def saved_rows(self, since=0):
        """``{OBJECT: [row, ...]}``: every record the saves of the run (after
        the mark ``since``) added or changed, each once, as it was last saved
        (attribute -> value); ``{}`` when nothing was saved. Dates stay
        ``java.util.Date`` values."""
        rows, seen = {}, set()
        for name, row in self._saved[since:]:
            if id(row) not in seen:
                seen.add(id(row))
                rows.setdefault(name, []).append(row)
        return dict(
            (name, [dict(row) for row in table]) for name, table in rows.items()
        )

    def attribute(self, object_name, attribute):
        """Data dictionary entry of an attribute, None if there is none (the
        caller, psdi.mbo, raises Maximo's error: this module sits below the
        psdi look-alikes and raises none of their exceptions).

        Every read and write of an attribute asks: names already in upper
        case (as scripts mostly spell them) are found without converting."""
        attrs = self.objects.get(object_name)
        if attrs is None:
            attrs = self.objects.get(object_name.upper())
            if attrs is None:
                return None
        info = attrs.get(attribute)
        if info is None:
            info = attrs.get(attribute.upper())
        return info

    def has_object(self, object_name):
        """True when the data dictionary has the object ``object_name``."""
        return object_name in self.objects or object_name.upper() in self.objects

    def required_attributes(self, name):
        """The persistent required attributes of object ``name`` a save
        checks, in name order (the unique id is Maximo's to fill;
        ``masRequired`` false: not required on MAS). Read once per object,
        as Maximo reads its data dictionary once, not per record saved."""
        required = self._required.get(name)
        if required is None:
            unique = (self.object_keys.get(name) or {}).get("uniqueId")
            required = self._required[name] = [
                attr
                for attr, info in sorted(self.objects[name].items())
                if info.get("persistent")
                and info.get("required")
                and attr != unique
                and info.get("masRequired") is not False
            ]
        return required

    def save_launch_points(self, name, event):
        """The OBJECT launch points a save of a record of ``name`` fires
        (``event`` add, update or delete, beforeSave), in the spec's order."""
        key = (name, event)
        points = self._save_points.get(key)
        if points is None:
            points = self._save_points[key] = [
                point
                for point in self.launchpoints
                if point.get("objectName", "").upper() == name
                and point.get("save")
                and point.get("beforeSave")
                and point.get(event)
            ]
        return points

    def script(self, name):
        script = self.scripts.get(name)
        if script is None:
            raise FakeMaximoError("automation script %s does not exist" % name)
        return script


class SimulatedCrash(BaseException):
    """The Manage server died (spec ``crash``): not an Exception, so no script
    handler can catch it, as no handler survives a killed JVM."""


#: Tables Manage always has: the user and security group records.
USER_TABLES = ("MAXUSER", "GROUPUSER", "MAXGROUP", "MASUSERIDP", "GRPREASSIGNAUTH")


def _counts_spec(name, spec, keys):
    """A spec part of named counts, each a whole number from 1, e.g. ``crash``
    ``{"before_save": N}`` (die when the N-th MboSet.save() of the run starts)
    or ``memory`` ``{"max_held_mbos": N}`` (die when open MboSets hold more
    than N records)."""
    spec = dict(spec or {})
    for key, value in spec.items():
        if key not in keys:
            raise FakeMaximoError(
                "%s: unknown key %r (known: %s)" % (name, key, ", ".join(keys))
            )
        if not isinstance(value, int) or value < 1:
            raise FakeMaximoError("%s: %s must be a count from 1" % (name, key))
    return spec


def _memory_spec(memory):
    return _counts_spec("memory", memory, ("max_held_mbos",))


def _crash_spec(crash):
    return _counts_spec("crash", crash, ("before_save",))
