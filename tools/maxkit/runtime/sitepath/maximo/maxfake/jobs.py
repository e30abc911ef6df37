"""One run of the dialog action, from plain data to plain data.

The same function serves the CPython runtime and a Jython process (which gets
a batch of jobs as JSON and runs them all in one JVM), so both runtimes are
driven identically and their records can be compared field by field.
"""

import time
import traceback

from maxfake.compat import SCRIPT_ERRORS
from maxfake.dates import is_date, iso, now
from maxfake.errors import FakeMaximoError
from maxfake.runner import Runner
from maxfake.world import SimulatedCrash, World
from psdi.mbo import Mbo, MboConstants, MboSet
from psdi.util import MXException

ACTION_SCRIPT = "MASUSERUPSERT"
ACTION_APP = "PERSON"
DIALOG_OBJECT = "PERSON"


def _record_uncaught(world, script, error):
    """An MXException that service.error did not raise still reaches the user."""
    messages = world.recorder.messages
    if messages and messages[-1]["kind"] == "error":
        if messages[-1]["key"] == error.getErrorKey():
            return
    messages.append(
        {
            "kind": "error",
            "group": error.getErrorGroup(),
            "key": error.getErrorKey(),
            "params": [p for p in error.getParameters()],
            "text": error.getMessage(),
            "script": script,
        }
    )


def _script_run(world, script, run):
    """Call ``run()``: the MXException it returns or raises reaches the user as
    Maximo shows it. Returns the traceback of a script bug (what Maximo would
    show as a stack trace), or None."""
    try:
        stopped = run()
        if stopped is not None:
            _record_uncaught(world, script, stopped)
    except MXException as error:
        _record_uncaught(world, script, error)
    except FakeMaximoError:
        return traceback.format_exc()
    except SCRIPT_ERRORS:  # noqa: BLE001 - a script bug, as Maximo would show it
        return traceback.format_exc()
    return None


def _dialog_record(world, person):
    """The record the dialog runs on: the PERSON table's row of the person when
    the spec has one (so what the action saves on the person shows), else a
    record of its own."""
    personid = person.get("PERSONID")
    if "PERSON" in (world.spec.get("tables") or {}) and personid:
        people = MboSet.from_table(
            world, "PERSON", "personid = '%s'" % personid.replace("'", "''")
        )
        found = people.moveFirst()
        if found is not None:
            return found
    return Mbo(world, DIALOG_OBJECT, person)


def _plain_rows(tables):
    return dict(
        (name, [dict((k, _plain(v)) for k, v in row.items()) for row in rows])
        for name, rows in tables.items()
    )


_SYNC_FLAGS = MboConstants.NOVALIDATION_AND_NOACTION | MboConstants.NOACCESSCHECK


def _sync_users(world, rows):
    """MAS's user sync creating MAXUSER records after the action: each row is
    added and saved in a set of its own, so the OBJECT launch points on
    MAXUSER fire as they do in Manage. Returns the error of a refused save."""
    for row in rows:
        users = MboSet.from_table(world, "MAXUSER")
        user = users.add()
        for attribute, value in sorted(row.items()):
            # Manage's own code past the checks: STATUS is read-only to scripts.
            user.setValue(attribute, value, _SYNC_FLAGS)
        try:
            users.save()
        except MXException as error:
            return error.getMessage()
        finally:
            users.close()
    return None


def run_action_job(job):
    """Run ``job`` = {spec, person, dialog: {ATTR: value}, script?, app?, sync?}.

    Returns the recorder as a dict, plus ``crashed`` (a traceback when a script
    raised something Maximo would show as a stack trace), ``usage_error``
    (the person names an attribute PERSON does not have), ``saved`` (the
    records the action's saves added or changed, ``{OBJECT: [row, ...]}``,
    dates as ISO text) and ``seconds`` (the wall time of the run). ``sync``:
    MAXUSER rows MAS's user sync creates after the action (the launch points
    on MAXUSER fire); then ``synced`` is what those saves added or changed and
    ``sync_error`` the message of a refused one. ``deleted``: the records the
    run's saves deleted, ``{OBJECT: [row, ...]}``; ``dialog_fields``: the
    dialog record's non-persistent attributes that hold a value.
    """
    world = World(job["spec"])
    script = job.get("script") or ACTION_SCRIPT
    crashed = None
    usage_error = None
    started = time.time()
    try:
        mbo = _dialog_record(world, job["person"])
    except MXException as error:
        mbo = None
        usage_error = error.getMessage()
    if mbo is not None:
        # The dialog's values arrive as typed, so the script's own check answers;
        # only what the field itself refuses (a value too long) stops earlier.
        try:
            for attribute, value in sorted((job.get("dialog") or {}).items()):
                mbo.setValue(attribute, value, MboConstants.NOVALIDATION)
        except MXException as error:
            _record_uncaught(world, script, error)
            mbo = None
    if mbo is not None:
        crashed = _script_run(
            world,
            script,
            lambda: Runner(world).run_action(
                script, script, mbo, app=job.get("app") or ACTION_APP
            ),
        )
    saved = world.saved_rows()
    mark = world.save_mark()
    sync = {"error": None}
    if job.get("sync") and crashed is None:

        def play_sync():
            sync["error"] = _sync_users(world, job["sync"])

        crashed = _script_run(world, script, play_sync)
    record = world.recorder.as_dict()
    record["crashed"] = crashed
    record["usage_error"] = usage_error
    record["saved"] = _plain_rows(saved)
    record["deleted"] = _plain_rows(world.deleted_rows())
    record["dialog_fields"] = _dialog_fields(world, mbo)
    if job.get("sync"):
        record["synced"] = _plain_rows(world.saved_rows(since=mark))
        record["sync_error"] = sync["error"]
    record["seconds"] = time.time() - started
    return record


