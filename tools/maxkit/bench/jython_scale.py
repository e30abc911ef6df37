"""Run the MASUSERBULK cron task at scale in real Jython 2.7 (this file runs in Jython).

Usage: ``jython jython_scale.py SITEPATH SPEC.json ARG SIZES``. ``SITEPATH``
is the fake Maximo (``runtime/sitepath/maximo``); java.* and
com.ibm.json.java are the JVM's real classes. ``SPEC.json`` is the world
(scripts, data dictionary, properties, HTTP answering every user), ``ARG``
the cron task instance's SCRIPTARG, ``SIZES`` a comma-separated list of
person counts. A warm-up run (:func:`warm_up`) comes first, so the JIT has
compiled the hot paths; then, per size, a fresh world gets that many synthetic
persons and the cron task runs once. One JSON line per size goes to stdout as
soon as it is done, with these figures (the best of ``repeats`` runs for a
small size, where one run is over too soon to measure):

- us_per_person: CPU time of the thread running the task per person, from
  the median chunk (a chunk's whole cycle: as many save-to-save intervals as
  a chunk makes saves): robust to other processes on a shared machine and to
  GC phases; wall_us_per_person: the whole run's wall time;
- held_bytes / held_max_bytes: the heap the run held beyond the table, the
  median and the most over heap samples taken after a full GC at the chunk
  saves (soft references cleared, so a reading is the live set);
- growth_bytes: what the run wrote into the table (each person's MASSYNC*
  columns), measured after the run. The fake's tables stand for the database,
  outside the JVM in Maximo, so this growth is taken out of each sample in
  proportion to the saves done by then;
- table_bytes, peak_held_mbos (the most records open MboSets held), requests,
  saves, done (persons DONE), deactivated (persons DEACTDONE), repeats,
  gc_samples.

The first line says which Jython and Java ran: {"versions": {...}}.

Requests are counted, not kept (the fake's recorder keeps every body, which is
the tests' business, not the run's).

Python 2/3-compatible subset: no f-strings, no annotations.
"""

from __future__ import unicode_literals

import io
import json
import sys

SAMPLES = 10
#: Persons of the warm-up run (the first size when larger).
WARM_UP = 20000


class RequestCount(object):
    """Stands in for the recorder's list of requests: counts them, keeps none."""

    def __init__(self):
        self.count = 0

    def append(self, request):
        self.count += 1

    def __iter__(self):
        return iter([])


#: The synthetic site, per ten persons (by number % 10): 0-6 active, never
#: confirmed (an earlier run failed); 7 active with a Manage user of its own
#: already in one mapped group; 8 and 9 inactive with a Manage user to
#: deactivate, 8 confirmed by MAS before (DONE), 9 not (its user is found by
#: PERSONID). Mapped groups: masuser.groups.BASE names MAINT and TECHNICIANS,
#: both in MAXGROUP (the spec's tables, scale.py).
HAS_USER = (7, 8, 9)
INACTIVE = (8, 9)
CONFIRMED = (8,)

#: The columns of a MAXUSER row the site already has (those Manage requires).
USER_DEFAULTS = {
    "TYPE": "TYPE 1",
    "QUERYWITHSITE": True,
    "FORCEEXPIRATION": False,
    "FAILEDLOGINS": 0,
    "SYSUSER": False,
    "INACTIVESITES": False,
    "SCREENREADER": False,
    "ISCONSULTANT": False,
    "SIDENAV": 0,
}


def person_id(number):
    return "SCALE%06d" % number


