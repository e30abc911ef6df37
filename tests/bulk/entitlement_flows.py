"""MASUSERBULK and entitlements, played in any runtime as the flows of
leaver_flows are: on the manage route a run that gives persons a lower
entitlement takes their users out of the old one's groups; a drift run
(SCRIPTARG mode=drift) finds each planted difference between persons and
their Manage users and changes nothing but each person's MASDRIFT."""

from __future__ import annotations

import copy

from bulk_site import person
from leaver_flows import Flow, bulk, lines, row
from manage_user_flows import MANAGE_IDP, SUITE, memberships

MAPS = {
    "masuser.groups.BASE": "MAINT,TECHNICIANS",
    "masuser.groups.PREMIUM": "MAINT,TECHNICIANS,PLANNERS",
}
GROUPS = ("MAINT", "TECHNICIANS", "PLANNERS", "HANDADDED")


def site(groupusers):
    return {
        "MAXGROUP": [{"GROUPNAME": g} for g in GROUPS],
        "GRPREASSIGNAUTH": [{"USERID": "MAXADMIN", "GROUPNAME": g} for g in GROUPS],
        "GROUPUSER": [
            {"GROUPUSERID": 500 + n, "USERID": u, "GROUPNAME": g}
            for n, (u, g) in enumerate(groupusers)
        ],
        "MASUSERIDP": [],
    }


def made(number, entitlement="BASE", access="Authorized", **changes):
    """A person the bundle made a user for (DONE, its choice recorded)."""
    return person(
        number,
        MASSYNCSTATE="DONE",
        MASACCESSTYPE=access,
        MASENTITLEMENT=entitlement,
        **changes,
    )


def user(userid, status="ACTIVE", authorized=1):
    return {
        "USERID": userid,
        "PERSONID": userid,
        "STATUS": status,
        "ISAUTHORIZED": authorized,
    }


# -- A downgrade in bulk ----------------------------------------------------

DOWNGRADE = Flow(
    "manage route: a bulk run to BASE takes a PREMIUM user out of PLANNERS only",
    [made(1, "PREMIUM")],
    [bulk()],
    maxusers=[user("P001")],
    properties={**MANAGE_IDP, **MAPS},
    tables=site([("P001", g) for g in GROUPS]),
    suite=SUITE,
)


def check_downgrade(records):
    [run] = records
    assert memberships(run) == [
        ("P001", "HANDADDED"),
        ("P001", "MAINT"),
        ("P001", "TECHNICIANS"),
    ]
    assert run["deleted"] == {
        "GROUPUSER": [{"GROUPUSERID": 502, "USERID": "P001", "GROUPNAME": "PLANNERS"}]
    }
    assert row(run, "P001")["MASENTITLEMENT"] == "BASE"
    [audit] = lines(run, "masuser audit:")
    assert audit.endswith("person=P001 entitlement=BASE removed=PLANNERS")
    assert " apppoints=10" in lines(run, "masuser bulk: instance=")[0]


# -- Drift ------------------------------------------------------------------

DRIFT_PERSONS = [
    made(1, STATUS="INACTIVE"),  # its user still active
    made(2),  # DONE, but its user is gone
    made(3),  # groups: TECHNICIANS missing, PLANNERS (PREMIUM's) extra
    made(4),  # in step
    person(5, MASDRIFT="userMissing:P005"),  # in step now: cleared
    made(6, access="Concurrent"),  # user inactive, and authorized
]
DRIFT_USERS = [user("P001"), user("P003"), user("P004"), user("P006", "INACTIVE")]
DRIFT_GROUPS = site(
    [
        ("P001", "MAINT"),
        ("P001", "TECHNICIANS"),
        ("P003", "MAINT"),
        ("P003", "PLANNERS"),
        ("P003", "HANDADDED"),
        ("P004", "MAINT"),
        ("P004", "TECHNICIANS"),
        ("P006", "MAINT"),
        ("P006", "TECHNICIANS"),
    ]
)
DRIFT = Flow(
    "drift: each planted difference is found, nothing but MASDRIFT changes",
    DRIFT_PERSONS,
    [bulk(arg="mode=drift"), bulk(arg="mode=drift")],
    maxusers=DRIFT_USERS,
    properties={**MANAGE_IDP, **MAPS},
    tables=copy.deepcopy(DRIFT_GROUPS),
    suite=SUITE,
)


def without_drift(tables):
    """The tables with PERSON.MASDRIFT left out: all a drift run may change."""
    plain = {}
    for name, rows in tables.items():
        plain[name] = [
            {k: v for k, v in r.items() if not (name == "PERSON" and k == "MASDRIFT")}
            for r in rows
        ]
    return plain


def check_drift(records):
    run, again = records
    before = {"PERSON": DRIFT_PERSONS, **copy.deepcopy(DRIFT_GROUPS)}
    before["MAXUSER"] = DRIFT_USERS
    assert without_drift(run["tables"]) == without_drift(before)
    assert run["deleted"] == {}
    found = {r["PERSONID"]: r.get("MASDRIFT") for r in run["tables"]["PERSON"]}
    assert found == {
        "P001": "userActivePersonInactive:P001",
        "P002": "userMissing:P002",
        "P003": "groupsMissing:TECHNICIANS; groupsExtra:PLANNERS",
        "P004": None,
        "P005": None,
        "P006": "userInactive:INACTIVE; licenceMismatch:ISAUTHORIZED",
    }
    [summary] = lines(run, "masuser drift: instance=")
    assert "outcome=success selected=6 drifted=4 cleared=1 unchanged=1" in summary
    assert "findings: groupsExtra=1 groupsMissing=1 licenceMismatch=1" in summary
    assert run["saves"] == 1
    # Nothing new: nothing written the second time.
    assert again["saves"] == 0
    assert "drifted=4 cleared=0 unchanged=6" in lines(again, "masuser drift:")[0]


FLOWS = [(DOWNGRADE, check_downgrade), (DRIFT, check_drift)]
