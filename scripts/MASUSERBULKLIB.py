# Library of the "Create or Update MAS User" bundle: runBulk, the one entry
# of the MASUSERBULK cron task: the selection, the settings, a sync or drift
# run, and the run's summary. It calls MASUSERBATCH (and through it every
# other library of the bundle).
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERBULKLIB",
    "description": "MAS user bundle: the MASUSERBULK cron task's run",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "savedQueryMissing", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Cron task instance {0} names the saved query {1}, but the People application (PERSON) has no saved query of that name."}
    ]
}"""

from java.lang import Exception as JavaException
from psdi.mbo import MboConstants
from psdi.server import MXServer
from psdi.util import MXApplicationException, MXException

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERBATCH's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERBATCH", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
ACCESS_TYPE_DOMAIN = _BELOW["ACCESS_TYPE_DOMAIN"]
ENTITLEMENT_DOMAIN = _BELOW["ENTITLEMENT_DOMAIN"]
asciiLower = _BELOW["asciiLower"]
checkChoice = _BELOW["checkChoice"]
exceptionText = _BELOW["exceptionText"]
outcome = _BELOW["outcome"]
unicode_text = _BELOW["unicode_text"]
# MASUSERCONF
DEACTIVATE_SETTING = _BELOW["DEACTIVATE_SETTING"]
MANAGE_ROUTE = _BELOW["MANAGE_ROUTE"]
appPoints = _BELOW["appPoints"]
ceilingProblem = _BELOW["ceilingProblem"]
manageSettingsProblem = _BELOW["manageSettingsProblem"]
mappedGroups = _BELOW["mappedGroups"]
# MASUSERHTTP
outcomeText = _BELOW["outcomeText"]
# MASUSERMANAGE
unassignableProblem = _BELOW["unassignableProblem"]
unknownGroups = _BELOW["unknownGroups"]
# MASUSERCHUNK
errorSummary = _BELOW["errorSummary"]
parseBulkArg = _BELOW["parseBulkArg"]
readBulkSettings = _BELOW["readBulkSettings"]
routeSetting = _BELOW["routeSetting"]
savedQueryClause = _BELOW["savedQueryClause"]
serverDomainValues = _BELOW["serverDomainValues"]
# MASUSERLIFE
runDrift = _BELOW["runDrift"]
# MASUSERBATCH
BulkRun = _BELOW["BulkRun"]
COUNT_NAMES = _BELOW["COUNT_NAMES"]


def bulkResult(
    instance,
    counts,
    problems,
    message,
    stopped,
    audits=None,
    errors=None,
    apppoints=None,
):
    """What runBulk hands back: outcome, the one summary line (with the failed
    persons counted by message key), the problems, the audit line of each
    deactivation."""
    if message is not None:
        kind = "rejected"
    elif counts["failed"] or counts["unrecorded"] or stopped:
        kind = "failed"
    else:
        kind = "success"
    summary = "masuser bulk: instance=%s outcome=%s " % (instance, kind)
    summary += " ".join(["%s=%d" % (name, counts[name]) for name in COUNT_NAMES])
    if apppoints is not None:
        # The AppPoints of the users this run made (done x the choice's cost).
        summary += " apppoints=%d" % apppoints
    errorPairs, errorText = errorSummary(errors or {})
    summary += errorText
    text = None
    if message is not None:
        text = outcomeText(message)
        summary += " rejected: " + text
    elif stopped:
        summary += " stopped: " + stopped
    return {
        "outcome": kind,
        "message": message,
        "text": text,
        "summary": summary,
        "problems": problems,
        "counts": counts,
        # A dict's order is the JVM's hash order in Jython: this is the order
        # the summary line gives them in.
        "countNames": list(COUNT_NAMES),
        "audits": audits or [],
        # (key, count) pairs, most frequent first: a list, the same in Jython.
        "errors": [[key, count] for key, count in errorPairs],
        "apppoints": apppoints,
    }


def runBulk(userInfo, instance, scriptArg):
    """Upsert the persons the cron task instance selects, in chunks.

    Selection: its SCRIPTARG's where clause (or saved query) on PERSON, all
    persons when it gives neither. A person already DONE whose hash is
    unchanged is skipped; an invalid one is recorded INVALID without a request;
    the others go to MAS, one bulk request per chunk, or on the manage route
    get their Manage users written (an owner check first, as the action's), one
    save per chunk; there an instance that gives no access type or entitlement
    leaves active persons as they are. With masuser.deactivate
    on, the persons marked for deactivation come first, whatever the
    selection, and an inactive person of the selection is deactivated when it
    has a MAS user, skipped when it never had one. After a request that got no
    usable answer the run stops: the rest waits for the next run.
    """
    instance = unicode_text(instance)
    counts = {}
    for name in COUNT_NAMES:
        counts[name] = 0
    args, problem = parseBulkArg(instance, scriptArg)
    if problem:
        return bulkResult(instance, counts, [], problem, None)
    mode = asciiLower(args.get("mode", "sync"))
    if mode not in MODES or (
        mode == DRIFT_MODE and ("accesstype" in args or "entitlement" in args)
    ):
        reason = (
            "mode is sync (the default) or drift, and drift takes only where or query"
        )
        problem = outcome("rejected", "bulkArgInvalid", [instance, reason])
        return bulkResult(instance, counts, [], problem, None)
    accessType = args.get("accesstype", "")
    entitlement = args.get("entitlement", "")
    manage = routeSetting() == MANAGE_ROUTE
    # On the manage route an instance that gives neither only deactivates.
    creating = not manage or "accesstype" in args or "entitlement" in args
    if mode == DRIFT_MODE:
        creating = False
    problem = None
    if creating:
        problem = checkChoice(
            "Access Type", accessType, serverDomainValues(userInfo, ACCESS_TYPE_DOMAIN)
        ) or checkChoice(
            "Entitlement", entitlement, serverDomainValues(userInfo, ENTITLEMENT_DOMAIN)
        )
    settings = None
    if not problem:
        settings, problem = readBulkSettings()
    where = args.get("where") or None
    if not problem and args.get("query"):
        where = savedQueryClause(userInfo, args["query"])
        if where is None:
            problem = outcome(
                "rejected", "savedQueryMissing", [instance, args["query"]]
            )
    if not problem and mode == DRIFT_MODE:
        return runDrift(userInfo, instance, where, settings)
    groups = None
    if not problem and creating:
        problem = ceilingProblem(settings, accessType, entitlement)
    if not problem and manage and creating:
        problem = manageSettingsProblem(settings)
    if not problem and manage and creating:
        groups = mappedGroups(settings, entitlement)
        problem = unknownGroups(userInfo, entitlement, groups) or unassignableProblem(
            userInfo, entitlement, groups
        )
    if problem:
        return bulkResult(instance, counts, [], problem, None)
    run = BulkRun(userInfo, settings, accessType, entitlement)
    run.instance = instance
    run.deactivating = run.settings[DEACTIVATE_SETTING] == "1"
    run.manage = manage
    run.groups = groups
    people = MXServer.getMXServer().getMboSet("PERSON", userInfo)
    try:
        if run.deactivating:
            run.deactivateMarked()
        # The walk only reads: a DISCARDABLE set keeps just the current record
        # instead of caching every person it fetched (IBM, "Use of MboSet
        # DISCARDABLE Flag to Optimize JVM Garbage Collection: Caveats"), so the
        # JVM holds one chunk, not the whole selection. It is forward-only and
        # never saved: the outcomes go through a set of their own per chunk
        # (recordOutcomes), and this one is closed below.
        people.setFlag(MboConstants.DISCARDABLE, True)
        if where:
            people.setWhere(where)
        people.setOrderBy("personid")
        people.reset()
        mbo = people.moveFirst()
        while mbo is not None and run.stopped is None:
            run.consider(mbo)
            mbo = people.moveNext()
        if run.stopped is None:
            run.flush()
    except (MXException, JavaException) as problem:
        # E.g. a where clause the database refuses: the summary still says so.
        run.stopped = "Maximo refused the run: " + exceptionText(problem)
    finally:
        people.close()
    cost = None
    if creating:
        cost = appPoints(settings, accessType, entitlement)
    return bulkResult(
        instance,
        run.counts,
        run.problems,
        None,
        run.stopped,
        run.audits,
        run.errors,
        None if cost is None else cost * run.counts["done"],
    )


DRIFT_MODE = "drift"
MODES = ("sync", DRIFT_MODE)


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
