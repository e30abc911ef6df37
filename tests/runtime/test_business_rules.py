"""Maximo's business-object rules in the fake (maxfake.business): what the MBO
classes of MAXUSER and PERSON refuse, and the cascade a person's status
change sets off. Each test shows the fake refusing what Maximo refuses, or
doing what it does; tests/jython/test_business_rules_jython.py plays the same
rules in real Jython."""

import pytest

from maxkit.runtime import World
from maxkit.worldspec import world_spec
from psdi.mbo import MboConstants, MboSet
from psdi.util import MXAccessException, MXApplicationException


def now():
    """A java.util.Date, as MXServer.getDate() gives one (maxfake is on the
    path once maxkit.runtime is imported)."""
    from maxfake.dates import now as fake_now

    return fake_now()


def _user(userid, personid, status="ACTIVE"):
    return {"USERID": userid, "LOGINID": userid, "PERSONID": personid, "STATUS": status}


PEOPLE = [
    {"PERSONID": "P001", "STATUS": "ACTIVE"},
    {"PERSONID": "P002", "STATUS": "INACTIVE"},
]
USERS = [
    _user("P001", "P001"),
    _user("P001B", "P001", "BLOCKED"),
    _user("P001D", "P001", "DELETED"),
    _user("OTHER", "P002"),
]


@pytest.fixture
def world(bundle):
    from maxfake import world as fake_world

    made = World(
        world_spec(
            bundle,
            http=None,
            tables={"PERSON": [dict(p) for p in PEOPLE], "MAXUSER": list(USERS)},
            synonyms={
                "PERSONSTATUS": [
                    {"value": "LEFT", "maxvalue": "INACTIVE", "defaults": False}
                ]
            },
        )
    )
    previous = fake_world.activate(made)
    yield made
    fake_world.restore(previous)


def _one(world, name, key, value):
    records = MboSet.from_table(world, name, "%s = '%s'" % (key, value))
    return records, records.moveFirst()


def _statuses(world):
    return {r["USERID"]: r["STATUS"] for r in world.tables["MAXUSER"]}


def test_maxuser_status_is_read_only_without_noaccesscheck(world):
    users, user = _one(world, "MAXUSER", "userid", "P001")
    for change in (
        lambda: user.setValue("STATUS", "INACTIVE"),
        lambda: user.setValue("STATUS", "INACTIVE", MboConstants.NOVALIDATION),
        lambda: user.setValueNull("STATUS"),
    ):
        with pytest.raises(MXAccessException) as refused:
            change()
        assert (refused.value.getErrorGroup(), refused.value.getErrorKey()) == (
            "access",
            "field",
        )
        assert refused.value.getMessage() == "The Status field is read-only."
    assert not user.toBeSaved()
    # NOACCESSCHECK gets past it, as IBM's own code for a new user does.
    user.setValue("STATUS", "INACTIVE", MboConstants.NOACCESSCHECK)
    users.save()
    assert _statuses(world)["P001"] == "INACTIVE"


def test_person_status_stays_writable(world):
    people, person = _one(world, "PERSON", "personid", "P001")
    person.setValue("STATUS", "INACTIVE")
    people.save()
    # A plain write is no status change: the users stay as they are.
    assert _statuses(world)["P001"] == "ACTIVE"


def test_change_status_sets_a_users_status(world):
    users, user = _one(world, "MAXUSER", "userid", "P001")
    user.changeStatus("INACTIVE", now(), "left")
    users.save()
    assert _statuses(world)["P001"] == "INACTIVE"


def test_change_status_takes_only_a_value_of_the_synonym_domain(world):
    users, user = _one(world, "MAXUSER", "userid", "P001")
    with pytest.raises(MXApplicationException) as refused:
        user.changeStatus("GONE", now(), "memo")
    assert refused.value.getErrorKey() == "notsynonym"
    assert refused.value.getParameters() == ["GONE", "MAXUSERSTATUS"]
    assert not user.toBeSaved()


def test_change_status_to_the_same_internal_status_is_refused(world):
    people, person = _one(world, "PERSON", "personid", "P002")
    with pytest.raises(MXApplicationException) as refused:
        person.changeStatus("LEFT", now(), "memo")  # a synonym of INACTIVE
    assert (refused.value.getErrorGroup(), refused.value.getErrorKey()) == (
        "status",
        "samestatus",
    )
    assert not person.toBeSaved()
    # NOACCESSCHECK lets it through.
    person.changeStatus("LEFT", now(), "memo", MboConstants.NOACCESSCHECK)
    assert person.getString("STATUS") == "LEFT"


def test_change_status_checks_its_arguments(world):
    users, user = _one(world, "MAXUSER", "userid", "P001")
    from maxfake.errors import FakeMaximoError

    with pytest.raises(FakeMaximoError, match="not a date"):
        user.changeStatus("INACTIVE", "2026-01-01", "memo")
    with pytest.raises(FakeMaximoError, match="got 2 argument"):
        user.changeStatus("INACTIVE", now())


def test_only_stateful_objects_have_change_status(world):
    groups = MboSet.from_table(world, "MAXGROUP")
    group = groups.add()
    from maxfake.errors import FakeMaximoError

    with pytest.raises(FakeMaximoError, match="changeStatus"):
        group.changeStatus("INACTIVE", now(), "memo")
    from maxfake import business

    assert sorted(business.STATEFUL) == ["MAXUSER", "PERSON"]


def test_a_person_made_inactive_makes_its_users_inactive_in_its_own_save(world):
    people, person = _one(world, "PERSON", "personid", "P001")
    person.changeStatus("INACTIVE", now(), "left the company")
    # Nothing written before the person's save.
    assert _statuses(world)["P001"] == "ACTIVE"
    people.save()
    assert _statuses(world) == {
        "P001": "INACTIVE",
        "P001B": "INACTIVE",  # BLOCKED is not gone: it becomes inactive too
        "P001D": "DELETED",  # already gone: left as it is
        "OTHER": "ACTIVE",  # another person's user
    }
    saved = world.saved_rows()
    assert sorted(saved) == ["MAXUSER", "PERSON"]
    assert sorted(r["USERID"] for r in saved["MAXUSER"]) == ["P001", "P001B"]
    assert saved["PERSON"][0]["STATUSDATE"] is not None


def test_a_synonym_of_inactive_cascades_too(world):
    people, person = _one(world, "PERSON", "personid", "P001")
    person.changeStatus("LEFT", now(), "memo")
    people.save()
    assert _statuses(world)["P001"] == "INACTIVE"


def test_reactivation_leaves_the_users_inactive(world):
    people, person = _one(world, "PERSON", "personid", "P002")
    world.tables["MAXUSER"][3]["STATUS"] = "INACTIVE"
    person.changeStatus("ACTIVE", now(), "back")
    people.save()
    assert _statuses(world)["OTHER"] == "INACTIVE"
    assert [r["STATUS"] for r in world.tables["PERSON"]] == ["ACTIVE", "ACTIVE"]


def test_a_user_whose_status_manage_cannot_read_refuses_the_cascade(world):
    world.tables["MAXUSER"][0]["STATUS"] = "LOCKED"  # not a MAXUSERSTATUS value
    people, person = _one(world, "PERSON", "personid", "P001")
    with pytest.raises(MXApplicationException) as refused:
        person.changeStatus("INACTIVE", now(), "memo")
    assert refused.value.getParameters() == ["LOCKED", "MAXUSERSTATUS"]
    # Nothing changed, on the person or on any user.
    assert not person.toBeSaved()
    people.save()
    assert world.saved_rows() == {}
