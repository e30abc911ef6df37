"""Maximo's business objects, beyond its tables: what the MBO classes refuse
or do by themselves when a script meets them.

The tables (columns, lengths, required, keys) come from the data dictionary;
the rules here are the MBO classes' own (MaxUser, Person, GroupUser,
MASUSERIDP): read-only attributes, status changes only through
``changeStatus``, the cascades a status change sets off, validation against
what the site registered. A script that breaks one fails here as it fails in
Manage, loudly.

Each rule is one entry of data, with its public source and a mark: ``[V]``
read in that source, ``[I]`` inferred (the source says what, not how; the
fake models the likeliest reading, and docs/install.md lists it as
inferred). psdi.mbo calls the hooks at the bottom; nothing else does.
"""

# MboConstants' access modifiers (Maximo's values; psdi.mbo.MboConstants has
# the same): not imported from psdi.mbo, which imports this module.
NOVALIDATION = 1
NOACCESSCHECK = 2

# -- Read-only attributes --------------------------------------------------
#: (OBJECT, ATTRIBUTE) -> source. ``setValue``/``setValueNull`` without the
#: access modifier NOACCESSCHECK is refused.
READONLY = {}

# -- Attribute validation -------------------------------------------------------
#: (OBJECT, ATTRIBUTE) -> function(world, mbo, value, flags): raises the
#: MXException Maximo raises for a value it refuses. Skipped with NOVALIDATION.
VALIDATORS = {}

# -- Checks at save ---------------------------------------------------------
#: OBJECT -> [function(world, mbo)]: run on every new or changed record of the
#: object before a save writes anything; raising fails the whole save.
SAVE_CHECKS = {}

# -- Methods of an MBO class ------------------------------------------------
#: (OBJECT, METHOD) -> function(world, mbo, *args): what the object's MBO class
#: has beyond psdi.mbo.Mbo (e.g. a stateful object's changeStatus). A method
#: no entry names fails loudly, as on a class that does not have it.
METHODS = {}


# == The Manage user as the manage route writes it ===========================
# MAXUSER, its GROUPUSER memberships and its MASUSERIDP record, as MaxUser,
# GroupUser and MASUSERIDP treat a script's writes.


def _text(value):
    return "" if value is None else "%s" % (value,)


def _registered_idp(world, mbo, value, flags):
    """MASUSERIDP.IDPID names an identity provider the suite registered
    (spec ``identity_providers``), else ``system#idpnotfound``. [V IDPID
    checked against the suite's providers and the message key, and the
    default SAML provider's id ``default-saml``: third-party MAS 9.1.4 test
    kit lfDev28/mas_iam_operator; the parameters are I]"""
    if value is None or value == "":
        return
    if _text(value) not in world.registered_identity_providers():
        from psdi.util import MXApplicationException

        raise MXApplicationException("system", "idpnotfound", [_text(value)])


def _may_assign_group(world, mbo, value, flags):
    """A GROUPUSER's GROUPNAME: the running user may add others only to the
    groups it holds a GRPREASSIGNAUTH record for [V IBM docs "Authorizing
    users to assign other users to security groups"; the ERD's MAXUSER ->
    GRPREASSIGNAUTH "Groups user may assign other users to."]. Checked as a
    field validation, so NOVALIDATION or NOACCESSCHECK skip it, and the
    message is the fake's own [I: Maximo's class and message are not
    public]."""
    if value is None or value == "" or flags & NOACCESSCHECK:
        return
    user = world.user
    group = _text(value).upper()
    for row in world.tables.get("GRPREASSIGNAUTH", []):
        if _text(row.get("USERID")).upper() == user.upper() and (
            _text(row.get("GROUPNAME")).upper() == group
        ):
            return
    from psdi.util import MXApplicationException

    raise MXApplicationException("signature", "noreassignauth", [user, group])


def _unique_login(world, mbo):
    """A new MAXUSER, or one whose LOGINID changed, may not take a LOGINID
    another user has [V LOGINID is the user name one logs in with, technote
    7247213]. Compared without regard to case [I: Maximo's login can be
    upper-cased on the way in (mxe.convertloginid) and MAS user names are
    matched without case]; the message is the fake's own [I]."""
    if not (mbo.isNew() or "LOGINID" in mbo._changed):
        return
    login = _text(mbo._values.get("LOGINID"))
    if login == "":
        return
    userid = _text(mbo._values.get("USERID"))
    for row in world.tables.get("MAXUSER", []):
        if row is mbo._row:
            continue
        if _text(row.get("LOGINID")).upper() == login.upper():
            from psdi.util import MXApplicationException

            raise MXApplicationException(
                "signature",
                "loginidnotunique",
                [login, _text(row.get("USERID")), userid],
            )


#: The groups every new user joins: DEFLTREG and the group MAXVARS
#: NEWUSERGROUP names [V IBM docs "Security groups overview" (7.6.1); technote
#: 7247213, which names DEFLTREG and EVERYONE].
DEFAULT_REGISTRATION_GROUP = "DEFLTREG"


def _add_group_user(world, mbo):
    """MaxUser.addGroupUser() [V the method: sva-andreasb/pylance-icd-classes
    psdi/app/signature/MaxUser.py]: the new user's default memberships, in
    the user's GROUPUSER relationship set, saved with it. Maximo's own
    records, so the group reassignment check does not apply (written with
    NOACCESSCHECK) [I]; a membership the set holds already is not added
    again [I]. IBM's own add-user code calls it after add() [V third-party
    decompiled copy], so the fake's add() does not add them by itself [I]."""
    userid = _text(mbo._values.get("USERID"))
    if userid == "":
        from maxfake.errors import FakeMaximoError

        raise FakeMaximoError(
            "MAXUSER.addGroupUser() before USERID is set: set the new user's ids first"
        )
    members = mbo.getMboSet(
        "GROUPUSER", "GROUPUSER", "userid = '" + userid.replace("'", "''") + "'"
    )
    held = set()
    member = members.moveFirst()
    while member is not None:
        held.add(_text(member.getString("GROUPNAME")).upper())
        member = members.moveNext()
    for group in (DEFAULT_REGISTRATION_GROUP, world.maxvar("NEWUSERGROUP")):
        if group.upper() in held:
            continue
        held.add(group.upper())
        member = members.add()
        member.setValue("USERID", userid, NOACCESSCHECK)
        member.setValue("GROUPNAME", group, NOACCESSCHECK)


VALIDATORS[("MASUSERIDP", "IDPID")] = _registered_idp
VALIDATORS[("GROUPUSER", "GROUPNAME")] = _may_assign_group
SAVE_CHECKS.setdefault("MAXUSER", []).append(_unique_login)
METHODS[("MAXUSER", "addGroupUser")] = _add_group_user


# -- Hooks psdi.mbo calls ---------------------------------------------------


def check_set(world, mbo, attribute, value, flags):
    """Before ``setValue``/``setValueNull`` (value None) of OBJECT.ATTRIBUTE."""
    key = (mbo._name, attribute)
    if key in READONLY and not flags & NOACCESSCHECK:
        from psdi.util import MXAccessException

        raise MXAccessException("access", "readonly", [mbo._name, attribute])
    validator = VALIDATORS.get(key)
    if validator is not None and not flags & NOVALIDATION:
        validator(world, mbo, value, flags)


def check_save(world, mbo):
    """Before a save writes a new or changed record."""
    for check in SAVE_CHECKS.get(mbo._name, ()):
        check(world, mbo)


def method(name, method_name):
    """The function behind OBJECT.method, or None when the class has none."""
    return METHODS.get((name, method_name))
