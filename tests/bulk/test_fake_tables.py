"""What the fake Maximo adds for the cron task: tables of records, saves, crashes."""

import pytest

from maxkit.runtime import FakeMaximoError, World
from maxkit.worldspec import world_spec


@pytest.fixture
def world(bundle):
    from maxfake import world as current

    w = World(
        world_spec(
            bundle,
            http=None,
            tables={"PERSON": [{"personid": "B"}, {"PERSONID": "A", "LASTNAME": "x"}]},
        )
    )
    previous = current.activate(w)
    yield w
    current.restore(previous)


def people(world, where=None):
    from psdi.server import MXServer

    found = MXServer.getMXServer().getMboSet("PERSON", None)
    if where:
        found.setWhere(where)
    found.setOrderBy("personid")
    found.reset()
    return found


def test_a_set_iterates_the_selected_rows_in_order(world):
    found = people(world)
    assert found.count() == 2
    assert [
        found.moveFirst().getString("PERSONID"),
        found.moveNext().getString("PERSONID"),
    ] == ["A", "B"]
    assert found.moveNext() is None
    assert people(world, "lastname = 'x'").count() == 1


def test_changes_reach_the_table_only_when_the_set_is_saved(world):
    found = people(world)
    found.moveFirst().setValue("MASSYNCSTATE", "done")
    assert world.tables["PERSON"][1].get("MASSYNCSTATE") is None
    found.save()
    assert world.tables["PERSON"][1]["MASSYNCSTATE"] == "DONE"  # UPPER attribute
    assert world.saves == 1


def test_table_records_are_checked_against_the_data_dictionary(world):
    from psdi.util import MXSystemException

    with pytest.raises(MXSystemException):
        people(world).moveFirst().setValue("MASSYNCSTAT", "DONE")
    with pytest.raises(FakeMaximoError, match="NICKNAME is not an attribute of PERSON"):
        World(
            {
                "objects": world.spec["objects"],
                "tables": {"PERSON": [{"NICKNAME": "x"}]},
            }
        )


def test_dates_go_to_date_attributes_only(world):
    from psdi.server import MXServer

    mbo = people(world).moveFirst()
    now = MXServer.getMXServer().getDate()
    mbo.setValue("MASSYNCDATE", now)
    assert mbo.getDate("MASSYNCDATE") == now
    with pytest.raises(FakeMaximoError, match="got a date"):
        mbo.setValue("LASTNAME", now)


def test_unknown_orderings_and_crash_settings_fail_loudly(world):
    with pytest.raises(FakeMaximoError, match="cannot order by"):
        people(world).setOrderBy("upper(personid)")
    with pytest.raises(FakeMaximoError, match="unknown key"):
        World({"objects": world.spec["objects"], "crash": {"after_request": 1}})


def test_a_simulated_crash_cannot_be_caught_by_a_script(world):
    from maxfake.world import SimulatedCrash

    world.crash = {"before_save": 1}
    found = people(world)
    found.moveFirst().setValue("MASSYNCSTATE", "DONE")
    with pytest.raises(SimulatedCrash):
        try:
            found.save()
        except Exception:  # noqa: BLE001 - what a script's handler would do
            pytest.fail("a script handler caught the crash")
    assert world.tables["PERSON"][1].get("MASSYNCSTATE") is None