def _dialog_fields(world, mbo):
    """The dialog record's non-persistent attributes that hold a value, as
    the dialog shows them (e.g. MASAPPPOINTS, filled by a launch point)."""
    if mbo is None:
        return {}
    fields = {}
    for attribute, info in world.objects.get(mbo.getName(), {}).items():
        value = mbo._values.get(attribute)
        if not info.get("persistent") and value is not None:
            fields[attribute] = _plain(value)
    return fields


CRON_SCRIPT = "MASUSERBULK"


def _plain(value):
    """A table value as JSON-able data: dates become ISO-8601 text."""
    if is_date(value):
        return iso(value)
    return value


def run_cron_job(job):
    """Run ``job`` = {spec, arg, instance?, script?} as a cron task instance.

    ``spec["tables"]`` holds the records the script reads and writes (PERSON,
    QUERY, ...). Returns the recorder as a dict, plus ``tables`` (every table
    of the spec as the run left it, saved changes only, dates as ISO text),
    ``saves`` (MboSet saves), ``saved`` (the records the run's saves added or
    changed, ``{OBJECT: [row, ...]}``, dates as ISO text), ``peak_held_mbos``
    (the most records open MboSets held at once), ``queries`` (queries run,
    by object and first term: World.count_query), ``crashed`` (a traceback when a script raised
    something Maximo would show as a stack trace), ``simulated_crash`` (the
    text of the crash the spec asked for, when it happened) and ``seconds``
    (the wall time of the run).
    """
    world = World(job["spec"])
    script = job.get("script") or CRON_SCRIPT
    crashed = None
    simulated = None
    started = time.time()
    try:
        crashed = _script_run(
            world,
            script,
            lambda: Runner(world).run_cron(
                script, job.get("instance") or script, job.get("arg")
            ),
        )
    except SimulatedCrash as crash:
        simulated = str(crash)
    record = world.recorder.as_dict()
    record["tables"] = _tables(world, job)
    record["saves"] = world.saves
    record["queries"] = dict(world.queries)
    record["saved"] = _plain_rows(world.saved_rows())
    record["deleted"] = _plain_rows(world.deleted_rows())
    record["peak_held_mbos"] = world.peak_held_mbos
    record["crashed"] = crashed
    record["simulated_crash"] = simulated
    record["seconds"] = time.time() - started
    return record


def _tables(world, job):
    """Every table of the job's spec as the run left it, dates as ISO text."""
    return _plain_rows(
        dict(
            (name.upper(), world.tables[name.upper()])
            for name in (job["spec"].get("tables") or {})
        )
    )


SAVE_SCRIPT = "MASUSERSTATUS"


def run_save_job(job):
    """Change one PERSON record and save it, as the People application or an
    integration feed does: the save fires the OBJECT launch points of the
    spec's ``launchpoints`` (MASUSERSTATUS: PERSON, before save, update).

    ``job`` = {spec, personid, changes: {ATTR: value}, script?, direct?}: the
    person is a row of ``spec["tables"]["PERSON"]``. A new STATUS goes
    through the person's ``changeStatus``, as the People application's
    Change Status action does (Manage's cascade to the person's users comes
    with it); other attributes are changed with ``setValue`` as a user's edit
    is (validated). ``direct``: the row is written in the table as SQL (or a
    Manage without the bundle) writes it: no MBO, no launch point, no
    cascade. A launch point that throws an MXException refuses the save:
    nothing is written. Returns what :func:`run_cron_job` returns (``saved``
    is ``{}`` when the save was refused or the change was direct).
    """
    world = World(job["spec"])
    script = job.get("script") or SAVE_SCRIPT
    started = time.time()
    people = MboSet.from_table(
        world, "PERSON", "personid = '%s'" % job["personid"].replace("'", "''")
    )
    mbo = people.moveFirst()
    if mbo is None:
        raise FakeMaximoError("person %s is not in the PERSON table" % job["personid"])
    changes = dict(job.get("changes") or {})

    def change_and_save():
        # A change Maximo refuses stops here, as the application refuses it.
        status = changes.pop("STATUS", None)
        if status is not None:
            mbo.changeStatus(status, now(), job.get("memo"))
        for attribute, value in sorted(changes.items()):
            mbo.setValue(attribute, value)
        people.save()

    if job.get("direct"):
        crashed = None
        mbo._row.update(changes)
    else:
        crashed = _script_run(world, script, change_and_save)
    record = world.recorder.as_dict()
    record["tables"] = _tables(world, job)
    record["saves"] = world.saves
    record["saved"] = _plain_rows(world.saved_rows())
    record["crashed"] = crashed
    record["seconds"] = time.time() - started
    return record
