# Library of the "Create or Update MAS User" bundle: one person's user, as
# the dialog's OK (upsertPerson) and Resync MAS User (resyncPerson) make it,
# through the MAS internal API or the manage route, and the outcome recorded
# on the person (MASACCESSTYPE, MASENTITLEMENT, MASSYNC*). It calls
# MASUSERMANAGE (and through it the libraries below it).
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERACTION",
    "description": "MAS user bundle: the action for one person and Resync",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "resyncNoChoice", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Person {0} has no access type and entitlement on record from an earlier Create or Update MAS User, so there is nothing to resync. Use Select Action > Create or Update MAS User and choose them; Resync MAS User reruns that choice afterwards."}
    ]
}"""

from java.lang import Exception as JavaException
from psdi.server import MXServer
from psdi.util import MXApplicationException, MXException

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERMANAGE's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERMANAGE", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
exceptionText = _BELOW["exceptionText"]
outcome = _BELOW["outcome"]
quoted = _BELOW["quoted"]
readPerson = _BELOW["readPerson"]
trimmed = _BELOW["trimmed"]
unicode_text = _BELOW["unicode_text"]
validate = _BELOW["validate"]
# MASUSERCONF
MANAGE_ROUTE = _BELOW["MANAGE_ROUTE"]
ROUTE_SETTING = _BELOW["ROUTE_SETTING"]
ceilingProblem = _BELOW["ceilingProblem"]
manageSettingsProblem = _BELOW["manageSettingsProblem"]
mappedGroups = _BELOW["mappedGroups"]
readSettings = _BELOW["readSettings"]
# MASUSERPAYLOAD
buildBody = _BELOW["buildBody"]
buildUser = _BELOW["buildUser"]
personDigest = _BELOW["personDigest"]
# MASUSERHTTP
SUCCESS_KEYS = _BELOW["SUCCESS_KEYS"]
callDeadline = _BELOW["callDeadline"]
refusal = _BELOW["refusal"]
requestFailure = _BELOW["requestFailure"]
send = _BELOW["send"]
userResults = _BELOW["userResults"]
# MASUSERMANAGE
RECORD_FLAGS = _BELOW["RECORD_FLAGS"]
addGroupsAfterUpsert = _BELOW["addGroupsAfterUpsert"]
choiceCost = _BELOW["choiceCost"]
groupsToDrop = _BELOW["groupsToDrop"]
heldGroups = _BELOW["heldGroups"]
idpLogin = _BELOW["idpLogin"]
loginTaken = _BELOW["loginTaken"]
ownerProblem = _BELOW["ownerProblem"]
saveManageUser = _BELOW["saveManageUser"]
unassignableProblem = _BELOW["unassignableProblem"]
unknownGroups = _BELOW["unknownGroups"]
unremovableProblem = _BELOW["unremovableProblem"]


def makeUser(mbo, accessType, entitlement):
    """Validate the person and make its user: through the MAS internal API
    (one request, retried only when that is safe) or, on the manage route,
    as Manage's own records. Every check runs before anything is written or
    sent: the person, the settings, the security groups, the user's owner."""
    accessType = trimmed(unicode_text(accessType))
    entitlement = trimmed(unicode_text(entitlement))
    person = readPerson(mbo)
    problem = validate(mbo, person, accessType, entitlement)
    if problem:
        return problem
    settings, problem = readSettings()
    if not problem and settings[ROUTE_SETTING] == MANAGE_ROUTE:
        problem = manageSettingsProblem(settings)
    if problem:
        return problem
    personid = person["PERSONID"]
    userInfo = mbo.getUserInfo()
    groups = mappedGroups(settings, entitlement)
    drop = groupsToDrop(settings, entitlement, lastChoice(mbo)[1])
    problem = (
        ceilingProblem(settings, accessType, entitlement)
        or unknownGroups(userInfo, entitlement, groups)
        or unassignableProblem(userInfo, entitlement, groups)
        or ownerProblem(userInfo, personid)
        or unremovableProblem(userInfo, personid, heldGroups(userInfo, personid, drop))
    )
    if problem:
        return problem
    if settings[ROUTE_SETTING] == MANAGE_ROUTE:
        login, problem = idpLogin(mbo, personid, settings)
        if problem:
            return problem
        problem = loginTaken(userInfo, personid)
        if problem:
            return problem
        return saveManageUser(
            userInfo, personid, accessType, entitlement, groups, settings, login, drop
        )
    user = buildUser(person, accessType, entitlement, settings)
    deadline = callDeadline(settings)
    sent = send(settings, buildBody([user], settings), deadline)
    failure = requestFailure(personid, sent, settings, refusal(sent, deadline))
    if failure:
        return failure
    try:
        results = userResults([personid], sent[1], sent[3], deadline)
        kind, errorId, message = results[personid]
    except (JavaException, MXException, ValueError) as problem:
        return outcome(
            "failed", "masUnclearAnswer", [personid, sent[1], exceptionText(problem)]
        )
    if kind == "failed":
        return outcome("failed", "masRejected", [personid, sent[1], errorId, message])
    done = outcome("success", SUCCESS_KEYS[kind], [personid, accessType, entitlement])
    if not groups and not drop:
        return done
    return addGroupsAfterUpsert(
        userInfo, personid, accessType, entitlement, groups, drop
    )


