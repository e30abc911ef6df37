# Library of the "Create or Update MAS User" bundle: BulkRun, one MASUSERBULK
# run: each person considered, queued and sent in chunks (one bulk request or
# one Manage save per chunk), leavers deactivated first. It calls MASUSERLIFE
# (and through it the libraries below it).
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERBATCH",
    "description": "MAS user bundle: one bulk run, chunk by chunk",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "userDeactivated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was deactivated (person status {1}); MAS syncs it to Manage."}
    ]
}"""

from java.lang import Exception as JavaException
from psdi.mbo import MboConstants
from psdi.server import MXServer
from psdi.util import MXApplicationException, MXException

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERLIFE's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERLIFE", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
exceptionText = _BELOW["exceptionText"]
idIsValid = _BELOW["idIsValid"]
internalStatus = _BELOW["internalStatus"]
outcome = _BELOW["outcome"]
quoted = _BELOW["quoted"]
readPerson = _BELOW["readPerson"]
unicode_text = _BELOW["unicode_text"]
validatePerson = _BELOW["validatePerson"]
# MASUSERCONF
STATUS_PATH_SETTING = _BELOW["STATUS_PATH_SETTING"]
entitlementMaps = _BELOW["entitlementMaps"]
# MASUSERPAYLOAD
buildUser = _BELOW["buildUser"]
personDigest = _BELOW["personDigest"]
# MASUSERHTTP
outcomeText = _BELOW["outcomeText"]
upsertChunk = _BELOW["upsertChunk"]
# MASUSERMANAGE
assignableGroups = _BELOW["assignableGroups"]
dropMemberships = _BELOW["dropMemberships"]
groupsToDrop = _BELOW["groupsToDrop"]
heldGroups = _BELOW["heldGroups"]
idpLogin = _BELOW["idpLogin"]
loginHolders = _BELOW["loginHolders"]
loginTaken = _BELOW["loginTaken"]
manageUserResult = _BELOW["manageUserResult"]
ownerProblem = _BELOW["ownerProblem"]
unremovableProblem = _BELOW["unremovableProblem"]
userOwners = _BELOW["userOwners"]
withRemoved = _BELOW["withRemoved"]
writeManageUser = _BELOW["writeManageUser"]
# MASUSERACTION
DONE = _BELOW["DONE"]
FAILED = _BELOW["FAILED"]
INVALID = _BELOW["INVALID"]
SYNC_HASH = _BELOW["SYNC_HASH"]
SYNC_STATE = _BELOW["SYNC_STATE"]
lastChoice = _BELOW["lastChoice"]
writeChoice = _BELOW["writeChoice"]
writeRecord = _BELOW["writeRecord"]
# MASUSERCHUNK
CHUNK_SETTING = _BELOW["CHUNK_SETTING"]
recordOutcomes = _BELOW["recordOutcomes"]
# MASUSERLIFE
DEACT_DONE = _BELOW["DEACT_DONE"]
DEACT_FAILED = _BELOW["DEACT_FAILED"]
DEACT_PENDING = _BELOW["DEACT_PENDING"]
MARKED = _BELOW["MARKED"]
SYNC_BY = _BELOW["SYNC_BY"]
USER_STATES = _BELOW["USER_STATES"]
VERIFIED_KEY = _BELOW["VERIFIED_KEY"]
deactivateManageUsers = _BELOW["deactivateManageUsers"]
deactivationAudit = _BELOW["deactivationAudit"]
dropMark = _BELOW["dropMark"]
leaverUser = _BELOW["leaverUser"]
personsWithUsers = _BELOW["personsWithUsers"]
COUNT_NAMES = (
    "selected",
    "unchanged",
    "invalid",
    "sent",
    "done",
    "failed",
    "requests",
    "attempts",
    "unrecorded",
    "deactivated",
    "skipped",
    "verified",
)


class BulkRun(object):
    """One run of the cron task: the pending chunk, the counts, the problems."""

    def __init__(self, userInfo, settings, accessType, entitlement):
        self.userInfo = userInfo
        self.settings = settings
        self.accessType = accessType
        self.entitlement = entitlement
        self.chunkSize = int(settings[CHUNK_SETTING])
        self.counts = {}
        for name in COUNT_NAMES:
            self.counts[name] = 0
        self.problems = []
        self.pending = []
        self.records = []
        self.stopped = None
        # Set by runBulk: the instance, and whether inactive persons lose
        # their MAS users (masuser.deactivate); see considerLeaver.
        self.instance = ""
        self.deactivating = False
        self.manage = False
        # manage route: the groups of the entitlement, None when the instance
        # gives no access type or entitlement (it only deactivates then).
        self.groups = None
        self.handled = set()
        self.audits = []
        # How many persons failed with each message key: the summary's errors.
        self.errors = {}
        # manage route: the queued persons recorded INVALID with their hash.
        self.knownInvalid = set()
        # manage route: the groups each person's user leaves (groupsToDrop),
        # and the mapped groups the running user may reassign (read once).
        self.drops = {}
        self.dropsByPrevious = {}
        self.reassignable = None

    def countError(self, result):
        """Count one person's failure under its message key."""
        self.errors[result["key"]] = self.errors.get(result["key"], 0) + 1

    def consider(self, mbo):
        """Queue one selected person: skipped, recorded invalid or to be sent."""
        self.counts["selected"] += 1
        person = readPerson(mbo)
        if self.deactivating and internalStatus(mbo, person["STATUS"]) == "INACTIVE":
            self.considerLeaver(mbo, person)
            return
        if self.manage and self.groups is None:
            self.counts["skipped"] += 1
            return
        personid = person["PERSONID"]
        login, loginProblem = None, None
        if self.manage:
            login, loginProblem = idpLogin(mbo, personid, self.settings)
        digest = personDigest(
            person, self.accessType, self.entitlement, self.settings, self.groups, login
        )
        state = unicode_text(mbo.getString(SYNC_STATE))
        same = unicode_text(mbo.getString(SYNC_HASH)) == digest
        if state == DONE and same:
            self.counts["unchanged"] += 1
            return
        problem = validatePerson(mbo, person)
        if not problem and self.manage:
            problem = loginProblem or self.dropProblem(mbo, personid)
        if problem:
            self.refuse(personid, digest, problem, state == INVALID and same)
            return
        if self.manage:
            # The user's owner and login are checked with the chunk's
            # (ownersChecked); what is queued is the identity provider login.
            if state == INVALID and same:
                self.knownInvalid.add(personid)
            user = login
        else:
            user = buildUser(person, self.accessType, self.entitlement, self.settings)
        self.queue((personid, digest, user, None))

    def refuse(self, personid, digest, problem, known, records=None):
        """Count a person not sent and record why, unless it is recorded
        INVALID with this hash already (known)."""
        self.counts["invalid"] += 1
        self.countError(problem)
        if not known:
            text = outcomeText(problem)
            if records is None:
                records = self.records
            records.append((personid, INVALID, digest, text))
            self.problems.append("person %s not sent: %s" % (personid, text))

    def ownersChecked(self, pending, records):
        """manage route: the chunk's persons whose Manage user, if any, is
        their own and whose login no other user has; each other one is
        refused (userOwnedByOther, loginTaken). The chunk's users and the
        holders of its logins are read in two queries, not two per person."""
        ids = [item[0] for item in pending]
        owners = userOwners(self.userInfo, ids)
        holders = loginHolders(self.userInfo, ids)
        kept = []
        for item in pending:
            problem = ownerProblem(self.userInfo, item[0], owners) or loginTaken(
                self.userInfo, item[0], holders
            )
            if problem:
                known = item[0] in self.knownInvalid
                self.refuse(item[0], item[1], problem, known, records)
            else:
                kept.append(item)
        self.knownInvalid = set()
        return kept

    def withUsers(self, pending):
        """The chunk without the leavers who never had a user: neither
        confirmed by MAS (MASSYNCSTATE) nor with a Manage user, read for the
        chunk's leavers in one query, not one per person. Each one dropped is
        skipped: no request, no save."""
        unsure = [i[0] for i in pending if i[3] is not None and not i[3]["confirmed"]]
        if not unsure:
            return pending
        found = personsWithUsers(self.userInfo, unsure)
        kept = []
        for item in pending:
            if item[0] in unsure and item[0] not in found:
                self.counts["skipped"] += 1
            else:
                kept.append(item)
        return kept

    def dropProblem(self, mbo, personid):
        """Note the groups the person's user leaves (its recorded
        MASENTITLEMENT against the instance's); groupNotRemovable when the
        user holds one the running user may not reassign, else None. Only a
        group outside the running user's authority costs a query."""
        previous = lastChoice(mbo)[1]
        drop = self.dropsByPrevious.get(previous)
        if drop is None:
            # The settings hold for the run: once per recorded entitlement.
            drop = groupsToDrop(self.settings, self.entitlement, previous)
            self.dropsByPrevious[previous] = drop
        self.drops[personid] = drop
        if not drop:
            return None
        if self.reassignable is None:
            mapped = []
            for groups in entitlementMaps(self.settings).values():
                mapped.extend([g for g in groups if g not in mapped])
            self.reassignable = assignableGroups(self.userInfo, mapped)
        outside = [g for g in drop if g not in self.reassignable]
        held = heldGroups(self.userInfo, personid, outside)
        return unremovableProblem(self.userInfo, personid, held)

    def removalAudit(self, personid, removed):
        """The audit line of the groups a person's user left in this run."""
        self.audits.append(
            "masuser audit: user=crontask:%s person=%s entitlement=%s removed=%s"
            % (self.instance, personid, self.entitlement, ",".join(removed))
        )

    def queue(self, item):
        """Add (personid, hash, user, leaver) to the chunk; send it when full."""
        for pending in self.pending:
            if pending[0] == item[0]:
                # One request never carries a user twice: MAS would answer
                # for one of them only.
                self.flush()
                break
        self.pending.append(item)
        if len(self.pending) >= self.chunkSize:
            self.flush()

    def flush(self):
        """Send the pending chunk (one request), or on the manage route write
        it in Manage (one save for its deactivations, one for its users), then
        record every outcome."""
        pending, records = self.withUsers(self.pending), self.records
        self.pending, self.records = [], []
        if pending and self.manage:
            leavers = [item for item in pending if item[3] is not None]
            if leavers:
                self.deactivateInManage(leavers, records)
            users = [item for item in pending if item[3] is None]
            if users:
                users = self.ownersChecked(users, records)
            if users:
                self.writeInManage(users, records)
        elif pending:
            ids = [item[0] for item in pending]
            results, attempts, requestFailed = upsertChunk(
                self.settings,
                [item[2] for item in pending],
                ids,
                self.accessType,
                self.entitlement,
            )
            self.counts["requests"] += 1
            self.counts["attempts"] += attempts
            self.counts["sent"] += len(pending)
            for item in pending:
                personid, digest, result = item[0], item[1], results[item[0]]
                if item[3] is not None:
                    if result["outcome"] == "success":
                        result = outcome(
                            "success",
                            "userDeactivated",
                            [personid, item[3]["status"]],
                        )
                    self.settleLeaver(item, result, records, False)
                elif result["outcome"] == "success":
                    self.counts["done"] += 1
                    records.append((personid, DONE, digest, None))
                else:
                    self.counts["failed"] += 1
                    self.countError(result)
                    text = outcomeText(result)
                    records.append((personid, FAILED, digest, text))
                    self.problems.append("person %s failed: %s" % (personid, text))
            if requestFailed:
                self.stopped = "a bulk request failed: " + outcomeText(results[ids[0]])
        if records:
            try:
                recordOutcomes(
                    self.userInfo, records, (self.accessType, self.entitlement)
                )
            except (MXException, JavaException) as problem:
                self.counts["unrecorded"] += len(records)
                self.problems.append(
                    "the outcomes of %d person(s) could not be saved (%s); they are"
                    " sent again on the next run"
                    % (len(records), exceptionText(problem))
                )

    def deactivateMarked(self):
        """Deactivate every person the MASUSERSTATUS launch point marked (or
        whose deactivation failed before), whatever the instance selects."""
        people = MXServer.getMXServer().getMboSet("PERSON", self.userInfo)
        try:
            people.setFlag(MboConstants.DISCARDABLE, True)  # read only, forward
            people.setWhere(
                "massyncstate in ('" + DEACT_PENDING + "', '" + DEACT_FAILED + "')"
            )
            people.setOrderBy("personid")
            people.reset()
            mbo = people.moveFirst()
            while mbo is not None and self.stopped is None:
                person = readPerson(mbo)
                if internalStatus(mbo, person["STATUS"]) == "INACTIVE":
                    self.considerLeaver(mbo, person)
                else:
                    # Active again before the deactivation was carried out
                    # (the launch point drops the mark itself when it runs).
                    self.handled.add(person["PERSONID"])
                    self.counts["skipped"] += 1
                    self.records.append(dropMark(mbo, person))
                mbo = people.moveNext()
        finally:
            people.close()

    def considerLeaver(self, mbo, person):
        """Queue the deactivation of an inactive person who has a MAS user; a
        person who never had one is skipped without a request."""
        personid = person["PERSONID"]
        if personid in self.handled:
            return
        self.handled.add(personid)
        state = unicode_text(mbo.getString(SYNC_STATE))
        if state == DEACT_DONE:
            self.counts["unchanged"] += 1
            return
        if not idIsValid(personid):
            self.counts["skipped"] += 1
            return
        by = ""
        if state in MARKED:
            by = unicode_text(mbo.getString(SYNC_BY))
        leaver = {"by": by or "crontask:" + self.instance, "status": person["STATUS"]}
        # Whether it has a user, when MASSYNCSTATE does not say so, is read
        # with the chunk's (withUsers).
        leaver["confirmed"] = state in USER_STATES
        digest = unicode_text(mbo.getString(SYNC_HASH))
        user = None
        if not self.manage:
            user = leaverUser(person, self.settings)
        self.queue((personid, digest, user, leaver))

    def settleLeaver(self, item, result, records, recorded):
        """Count one deactivation and write its audit line; its outcome joins
        the records unless the chunk's own save wrote it (recorded)."""
        personid, digest, leaver = item[0], item[1], item[3]
        if result["outcome"] == "success" and result["key"] == VERIFIED_KEY:
            self.counts["verified"] += 1
            state, text = DEACT_DONE, None
        elif result["outcome"] == "success":
            self.counts["deactivated"] += 1
            state, text = DEACT_DONE, None
        else:
            self.counts["failed"] += 1
            self.countError(result)
            state, text = DEACT_FAILED, outcomeText(result)
            self.problems.append(
                "person %s not deactivated (tried again on the next run): %s"
                % (personid, text)
            )
        if not recorded:
            records.append((personid, state, digest, text, leaver["by"]))
        self.audits.append(
            deactivationAudit(leaver["by"], personid, self.instance, result)
        )

    def deactivateInManage(self, pending, records):
        """manage route: the Manage users of a chunk of leavers verified
        inactive (Manage's cascade made them so) or made inactive through the
        status path, with each person's MASSYNC* record, in one save. When
        that save fails nothing of it is written, and every person of the
        chunk is recorded DEACTFAIL (MASSYNCERROR says why) for the next run."""
        path = self.settings[STATUS_PATH_SETTING]

        def deactivate(person, item, now):
            leaver = item[3]
            return deactivateManageUsers(person, leaver["by"], leaver["status"], path)

        results, saved = self.saveInManage(pending, deactivate, "manageNotDeactivated")
        for item in pending:
            result = results.get(item[0])
            if result is None:
                # No Manage user (or no person) left to deactivate.
                self.counts["skipped"] += 1
                continue
            self.settleLeaver(item, result, records, saved)

    def saveInManage(self, pending, change, failureKey):
        """The chunk's persons read in one set, ``change(person, item, now)``
        run on each (its outcome, or None when it had nothing to change),
        and the set saved once, with every set related to the persons.
        Returns ({personid: outcome}, saved); when Maximo refuses any of it
        nothing is written and every person's outcome is failureKey."""
        byId = {}
        for item in pending:
            byId[item[0]] = item
        results = {}
        people = MXServer.getMXServer().getMboSet("PERSON", self.userInfo)
        try:
            people.setWhere(
                "personid in (" + ", ".join([quoted(i) for i in sorted(byId)]) + ")"
            )
            people.reset()
            now = MXServer.getMXServer().getDate()
            person = people.moveFirst()
            while person is not None:
                item = byId.get(unicode_text(person.getString("PERSONID")))
                if item is not None:
                    result = change(person, item, now)
                    if result is not None:
                        results[item[0]] = result
                person = people.moveNext()
            people.save()
        except (MXException, JavaException) as problem:
            for personid in byId:
                results[personid] = outcome(
                    "failed", failureKey, [personid, exceptionText(problem)]
                )
            return results, False
        finally:
            people.close()
        return results, True

    def writeInManage(self, pending, records):
        """manage route: the Manage users of a chunk of persons found or
        created (writeManageUser) with each person's MASSYNC* record, in one
        save. When Maximo refuses any of it nothing of the chunk is written,
        and every person of the chunk is recorded FAILED (MASSYNCERROR says
        why) for the next run."""

        def write(person, item, now):
            personid = item[0]
            users = person.getMboSet(
                "$MASUSER_USER", "MAXUSER", "userid = " + quoted(personid)
            )
            created, added = writeManageUser(
                users, personid, self.accessType, self.groups, self.settings, item[2]
            )
            drop = self.drops.get(personid) or []
            removed = dropMemberships(users.moveFirst(), personid, drop)
            writeRecord(person, (personid, DONE, item[1], None), now)
            writeChoice(person, self.accessType, self.entitlement)
            return withRemoved(
                manageUserResult(
                    personid, self.accessType, self.entitlement, created, added
                ),
                removed,
            )

        results = self.saveInManage(pending, write, "manageNotSaved")[0]
        for item in pending:
            result = results.get(item[0])
            if result is None:
                # The person is gone from PERSON since the walk read it.
                self.counts["skipped"] += 1
            elif result["outcome"] == "success":
                self.counts["done"] += 1
                if result.get("removed"):
                    self.removalAudit(item[0], result["removed"])
            else:
                self.counts["failed"] += 1
                self.countError(result)
                text = outcomeText(result)
                records.append((item[0], FAILED, item[1], text))
                self.problems.append("person %s failed: %s" % (item[0], text))


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
