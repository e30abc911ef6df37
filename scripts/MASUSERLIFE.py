# Library of the "Create or Update MAS User" bundle: the lifecycle. A person
# who becomes inactive is marked (personStatusChanged, for MASUSERSTATUS) and
# loses its user on the next MASUSERBULK run; a drift run compares persons
# with their Manage users and records what differs. It calls MASUSERCHUNK (and
# through it the libraries below it).
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERLIFE",
    "description": "MAS user bundle: leavers and drift",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "manageUserDeactivated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "Manage user {0} was deactivated (user status {1}, person status {2}); MAS takes the change from Manage."},
        {"msgGroup": "masuser", "msgKey": "manageUserVerified", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "Manage made user(s) {0} of person {1} inactive when the person became inactive (person status {2}); MASUSERBULK verified it."},
        {"msgGroup": "masuser", "msgKey": "manageNotDeactivated", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Manage did not deactivate the user(s) of person {0}: {1}. Nothing of the users was changed; the next MASUSERBULK run tries again."}
    ]
}"""

from com.ibm.json.java import JSON, JSONArray, JSONObject
from java.lang import Exception as JavaException
from psdi.mbo import MboConstants
from psdi.server import MXServer
from psdi.util import MXApplicationException, MXException

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERCHUNK's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERCHUNK", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
exceptionText = _BELOW["exceptionText"]
internalStatus = _BELOW["internalStatus"]
outcome = _BELOW["outcome"]
quoted = _BELOW["quoted"]
readPerson = _BELOW["readPerson"]
trimmed = _BELOW["trimmed"]
unicode_text = _BELOW["unicode_text"]
# MASUSERCONF
DEACTIVATE_SETTING = _BELOW["DEACTIVATE_SETTING"]
MANAGE_ROUTE = _BELOW["MANAGE_ROUTE"]
ROUTES = _BELOW["ROUTES"]
ROUTE_SETTING = _BELOW["ROUTE_SETTING"]
deactivationSetting = _BELOW["deactivationSetting"]
entitlementMaps = _BELOW["entitlementMaps"]
# MASUSERHTTP
outcomeText = _BELOW["outcomeText"]
# MASUSERMANAGE
userColumns = _BELOW["userColumns"]
RECORD_FLAGS = _BELOW["RECORD_FLAGS"]
USER_STATUS_DOMAIN = _BELOW["USER_STATUS_DOMAIN"]
changeUserStatus = _BELOW["changeUserStatus"]
heldGroups = _BELOW["heldGroups"]
userStatus = _BELOW["userStatus"]
# MASUSERACTION
DONE = _BELOW["DONE"]
SYNC_DATE = _BELOW["SYNC_DATE"]
SYNC_ERROR = _BELOW["SYNC_ERROR"]
SYNC_HASH = _BELOW["SYNC_HASH"]
SYNC_STATE = _BELOW["SYNC_STATE"]
lastChoice = _BELOW["lastChoice"]
# MASUSERCHUNK
CHUNK_SETTING = _BELOW["CHUNK_SETTING"]
errorSummary = _BELOW["errorSummary"]
routeSetting = _BELOW["routeSetting"]
# The internal statuses of a user that has no login any more.
USER_GONE = ("INACTIVE", "DELETED")


# -- Drift: MAS users and Manage out of step -----------------------------------
# A MASUSERBULK instance with SCRIPTARG mode=drift (and where= or query=)
# changes nothing of the persons, users or groups: it compares each selected
# person with its Manage user (on internalapi, the MAXUSER MAS's sync made)
# and records what differs on the person (MASDRIFT; empty when in step), one
# save per chunk, plus one summary line. MAS itself is not read: the internal
# API publishes no bulk read, and one GET per person would cost a request each.

DRIFT_FIELD = "MASDRIFT"
DRIFT_COUNTS = ("selected", "drifted", "cleared", "unchanged", "unrecorded")
DRIFT_LENGTH = 500


def personUsers(userInfo, personid):
    """[(USERID, internal status, ISAUTHORIZED)] of the person's Manage users."""
    users = MXServer.getMXServer().getMboSet("MAXUSER", userInfo)
    found = []
    try:
        users.setWhere("personid = " + quoted(personid))
        users.reset()
        user = users.moveFirst()
        while user is not None:
            found.append(
                (
                    unicode_text(user.getString("USERID")),
                    userStatus(user),
                    user.getBoolean("ISAUTHORIZED"),
                )
            )
            user = users.moveNext()
    finally:
        users.close()
    return found


