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

This module sits below psdi.mbo, which imports it: it never imports psdi.mbo
(the records it gets are enough: ``getMboSet`` opens a related set).
"""

from maxfake.compat import integer_types, string_types
from maxfake.dates import is_date
from maxfake.errors import FakeMaximoError
from psdi.util import MXAccessException, MXApplicationException

# MboConstants' access modifiers (Maximo's values; psdi.mbo.MboConstants has
# the same): not imported from psdi.mbo, which imports this module.
NOVALIDATION = 1
NOACCESSCHECK = 2

# -- Read-only attributes --------------------------------------------------
#: (OBJECT, ATTRIBUTE) -> {title, source}. ``setValue``/``setValueNull``
#: without the access modifier NOACCESSCHECK is refused with Maximo's
#: MXAccessException access#field naming the field's title [V third-party
#: decompiled copy of psdi.mbo.MboValue.checkFieldAccess: a read-only field
#: (flag 7) throws access#field with the column title, unless the access
#: modifier has NOACCESSCHECK (2)].
READONLY = {
    ("MAXUSER", "STATUS"): {
        "title": "Status",
        "source": "[V] IBM data dictionary remark on MAXUSER.STATUS (public ERD copy"
        " zbeat/zbeat.github.io seeclickfix/maximo/erd/objects/MAXUSER/MAXUSER.js):"
        " read-only, changed with the Change Status action",
    },
    # PERSON.STATUS is not read-only: its remark in the same ERD
    # (objects/PERSON/PERSON.js) only says a new person defaults to an active
    # status, so a plain setValue stays allowed (a feed or SQL may set it).
}

# -- Attribute validation -------------------------------------------------------
#: (OBJECT, ATTRIBUTE) -> function(world, mbo, value, flags): raises the
#: MXException Maximo raises for a value it refuses. Skipped with NOVALIDATION.
VALIDATORS = {}

# -- Checks at save ---------------------------------------------------------
#: OBJECT -> [function(world, mbo)]: run on every new or changed record of the
#: object before a save writes anything; raising fails the whole save.
SAVE_CHECKS = {}

# -- Checks at delete ---------------------------------------------------------
#: OBJECT -> [function(world, mbo, flags)]: run when a script marks a record
#: to be deleted (Mbo.delete(flags)); raising refuses the deletion.
DELETE_CHECKS = {}

# -- Stateful objects: changeStatus ------------------------------------------
#: OBJECT -> {domain, source}: the MBO class is a StatefulMbo, its STATUS a
#: value of the synonym domain ``domain``, changed with ``changeStatus``.
STATEFUL = {
    "MAXUSER": {
        "domain": "MAXUSERSTATUS",
        "source": "[V] sva-andreasb/pylance-icd-classes psdi/app/signature/"
        "MaxUser.py (getStatusListName) and MaxUserStatusHandler.py",
    },
    "PERSON": {
        "domain": "PERSONSTATUS",
        "source": "[V] sva-andreasb/pylance-icd-classes psdi/app/person/Person.py"
        " (changeStatus(status, date, memo)) and PersonStatusHandler.py",
    },
}
#: The internal statuses a user keeps when its person becomes inactive.
USER_GONE = ("INACTIVE", "DELETED")


def _internal(world, domain, value):
    """The internal value of ``value`` in a synonym domain; a value the
    domain does not have is refused as Translate.toInternalString refuses it."""
    rows = world.synonyms.get(domain)
    if rows is None:
        raise FakeMaximoError("synonym domain %s is not set up" % domain)
    for row in rows:
        if row["value"] == value:
            return row["maxvalue"]
    raise MXApplicationException("system", "notsynonym", [value, domain])


def _default_external(world, domain, internal):
    """The site's default external value of an internal status."""
    for row in world.synonyms.get(domain) or []:
        if row["maxvalue"] == internal and row.get("defaults", True):
            return row["value"]
    raise MXApplicationException("system", "notsynonym", [internal, domain])


