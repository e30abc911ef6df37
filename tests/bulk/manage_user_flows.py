"""The MASUSERBULK cron task on the manage route (MAS 9.1 and later) giving
persons their Manage users: flows written once and played in any runtime, as
the flows of leaver_flows are (its Flow, steps and :func:`play`).

Every flow runs with ``masuser.route=manage``, the identity provider
``default-saml`` and the mapping ``masuser.groups.BASE`` (the entitlement of
bulk_site), as MAXADMIN, who may assign every group of the site: no HTTP, the
users, their groups (a new user's default groups first) and identity-provider
records written in Manage, one save per chunk.
"""

from __future__ import annotations

from bulk_site import person
from maxkit.worldspec import STOCK_SUITE
from leaver_flows import MANAGE, Flow, bulk, lines, row, summary

GROUPS = {"masuser.groups.BASE": "MAINT, technicians"}
MAXGROUP = [{"GROUPNAME": g} for g in ("MAINT", "TECHNICIANS", "MAXADMIN")]
# The manage route with the suite's identity provider (settings and world).
MANAGE_IDP = {**MANAGE, "masuser.idp.id": "default-saml"}
SUITE = STOCK_SUITE
MANAGE_GROUPS = {**MANAGE_IDP, **GROUPS}
DEFAULTS = ("DEFLTREG", "MAXEVERYONE")
NO_REQUESTS = "sent=0 done=%d failed=%d requests=0 attempts=0"


def site_tables(groupusers=(), idps=()):
    return {
        "MAXGROUP": MAXGROUP,
        "GRPREASSIGNAUTH": [
            {"USERID": "MAXADMIN", "GROUPNAME": g["GROUPNAME"]} for g in MAXGROUP
        ],
        "GROUPUSER": list(groupusers),
        "MASUSERIDP": list(idps),
    }


def table(record, name):
    return record["tables"][name]


def memberships(record):
    return sorted((r["USERID"], r["GROUPNAME"]) for r in table(record, "GROUPUSER"))


def user_ids(record):
    return sorted(r["USERID"] for r in table(record, "MAXUSER"))


def user_row(record, userid):
    [found] = [r for r in table(record, "MAXUSER") if r["USERID"] == userid]
    return found


def states(record):
    return {r["PERSONID"]: r.get("MASSYNCSTATE") for r in table(record, "PERSON")}


def check_created_in_chunks(records):
    run, again = records
    assert run["requests"] == []
    # masuser.bulk.chunksize 2: P001-P002 and P003-P005 (P004 refused) in one
    # save each, P004's INVALID record in one, the leaver P006 in its own.
    assert run["saves"] == 4
    assert user_ids(run) == ["P001", "P002", "P003", "P005", "P006"]
    for userid in ("P001", "P002", "P003", "P005"):
        user = user_row(run, userid)
        assert (user["LOGINID"], user["PERSONID"], user["STATUS"]) == (
            userid,
            userid,
            "ACTIVE",
        )
        assert (user["ISAUTHORIZED"], user["TYPE"]) == (1, "TYPE 1")
    assert memberships(run) == [
        (u, g)
        for u in ("P001", "P002", "P003", "P005")
        for g in sorted(DEFAULTS + ("MAINT", "TECHNICIANS"))
    ]
    assert sorted(r["USERID"] for r in table(run, "MASUSERIDP")) == [
        "P001",
        "P002",
        "P003",
        "P005",
    ]
    assert user_row(run, "P006")["STATUS"] == "INACTIVE"
    # MASUSERGROUPS fired for each new user, but none has pending groups: the
    # library was loaded for the cron task only, not once per user.
    assert [i["function"] for i in run["invocations"]] == ["runBulk"]
    # The owners of a chunk's users are read once per chunk (two chunks with
    # persons to write); the leaver's user once, with its chunk's leavers.
    queries = run["queries"]
    assert queries["MAXUSER userid in"] == 2
    assert queries["MAXUSER personid in"] == 1
    assert "MAXUSER personid eq" not in queries or queries["MAXUSER personid eq"] <= 1
    assert states(run) == {
        "P001": "DONE",
        "P002": "DONE",
        "P003": "DONE",
        "P004": "INVALID",
        "P005": "DONE",
        "P006": "DEACTDONE",
    }
    assert row(run, "P004")["MASSYNCERROR"].startswith("Person P004 has no primary")
    assert all(row(run, p)["MASSYNCHASH"] for p in ("P001", "P004", "P005"))
    text = summary(run)
    assert "outcome=success selected=6 unchanged=0 invalid=1 " in text
    assert NO_REQUESTS % (4, 0) + " unrecorded=0 deactivated=1 skipped=0" in text
    warnings = [e["text"] for e in run["log"] if e["level"] == "WARN"]
    assert warnings == [
        "masuser bulk: person P004 not sent: Person P004 has no primary email; MAS"
        " needs a primary email to create a user."
    ]
    # Nothing changed since: nothing written, no save at all.
    assert again["saves"] == 0 and again["saved"] == {}
    assert "selected=6 unchanged=5 invalid=1 " + NO_REQUESTS % (0, 0) in summary(again)
    assert table(again, "MAXUSER") == table(run, "MAXUSER")