def driftFindings(mbo, userInfo, settings):
    """What differs between a person and its Manage user(s), as short
    key:detail texts (empty: in step)."""
    person = readPerson(mbo)
    personid = person["PERSONID"]
    internal = internalStatus(mbo, person["STATUS"])
    state = unicode_text(mbo.getString(SYNC_STATE))
    accessType, entitlement = lastChoice(mbo)
    users = personUsers(userInfo, personid)
    findings = []
    active = [u[0] for u in users if u[1] not in USER_GONE]
    if internal == "INACTIVE" and active:
        findings.append("userActivePersonInactive:" + ",".join(active))
    own = [u for u in users if u[0] == personid]
    if state == DONE and not own:
        findings.append("userMissing:" + personid)
    if not own:
        return findings
    user = own[0]
    if internal == "ACTIVE" and state == DONE and user[1] in USER_GONE:
        findings.append("userInactive:" + user[1])
    if settings[ROUTE_SETTING] == MANAGE_ROUTE and accessType:
        if user[2] != (accessType == "Authorized"):
            findings.append("licenceMismatch:ISAUTHORIZED")
    maps = entitlementMaps(settings)
    if entitlement in maps:
        mapped = maps[entitlement]
        others = []
        for name in sorted(maps):
            others.extend([g for g in maps[name] if g not in others])
        held = heldGroups(userInfo, personid, others + mapped)
        missing = [g for g in mapped if g not in held]
        extra = [g for g in held if g not in mapped]
        if missing:
            findings.append("groupsMissing:" + ",".join(missing))
        if extra:
            findings.append("groupsExtra:" + ",".join(extra))
    return findings


def recordDrift(userInfo, changes):
    """Write {personid: findings text or None} on MASDRIFT, in one save."""
    people = MXServer.getMXServer().getMboSet("PERSON", userInfo)
    try:
        people.setWhere(
            "personid in (" + ", ".join([quoted(p) for p in sorted(changes)]) + ")"
        )
        people.reset()
        person = people.moveFirst()
        while person is not None:
            personid = unicode_text(person.getString("PERSONID"))
            if personid in changes:
                text = changes[personid]
                if text:
                    person.setValue(DRIFT_FIELD, text, RECORD_FLAGS)
                else:
                    person.setValueNull(DRIFT_FIELD, RECORD_FLAGS)
            person = people.moveNext()
        people.save()
    finally:
        people.close()


