"""The fake's tables have the database's indexes, kept as records are written:
a lookup by an indexed column finds what a scan would, after inserts and key
changes, and a new record's key is checked through the index."""

import pytest

from maxkit.runtime import World
from maxkit.worldspec import world_spec
from psdi.mbo import MboConstants, MboSet
from psdi.util import MXApplicationException

from test_fake_user_tables import REQUIRED


@pytest.fixture
def world(bundle):
    from maxfake import world as current

    users = [
        dict(REQUIRED, USERID="U%d" % n, LOGINID="U%d" % n, PERSONID="P%d" % (n % 3))
        for n in range(6)
    ]
    w = World(world_spec(bundle, http=None, tables={"MAXUSER": users}))
    previous = current.activate(w)
    yield w
    current.restore(previous)


def found(world, name, where):
    mboset = MboSet.from_table(world, name, where)
    ids, mbo = [], mboset.moveFirst()
    while mbo is not None:
        ids.append(mbo.getString("USERID"))
        mbo = mboset.moveNext()
    mboset.close()
    return ids


def scanned(world, name, column, value):
    return [r["USERID"] for r in world.tables[name] if r.get(column) == value]


def test_users_are_indexed_by_userid_and_personid(world):
    assert [(i.attribute, i.fold) for i in world.indexes["MAXUSER"]] == [
        ("USERID", False),
        ("PERSONID", False),
        ("LOGINID", True),
    ]
    assert [i.attribute for i in world.indexes["GROUPUSER"]] == ["USERID"]
    assert found(world, "MAXUSER", "personid = 'P1'") == ["U1", "U4"]
    assert found(world, "MAXUSER", "personid in ('P2', 'P0')") == [
        "U0",
        "U2",
        "U3",
        "U5",
    ]


def test_the_index_follows_inserts_and_key_changes(world):
    users = MboSet.from_table(world, "MAXUSER")
    user = users.add()
    for attribute, value in dict(
        REQUIRED, USERID="U9", LOGINID="U9", PERSONID="P1"
    ).items():
        user.setValue(attribute, value, MboConstants.NOACCESSCHECK)
    users.save()
    moved = MboSet.from_table(world, "MAXUSER", "userid = 'U4'")
    moved.moveFirst().setValue("PERSONID", "P7")
    moved.save()
    for personid in ("P1", "P7", "P0"):
        assert found(world, "MAXUSER", "personid = '%s'" % personid) == scanned(
            world, "MAXUSER", "PERSONID", personid
        )
    assert found(world, "MAXUSER", "personid = 'P1'") == ["U1", "U9"]
    assert found(world, "MAXUSER", "userid = 'U9'") == ["U9"]


def test_a_duplicate_key_is_found_through_the_index(world):
    members = MboSet.from_table(world, "GROUPUSER")
    for group in ("MAINT", "MAINT"):
        member = members.add()
        member.setValue("USERID", "U1")
        # Past the group reassignment check: the index is what is tested.
        member.setValue("GROUPNAME", group, MboConstants.NOACCESSCHECK)
    with pytest.raises(MXApplicationException):  # twice in one save
        members.save()
    users = MboSet.from_table(world, "MAXUSER")
    user = users.add()
    for attribute, value in dict(REQUIRED, USERID="U3", LOGINID="U3B").items():
        user.setValue(attribute, value, MboConstants.NOACCESSCHECK)
    with pytest.raises(MXApplicationException):  # a record has it already
        users.save()
    assert len(world.tables["MAXUSER"]) == 6 and world.tables["GROUPUSER"] == []


def test_closing_a_set_lets_go_of_its_records_related_sets(world):
    users = MboSet.from_table(world, "MAXUSER", "personid = 'P1'")
    user = users.moveFirst()
    user.getMboSet("G", "GROUPUSER", "userid = 'U1'").add()
    user.getMboSet("S", "MAXUSER", "personid = 'P2'").moveFirst()
    assert world.held_mbos == 3
    users.close()
    assert world.held_mbos == 0


def test_parsed_where_clauses_are_bounded():
    from maxfake import where

    for number in range(where._PARSED_MAX + 10):
        where.compile_where("userid = 'U%d'" % number)
    assert 0 < len(where._PARSED) <= where._PARSED_MAX


def test_the_index_follows_a_deleted_record(world):
    """A record deleted moves every later record's position: the lookups by
    the indexes still find exactly what a scan finds."""
    doomed = MboSet.from_table(world, "MAXUSER", "userid = 'U1'")
    doomed.moveFirst().delete()
    doomed.save()
    for personid in ("P0", "P1", "P2"):
        assert found(world, "MAXUSER", "personid = '%s'" % personid) == scanned(
            world, "MAXUSER", "PERSONID", personid
        )
    assert found(world, "MAXUSER", "userid = 'U5'") == ["U5"]
    assert found(world, "MAXUSER", "userid = 'U1'") == []


def test_logins_are_found_without_regard_to_case(world):
    """The folded LOGINID index serves the unique-login rule: a lookup finds
    a login whatever its case, and a where clause still compares as written."""
    index = world.index("MAXUSER", "LOGINID", fold=True)
    table = world.tables["MAXUSER"]
    assert [r["USERID"] for r in index.lookup(table, ["u4"])] == ["U4"]
    assert found(world, "MAXUSER", "loginid = 'u4'") == []
    assert found(world, "MAXUSER", "loginid = 'U4'") == ["U4"]
