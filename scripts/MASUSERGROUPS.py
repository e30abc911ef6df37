# OBJECT launch point on MAXUSER (add, before save): when MAS's user sync
# creates the Manage user of a person, the security groups the "Create or
# Update MAS User" action recorded on the person (MASPENDINGGROUPS, internal
# API route) join the user in the same save, and the person's record of them
# is cleared. Writes one audit line naming every group added.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERGROUPS",
    "description": "Create or Update MAS User: pending security groups join the new Manage user",
    "version": "0.1.0",
    "active": true,
    "logLevel": "INFO",
    "scriptLaunchPoints": [
        {
            "launchPointName": "MASUSERGROUPS",
            "launchPointType": "OBJECT",
            "objectName": "MAXUSER",
            "description": "Pending security groups of the person join its new user",
            "active": true,
            "save": true,
            "add": true,
            "beforeSave": true
        }
    ]
}"""

LIBRARY = "MASUSERMANAGE"


def hasPendingGroups(user):
    """True when the user's person has groups recorded (MASPENDINGGROUPS).
    Most new users have none (those MASUSERBULK writes on the manage route
    carry their groups already): the library is not loaded for them, as
    loading it on every user created costs more than the rest of the save."""
    people = user.getMboSet(
        "$MASUSER_PERSON",
        "PERSON",
        "personid = '" + user.getString("PERSONID").replace("'", "''") + "'",
    )
    person = people.moveFirst()
    return person is not None and not person.isNull("MASPENDINGGROUPS")


added, leftOut = [], []
if hasPendingGroups(mbo):
    added, leftOut = service.invokeScript(LIBRARY, "landPendingGroups", [mbo])
if added or leftOut:
    service.log_info(
        "masuser sync groups: user=%s person=%s added=%s left_out=%s"
        % (
            mbo.getString("USERID"),
            mbo.getString("PERSONID"),
            ",".join(added),
            ",".join(leftOut),
        )
    )