def persons(count):
    """``count`` valid PERSON rows (the same shape as the other benches), each
    with the outcome of an earlier run, in the mix of :data:`HAS_USER`."""
    from java.util import Date

    made = []
    for number in range(count):
        kind = number % 10
        made.append(
            {
                "PERSONID": person_id(number),
                "STATUS": "INACTIVE" if kind in INACTIVE else "ACTIVE",
                "FIRSTNAME": "Zo\u00eb",
                "LASTNAME": "Person %d" % number,
                "TITLE": "Technician",
                "PRIMARYEMAIL": "scale%06d@example.com" % number,
                "PRIMARYPHONE": "+1 555 0100",
                "CITY": "Springfield",
                "COUNTRY": "US",
                "MASSYNCSTATE": "DONE" if kind in CONFIRMED else "FAILED",
                "MASSYNCHASH": "%064d" % number,
                "MASSYNCDATE": Date(0),
                "MASSYNCERROR": None,
            }
        )
    return made


def users(count):
    """The MAXUSER and GROUPUSER rows of the persons of :data:`HAS_USER`."""
    found, members = [], []
    for number in range(count):
        if number % 10 not in HAS_USER:
            continue
        userid = person_id(number)
        user = {"USERID": userid, "LOGINID": userid, "PERSONID": userid}
        user["STATUS"] = "ACTIVE"
        user.update(USER_DEFAULTS)
        found.append(user)
        members.append({"USERID": userid, "GROUPNAME": "MAINT"})
    return found, members


def loaded_world(spec, count):
    """A world with ``count`` persons in its PERSON table, and their users (the
    raw rows made here are garbage once it returns, before the heap is
    measured)."""
    from maxfake.world import World

    world = World(spec)
    world.load_table("PERSON", persons(count))
    found, members = users(count)
    world.load_table("MAXUSER", found)
    world.load_table("GROUPUSER", members)
    world.recorder.requests = RequestCount()
    return world


