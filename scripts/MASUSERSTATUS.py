# OBJECT launch point on PERSON, before an update is saved: when a person's
# status changes to inactive and the person has a user, the library marks it
# for the cron task (MASSYNCSTATE DEACTPEND, MASSYNCBY who changed it). On the
# internalapi route the next MASUSERBULK run deactivates the MAS user; on the
# manage route Manage's own cascade makes the person's users inactive in this
# same save, and the next MASUSERBULK run verifies it. Nothing here calls MAS
# or writes a user, so the person's save, by a user or by an integration
# feed, never waits on MAS or fails because of it.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERSTATUS",
    "description": "User of a person who leaves: marked for the MASUSERBULK cron task",
    "version": "0.1.0",
    "active": true,
    "logLevel": "INFO",
    "scriptLaunchPoints": [
        {
            "launchPointName": "MASUSERSTATUS",
            "launchPointType": "OBJECT",
            "objectName": "PERSON",
            "description": "Mark a person who becomes inactive and has a user for the MASUSERBULK cron task",
            "save": true,
            "update": true,
            "beforeSave": true,
            "active": true
        }
    ]
}"""

LIBRARY = "MASUSERLIFE"

# Most saves of a person leave the status alone: the library is not loaded then.
if mbo.isModified("STATUS"):
    result = service.invokeScript(LIBRARY, "personStatusChanged", [mbo, user])
    if result["level"] == "error":
        service.log_error(result["line"])
    elif result["level"] == "warn":
        service.log_warn(result["line"])
    elif result["level"] == "info":
        service.log_info(result["line"])
    if result["audit"] is not None:
        service.log_info(result["audit"])