def _check_change(world, mbo, status, access):
    """The new status's internal value, or what Maximo raises for the change.

    - the new status must be a value of the object's synonym domain [V
      bportaluri.com "How to implement stateful MBOs": the STATUS attribute
      takes the values of a synonym domain; changeStatus calls
      canChangeStatus, which throws when the change is not allowed];
    - the current status is read through the same domain: a value the
      domain lacks is refused as the translator refuses it [I];
    - the same internal status again is refused [I: the integration
      framework only changes status "if the new status is different"
      (IBM technote "Changing status with an inbound IF or MEA
      transaction"); the group/key status#samestatus is the fake's own],
      unless the access modifier has NOACCESSCHECK, which lets a status
      change through "even if it is invalid" [V bportaluri.com, same page].
    """
    domain = STATEFUL[mbo._name]["domain"]
    internal = _internal(world, domain, status)
    current = mbo._values.get("STATUS")
    if current is None or current == "":
        return internal
    if _internal(world, domain, current) == internal and not access & NOACCESSCHECK:
        raise MXApplicationException(
            "status", "samestatus", [current, domain, internal]
        )
    return internal


def _apply_change(world, mbo, status, date):
    """STATUS (and STATUSDATE where the object has it) set, past the
    read-only rule, as the status handler sets them."""
    mbo.setValue("STATUS", status, NOACCESSCHECK)
    if "STATUSDATE" in world.objects.get(mbo._name, {}):
        mbo.setValue("STATUSDATE", date, NOACCESSCHECK)


def _person_users(world, person):
    """The person's MAXUSER records, as a set related to the person (so the
    person's save writes them; the record keeps it, as Maximo keeps a
    relationship's set): the relationship name is inferred [I]."""
    personid = person._values.get("PERSONID") or ""
    return person.getMboSet(
        "MAXUSER", "MAXUSER", "personid = '%s'" % personid.replace("'", "''")
    )


def _users_to_inactivate(world, person):
    """The person's users not INACTIVE or DELETED yet, each checked first, so
    that a refusal leaves every record as it was."""
    users = _person_users(world, person)
    found = []
    user = users.moveFirst()
    while user is not None:
        current = _internal(world, "MAXUSERSTATUS", user._values.get("STATUS"))
        if current not in USER_GONE:
            found.append(user)
        user = users.moveNext()
    return found


#: (OBJECT, internal status) -> {users, source}: what a change to that
#: status sets off beyond the record itself.
CASCADES = {
    ("PERSON", "INACTIVE"): {
        "users": _users_to_inactivate,
        "source": "[V] IBM docs, People application, Person statuses: a person"
        " made inactive makes its user records inactive; a person made active"
        " again leaves them as they are",
    },
}


def change_status(world, mbo, status, date, memo, access=0):
    """StatefulMbo.changeStatus(status, date, memo[, accessModifier]) [V
    pylance-icd-classes psdi/mbo/StatefulMbo.py]: checked, then STATUS set;
    a cascade's records change with it, in sets related to the record, so
    its save writes them all. The status history row Maximo writes
    (MAXUSERSTATUS / PERSONSTATUS objects, [V] ERD) is not modelled: the
    fake's data dictionary has no such objects."""
    if not isinstance(status, string_types):
        raise FakeMaximoError("changeStatus(status) got a %s" % type(status))
    if not is_date(date):
        raise FakeMaximoError("changeStatus(..., date, ...) got %r, not a date" % date)
    if memo is not None and not isinstance(memo, string_types):
        raise FakeMaximoError("changeStatus(..., memo) got a %s" % type(memo))
    if not isinstance(access, integer_types):
        raise FakeMaximoError("changeStatus(..., accessModifier) got %r" % access)
    internal = _check_change(world, mbo, status, access)
    cascade = CASCADES.get((mbo._name, internal))
    users = cascade["users"](world, mbo) if cascade else []
    inactive = None
    if users:
        inactive = _default_external(world, "MAXUSERSTATUS", "INACTIVE")
    _apply_change(world, mbo, status, date)
    for user in users:
        _apply_change(world, user, inactive, date)


