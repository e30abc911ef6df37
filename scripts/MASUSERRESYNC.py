# ACTION launch point on PERSON: Select Action > Resync MAS User in the People
# application. It makes the person's user again with the access type and
# entitlement recorded on the person by the last success (the dialog, an
# earlier resync or the MASUSERBULK cron task), writes one audit line and
# tells the user the outcome. With nothing recorded it says to use Create or
# Update MAS User. No dialog: the signature option runs the action directly.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERRESYNC",
    "description": "Resync MAS User: the last access type and entitlement again",
    "version": "0.1.0",
    "active": true,
    "logLevel": "INFO",
    "scriptLaunchPoints": [
        {
            "launchPointName": "MASUSERRESYNC",
            "launchPointType": "ACTION",
            "actionName": "MASUSERRESYNC",
            "objectName": "PERSON",
            "description": "Resync MAS User (Select Action of the People application)",
            "active": true
        }
    ]
}"""

LIBRARY = "MASUSERACTION"

result = service.invokeScript(LIBRARY, "resyncPerson", [mbo])
service.log_info(
    "masuser audit: user=%s person=%s resync result=%s key=%s params=%s"
    " groups=%s removed=%s"
    % (
        user,
        mbo.getString("PERSONID"),
        result["outcome"],
        result["key"],
        ",".join(result["params"]),
        ",".join(result.get("groups") or []),
        ",".join(result.get("removed") or []),
    )
)
if result.get("unrecorded"):
    service.log_warn(
        "masuser resync: the outcome was not recorded on the person: "
        + result["unrecorded"]
    )
if result["outcome"] == "success":
    service.setWarning(result["group"], result["key"], result["params"])
else:
    service.error(result["group"], result["key"], result["params"])
