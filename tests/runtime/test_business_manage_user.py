"""maxfake.business: the Manage user as MaxUser, GroupUser and MASUSERIDP
treat a script's writes (registered identity providers, a LOGINID of one
user only, the default groups of addGroupUser, group reassignment authority)
and YORN values."""

from contextlib import contextmanager

import pytest

from maxkit.runtime import World
from maxkit.worldspec import STOCK_SUITE, world_spec
from maxfake.errors import FakeMaximoError
from psdi.mbo import MboConstants, MboSet
from psdi.util import MXApplicationException

from test_fake_user_tables import REQUIRED

SUITE = STOCK_SUITE


@contextmanager
def _world(bundle, tables=None, **suite):
    from maxfake import world as current

    spec = world_spec(bundle, http=None, tables=tables or {}, **{**SUITE, **suite})
    world = World(spec)
    previous = current.activate(world)
    try:
        yield world
    finally:
        current.restore(previous)


def _new_user(world, **changes):
    users = MboSet.from_table(world, "MAXUSER")
    user = users.add()
    for attribute, value in {**REQUIRED, **changes}.items():
        # STATUS is read-only: a new user gets it past the access check.
        flags = MboConstants.NOACCESSCHECK if attribute == "STATUS" else 0
        user.setValue(attribute, value, flags)
    return users, user


def _idp(world, idpid, flags=0):
    idps = MboSet.from_table(world, "MASUSERIDP")
    idp = idps.add()
    idp.setValue("IDPID", idpid, flags)
    return idp


# -- MASUSERIDP.IDPID -------------------------------------------------------


def test_an_identity_provider_the_suite_registered_is_taken(bundle):
    with _world(bundle) as world:
        assert _idp(world, "default-saml").getString("IDPID") == "default-saml"


def test_an_unknown_identity_provider_is_idpnotfound(bundle):
    with _world(bundle) as world:
        with pytest.raises(MXApplicationException) as error:
            _idp(world, "saml")
    assert (error.value.getErrorGroup(), error.value.getErrorKey()) == (
        "system",
        "idpnotfound",
    )
    assert error.value.getParameters() == ["saml"]


def test_novalidation_skips_the_identity_provider_check(bundle):
    with _world(bundle) as world:
        _idp(world, "saml", MboConstants.NOVALIDATION)


def test_identity_providers_not_set_up_fail_loudly_naming_the_spec_key(bundle):
    with _world(bundle, identity_providers=None) as world:
        with pytest.raises(FakeMaximoError, match='"identity_providers"'):
            _idp(world, "default-saml")


# -- MAXUSER.LOGINID, one user's only ----------------------------------------


def _existing(userid, loginid):
    return {
        **REQUIRED,
        "MAXUSERID": 7,
        "USERID": userid,
        "PERSONID": userid,
        "LOGINID": loginid,
    }


@pytest.mark.parametrize("taken", ["JDOE", "jdoe"])
def test_a_new_user_with_a_login_another_user_has_is_refused_at_save(bundle, taken):
    with _world(bundle, {"MAXUSER": [_existing("JOHN", taken)]}) as world:
        users, _ = _new_user(world)
        with pytest.raises(MXApplicationException) as error:
            users.save()
        assert error.value.getErrorKey() == "loginidnotunique"
        assert "used by user JOHN" in error.value.getMessage()
    assert len(world.tables["MAXUSER"]) == 1


def test_a_login_changed_to_one_another_user_has_is_refused(bundle):
    tables = {"MAXUSER": [_existing("JOHN", "JOHN"), _existing("JDOE", "JDOE")]}
    with _world(bundle, tables) as world:
        users = MboSet.from_table(world, "MAXUSER", "userid = 'JDOE'")
        users.moveFirst().setValue("LOGINID", "JOHN")
        with pytest.raises(MXApplicationException, match="JOHN is used"):
            users.save()
        assert world.tables["MAXUSER"][1]["LOGINID"] == "JDOE"


def test_a_user_saved_with_its_own_login_is_not_refused(bundle):
    with _world(bundle, {"MAXUSER": [_existing("JDOE", "JDOE")]}) as world:
        users = MboSet.from_table(world, "MAXUSER", "userid = 'JDOE'")
        users.moveFirst().setValue("TYPE", "TYPE 2")
        users.save()
        assert world.tables["MAXUSER"][0]["TYPE"] == "TYPE 2"


# -- MaxUser.addGroupUser ------------------------------------------------------


def test_add_group_user_adds_the_default_groups_unchecked(bundle):
    # No GRPREASSIGNAUTH at all: Maximo's own memberships are not checked.
    with _world(bundle) as world:
        users, user = _new_user(world)
        user.addGroupUser()
        users.save()
        groups = [(r["USERID"], r["GROUPNAME"]) for r in world.tables["GROUPUSER"]]
    assert groups == [("JDOE", "DEFLTREG"), ("JDOE", "MAXEVERYONE")]