def runDrift(userInfo, instance, where, settings):
    """The drift report of the persons ``where`` selects (all when None):
    findings recorded on each person whose MASDRIFT changes, the rest left as
    they are; one summary line counting the findings by key."""
    counts = {}
    for name in DRIFT_COUNTS:
        counts[name] = 0
    kinds = {}  # type: dict
    problems = []
    changes = {}  # type: dict
    chunk = int(settings[CHUNK_SETTING])
    stopped = None

    def flush():
        if not changes:
            return
        try:
            recordDrift(userInfo, changes)
        except (MXException, JavaException) as problem:
            counts["unrecorded"] += len(changes)
            problems.append(
                "drift of %d person(s) not recorded: %s"
                % (len(changes), exceptionText(problem))
            )
        changes.clear()

    # Read only, forward: a DISCARDABLE walk, as runBulk's.
    walk = MXServer.getMXServer().getMboSet("PERSON", userInfo)
    try:
        walk.setFlag(MboConstants.DISCARDABLE, True)
        if where:
            walk.setWhere(where)
        walk.setOrderBy("personid")
        walk.reset()
        mbo = walk.moveFirst()
        while mbo is not None:
            counts["selected"] += 1
            personid = unicode_text(mbo.getString("PERSONID"))
            findings = driftFindings(mbo, userInfo, settings)
            for finding in findings:
                key = finding.partition(":")[0]
                kinds[key] = kinds.get(key, 0) + 1
            text = "; ".join(findings)[:DRIFT_LENGTH] or None
            before = unicode_text(mbo.getString(DRIFT_FIELD)) or None
            if findings:
                counts["drifted"] += 1
            if text == before:
                counts["unchanged"] += 1
            else:
                if not findings:
                    counts["cleared"] += 1
                changes[personid] = text
                if len(changes) >= chunk:
                    flush()
            mbo = walk.moveNext()
        flush()
    except (MXException, JavaException) as problem:
        stopped = "Maximo refused the run: " + exceptionText(problem)
    finally:
        walk.close()
    kind = "failed" if stopped or counts["unrecorded"] else "success"
    summary = "masuser drift: instance=%s outcome=%s " % (instance, kind)
    summary += " ".join(["%s=%d" % (name, counts[name]) for name in DRIFT_COUNTS])
    pairs, text = errorSummary(kinds)
    summary += text.replace(" errors: ", " findings: ")
    if stopped:
        summary += " stopped: " + stopped
    return {
        "outcome": kind,
        "message": None,
        "text": None,
        "summary": summary,
        "problems": problems,
        "counts": counts,
        "countNames": list(DRIFT_COUNTS),
        "audits": [],
        "errors": [[key, count] for key, count in pairs],
        "apppoints": None,
    }


# -- A person who leaves: the MAS user deactivated ----------------------------
# The MASUSERSTATUS launch point (PERSON, before save) only marks a person
# whose status becomes inactive and who has a MAS user: MASSYNCSTATE DEACTPEND,
# MASSYNCBY the user who changed the status. The person's transaction never
# calls MAS: a call there, even after commit, would hold the user's (or the
# integration feed's) thread for up to masuser.api.deadline. Every MASUSERBULK
# run deactivates the marked persons first, whatever its selection, with the
# same bulk upsert and transport policy (status.active false); a deactivation
# MAS did not confirm is DEACTFAIL (MASSYNCERROR says why) and is tried again
# on each run until MAS confirms it (DEACTDONE).
#
# On the manage route Manage itself makes a person's users inactive when the
# person becomes inactive (IBM docs, People application, "Person statuses";
# reactivation leaves them inactive). MASUSERSTATUS only marks the person
# (DEACTPEND); MASUSERBULK reads the person's Manage users and records the
# cascade as verified, or, for a user the cascade missed (the person made
# inactive by SQL or before the bundle was installed), makes it inactive
# through masuser.user.statuspath, one save per chunk.

DEACT_PENDING, DEACT_FAILED, DEACT_DONE = "DEACTPEND", "DEACTFAIL", "DEACTDONE"
MARKED = (DEACT_PENDING, DEACT_FAILED)
# The states that show MAS has, or had, a user for the person.
USER_STATES = (DONE, DEACT_PENDING, DEACT_FAILED, DEACT_DONE)
SYNC_BY = "MASSYNCBY"


def hasMasUser(mbo, userInfo):
    """True when the person has (or had) a MAS user: MASSYNCSTATE says MAS
    confirmed one, or a MAXUSER of the person exists (MAS syncs its users to
    Manage, those the dialog created included)."""
    if unicode_text(mbo.getString(SYNC_STATE)) in USER_STATES:
        return True
    personid = unicode_text(mbo.getString("PERSONID"))
    return personid in personsWithUsers(userInfo, [personid])


def personsWithUsers(userInfo, personids):
    """The persons of the list that have a Manage user, read in one query (the
    bulk run asks once per chunk, not once per person)."""
    rows = userColumns(userInfo, "personid", personids, ("PERSONID",))
    return set([row[0] for row in rows])