def check_existing_updated(records):
    [run] = records
    assert run["saves"] == 1
    # One user, updated in place: the licence, a group added, MAINT kept once.
    [user] = table(run, "MAXUSER")
    assert (user["USERID"], user["TYPE"], user["ISAUTHORIZED"]) == (
        "P001",
        "TYPE 3",
        1,
    )
    assert memberships(run) == [("P001", "MAINT"), ("P001", "TECHNICIANS")]
    assert [r["GROUPNAME"] for r in run["saved"]["GROUPUSER"]] == ["TECHNICIANS"]
    assert [r["IDPID"] for r in table(run, "MASUSERIDP")] == ["default-saml"]
    assert row(run, "P001")["MASSYNCSTATE"] == "DONE"
    assert "invalid=0 " + NO_REQUESTS % (1, 0) in summary(run)


def check_user_of_other(records):
    [run] = records
    # User P001 belongs to P002: P001 refused, P002 gets a user of its own.
    assert user_ids(run) == ["P001", "P002"]
    assert user_row(run, "P001")["PERSONID"] == "P002"
    assert user_row(run, "P002")["PERSONID"] == "P002"
    assert states(run) == {"P001": "INVALID", "P002": "DONE"}
    assert row(run, "P001")["MASSYNCERROR"].startswith(
        "User P001 exists in Manage for person P002, not for person P001"
    )
    # masuser.groups.BASE empty: the new user's default groups only.
    assert memberships(run) == [("P002", g) for g in DEFAULTS]
    assert "selected=2 unchanged=0 invalid=1 " + NO_REQUESTS % (1, 0) in summary(run)


def refused_run(name, mapping, key_text, properties=None, authorized=None):
    """A flow whose settings refuse the run, which has a marked leaver;
    ``authorized``: the groups MAXADMIN may assign (default: all)."""
    tables = site_tables()
    if authorized is not None:
        tables["GRPREASSIGNAUTH"] = [
            {"USERID": "MAXADMIN", "GROUPNAME": g} for g in authorized
        ]
    flow = Flow(
        name,
        [person(1), MARKED_LEAVER],
        [bulk()],
        maxusers=["P003"],
        properties={**MANAGE_IDP, "masuser.groups.BASE": mapping, **(properties or {})},
        tables=tables,
        suite=SUITE,
    )

    def check(records):
        [run] = records
        # Refused before anything: not even the marked leaver's deactivation.
        assert run["saves"] == 0 and run["saved"] == {}
        assert user_row(run, "P003")["STATUS"] == "ACTIVE"
        assert states(run) == {"P001": None, "P003": "DEACTPEND"}
        assert memberships(run) == []
        text = summary(run)
        assert "outcome=rejected selected=0 " in text and key_text in text
        assert lines(run, "masuser audit:") == []

    return flow, check


def check_save_refused(records):
    run, again = records
    # Chunk P001-P002 refused (a new user's TYPE too long): nothing of it
    # written, both FAILED in a save of their own; P003's chunk saved.
    assert user_ids(run) == ["P001", "P003"]
    assert user_row(run, "P001")["ISAUTHORIZED"] is False
    assert memberships(run) == [("P003", "MAINT"), ("P003", "TECHNICIANS")]
    assert [r["USERID"] for r in table(run, "MASUSERIDP")] == ["P003"]
    assert states(run) == {"P001": "FAILED", "P002": "FAILED", "P003": "DONE"}
    for personid in ("P001", "P002"):
        error = row(run, personid)["MASSYNCERROR"]
        assert error.startswith("Manage did not save user %s: " % personid), error
        assert "MAXUSER.TYPE" in error
    assert run["saves"] == 2
    text = summary(run)
    assert "outcome=failed selected=3 " in text
    assert NO_REQUESTS % (1, 2) in text
    warnings = [e["text"] for e in run["log"] if e["level"] == "WARN"]
    assert [w.split(":")[1] for w in warnings] == [
        " person P001 failed",
        " person P002 failed",
    ]
    # The next run tries the failed ones again; P003 is unchanged.
    assert "selected=3 unchanged=1 invalid=0 " + NO_REQUESTS % (0, 2) in summary(again)
    assert user_ids(again) == ["P001", "P003"]


