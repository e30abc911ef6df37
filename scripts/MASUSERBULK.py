# Cron task script: creates or updates the MAS users of many persons at once,
# in chunks, one bulk request per chunk. Maximo runs it through the cron task
# MASUSERBULK the bundle ships (class com.ibm.tivoli.maximo.script.ScriptCrontask,
# one instance, inactive until turned on): the instance's SCRIPTNAME parameter
# is MASUSERBULK, its SCRIPTARG parameter chooses the persons and what they
# get, e.g.
#   accesstype=Authorized;entitlement=BASE;where=status = 'ACTIVE'
# (or query=<saved query of the People application> instead of where). Each
# person's outcome is recorded on the person (MASSYNCSTATE, MASSYNCDATE,
# MASSYNCERROR, MASSYNCHASH); a person already confirmed by MAS and unchanged
# since is not sent again. On the manage route (masuser.route) the persons'
# Manage users are written instead, one save per chunk, and a SCRIPTARG with
# only where= or query= (or empty) leaves active persons as they are. The
# persons MASUSERSTATUS marked when they became inactive lose their MAS users
# first (status.active false), whatever the selection; on the manage route
# their Manage users are verified inactive (Manage's cascade) or made
# inactive (a user the cascade missed). Each deactivation or verification
# writes one audit line. Every run writes one summary line to the log.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERBULK",
    "description": "Create or Update MAS Users in bulk: cron task script (ScriptCrontask)",
    "version": "0.1.0",
    "active": true,
    "logLevel": "INFO"
}"""

LIBRARY = "MASUSERBULKLIB"

# Implicit variables of a cron task script: scriptName, qName, runAsUserInfo
# and arg, the instance's SCRIPTARG (IBM's Maximo Autoscripting Guide,
# "Scripting cron tasks"). A script run any other way has no arg: say so.
try:
    scriptArg = arg  # noqa: F821
except NameError:
    scriptArg = None
if scriptArg is None:
    service.log_warn(
        "masuser bulk: no SCRIPTARG value reached the script (implicit variable arg)"
    )

result = service.invokeScript(LIBRARY, "runBulk", [runAsUserInfo, qName, scriptArg])
for line in result["problems"]:
    service.log_warn("masuser bulk: " + line)
for line in result["audits"]:
    service.log_info(line)
service.log_info(result["summary"])
if result["message"] is not None:
    # Shows in the cron task's history as this run's error.
    message = result["message"]
    service.error(message["group"], message["key"], message["params"])