def leaverUser(person, settings):
    """The user that deactivates a person's MAS user: who it is and
    status.active false. Nothing else: names, emails and entitlement stay as
    MAS holds them (the upsert changes what it is given)."""
    user = JSONObject()
    user.put("id", person["PERSONID"])
    user.put("username", person["PERSONID"])
    user.put("owner", settings["masuser.user.owner"])
    user.put("issuer", settings["masuser.user.issuer"])
    status = JSONObject()
    status.put("active", False)
    user.put("status", status)
    return user


def deactivationAudit(by, personid, run, result):
    """The audit line of one deactivation: who or what triggered it, where it
    ran (the cron task instance or the launch point), and how it ended."""
    action = "deactivate"
    if result["key"] == VERIFIED_KEY:
        action = "verify"
    return "masuser audit: user=%s person=%s action=%s run=%s result=%s key=%s" % (
        by,
        personid,
        action,
        run,
        result["outcome"],
        result["key"],
    )


def dropMark(mbo, person):
    """The record that takes a pending deactivation off a person who is active
    again: the MAS user was never touched, so nothing is sent."""
    return (
        person["PERSONID"],
        None,
        unicode_text(mbo.getString(SYNC_HASH)),
        None,
        unicode_text(mbo.getString(SYNC_BY)),
    )


def markDeactivation(mbo, state, by, error):
    """The person's record of its deactivation (MASSYNC*), saved with the person."""
    mbo.setValue(SYNC_STATE, state, RECORD_FLAGS)
    mbo.setValue(SYNC_BY, by, RECORD_FLAGS)
    mbo.setValue(SYNC_DATE, MXServer.getMXServer().getDate(), RECORD_FLAGS)
    if error:
        mbo.setValue(SYNC_ERROR, error, RECORD_FLAGS)
    else:
        mbo.setValueNull(SYNC_ERROR, RECORD_FLAGS)


def inactivateUsers(users, path, memo):
    """Give every user of the set that still has a login the inactive STATUS
    (MAXUSERSTATUS INACTIVE, as the site spells it) through the status path;
    a user already INACTIVE or DELETED is left as it is. Returns (user ids,
    ids changed, inactive value or None), or None for an empty set. Raises
    what Maximo raises when it refuses a change."""
    user = users.moveFirst()
    if user is None:
        return None
    ids, changed, inactive = [], [], None
    while user is not None:
        userid = unicode_text(user.getString("USERID"))
        if userStatus(user) not in USER_GONE:
            if inactive is None:
                inactive = unicode_text(
                    user.getTranslator().toExternalDefaultValue(
                        USER_STATUS_DOMAIN, "INACTIVE", user
                    )
                )
            changeUserStatus(user, inactive, path, memo)
            changed.append(userid)
        ids.append(userid)
        user = users.moveNext()
    return ids, changed, inactive


VERIFIED_KEY = "manageUserVerified"


def deactivateManageUsers(person, by, status, path):
    """manage route, from MASUSERBULK: the person's own Manage users
    (MAXUSER.PERSONID is the person; a user of another person is never in the
    set) read through a set related to the person. All inactive (Manage's
    cascade made them so): verified. A user still with a login (the person
    was made inactive by SQL, or before the bundle was installed): made
    inactive through the status path, so the person's save writes it with
    the person's MASSYNC* record, in one transaction. Returns the outcome, or
    None when the person has no Manage user.

    When Maximo refuses a change, the set is reset so that none of the users
    changes, and the person is marked DEACTFAIL (MASSYNCERROR says why): the
    chunk's save goes on, and each MASUSERBULK run tries again.
    """
    personid = unicode_text(person.getString("PERSONID"))
    users = person.getMboSet(
        "$MASUSER_OWNUSERS", "MAXUSER", "personid = " + quoted(personid)
    )
    memo = "masuser: person %s has status %s" % (personid, status)
    try:
        done = inactivateUsers(users, path, memo)
    except (MXException, JavaException) as problem:
        users.reset()
        result = outcome(
            "failed", "manageNotDeactivated", [personid, exceptionText(problem)]
        )
        markDeactivation(person, DEACT_FAILED, by, outcomeText(result))
        return result
    if done is None:
        return None
    ids, changed, inactive = done
    markDeactivation(person, DEACT_DONE, by, None)
    if not changed:
        return outcome("success", VERIFIED_KEY, [", ".join(ids), personid, status])
    return outcome(
        "success", "manageUserDeactivated", [", ".join(changed), inactive, status]
    )