def test_add_group_user_follows_newusergroup(bundle):
    with _world(bundle, maxvars={"NEWUSERGROUP": "ALLUSERS"}) as world:
        users, user = _new_user(world)
        user.addGroupUser()
        members = user.getMboSet("GROUPUSER", "GROUPUSER", "userid = 'JDOE'")
        # The walk meets the records added and not saved yet.
        walked = []
        member = members.moveFirst()
        while member is not None:
            walked.append(member.getString("GROUPNAME"))
            member = members.moveNext()
    assert sorted(walked) == ["ALLUSERS", "DEFLTREG"]


def test_add_group_user_needs_newusergroup_set_up(bundle):
    with _world(bundle, maxvars={}) as world:
        _, user = _new_user(world)
        with pytest.raises(FakeMaximoError, match='"maxvars"'):
            user.addGroupUser()


def test_add_group_user_needs_the_user_id_first(bundle):
    with _world(bundle) as world:
        user = MboSet.from_table(world, "MAXUSER").add()
        with pytest.raises(FakeMaximoError, match="USERID"):
            user.addGroupUser()


def test_a_user_set_has_no_add_group_user(bundle):
    with _world(bundle) as world:
        members = MboSet.from_table(world, "GROUPUSER")
        with pytest.raises(FakeMaximoError, match="addGroupUser"):
            members.add().addGroupUser()


# -- GROUPUSER.GROUPNAME: group reassignment authority ---------------------


def _member(world, group, flags=0):
    member = MboSet.from_table(world, "GROUPUSER").add()
    member.setValue("USERID", "JDOE")
    member.setValue("GROUPNAME", group, flags)
    return member


def test_a_group_the_running_user_may_not_assign_is_refused(bundle):
    with _world(bundle) as world:
        with pytest.raises(MXApplicationException) as error:
            _member(world, "MAINT")
    assert (error.value.getErrorGroup(), error.value.getErrorKey()) == (
        "signature",
        "noreassignauth",
    )
    assert error.value.getParameters() == ["MAXADMIN", "MAINT"]


def test_a_group_the_running_user_may_assign_is_taken(bundle):
    auth = {"GRPREASSIGNAUTH": [{"USERID": "MAXADMIN", "GROUPNAME": "MAINT"}]}
    with _world(bundle, auth) as world:
        assert _member(world, "maint").getString("GROUPNAME") == "MAINT"


def test_another_users_authority_does_not_count(bundle):
    auth = {"GRPREASSIGNAUTH": [{"USERID": "JSMITH", "GROUPNAME": "MAINT"}]}
    with _world(bundle, auth) as world:
        with pytest.raises(MXApplicationException, match="MAXADMIN is not"):
            _member(world, "MAINT")


@pytest.mark.parametrize(
    "flags", [MboConstants.NOVALIDATION, MboConstants.NOACCESSCHECK]
)
def test_novalidation_or_noaccesscheck_skip_the_authority_check(bundle, flags):
    with _world(bundle) as world:
        _member(world, "MAINT", flags)


# -- YORN values -------------------------------------------------------------


@pytest.mark.parametrize("value", [True, False, 1, 0, None])
def test_a_yorn_attribute_takes_a_boolean_or_1_or_0(bundle, value):
    with _world(bundle) as world:
        _new_user(world, ISAUTHORIZED=value)


@pytest.mark.parametrize("value", [2, -1, 1.0])
def test_a_yorn_attribute_refuses_other_numbers(bundle, value):
    with _world(bundle) as world:
        with pytest.raises(FakeMaximoError, match="ISAUTHORIZED is YORN"):
            _new_user(world, ISAUTHORIZED=value)


# -- The script: pending groups land only where the syncing user may assign ---


def test_pending_groups_land_only_where_the_syncing_user_may_assign(bundle):
    """internalapi route: MAS's sync (here MXINTADM) creates the MAXUSER and
    MASUSERGROUPS adds the person's pending groups as that user: a group it may
    not reassign is left out, as Manage would refuse the membership."""
    from maxfake.runner import Runner

    tables = {
        "PERSON": [{"PERSONID": "JDOE", "MASPENDINGGROUPS": "MAINT,TECHNICIANS"}],
        "MAXGROUP": [{"GROUPNAME": "MAINT"}, {"GROUPNAME": "TECHNICIANS"}],
        "GRPREASSIGNAUTH": [{"USERID": "MXINTADM", "GROUPNAME": "MAINT"}],
    }
    spec = world_spec(bundle, http=None, tables=tables, user="MXINTADM", **SUITE)
    world = World(spec)
    from maxfake import world as current

    previous = current.activate(world)
    try:
        users, user = _new_user(world)
        added, left_out = Runner(world).call_function(
            "MASUSERMANAGE", "landPendingGroups", [user]
        )
        users.save()
    finally:
        current.restore(previous)
    assert (list(added), list(left_out)) == (["MAINT"], ["TECHNICIANS"])
    assert [r["GROUPNAME"] for r in world.tables["GROUPUSER"]] == ["MAINT"]
