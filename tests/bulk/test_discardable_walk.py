"""Walking many records: what a Maximo MboSet holds, and the walk the cron task uses.

Maximo caches every record a set fetches, expecting edits, until the set is
closed; a cron task that walks all persons that way holds all of them in the
JVM. IBM's answer for a read-only walk is a DISCARDABLE set (forward only,
never saved, only the current record kept). The fake counts the records open
sets hold and can be told to die like a JVM out of heap past a limit: the
script must stay within one chunk however many persons there are.
"""

import pytest
from bulk_site import Site, person, summary

from maxkit.runtime import FakeMaximoError, MboConstants, World
from maxkit.worldspec import world_spec

PERSONS = [person(n) for n in range(1, 301)]
CHUNK = 50


@pytest.fixture
def world(bundle):
    from maxfake import world as current

    w = World(world_spec(bundle, http=None, tables={"PERSON": PERSONS}))
    previous = current.activate(w)
    yield w
    current.restore(previous)


def walk(world, discardable):
    from psdi.mbo import MboConstants
    from psdi.server import MXServer

    people = MXServer.getMXServer().getMboSet("PERSON", None)
    if discardable:
        people.setFlag(MboConstants.DISCARDABLE, True)
    people.setOrderBy("personid")
    people.reset()
    seen = []
    mbo = people.moveFirst()
    while mbo is not None:
        seen.append(mbo.getString("PERSONID"))
        mbo = people.moveNext()
    return people, seen


def test_a_plain_set_holds_every_record_it_walked_until_closed(world):
    people, seen = walk(world, discardable=False)
    assert len(seen) == 300
    assert world.held_mbos == world.peak_held_mbos == 300
    people.close()
    assert world.held_mbos == 0


def test_a_discardable_set_holds_only_the_current_record(world):
    people, seen = walk(world, discardable=True)
    assert seen == sorted(p["PERSONID"] for p in PERSONS)
    assert world.peak_held_mbos == 1
    people.close()
    assert world.held_mbos == 0


def test_a_discardable_set_only_goes_forward_and_is_never_saved(world):
    people, _ = walk(world, discardable=True)
    people.reset()
    people.moveFirst()
    people.moveNext()
    with pytest.raises(FakeMaximoError, match="only goes forward"):
        people.getMbo(0)
    with pytest.raises(FakeMaximoError, match="NOSAVE"):
        people.save()
    with pytest.raises(FakeMaximoError, match="before the walk"):
        people.setFlag(MboConstants.DISCARDABLE, False)


def test_past_the_memory_limit_the_run_dies_like_a_jvm_out_of_heap(bundle):
    from maxfake import world as current
    from maxfake.world import SimulatedCrash

    spec = world_spec(bundle, http=None, tables={"PERSON": PERSONS})
    for discardable in (False, True):
        w = World(dict(spec, memory={"max_held_mbos": 100}))
        previous = current.activate(w)
        try:
            if discardable:
                assert walk(w, discardable)[1][-1] == "P300"
            else:
                with pytest.raises(SimulatedCrash, match="OutOfMemoryError"):
                    walk(w, discardable)
        finally:
            current.restore(previous)
    with pytest.raises(FakeMaximoError, match="unknown key"):
        World(dict(spec, memory={"max_heap": 1}))


def test_count_does_not_fetch(world):
    from psdi.server import MXServer

    people = MXServer.getMXServer().getMboSet("PERSON", None)
    assert people.count() == 300
    assert world.peak_held_mbos == 0


def limited_site(bundle, limit):
    site = Site(bundle, PERSONS, **{"masuser.bulk.chunksize": str(CHUNK)})
    site.memory = {"max_held_mbos": limit}
    return site


def run_limited(site, bundle, script_source=None):
    from maxkit.simulate import bulk_job
    from maxkit.runtime import run_cron_job

    spec = world_spec(bundle, properties=site.properties, http=site.http)
    job = bulk_job(spec, site.persons, "Authorized", "BASE")
    job["spec"]["memory"] = site.memory
    if script_source is not None:
        lib = dict(job["spec"]["scripts"]["MASUSERBULKLIB"], source=script_source)
        job["spec"]["scripts"] = dict(job["spec"]["scripts"], MASUSERBULKLIB=lib)
    return run_cron_job(job)


def test_the_cron_task_holds_one_chunk_whatever_the_number_of_persons(bundle):
    # The walk holds its current person, recordOutcomes one chunk at a time.
    record = run_limited(limited_site(bundle, CHUNK + 1), bundle)
    assert record["simulated_crash"] is None and record["crashed"] is None
    assert "outcome=success" in summary(record)
    assert "done=300" in summary(record)
    assert record["peak_held_mbos"] == CHUNK + 1
    assert len(record["requests"]) == 300 // CHUNK


def test_the_same_walk_without_discardable_runs_out_of_memory(bundle):
    source = bundle.scripts["MASUSERBULKLIB"].source
    flag = "        people.setFlag(MboConstants.DISCARDABLE, True)\n"
    assert source.count(flag) == 1, "the cron walk must use a DISCARDABLE set"
    record = run_limited(
        limited_site(bundle, 4 * CHUNK), bundle, source.replace(flag, "")
    )
    assert "OutOfMemoryError" in (record["simulated_crash"] or "")