def queueDeactivation(mbo, user):
    """Mark the person for the cron task, in the person's own transaction: it
    sends the deactivation (internalapi) or verifies Manage's (manage)."""
    markDeactivation(mbo, DEACT_PENDING, user, None)


def statusResult(action, level, line, audit=None):
    return {"action": action, "level": level, "line": line, "audit": audit}


def personStatusChanged(mbo, user):
    """What the MASUSERSTATUS launch point does when a person's STATUS changed:
    {"action": queued, deactivated, failed, cancelled, off, none or error,
    "level", "line", "audit"}.

    Inactive (PERSONSTATUS INACTIVE, synonyms included) with a user: the
    person is marked for the cron task; on the internalapi route the cron
    task deactivates the MAS user, on the manage route Manage's own cascade
    makes the users inactive and the cron task verifies it. Active again
    while still marked: the mark is dropped, and no login is given (the
    dialog does that). Never raises: the person's save must not fail because
    of the user.
    """
    personid = unicode_text(mbo.getString("PERSONID"))
    status = trimmed(unicode_text(mbo.getString("STATUS")))
    who = unicode_text(user)
    try:
        internal = internalStatus(mbo, status)
        if internal == "ACTIVE" and unicode_text(mbo.getString(SYNC_STATE)) in MARKED:
            mbo.setValueNull(SYNC_STATE, RECORD_FLAGS)
            mbo.setValueNull(SYNC_ERROR, RECORD_FLAGS)
            mbo.setValue(SYNC_BY, who, RECORD_FLAGS)
            line = "masuser: person %s is %s again (set by %s): its MAS user is not" % (
                personid,
                status,
                who,
            )
            return statusResult("cancelled", "info", line + " deactivated")
        if internal != "INACTIVE":
            return statusResult("none", None, None)
        text = trimmed(
            unicode_text(MXServer.getMXServer().getProperty(DEACTIVATE_SETTING))
        )
        on, problem = deactivationSetting(text)
        route = routeSetting()
        if route not in ROUTES:
            # Marked, so that nobody keeps a login by a typo: the cron task
            # refuses to run until the route is fixed.
            reason = "use " + " or ".join(ROUTES)
            problem = problem or outcome(
                "rejected", "configInvalid", [ROUTE_SETTING, route, reason]
            )
        if not on:
            line = "masuser: person %s has status %s; %s is 0, so its MAS user" % (
                personid,
                status,
                DEACTIVATE_SETTING,
            )
            return statusResult("off", "info", line + " stays as it is")
        if not hasMasUser(mbo, mbo.getUserInfo()):
            return statusResult("none", None, None)
        queueDeactivation(mbo, who)
        line = (
            "masuser: person %s has status %s (set by %s): the next MASUSERBULK run"
            " deactivates its MAS user" % (personid, status, who)
        )
        if route == MANAGE_ROUTE:
            line = (
                "masuser: person %s has status %s (set by %s): Manage's cascade"
                " makes its Manage user(s) inactive; the next MASUSERBULK run"
                " verifies it" % (personid, status, who)
            )
        if problem:
            return statusResult("queued", "warn", line + "; " + outcomeText(problem))
        return statusResult("queued", "info", line)
    except (MXException, JavaException) as problem:
        line = (
            "masuser: person %s has status %s but could not be marked for"
            " deactivation (%s); a MASUSERBULK run that selects the person"
            " deactivates its MAS user" % (personid, status, exceptionText(problem))
        )
        return statusResult("error", "error", line)


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
