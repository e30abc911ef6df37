"""The fake's user tables: new records, one transaction per save tree, the
records a run saved, and pre-existing records checked against the dictionary."""

import pytest

from maxkit.runtime import World
from maxkit.worldspec import TablesError, world_spec
from psdi.mbo import MboConstants, MboSet
from psdi.util import MXApplicationException

# The running user (MAXADMIN) may add users to MAINT (group reassignment).
MAY_ASSIGN = {"GRPREASSIGNAUTH": [{"USERID": "MAXADMIN", "GROUPNAME": "MAINT"}]}


def _world(bundle, tables=None):
    return World(world_spec(bundle, http=None, tables={**MAY_ASSIGN, **(tables or {})}))


def _new_user(world, **values):
    users = MboSet.from_table(world, "MAXUSER")
    user = users.add()
    for attribute, value in values.items():
        # STATUS is read-only (maxfake.business): a new user gets it past the
        # access check, as IBM's own code for a new user sets it.
        user.setValue(attribute, value, MboConstants.NOACCESSCHECK)
    return users, user


REQUIRED = {
    "USERID": "JDOE",
    "PERSONID": "JDOE",
    "LOGINID": "JDOE",
    "STATUS": "ACTIVE",
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


def test_nothing_saved_is_an_empty_dict(bundle):
    assert _world(bundle).saved_rows() == {}


def test_a_required_column_left_empty_fails_the_whole_tree(bundle):
    from maxfake import world as fake_world

    world = _world(bundle)
    previous = fake_world.activate(world)
    try:
        values = dict(REQUIRED)
        del values["TYPE"]
        users, user = _new_user(world, **values)
        member = user.getMboSet("G", "GROUPUSER", "userid = 'JDOE'").add()
        member.setValue("USERID", "JDOE")
        member.setValue("GROUPNAME", "MAINT")
        with pytest.raises(MXApplicationException) as error:
            users.save()
        assert "TYPE field on the MAXUSER object" in error.value.getMessage()
    finally:
        fake_world.restore(previous)
    assert world.tables["MAXUSER"] == world.tables["GROUPUSER"] == []
    assert world.saved_rows() == {}


def test_a_saved_tree_is_written_with_unique_ids_and_listed(bundle):
    world = _world(bundle)
    users, user = _new_user(world, **REQUIRED)
    member = user.getMboSet("G", "GROUPUSER", "userid = 'JDOE'").add()
    member.setValue("USERID", "JDOE")
    member.setValue("GROUPNAME", "MAINT")
    users.save()
    saved = world.saved_rows()
    assert sorted(saved) == ["GROUPUSER", "MAXUSER"]
    assert saved["GROUPUSER"][0]["GROUPNAME"] == "MAINT"
    assert saved["MAXUSER"][0]["MAXUSERID"] != saved["GROUPUSER"][0]["GROUPUSERID"]
    assert world.tables["MAXUSER"][0]["USERID"] == "JDOE"


def test_a_second_record_with_the_same_key_is_refused(bundle):
    from maxfake import world as fake_world

    world = _world(bundle, {"GROUPUSER": [{"USERID": "JDOE", "GROUPNAME": "MAINT"}]})
    previous = fake_world.activate(world)
    try:
        members = MboSet.from_table(world, "GROUPUSER")
        member = members.add()
        member.setValue("USERID", "JDOE")
        member.setValue("GROUPNAME", "MAINT")
        with pytest.raises(MXApplicationException):
            members.save()
    finally:
        fake_world.restore(previous)
    assert len(world.tables["GROUPUSER"]) == 1


@pytest.mark.parametrize(
    "tables, named",
    [
        ({"NOSUCH": [{}]}, "NOSUCH is not an object"),
        ({"maxgroup": [{"GROUPNAME": "MAINT"}]}, "maxgroup is not an object"),
        ({"MAXGROUP": [{"GROUPNAM": "MAINT"}]}, "GROUPNAM is not an attribute"),
        ({"MAXGROUP": [{"groupname": "MAINT"}]}, "groupname is not an attribute"),
    ],
)
def test_records_given_exactly_must_use_maximo_names(bundle, tables, named):
    from maxkit.worldspec import check_tables

    objects = world_spec(bundle, http=None)["objects"]
    with pytest.raises(TablesError, match=named):
        check_tables(tables, objects, exact_case=True)


def test_world_spec_refuses_an_unknown_attribute(bundle):
    with pytest.raises(TablesError, match="NOSUCH is not an attribute of MAXUSER"):
        world_spec(bundle, http=None, tables={"MAXUSER": [{"NOSUCH": 1}]})
