# Library of the "Create or Update MAS User" bundle: what a MASUSERBULK run
# reads and writes around its chunks: the cron task instance's SCRIPTARG, a
# saved query, the bulk settings, and the persons' outcomes written in one
# save per chunk. It calls MASUSERACTION (and through it the libraries below
# it).
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERCHUNK",
    "description": "MAS user bundle: the bulk run's arguments and records",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "bulkArgInvalid", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The SCRIPTARG parameter of cron task instance {0} is not valid: {1}. Write it as accesstype=Concurrent;entitlement=BASE;where=<where clause on PERSON>, or query=<saved query of the People application> instead of where; where or query comes last."}
    ]
}"""

from psdi.mbo import MboConstants
from psdi.server import MXServer

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERACTION's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERACTION", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
asciiLower = _BELOW["asciiLower"]
isNumber = _BELOW["isNumber"]
outcome = _BELOW["outcome"]
quoted = _BELOW["quoted"]
trimmed = _BELOW["trimmed"]
unicode_text = _BELOW["unicode_text"]
# MASUSERCONF
DEACTIVATE_SETTING = _BELOW["DEACTIVATE_SETTING"]
ROUTE_SETTING = _BELOW["ROUTE_SETTING"]
deactivationSetting = _BELOW["deactivationSetting"]
readSettings = _BELOW["readSettings"]
settingDefaults = _BELOW["settingDefaults"]
# MASUSERACTION
DONE = _BELOW["DONE"]
writeChoice = _BELOW["writeChoice"]
writeRecord = _BELOW["writeRecord"]
CHUNK_SETTING = "masuser.bulk.chunksize"
MAX_CHUNK = 1000
ARG_KEYS = ("mode", "accesstype", "entitlement", "where", "query")
LAST_KEYS = ("where", "query")


def parseBulkArg(instance, text):
    """The cron task instance's SCRIPTARG as {key: value}, or the rejected outcome.

    accesstype=...;entitlement=...;where=<where clause> (or query=<saved
    query>). Keys are case-insensitive; where or query comes last and takes the
    rest of the text, so the where clause itself may contain ';'.
    """
    values = {}
    rest = trimmed(unicode_text(text))
    while rest:
        part, _, tail = rest.partition(";")
        key, equals, value = part.partition("=")
        key = asciiLower(trimmed(key))
        if trimmed(part) == "":
            rest = trimmed(tail)
            continue
        if not equals or key not in ARG_KEYS:
            reason = "%s is not one of %s" % (trimmed(part), ", ".join(ARG_KEYS))
            return None, outcome("rejected", "bulkArgInvalid", [instance, reason])
        if key in values:
            reason = key + " is given twice"
            return None, outcome("rejected", "bulkArgInvalid", [instance, reason])
        if key in LAST_KEYS:
            value, tail = rest.partition("=")[2], ""
            for other in ARG_KEYS:
                if ";" + other + "=" in asciiLower(value).replace(" ", ""):
                    reason = key + " must come last"
                    return None, outcome(
                        "rejected", "bulkArgInvalid", [instance, reason]
                    )
        values[key] = trimmed(value)
        rest = trimmed(tail)
    if "where" in values and "query" in values:
        reason = "give where or query, not both"
        return None, outcome("rejected", "bulkArgInvalid", [instance, reason])
    return values, None


def serverDomainValues(userInfo, domainid):
    """The values of an ALN domain, read without a record to start from."""
    domain = MXServer.getMXServer().getMboSet("ALNDOMAIN", userInfo)
    try:
        domain.setFlag(MboConstants.DISCARDABLE, True)  # read once, forward
        domain.setWhere("domainid = '" + domainid + "'")
        domain.reset()
        values = []
        value = domain.moveFirst()
        while value is not None:
            values.append(unicode_text(value.getString("VALUE")))
            value = domain.moveNext()
        return values
    finally:
        domain.close()


def savedQueryClause(userInfo, name):
    """The where clause of a saved query of the People application, or None."""
    queries = MXServer.getMXServer().getMboSet("QUERY", userInfo)
    try:
        queries.setWhere(
            "app = 'PERSON' and clausename = '" + name.replace("'", "''") + "'"
        )
        queries.reset()
        query = queries.moveFirst()
        if query is None:
            return None
        return unicode_text(query.getString("CLAUSE"))
    finally:
        queries.close()


def readBulkSettings():
    """readSettings, plus the chunk size checked."""
    settings, problem = readSettings()
    if problem:
        return None, problem
    problem = deactivationSetting(settings[DEACTIVATE_SETTING])[1]
    if problem:
        return None, problem
    text = settings[CHUNK_SETTING]
    if not isNumber(text) or not 1 <= int(text) <= MAX_CHUNK:
        reason = "use a count from 1 to %d" % MAX_CHUNK
        return None, outcome("rejected", "configInvalid", [CHUNK_SETTING, text, reason])
    return settings, None


def routeSetting():
    """masuser.route as set, the default when empty (readSettings checks it)."""
    text = trimmed(unicode_text(MXServer.getMXServer().getProperty(ROUTE_SETTING)))
    return text or settingDefaults()[ROUTE_SETTING]


def recordOutcomes(userInfo, records, choice=None):
    """Write (personid, state, hash, error[, by]) on each person, in one save;
    a DONE person also gets ``choice`` (access type, entitlement) when given."""
    people = MXServer.getMXServer().getMboSet("PERSON", userInfo)
    try:
        quoted = ["'" + record[0].replace("'", "''") + "'" for record in records]
        people.setWhere("personid in (" + ", ".join(quoted) + ")")
        people.reset()
        byId = {}
        for record in records:
            byId[record[0]] = record
        now = MXServer.getMXServer().getDate()
        person = people.moveFirst()
        while person is not None:
            record = byId.get(unicode_text(person.getString("PERSONID")))
            if record is not None:
                writeRecord(person, record, now)
                if choice is not None and record[1] == DONE:
                    writeChoice(person, choice[0], choice[1])
            person = people.moveNext()
        people.save()
    finally:
        people.close()


def errorSummary(errors):
    """The summary's errors, most frequent first: (key, count) pairs and the
    text " errors: masRejected=3 emailInvalid=1" ("" when there are none)."""
    pairs = sorted(errors.items(), key=lambda pair: (-pair[1], pair[0]))
    if not pairs:
        return pairs, ""
    return pairs, " errors: " + " ".join(["%s=%d" % pair for pair in pairs])


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
