# Library of the "Create or Update MAS User" bundle: the manage route (MAS
# 9.1 and later: the MAXUSER record written in Manage itself, with its
# identity provider login) and the security groups of an entitlement, added
# and removed (the checks first: unknown groups, group reassignment
# authority, the user's owner, a login already taken). It calls MASUSERHTTP
# (and through it the libraries below it).
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERMANAGE",
    "description": "MAS user bundle: the manage route and the security groups",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "userGroupsAdded", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was created or updated (access type {1}, entitlement {2}); security groups added in Manage: {3}."},
        {"msgGroup": "masuser", "msgKey": "userGroupsPending", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was created or updated (access type {1}, entitlement {2}); its Manage user does not exist yet, so the security groups {3} are recorded on the person and added when MAS syncs the user to Manage."},
        {"msgGroup": "masuser", "msgKey": "groupsNotSaved", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "MAS user {0} was created or updated, but Manage did not save its security groups: {1}. Nothing of the groups was saved; running the action again is safe."},
        {"msgGroup": "masuser", "msgKey": "manageUserCreated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "Manage user {0} was created (access type {1}, entitlement {2}); security groups added: {3}."},
        {"msgGroup": "masuser", "msgKey": "manageUserUpdated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "Manage user {0} was updated (access type {1}, entitlement {2}); security groups added: {3}."},
        {"msgGroup": "masuser", "msgKey": "manageNotSaved", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Manage did not save user {0}: {1}. Nothing was saved; correct the cause and run the action again."},
        {"msgGroup": "masuser", "msgKey": "userOwnedByOther", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "User {0} exists in Manage for person {1}, not for person {2}; nothing was written or sent. Give person {2} a user of its own or correct user {0}."},
        {"msgGroup": "masuser", "msgKey": "groupNotAssignable", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "User {0} may not add users to the security group(s) {1}: Manage has no group reassignment authority (GRPREASSIGNAUTH) of {0} for them; nothing was written or sent. Authorize {0} to reassign these groups (Authorize Group Reassignment, Users application) or change {2}."},
        {"msgGroup": "masuser", "msgKey": "loginTaken", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The login ID {0} belongs to Manage user {1}, so person {2} cannot get a new user with it; nothing was written. Correct user {1} or give person {2} another person ID."},
        {"msgGroup": "masuser", "msgKey": "idpLoginMissing", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Person {0} has no {1}, the identity provider login of its user (system property {2}); nothing was saved. Fill in {1} on the person record or change {2}."},
        {"msgGroup": "masuser", "msgKey": "groupUnknown", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The system property {0} names the security group(s) {1}, which do not exist in Manage (MAXGROUP); nothing was written or sent."},
        {"msgGroup": "masuser", "msgKey": "groupNotRemovable", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "User {0} may not remove user {1} from the security group(s) {2} of its old entitlement: Manage has no group reassignment authority (GRPREASSIGNAUTH) of {0} for them; nothing was written or sent. Authorize {0} to reassign these groups or set {3} to 0."}
    ]
}"""

from java.lang import Exception as JavaException
from psdi.mbo import MboConstants
from psdi.server import MXServer
from psdi.util import MXApplicationException, MXException

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERHTTP's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERHTTP", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
asciiUpper = _BELOW["asciiUpper"]
exceptionText = _BELOW["exceptionText"]
groupsText = _BELOW["groupsText"]
outcome = _BELOW["outcome"]
quoted = _BELOW["quoted"]
trimmed = _BELOW["trimmed"]
unicode_text = _BELOW["unicode_text"]
# MASUSERCONF
APPPOINTS_SETTING = _BELOW["APPPOINTS_SETTING"]
GROUPS_SETTING = _BELOW["GROUPS_SETTING"]
IDP_LOGIN_SETTING = _BELOW["IDP_LOGIN_SETTING"]
IDP_SETTING = _BELOW["IDP_SETTING"]
PROTECTED_SETTING = _BELOW["PROTECTED_SETTING"]
REMOVE_SETTING = _BELOW["REMOVE_SETTING"]
STATUS_PATH_SETTING = _BELOW["STATUS_PATH_SETTING"]
appPointTable = _BELOW["appPointTable"]
appPoints = _BELOW["appPoints"]
entitlementMaps = _BELOW["entitlementMaps"]
groupList = _BELOW["groupList"]
loginAttributeInvalid = _BELOW["loginAttributeInvalid"]
rawSettings = _BELOW["rawSettings"]
settingDefaults = _BELOW["settingDefaults"]
PENDING_GROUPS = "MASPENDINGGROUPS"
# MAXUSER STATUS is synonym-domain driven: its values are read through the
# translator by internal value (ACTIVE, INACTIVE, ...).
USER_STATUS_DOMAIN = "MAXUSERSTATUS"
# What a new MAXUSER of the manage route gets beyond its ids, status and
# licence: the data dictionary's required columns with Maximo's usual defaults
# (TYPE comes from masuser.user.type). No PASSWORD: users log in through the
# MAS identity provider. LOGINTYPE "0" is what IBM's python-devops writes for
# an identity provider record; that SAML takes the same value is inferred.
NEW_USER_DEFAULTS = (
    ("QUERYWITHSITE", True),
    ("FORCEEXPIRATION", False),
    ("FAILEDLOGINS", 0),
    ("SYSUSER", False),
    ("INACTIVESITES", False),
    ("SCREENREADER", False),
    ("ISCONSULTANT", False),
    ("SIDENAV", 0),
)
IDP_LOGIN_TYPE = "0"
# MAXUSER.OWNER of a new user comes from masuser.user.owner (default local, as
# IBM's python-devops writes on 9.1), the owner the internal API route sends.
OWNER_SETTING = "masuser.user.owner"


def idpLogin(mbo, personid, settings):
    """(login, problem): the person's login at the identity provider, from the
    PERSON attribute masuser.idp.loginattribute names."""
    attribute = settings[IDP_LOGIN_SETTING]
    try:
        login = trimmed(unicode_text(mbo.getString(attribute)))
    except MXException:
        return None, loginAttributeInvalid(settings)
    if login == "":
        return None, outcome(
            "rejected", "idpLoginMissing", [personid, attribute, IDP_LOGIN_SETTING]
        )
    return login, None


def groupNames(userInfo, objectName, where, groups):
    """The groups of the list that the records of objectName selected by
    ``where`` (and the list) name."""
    if not groups:
        return []
    found = MXServer.getMXServer().getMboSet(objectName, userInfo)
    try:
        clause = "groupname in (" + ", ".join([quoted(g) for g in groups]) + ")"
        found.setWhere(clause if where is None else where + " and " + clause)
        found.reset()
        names = []
        group = found.moveFirst()
        while group is not None:
            names.append(unicode_text(group.getString("GROUPNAME")))
            group = found.moveNext()
    finally:
        found.close()
    return [g for g in groups if g in names]


def existingGroups(userInfo, groups):
    """The groups of the list that MAXGROUP has."""
    return groupNames(userInfo, "MAXGROUP", None, groups)


def runningUser(userInfo):
    return asciiUpper(trimmed(unicode_text(userInfo.getUserName())))


def assignableGroups(userInfo, groups):
    """The groups of the list the running user may add other users to: those
    it holds a group reassignment authority (GRPREASSIGNAUTH) for, which
    Manage checks when a membership is added (IBM docs, "Authorizing users to
    assign other users to security groups")."""
    where = "userid = " + quoted(runningUser(userInfo))
    return groupNames(userInfo, "GRPREASSIGNAUTH", where, groups)


def unassignableProblem(userInfo, entitlement, groups):
    """groupNotAssignable when the running user (the action's user, the cron
    task's run-as user) may not add users to a mapped group, else None."""
    allowed = assignableGroups(userInfo, groups)
    refused = [g for g in groups if g not in allowed]
    if refused:
        return outcome(
            "rejected",
            "groupNotAssignable",
            [runningUser(userInfo), ", ".join(refused), GROUPS_SETTING + entitlement],
        )
    return None


def userColumns(userInfo, column, values, columns):
    """[(each of ``columns``), ...] of the Manage users whose ``column`` is one
    of ``values``, read in one query (the bulk run asks once per chunk, not
    once per person)."""
    if not values:
        return []
    rows = []
    users = MXServer.getMXServer().getMboSet("MAXUSER", userInfo)
    try:
        users.setWhere(column + " in (" + ", ".join([quoted(v) for v in values]) + ")")
        users.reset()
        user = users.moveFirst()
        while user is not None:
            rows.append(tuple([unicode_text(user.getString(c)) for c in columns]))
            user = users.moveNext()
    finally:
        users.close()
    return rows


def loginHolders(userInfo, logins):
    """{loginid: [userid, ...]} of the Manage users holding these login IDs."""
    holders = {}  # type: dict
    for login, userid in userColumns(
        userInfo, "loginid", logins, ("LOGINID", "USERID")
    ):
        holders.setdefault(login, []).append(userid)
    return holders


def loginTaken(userInfo, personid, holders=None):
    """loginTaken when another Manage user has the login ID a new user of
    this person would get (its person ID), else None; ``holders``
    (loginHolders) when they are read already. Manage refuses a second user
    of the same LOGINID; the check here gives the reason before anything is
    written. Compared as written: a login differing only in case is left to
    Manage's own refusal (manageNotSaved)."""
    if holders is None:
        holders = loginHolders(userInfo, [personid])
    for other in holders.get(personid, []):
        if other != personid:
            return outcome("rejected", "loginTaken", [personid, other, personid])
    return None


def unknownGroups(userInfo, entitlement, groups):
    """groupUnknown when a mapped group is not in MAXGROUP, else None."""
    existing = existingGroups(userInfo, groups)
    missing = [g for g in groups if g not in existing]
    if missing:
        return outcome(
            "rejected",
            "groupUnknown",
            [GROUPS_SETTING + entitlement, ", ".join(missing)],
        )
    return None


def userOwners(userInfo, userids):
    """{userid: PERSONID} of the Manage users of these ids that exist."""
    return dict(userColumns(userInfo, "userid", userids, ("USERID", "PERSONID")))


def ownerProblem(userInfo, personid, owners=None):
    """userOwnedByOther when the Manage user of this id belongs to another
    person; ``owners`` (userOwners) when they are read already."""
    if owners is None:
        owners = userOwners(userInfo, [personid])
    owner = owners.get(personid)
    if owner is not None and owner != personid:
        return outcome("rejected", "userOwnedByOther", [personid, owner, personid])
    return None


def groupsToDrop(settings, entitlement, previous):
    """The groups a user given ``entitlement`` leaves, having had ``previous``
    (the person's MASENTITLEMENT, "" when none is recorded): the old
    mapping's groups the new one does not map, never a protected one; none
    when masuser.groups.remove is 0 or the entitlement did not change."""
    if settings.get(REMOVE_SETTING) != "1" or previous == entitlement:
        return []
    maps = entitlementMaps(settings)
    if previous in maps:
        candidates = maps[previous]
    else:
        candidates = []
        for other in sorted(maps):
            if other != entitlement:
                candidates.extend([g for g in maps[other] if g not in candidates])
    keep = maps.get(entitlement, []) + groupList(settings[PROTECTED_SETTING])
    return [g for g in candidates if g not in keep]


def heldGroups(userInfo, userid, groups):
    """The groups of the list the Manage user ``userid`` is a member of."""
    return groupNames(userInfo, "GROUPUSER", "userid = " + quoted(userid), groups)


def unremovableProblem(userInfo, userid, removing):
    """groupNotRemovable when the running user may not take ``userid`` out of
    a group it is to leave (the group reassignment authority, as for an
    addition [I: IBM documents it for assigning]), else None."""
    allowed = assignableGroups(userInfo, removing)
    refused = [g for g in removing if g not in allowed]
    if refused:
        return outcome(
            "rejected",
            "groupNotRemovable",
            [runningUser(userInfo), userid, ", ".join(refused), REMOVE_SETTING],
        )
    return None


def dropMemberships(user, userid, drop):
    """Mark the user's memberships of the groups in ``drop`` to be deleted
    with the user's save; the groups left, in drop's order."""
    if not drop:
        return []
    members = groupMembers(user, userid)[0]
    removed = []
    member = members.moveFirst()
    while member is not None:
        name = unicode_text(member.getString("GROUPNAME"))
        if name in drop and name not in removed and not member.isNew():
            member.delete()
            removed.append(name)
        member = members.moveNext()
    return [g for g in drop if g in removed]


def withRemoved(result, removed):
    """The outcome, carrying the groups removed for the audit line."""
    result["removed"] = list(removed)
    return result


def choiceCost(mbo, accessType, entitlement):
    """The AppPoints the dialog's choice costs (the MASAPPPOINTS field), or
    None while the choice or the settings do not give one."""
    settings = rawSettings()
    accessType = trimmed(unicode_text(accessType))
    entitlement = trimmed(unicode_text(entitlement))
    if accessType == "" or entitlement == "":
        return None
    if appPointTable(settings[APPPOINTS_SETTING])[0] is None:
        return None
    return appPoints(settings, accessType, entitlement)


def groupMembers(user, userid):
    """The GROUPUSER set of a MAXUSER record and the groups it holds already,
    saved or added (the set's name is MAXUSER's relationship to GROUPUSER, the
    set MaxUser.addGroupUser adds the default groups to)."""
    members = user.getMboSet("GROUPUSER", "GROUPUSER", "userid = " + quoted(userid))
    names = []
    member = members.moveFirst()
    while member is not None:
        names.append(unicode_text(member.getString("GROUPNAME")))
        member = members.moveNext()
    return members, names


def addMemberships(user, userid, groups):
    """Add the groups the user is not in yet (saved with the user); the added ones."""
    members, names = groupMembers(user, userid)
    added = []
    for group in groups:
        if group not in names:
            member = members.add()
            member.setValue("USERID", userid)
            member.setValue("GROUPNAME", group)
            added.append(group)
    return added


def withGroups(result, added):
    """The outcome, carrying the groups added for the audit line."""
    result["groups"] = list(added)
    return result


def addGroupsAfterUpsert(userInfo, personid, accessType, entitlement, groups, drop=()):
    """internalapi route, after MAS confirmed the upsert: add the groups to the
    Manage user when it exists, else record them on the person for the
    MASUSERGROUPS launch point to add when MAS's sync creates the user."""
    server = MXServer.getMXServer()
    users = server.getMboSet("MAXUSER", userInfo)
    try:
        users.setWhere("userid = " + quoted(personid))
        users.reset()
        user = users.moveFirst()
        if user is not None:
            added = addMemberships(user, personid, groups)
            removed = dropMemberships(user, personid, drop)
            users.save()
            return withRemoved(
                withGroups(
                    outcome(
                        "success",
                        "userGroupsAdded",
                        [personid, accessType, entitlement, groupsText(added)],
                    ),
                    added,
                ),
                removed,
            )
        people = server.getMboSet("PERSON", userInfo)
        try:
            people.setWhere("personid = " + quoted(personid))
            people.reset()
            person = people.moveFirst()
            if person is None:
                reason = "person %s is not in Manage's PERSON table" % personid
                return outcome("failed", "groupsNotSaved", [personid, reason])
            # Pending groups of the old entitlement are dropped with it.
            pending = groupList(person.getString(PENDING_GROUPS))
            pending = [g for g in pending if g not in drop]
            pending.extend([g for g in groups if g not in pending])
            if pending:
                person.setValue(PENDING_GROUPS, ",".join(pending), RECORD_FLAGS)
            else:
                person.setValueNull(PENDING_GROUPS, RECORD_FLAGS)
            people.save()
        finally:
            people.close()
        result = outcome(
            "success",
            "userGroupsPending",
            [personid, accessType, entitlement, groupsText(groups)],
        )
        result["pending"] = list(groups)
        return withGroups(result, [])
    except (MXException, JavaException) as problem:
        return outcome("failed", "groupsNotSaved", [personid, exceptionText(problem)])
    finally:
        users.close()


def saveManageUser(
    userInfo, personid, accessType, entitlement, groups, settings, login, drop=()
):
    """manage route (MAS 9.1 and later): the person's MAXUSER found or created
    (writeManageUser) and saved once: on any failure nothing is saved."""
    users = MXServer.getMXServer().getMboSet("MAXUSER", userInfo)
    try:
        users.setWhere("userid = " + quoted(personid))
        users.reset()
        created, added = writeManageUser(
            users, personid, accessType, groups, settings, login
        )
        removed = dropMemberships(users.moveFirst(), personid, drop)
        users.save()
    except (MXException, JavaException) as problem:
        return outcome("failed", "manageNotSaved", [personid, exceptionText(problem)])
    finally:
        users.close()
    return withRemoved(
        manageUserResult(personid, accessType, entitlement, created, added), removed
    )


def writeManageUser(users, personid, accessType, groups, settings, login):
    """Find or create the person's MAXUSER in a set of that USERID, with its
    licence (ISAUTHORIZED), its groups and its identity-provider record
    (``login``: its IDPLOGINID), all in the set's tree, so that whoever saves
    it writes them in one transaction. A new user first gets Manage's default
    groups (MaxUser.addGroupUser: DEFLTREG and the MAXVARS NEWUSERGROUP
    group), as IBM's own add-user code does after add(). Returns (created,
    mapped groups added); raises what Maximo raises when it refuses a value."""
    user = users.moveFirst()
    created = user is None
    if user is None:
        user = users.add()
        user.setValue("USERID", personid)
        user.setValue("LOGINID", personid)
        user.setValue("PERSONID", personid)
        user.setValue("TYPE", settings["masuser.user.type"])
        for attribute, value in NEW_USER_DEFAULTS:
            user.setValue(attribute, value)
        user.setValue("OWNER", settings[OWNER_SETTING])
        user.addGroupUser()
    translator = user.getTranslator()
    active = translator.toExternalDefaultValue(USER_STATUS_DOMAIN, "ACTIVE", user)
    if created:
        user.setValue("STATUS", active, MboConstants.NOACCESSCHECK)
    elif userStatus(user) != "ACTIVE":
        memo = "masuser: person %s gets its user back" % personid
        changeUserStatus(user, active, settings[STATUS_PATH_SETTING], memo)
    # 1/0, as IBM's python-devops writes MAXUSER.ISAUTHORIZED on 9.1.
    user.setValue("ISAUTHORIZED", 1 if accessType == "Authorized" else 0)
    added = addMemberships(user, personid, groups)
    addIdentityProvider(user, personid, settings, login)
    return created, added


def userStatus(user):
    """The internal MAXUSERSTATUS value of a user's STATUS; Maximo refuses a
    STATUS its domain does not have."""
    return unicode_text(
        user.getTranslator().toInternalString(
            USER_STATUS_DOMAIN, user.getString("STATUS"), user
        )
    )


def changeUserStatus(user, status, path, memo):
    """An existing user's STATUS changed the way masuser.user.statuspath says
    (STATUS_PATHS); raises what Maximo raises when it refuses the change."""
    if path == "noaccesscheck":
        user.setValue("STATUS", status, MboConstants.NOACCESSCHECK)
    else:
        user.changeStatus(status, MXServer.getMXServer().getDate(), memo)


def manageUserResult(personid, accessType, entitlement, created, added):
    """The outcome of a Manage user written, carrying the groups added."""
    key = "manageUserCreated" if created else "manageUserUpdated"
    return withGroups(
        outcome("success", key, [personid, accessType, entitlement, groupsText(added)]),
        added,
    )


def addIdentityProvider(user, userid, settings, login):
    """The user's record for the MAS identity provider (MASUSERIDP, the
    masuseridp child IBM's python-devops writes on 9.1), or its login kept
    up to date when it has one.
    Manage refuses an IDPID the suite has not registered (system#idpnotfound):
    the save then fails and nothing is written."""
    idpid = settings[IDP_SETTING]
    idps = user.getMboSet(
        "$MASUSER_MASUSERIDP",
        "MASUSERIDP",
        "userid = " + quoted(userid) + " and idpid = " + quoted(idpid),
    )
    idp = idps.moveFirst()
    if idp is not None:
        # The login follows the person (masuser.idp.loginattribute) [I: that
        # Manage lets IDPLOGINID change is not public].
        if unicode_text(idp.getString("IDPLOGINID")) != login:
            idp.setValue("IDPLOGINID", login)
        return
    idp = idps.add()
    idp.setValue("USERID", userid)
    idp.setValue("IDPID", idpid)
    idp.setValue("IDPTYPE", settings["masuser.idp.type"])
    idp.setValue("LOGINTYPE", IDP_LOGIN_TYPE)
    idp.setValue("IDPLOGINID", login)
    idp.setValue("ENABLED", True)
    idp.setValue("EMAILPASSWORD", False)


def landPendingGroups(user):
    """MAXUSER launch point (add, before save): the groups recorded on the
    user's person join the new user, in the same save, and the person's record
    of them is cleared. Protected groups and groups gone from MAXGROUP are
    left out. Returns (added, left out)."""
    userid = unicode_text(user.getString("USERID"))
    people = user.getMboSet(
        "$MASUSER_PERSON", "PERSON", "personid = " + quoted(user.getString("PERSONID"))
    )
    person = people.moveFirst()
    if person is None:
        return [], []
    pending = groupList(person.getString(PENDING_GROUPS))
    if not pending:
        return [], []
    protected = MXServer.getMXServer().getProperty(PROTECTED_SETTING)
    if protected is None or trimmed(unicode_text(protected)) == "":
        protected = settingDefaults()[PROTECTED_SETTING]
    groups = [g for g in pending if g not in groupList(protected)]
    groups = existingGroups(user.getUserInfo(), groups)
    # The user saving (MAS's sync) adds them: only groups it may assign.
    groups = assignableGroups(user.getUserInfo(), groups)
    added = addMemberships(user, userid, groups)
    person.setValueNull(PENDING_GROUPS, RECORD_FLAGS)
    return added, [g for g in pending if g not in groups]


RECORD_FLAGS = MboConstants.NOACCESSCHECK | MboConstants.NOVALIDATION_AND_NOACTION


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
