# ATTRIBUTE launch points on PERSON.ACCESSTYPE and PERSON.ENTITLEMENT (Run
# action): while the "Create or Update MAS User" dialog is open, each choice
# of access type or entitlement shows what the user would cost, in AppPoints
# (masuser.apppoints), in the dialog's read-only MASAPPPOINTS field, before
# OK spends them. Empty while the choice is incomplete or not in the table.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERCOST",
    "description": "Create or Update MAS User: the AppPoints the dialog's choice costs",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "scriptLaunchPoints": [
        {
            "launchPointName": "MASUSERCOSTAT",
            "launchPointType": "ATTRIBUTE",
            "objectName": "PERSON",
            "attributeName": "ACCESSTYPE",
            "description": "AppPoints of the dialog's choice (access type changed)",
            "active": true,
            "runAction": true
        },
        {
            "launchPointName": "MASUSERCOSTEN",
            "launchPointType": "ATTRIBUTE",
            "objectName": "PERSON",
            "attributeName": "ENTITLEMENT",
            "description": "AppPoints of the dialog's choice (entitlement changed)",
            "active": true,
            "runAction": true
        }
    ]
}"""

from psdi.mbo import MboConstants

LIBRARY = "MASUSERMANAGE"
COST_FIELD = "MASAPPPOINTS"
# The field is read-only in the dialog; NOACTION: nothing fires on it.
FLAGS = MboConstants.NOACCESSCHECK | MboConstants.NOACTION

cost = service.invokeScript(
    LIBRARY,
    "choiceCost",
    [mbo, mbo.getString("ACCESSTYPE"), mbo.getString("ENTITLEMENT")],
)
if cost is None:
    mbo.setValueNull(COST_FIELD, FLAGS)
else:
    mbo.setValue(COST_FIELD, cost, FLAGS)