# -- The outcome on the person, and Resync MAS User ---------------------------
# What the action last did for a person is where the administrator looks: on
# the person (the MAS User section of the People application shows the
# MASSYNC* attributes). A success of the dialog, of Resync MAS User or of the
# MASUSERBULK cron task records the access type and entitlement it made the
# user with (MASACCESSTYPE, MASENTITLEMENT): Resync MAS User reruns exactly
# that. Neither MAS's answer nor Manage's MAXUSER holds the entitlement, so it
# is kept on the person. A failure records nothing: the person's record
# stays as it was and the message says what went wrong.

LAST_ACCESS_TYPE = "MASACCESSTYPE"
LAST_ENTITLEMENT = "MASENTITLEMENT"


def upsertPerson(mbo, accessType, entitlement):
    """The dialog's OK (and Resync MAS User): make the person's user
    (makeUser); on success record it on the person (rememberOutcome)."""
    result = makeUser(mbo, accessType, entitlement)
    # What the choice costs, as the dialog's MASAPPPOINTS field showed it.
    result["apppoints"] = choiceCost(mbo, accessType, entitlement)
    if result["outcome"] == "success":
        problem = rememberOutcome(mbo, accessType, entitlement)
        if problem:
            result["unrecorded"] = problem
    return result


def lastChoice(mbo):
    """(access type, entitlement) the person's user was last made with; empty
    text for what was never recorded."""
    return (
        trimmed(unicode_text(mbo.getString(LAST_ACCESS_TYPE))),
        trimmed(unicode_text(mbo.getString(LAST_ENTITLEMENT))),
    )


def writeChoice(person, accessType, entitlement):
    """Set the access type and entitlement a user was made with on its person."""
    person.setValue(LAST_ACCESS_TYPE, accessType, RECORD_FLAGS)
    person.setValue(LAST_ENTITLEMENT, entitlement, RECORD_FLAGS)


def rememberOutcome(mbo, accessType, entitlement):
    """After a success of the action: the person's MASSYNC* record says DONE
    (error cleared; the hash the cron task compares, so it does not send the
    person again unchanged) and the choice is kept for Resync MAS User, in one
    save of the person's own set. A person not in PERSON (a record never
    saved) has nothing to record on. Returns None, or why the save failed:
    the user was made all the same."""
    accessType = trimmed(unicode_text(accessType))
    entitlement = trimmed(unicode_text(entitlement))
    person = readPerson(mbo)
    settings = readSettings()[0]
    groups = None
    if settings[ROUTE_SETTING] == MANAGE_ROUTE:
        groups = mappedGroups(settings, entitlement)
    digest = personDigest(person, accessType, entitlement, settings, groups)
    personid = person["PERSONID"]
    server = MXServer.getMXServer()
    people = server.getMboSet("PERSON", mbo.getUserInfo())
    try:
        people.setWhere("personid = " + quoted(personid))
        people.reset()
        found = people.moveFirst()
        if found is None:
            return None
        writeRecord(found, (personid, DONE, digest, None), server.getDate())
        writeChoice(found, accessType, entitlement)
        people.save()
    except (MXException, JavaException) as problem:
        return exceptionText(problem)
    finally:
        people.close()
    return None


def resyncPerson(mbo):
    """Resync MAS User: the action again with the person's last recorded
    access type and entitlement; resyncNoChoice when none is recorded."""
    accessType, entitlement = lastChoice(mbo)
    if not accessType or not entitlement:
        personid = trimmed(unicode_text(mbo.getString("PERSONID")))
        return outcome("rejected", "resyncNoChoice", [personid])
    return upsertPerson(mbo, accessType, entitlement)


# -- The person's sync record (MASSYNC*), for the cron task as well -----------
# A cron task instance (class com.ibm.tivoli.maximo.script.ScriptCrontask,
# SCRIPTNAME MASUSERBULK) calls runBulk. Persons go to MAS in chunks, one bulk
# request each; each person's outcome is written on the person (MASSYNC*
# attributes) only once MAS has answered for it, in one save per chunk (on the
# manage route, the save that writes the chunk's Manage users). A crash
# loses at most the outcomes of the chunk in flight: those persons are not DONE,
# so the next run sends them again, and the upsert is idempotent.

SYNC_STATE = "MASSYNCSTATE"
SYNC_DATE = "MASSYNCDATE"
SYNC_ERROR = "MASSYNCERROR"
SYNC_HASH = "MASSYNCHASH"
DONE, FAILED, INVALID = "DONE", "FAILED", "INVALID"
# What a record of recordOutcomes writes after the personid, in its order.
SYNC_RECORD = (SYNC_STATE, SYNC_HASH, SYNC_ERROR, "MASSYNCBY")


def writeRecord(person, record, now):
    """Set one (personid, state, hash, error[, by]) record on its person."""
    person.setValue(SYNC_DATE, now, RECORD_FLAGS)
    for attribute, value in zip(SYNC_RECORD, record[1:]):
        if value:
            person.setValue(attribute, value, RECORD_FLAGS)
        else:
            person.setValueNull(attribute, RECORD_FLAGS)


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
