# ACTION launch point on PERSON: runs when OK is pressed in the "Create or
# Update MAS User" dialog of the People application. It hands the person and
# the dialog's ACCESSTYPE and ENTITLEMENT to the library script, writes one
# audit line, then tells the user the outcome and closes the dialog, or shows
# the error and leaves the dialog open so the user can correct and retry.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERUPSERT",
    "description": "Create or Update MAS User: action of the People dialog",
    "version": "0.1.0",
    "active": true,
    "logLevel": "INFO",
    "scriptLaunchPoints": [
        {
            "launchPointName": "MASUSERUPSERT",
            "launchPointType": "ACTION",
            "actionName": "MASUSERUPSERT",
            "objectName": "PERSON",
            "description": "Create or Update MAS User (OK of the MASUSER dialog)",
            "active": true
        }
    ]
}"""

LIBRARY = "MASUSERACTION"

accessType = mbo.getString("ACCESSTYPE")
entitlement = mbo.getString("ENTITLEMENT")
result = service.invokeScript(LIBRARY, "upsertPerson", [mbo, accessType, entitlement])
service.log_info(
    "masuser audit: user=%s person=%s accessType=%s entitlement=%s result=%s key=%s"
    " groups=%s pending=%s removed=%s"
    % (
        user,
        mbo.getString("PERSONID"),
        accessType,
        entitlement,
        result["outcome"],
        result["key"],
        ",".join(result.get("groups") or []),
        ",".join(result.get("pending") or []),
        ",".join(result.get("removed") or []),
    )
)
if result.get("unrecorded"):
    service.log_warn(
        "masuser: the outcome was not recorded on the person: " + result["unrecorded"]
    )
if result["outcome"] == "success":
    service.setWarning(result["group"], result["key"], result["params"])
    service.closeDialog()
else:
    service.error(result["group"], result["key"], result["params"])