class Heap(object):
    """Heap in use after a full GC, sampled at saves, and the time that took."""

    def __init__(self):
        from java.lang.management import ManagementFactory

        self.bean = ManagementFactory.getMemoryMXBean()
        self.threads = ManagementFactory.getThreadMXBean()
        self.nanos = 0
        self.cpu_nanos = 0
        self.points = []

    def cpu(self):
        return self.threads.getCurrentThreadCpuTime()

    def after_gc(self):
        from java.lang import System

        started, cpu = System.nanoTime(), self.cpu()
        # Two full collections: the first one only finds what Jython's weak
        # and soft references were keeping (a reading after it can still hold
        # the garbage of the last call, e.g. the raw rows of a whole table).
        System.gc()
        System.gc()
        used = self.bean.getHeapMemoryUsage().getUsed()
        self.nanos += System.nanoTime() - started
        self.cpu_nanos += self.cpu() - cpu
        return used

    def settled(self):
        """The heap after GC, the lesser of two readings."""
        return min(self.after_gc() for _ in range(2))

    def held(self, before, after, saves):
        """Median and most held above ``before``, the table's growth taken out."""
        growth = float(after - before) / max(saves, 1)
        held = sorted(used - before - growth * done for done, used in self.points)
        if not held:
            return 0, 0
        return max(int(held[len(held) // 2]), 0), max(int(held[-1]), 0)


def instrument_saves(world, heap, every):
    """At each MboSet save: the thread's CPU time (a chunk ends there), and at
    every ``every``-th one a heap sample (its cost kept out of the chunk's)."""
    saving = world.saving
    marks = []

    def instrumented(name):
        marks.append(heap.cpu() - heap.cpu_nanos)
        if world.saves % every == 0:
            heap.points.append((world.saves, heap.after_gc()))
        return saving(name)

    world.saving = instrumented
    return marks


def median_chunk(marks, per_chunk=1):
    """CPU nanoseconds of the median chunk: ``per_chunk`` consecutive
    save-to-save intervals, a chunk's whole cycle whichever save it starts
    from. A chunk that saves twice (the manage route saves its writes, then
    its leavers) measured save to save would count half of its work."""
    chunks = sorted(b - a for a, b in zip(marks, marks[per_chunk:]))
    return chunks[len(chunks) // 2] if chunks else None


def saves_per_chunk(saves, count, chunk):
    """The saves each chunk made: every chunk of the synthetic site holds
    the same mix of persons, so they all make the same number."""
    chunks = max((count + chunk - 1) // chunk, 1)
    return max(int(round(float(saves) / chunks)), 1)


def run_size(spec, arg, count, chunk):
    from java.lang import System
    from maxfake.runner import Runner

    heap = Heap()
    empty = heap.settled()
    world = loaded_world(spec, count)
    before = heap.settled()
    saves = max(count // chunk, 1)
    marks = instrument_saves(world, heap, max(saves // SAMPLES, 1))
    heap.nanos = heap.cpu_nanos = 0
    started, cpu = System.nanoTime(), heap.cpu()
    stopped = Runner(world).run_cron("MASUSERBULK", "MASUSERBULK01", arg)
    elapsed = System.nanoTime() - started - heap.nanos
    cpu = heap.cpu() - cpu - heap.cpu_nanos
    if stopped is not None:
        raise RuntimeError("the cron task stopped: %s" % stopped.getMessage())
    states = [row.get("MASSYNCSTATE") for row in world.tables["PERSON"]]
    after = heap.settled()
    held, most = heap.held(before, after, world.saves)
    middle = median_chunk(marks, saves_per_chunk(world.saves, count, chunk))
    per_person = cpu / 1000.0 / count if middle is None else middle / 1000.0 / chunk
    return {
        "persons": count,
        "us_per_person": per_person,
        "wall_us_per_person": elapsed / 1000.0 / count,
        "requests": world.recorder.requests.count,
        "saves": world.saves,
        "done": states.count("DONE"),
        "deactivated": states.count("DEACTDONE"),
        "held_bytes": held,
        "held_max_bytes": most,
        "growth_bytes": max(after - before, 0),
        "table_bytes": max(before - empty, 0),
        "peak_held_mbos": world.peak_held_mbos,
        "gc_samples": len(heap.points),
    }


def warm_up(counts):
    """Persons of the warm-up run: WARM_UP, but never fewer than the first
    size nor more than ten times the largest (a quick run of small sizes
    stays quick)."""
    return max(counts[0], min(WARM_UP, 10 * max(counts)))


def repeats(count, given=0):
    """Runs of one size: several of a small one (a short run is all noise), one
    of a large one; ``given`` (above 0) instead, for a quick look."""
    if given > 0:
        return given
    return max(1, min(5, 20000 // count))


def best_of(spec, arg, count, chunk, given=0):
    """The fastest of :func:`repeats` runs; the heap figures of the worst."""
    runs = [run_size(spec, arg, count, chunk) for _ in range(repeats(count, given))]
    best = min(runs, key=lambda run: run["us_per_person"])
    best["held_bytes"] = max(run["held_bytes"] for run in runs)
    best["held_max_bytes"] = max(run["held_max_bytes"] for run in runs)
    best["peak_held_mbos"] = max(run["peak_held_mbos"] for run in runs)
    best["repeats"] = len(runs)
    return best


def main(argv):
    sitepath, spec_path, arg, sizes = argv[1], argv[2], argv[3], argv[4]
    given = int(argv[5]) if len(argv) > 5 else 0
    sys.path.insert(0, sitepath)
    with io.open(spec_path, encoding="utf-8") as stream:
        spec = json.loads(stream.read())
    chunk = int(spec["properties"]["masuser.bulk.chunksize"])
    counts = [int(size) for size in sizes.split(",")]
    from java.lang import System

    versions = {
        "jython": sys.version.split()[0],
        "java": System.getProperty("java.version"),
        "vm": System.getProperty("java.vm.name"),
    }
    sys.stdout.write("%s\n" % json.dumps({"versions": versions}))
    sys.stdout.flush()
    # Warm-up, not reported: long enough for the optimizing JIT (scale.py
    # runs the server's tiered compilation) to compile the hot paths.
    run_size(spec, arg, warm_up(counts), chunk)
    for count in counts:
        line = json.dumps(best_of(spec, arg, count, chunk, given))
        sys.stdout.write("%s\n" % line)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
