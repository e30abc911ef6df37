"""The fake's Mbo.delete() (a record leaves its table with its set's save; a
GROUPUSER only by a user with group reassignment authority) and ATTRIBUTE
launch points (Run action fires after the value is set, not with NOACTION)."""

import pytest

from tests.runtime.test_business_manage_user import _world  # puts psdi on the path
from psdi.mbo import MboConstants, MboSet
from psdi.util import MXApplicationException

MEMBERS = [
    {"GROUPUSERID": 1, "USERID": "JDOE", "GROUPNAME": "MAINT"},
    {"GROUPUSERID": 2, "USERID": "JDOE", "GROUPNAME": "PLANNERS"},
]
AUTH = [{"USERID": "MAXADMIN", "GROUPNAME": "PLANNERS"}]


def _tables():
    return {"GROUPUSER": [dict(m) for m in MEMBERS], "GRPREASSIGNAUTH": list(AUTH)}


def _member(world, group):
    members = MboSet.from_table(world, "GROUPUSER", "groupname = '%s'" % group)
    return members, members.moveFirst()


def test_a_deleted_record_leaves_its_table_with_the_save_only(bundle):
    with _world(bundle, tables=_tables()) as world:
        members, member = _member(world, "PLANNERS")
        member.delete()
        assert member.toBeDeleted()
        assert len(world.tables["GROUPUSER"]) == 2  # not before the save
        members.save()
        assert [r["GROUPNAME"] for r in world.tables["GROUPUSER"]] == ["MAINT"]
        assert world.deleted_rows() == {"GROUPUSER": [MEMBERS[1]]}


def test_removing_a_member_needs_group_reassignment_authority(bundle):
    with _world(bundle, tables=_tables()) as world:
        _, member = _member(world, "MAINT")
        with pytest.raises(MXApplicationException) as error:
            member.delete()
        assert error.value.getErrorKey() == "noremoveauth"
        assert not member.toBeDeleted()
        member.delete(MboConstants.NOACCESSCHECK)  # Maximo's own records
        assert member.toBeDeleted()


def _dialog_world(bundle):
    return _world(bundle, tables={"PERSON": []})


def test_an_attribute_action_fills_the_dialog_cost(bundle):
    with _dialog_world(bundle) as world:
        person = MboSet.from_table(world, "PERSON").add()
        person.setValue("ENTITLEMENT", "PREMIUM", MboConstants.NOVALIDATION)
        assert person.isNull("MASAPPPOINTS")  # no access type yet
        person.setValue("ACCESSTYPE", "Authorized", MboConstants.NOVALIDATION)
        assert person.getInt("MASAPPPOINTS") == 15
        person.setValue("ENTITLEMENT", "LIMITED", MboConstants.NOACTION)
        assert person.getInt("MASAPPPOINTS") == 15  # NOACTION: nothing fired