def _change_status_method(world, mbo, *args):
    """changeStatus with Maximo's two overloads a script uses."""
    if len(args) not in (3, 4):
        raise FakeMaximoError(
            "changeStatus takes (status, date, memo) or (status, date, memo,"
            " accessModifier); got %d argument(s)" % len(args)
        )
    change_status(world, mbo, *args)


# -- Methods of an MBO class ------------------------------------------------
#: (OBJECT, METHOD) -> function(world, mbo, *args): what the object's MBO class
#: has beyond psdi.mbo.Mbo (e.g. a stateful object's changeStatus). A method
#: no entry names fails loudly, as on a class that does not have it.
METHODS = dict(
    ((name, "changeStatus"), _change_status_method) for name in sorted(STATEFUL)
)


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
    group = _text(value).upper()
    if _holds_reassign_authority(world, group):
        return
    raise MXApplicationException("signature", "noreassignauth", [world.user, group])


def _holds_reassign_authority(world, group):
    """True when the running user holds a GRPREASSIGNAUTH record for group."""
    user = world.user.upper()
    for row in world.tables.get("GRPREASSIGNAUTH", []):
        if _text(row.get("USERID")).upper() == user and (
            _text(row.get("GROUPNAME")).upper() == group
        ):
            return True
    return False


def _may_remove_group(world, mbo, flags):
    """Deleting a GROUPUSER: the running user may take others out only of
    the groups it holds a GRPREASSIGNAUTH record for [I: IBM's page
    "Authorizing users to assign other users to security groups" speaks of
    assigning; that the same authority governs taking a user out of a group
    (the Users application's Groups tab edits both ways) is inferred, and the
    fake applies the add rule's check, skipped with NOACCESSCHECK, with its
    own message]."""
    if flags & NOACCESSCHECK:
        return
    group = _text(mbo._values.get("GROUPNAME")).upper()
    if not _holds_reassign_authority(world, group):
        raise MXApplicationException("signature", "noremoveauth", [world.user, group])


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
    # Through the table's index on LOGINID without regard to case (a scan of
    # every user per user saved would make a bulk run quadratic).
    table = world.tables.get("MAXUSER", [])
    for row in world.index("MAXUSER", "LOGINID", fold=True).lookup(table, [login]):
        if row is mbo._row:
            continue
        if _text(row.get("LOGINID")).upper() == login.upper():
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
DELETE_CHECKS.setdefault("GROUPUSER", []).append(_may_remove_group)
METHODS[("MAXUSER", "addGroupUser")] = _add_group_user


# -- Hooks psdi.mbo calls ---------------------------------------------------


def has_set_rules(name, attribute):
    """True when check_set has a rule for OBJECT.ATTRIBUTE (read-only or
    validated): psdi.mbo asks once per attribute, not per value set."""
    key = (name, attribute)
    return key in READONLY or key in VALIDATORS


def check_set(world, mbo, attribute, value, flags):
    """Before ``setValue``/``setValueNull`` (value None) of OBJECT.ATTRIBUTE."""
    key = (mbo._name, attribute)
    if key in READONLY and not flags & NOACCESSCHECK:
        raise MXAccessException("access", "field", [READONLY[key]["title"]])
    validator = VALIDATORS.get(key)
    if validator is not None and not flags & NOVALIDATION:
        validator(world, mbo, value, flags)


def check_save(world, mbo):
    """Before a save writes a new or changed record."""
    for check in SAVE_CHECKS.get(mbo._name, ()):
        check(world, mbo)


def check_delete(world, mbo, flags):
    """Before ``delete()`` marks a record."""
    for check in DELETE_CHECKS.get(mbo._name, ()):
        check(world, mbo, flags)


def method(name, method_name):
    """The function behind OBJECT.method, or None when the class has none."""
    return METHODS.get((name, method_name))