def check_half_arg(records):
    [run] = records
    assert run["saves"] == 0 and run["saved"] == {}
    text = summary(run)
    assert "outcome=rejected" in text and "Entitlement" in text
    assert user_ids(run) == []


def reactivated(name, path):
    """A person active again whose Manage user is still inactive (Manage's
    cascade does not reactivate it): the run gives the login back through
    the status path ``path`` (masuser.user.statuspath)."""
    flow = Flow(
        name,
        [person(1), person(2)],
        [bulk(), bulk()],
        maxusers=[
            {"USERID": "P001", "PERSONID": "P001", "STATUS": "INACTIVE"},
            {"USERID": "P002", "PERSONID": "P002"},
        ],
        properties={**MANAGE_GROUPS, "masuser.user.statuspath": path},
        tables=site_tables(),
        suite=SUITE,
    )

    def check(records):
        run, again = records
        assert [user_row(run, u)["STATUS"] for u in ("P001", "P002")] == [
            "ACTIVE",
            "ACTIVE",
        ]
        assert states(run) == {"P001": "DONE", "P002": "DONE"}
        assert "invalid=0 " + NO_REQUESTS % (2, 0) in summary(run)
        # An active user is left as it is: the next run changes nothing.
        assert again["saves"] == 0 and "unchanged=2" in summary(again)

    return flow, check


ACTIVE_ONLY = "where=status = 'ACTIVE'"
TOO_LONG = {"masuser.user.type": "TYPE FOR EVERY USER OF THE SITE"}
MARKED_LEAVER = person(3, STATUS="INACTIVE", MASSYNCSTATE="DEACTPEND", MASSYNCBY="HR")

FLOWS = [
    (
        Flow(
            "manage_created_in_chunks",
            [
                person(1),
                person(2),
                person(3),
                person(4, PRIMARYEMAIL=""),
                person(5),
                person(6, STATUS="INACTIVE"),
            ],
            [bulk(), bulk()],
            maxusers=[{"USERID": "P006", "PERSONID": "P006"}],
            properties={**MANAGE_GROUPS, "masuser.bulk.chunksize": "2"},
            tables=site_tables(),
            suite=SUITE,
        ),
        check_created_in_chunks,
    ),
    (
        Flow(
            "manage_existing_updated",
            [person(1)],
            [bulk()],
            maxusers=[
                {
                    "USERID": "P001",
                    "PERSONID": "P001",
                    "TYPE": "TYPE 3",
                    "ISAUTHORIZED": False,
                }
            ],
            properties=MANAGE_GROUPS,
            tables=site_tables(groupusers=[{"USERID": "P001", "GROUPNAME": "MAINT"}]),
            suite=SUITE,
        ),
        check_existing_updated,
    ),
    (
        Flow(
            "manage_user_of_other",
            [person(1), person(2)],
            [bulk()],
            maxusers=[{"USERID": "P001", "PERSONID": "P002"}],
            properties=MANAGE_IDP,
            tables=site_tables(),
            suite=SUITE,
        ),
        check_user_of_other,
    ),
    refused_run("manage_unknown_group", "MAINT, NOSUCH", "group(s) NOSUCH"),
    refused_run("manage_protected_group", "MAINT, MAXADMIN", "MAXADMIN is a protected"),
    refused_run(
        "manage_group_not_assignable",
        "MAINT, technicians",
        "User MAXADMIN may not add users to the security group(s) TECHNICIANS",
        authorized=["MAINT"],
    ),
    refused_run(
        "manage_no_identity_provider",
        "MAINT",
        "The system property masuser.idp.id has the value (empty)",
        properties={"masuser.idp.id": ""},
    ),
    (
        Flow(
            "manage_save_refused",
            [person(1), person(2), person(3)],
            [bulk(), bulk()],
            maxusers=[
                {"USERID": "P001", "PERSONID": "P001", "ISAUTHORIZED": False},
                "P003",
            ],
            properties={**MANAGE_GROUPS, **TOO_LONG, "masuser.bulk.chunksize": "2"},
            tables=site_tables(),
            suite=SUITE,
        ),
        check_save_refused,
    ),
    reactivated("manage_reactivated", "changestatus"),
    reactivated("manage_reactivated_noaccesscheck", "noaccesscheck"),
    (
        Flow(
            "manage_half_arg",
            [person(1)],
            [bulk(arg="accesstype=Authorized;" + ACTIVE_ONLY)],
            properties=MANAGE_GROUPS,
            tables=site_tables(),
            suite=SUITE,
        ),
        check_half_arg,
    ),
]
