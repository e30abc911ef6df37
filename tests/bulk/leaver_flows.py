"""A person who leaves: flows of status changes and cron runs, written once and
played in any runtime.

Each flow is a site (its PERSON and MAXUSER tables, its settings) and steps
that run one after the other on the tables the previous step left: ``status``
(a person's status changed and saved by a user: the MASUSERSTATUS launch
point runs) or ``bulk`` (one MASUSERBULK run, with the HTTP answers of that
step). The flows named ``manage_*`` run on the manage route (MAS 9.1 and
later): no HTTP, the person's Manage users written in Manage. :func:`play` runs step N of every flow as one batch, so a runtime that
starts a JVM per batch starts one per step, not one per job.
"""

from __future__ import annotations

from bulk_site import ACCESS, ENTITLEMENT, person

from maxkit.simulate import bulk_job
from maxkit.simulate.statuschange import status_change_job
from maxkit.worldspec import world_spec

URL = "https://mas.example.test"
ACCEPT = [{"status": 200, "body": "auto"}]
DOWN = [{"status": 503}]
FAST = {"masuser.api.backoff": "0", "masuser.api.attempts": "2"}
MANAGE = {"masuser.route": "manage"}


def maxuser(user):
    """A MAXUSER row: a PERSONID (the person's own user of that id, ACTIVE)
    or the row itself."""
    if isinstance(user, dict):
        return {"STATUS": "ACTIVE", **user}
    return {"USERID": user, "PERSONID": user, "STATUS": "ACTIVE"}


class Flow:
    def __init__(self, name, persons, steps, maxusers=(), properties=None, **extra):
        self.name = name
        self.persons = persons
        self.steps = steps
        self.maxusers = [maxuser(p) for p in maxusers]
        self.properties = {"masuser.api.url": URL, **FAST, **(properties or {})}
        self.synonyms = extra.get("synonyms")
        # Other tables of the site: {OBJECT: [row, ...]} (MAXGROUP, GROUPUSER, ...).
        self.tables = extra.get("tables") or {}
        # Set-up values of the world spec (identity_providers, maxvars).
        self.suite = extra.get("suite") or {}


def status(personid, value, user="JSMITH", sql=False):
    """A person's status changed by ``user`` in the People application
    (changeStatus: Manage's cascade and MASUSERSTATUS run), or with ``sql``
    written in the table directly (by SQL, or before the bundle was
    installed: nothing runs)."""
    return {
        "kind": "save",
        "personid": personid,
        "status": value,
        "user": user,
        "sql": sql,
    }


def bulk(answers=ACCEPT, where=None, arg=None):
    """One MASUSERBULK run; ``arg``: the instance's SCRIPTARG as given
    (default: the access type, entitlement and ``where`` of bulk_site)."""
    return {"kind": "cron", "answers": answers, "where": where, "arg": arg}


def job(bundle, flow, step, tables):
    http = {"mode": "answer", "answers": step.get("answers") or ACCEPT}
    spec = world_spec(
        bundle,
        properties=flow.properties,
        http=http,
        synonyms=flow.synonyms,
        user=step.get("user", "MAXADMIN"),
        **flow.suite,
    )
    others = {k: v for k, v in tables.items() if k != "PERSON"}
    if step["kind"] == "save":
        return status_change_job(
            spec,
            tables["PERSON"],
            step["personid"],
            step["status"],
            step["sql"],
            **others,
        )
    made = bulk_job(spec, tables["PERSON"], ACCESS, ENTITLEMENT, step["where"])
    made["spec"]["tables"].update(others)
    if step["arg"] is not None:
        made["arg"] = step["arg"]
    return {**made, "kind": "cron"}


def play(bundle, flows, run_batch):
    """{flow name: [record of each step]}; ``run_batch(jobs)`` runs a batch."""
    tables = {
        f.name: {"PERSON": f.persons, "MAXUSER": f.maxusers, **f.tables} for f in flows
    }
    records = {f.name: [] for f in flows}
    for index in range(max(len(f.steps) for f in flows)):
        batch = [f for f in flows if index < len(f.steps)]
        jobs = [job(bundle, f, f.steps[index], tables[f.name]) for f in batch]
        for flow, record in zip(batch, run_batch(jobs)):
            records[flow.name].append(record)
            if "tables" in record:
                tables[flow.name] = record["tables"]
    return records


def row(record, personid):
    return next(r for r in record["tables"]["PERSON"] if r["PERSONID"] == personid)


def users(record):
    """The users of each request of a run, as sent."""
    sent = []
    for request in record["requests"]:
        body = request["body"]
        sent.append(body if isinstance(body, list) else body["users"])
    return sent


def lines(record, start):
    return [e["text"] for e in record["log"] if e["text"].startswith(start)]


def summary(record):
    found = lines(record, "masuser bulk: instance=")
    assert len(found) == 1, record["log"]
    return found[0]


def check_retried(run, key):
    """A run whose deactivation of P001 (set by JSMITH) failed: recorded
    DEACTFAIL for the next run, the audit line and the warning say so."""
    failed = row(run, "P001")
    assert (failed["MASSYNCSTATE"], failed["MASSYNCBY"]) == ("DEACTFAIL", "JSMITH")
    assert "outcome=failed" in summary(run) and "deactivated=0" in summary(run)
    assert lines(run, "masuser audit:") == [
        "masuser audit: user=JSMITH person=P001 action=deactivate"
        " run=MASUSERBULK01 result=failed key=" + key
    ]
    warnings = [e["text"] for e in run["log"] if e["level"] == "WARN"]
    assert "P001 not deactivated (tried again on the next run)" in warnings[0]


def check_deactivate(records):
    marked, run = records
    assert marked["saved"] and marked["requests"] == []
    p1 = row(marked, "P001")
    assert (p1["STATUS"], p1["MASSYNCSTATE"], p1["MASSYNCBY"]) == (
        "INACTIVE",
        "DEACTPEND",
        "JSMITH",
    )
    assert p1["MASSYNCDATE"]
    assert lines(marked, "masuser: person P001 has status INACTIVE (set by JSMITH)")
    # The run's selection (active persons) leaves P001 out: the mark brings it.
    [[deactivation, upsert]] = users(run)
    assert deactivation == {
        "id": "P001",
        "username": "P001",
        "owner": "local",
        "issuer": "local",
        "status": {"active": False},
    }
    assert upsert["id"] == "P002" and upsert["status"] == {"active": True}
    assert row(run, "P001")["MASSYNCSTATE"] == "DEACTDONE"
    assert row(run, "P002")["MASSYNCSTATE"] == "DONE"
    assert lines(run, "masuser audit:") == [
        "masuser audit: user=JSMITH person=P001 action=deactivate"
        " run=MASUSERBULK01 result=success key=userDeactivated"
    ]
    assert "outcome=success selected=1 " in summary(run)
    assert "sent=2 done=1 failed=0 requests=1" in summary(run)
    assert "deactivated=1 skipped=0" in summary(run)


def check_maxuser_and_synonym(records):
    marked, run = records
    assert row(marked, "P001")["MASSYNCSTATE"] == "DEACTPEND"
    assert [u["id"] for u in users(run)[0]] == ["P001"]
    assert row(run, "P001")["MASSYNCSTATE"] == "DEACTDONE"
    assert "user=FEED person=P001" in lines(run, "masuser audit:")[0]


def check_no_mas_user(records):
    changed, run = records
    assert changed["saved"] and changed["log"] == []
    assert row(changed, "P001").get("MASSYNCSTATE") is None
    assert run["requests"] == [] and lines(run, "masuser audit:") == []
    assert row(run, "P001").get("MASSYNCSTATE") is None  # not INVALID
    assert "outcome=success selected=1 unchanged=0 invalid=0 sent=0" in summary(run)
    assert "deactivated=0 skipped=1" in summary(run)


def check_mas_down(records):
    marked, down, back = records
    assert marked["saved"] and row(marked, "P001")["STATUS"] == "INACTIVE"
    assert len(down["requests"]) == 2  # masuser.api.attempts
    check_retried(down, "masUnavailable")
    assert "HTTP 503" in row(down, "P001")["MASSYNCERROR"]
    assert len(back["requests"]) == 1
    done = row(back, "P001")
    assert done["MASSYNCSTATE"] == "DEACTDONE" and done.get("MASSYNCERROR") is None
    assert "outcome=success" in summary(back) and "deactivated=1" in summary(back)
    assert "result=success key=userDeactivated" in lines(back, "masuser audit:")[0]


def check_turned_off(records):
    changed, run = records
    assert changed["saved"] and row(changed, "P001")["MASSYNCSTATE"] == "DONE"
    assert lines(changed, "masuser: person P001 has status INACTIVE; ")
    assert run["requests"] == []
    assert row(run, "P001")["MASSYNCSTATE"] == "INVALID"
    assert "deactivated=0 skipped=0" in summary(run)


def check_mix(records):
    [run] = records
    assert [[u["id"] for u in sent] for sent in users(run)] == [
        ["P001", "P003", "P005"]
    ]
    actives = {u["id"]: u["status"]["active"] for u in users(run)[0]}
    assert actives == {"P001": True, "P003": False, "P005": False}
    states = {r["PERSONID"]: r.get("MASSYNCSTATE") for r in run["tables"]["PERSON"]}
    assert states == {
        "P001": "DONE",
        "P003": "DEACTDONE",
        "P004": "INVALID",  # skipped: nothing written
        "P005": "DEACTDONE",
        "P006": "DEACTDONE",
    }
    assert "selected=5 unchanged=1 invalid=0 sent=3 done=1 failed=0" in summary(run)
    assert "deactivated=2 skipped=1" in summary(run)
    # Whether P004 and P005 have users is read once, for their chunk.
    assert run["queries"]["MAXUSER personid in"] == 1
    assert "MAXUSER personid eq" not in run["queries"]
    assert lines(run, "masuser audit:") == [
        "masuser audit: user=crontask:MASUSERBULK01 person=%s action=deactivate"
        " run=MASUSERBULK01 result=success key=userDeactivated" % p
        for p in ("P003", "P005")
    ]


def check_reactivation(records):
    back, cancelled, run = records
    assert back["saved"] and back["requests"] == [] and back["log"] == []
    assert row(back, "P001")["MASSYNCSTATE"] == "DEACTDONE"
    again = row(cancelled, "P002")
    assert (again.get("MASSYNCSTATE"), again["MASSYNCBY"]) == (None, "HR")
    assert lines(cancelled, "masuser: person P002 is ACTIVE again (set by HR)")
    assert run["requests"] == [] and lines(run, "masuser audit:") == []
    assert "deactivated=0" in summary(run)


def check_bad_setting(records):
    marked, run = records
    assert row(marked, "P001")["MASSYNCSTATE"] == "DEACTPEND"
    [warning] = [e["text"] for e in marked["log"] if e["level"] == "WARN"]
    assert "masuser.deactivate has the value yes" in warning
    assert run["requests"] == []
    assert "outcome=rejected" in summary(run) and "masuser.deactivate" in summary(run)


def user_row(record, userid):
    return next(r for r in record["tables"]["MAXUSER"] if r["USERID"] == userid)


def user_statuses(record):
    return {r["USERID"]: r["STATUS"] for r in record["tables"]["MAXUSER"]}


def check_manage_deactivate(records):
    changed, run = records
    assert changed["requests"] == []
    # Manage's cascade: the person's save wrote the person and its user.
    assert sorted(changed["saved"]) == ["MAXUSER", "PERSON"]
    assert [r["USERID"] for r in changed["saved"]["MAXUSER"]] == ["P001"]
    assert user_statuses(changed) == {"P001": "INACTIVE", "P002": "ACTIVE"}
    p1 = row(changed, "P001")
    # MASUSERSTATUS only marked the person for MASUSERBULK to verify.
    assert (p1["STATUS"], p1["MASSYNCSTATE"], p1["MASSYNCBY"]) == (
        "INACTIVE",
        "DEACTPEND",
        "JSMITH",
    )
    assert p1["MASSYNCDATE"] and p1.get("MASSYNCERROR") is None
    assert lines(changed, "masuser: person P001 has status INACTIVE") == [
        "masuser: person P001 has status INACTIVE (set by JSMITH): Manage's cascade"
        " makes its Manage user(s) inactive; the next MASUSERBULK run verifies it"
    ]
    assert lines(changed, "masuser audit:") == []
    # The run verifies it: the person's record only, no user written.
    assert run["requests"] == [] and run["saves"] == 1
    assert list(run["saved"]) == ["PERSON"]
    done = row(run, "P001")
    assert (done["MASSYNCSTATE"], done["MASSYNCBY"]) == ("DEACTDONE", "JSMITH")
    assert lines(run, "masuser audit:") == [
        "masuser audit: user=JSMITH person=P001 action=verify"
        " run=MASUSERBULK01 result=success key=manageUserVerified"
    ]
    # P002, active, is skipped: an instance without access type only deactivates.
    assert "outcome=success selected=2 unchanged=0 invalid=0 sent=0" in summary(run)
    assert "deactivated=0 skipped=1 verified=1" in summary(run)
    assert user_statuses(run) == {"P001": "INACTIVE", "P002": "ACTIVE"}


def check_manage_no_user(records):
    [changed] = records
    assert changed["requests"] == [] and changed["log"] == []
    assert list(changed["saved"]) == ["PERSON"]
    assert row(changed, "P002")["STATUS"] == "INACTIVE"
    assert row(changed, "P002").get("MASSYNCSTATE") is None
    assert user_statuses(changed) == {"P001": "ACTIVE"}


def check_manage_turned_off(records):
    [changed] = records
    # Manage's own cascade does not ask the bundle: the user is inactive.
    assert sorted(changed["saved"]) == ["MAXUSER", "PERSON"]
    assert user_statuses(changed) == {"P001": "INACTIVE"}
    assert row(changed, "P001").get("MASSYNCSTATE") is None
    assert lines(changed, "masuser: person P001 has status INACTIVE; ")
    assert lines(changed, "masuser audit:") == []


def check_manage_other_owner(records):
    changed, run = records
    # P001's own user JDOE goes; user P001, which belongs to P002, stays.
    assert user_statuses(changed) == {"P001": "ACTIVE", "JDOE": "INACTIVE"}
    assert [r["USERID"] for r in changed["saved"]["MAXUSER"]] == ["JDOE"]
    assert row(changed, "P001")["MASSYNCSTATE"] == "DEACTPEND"
    assert row(run, "P001")["MASSYNCSTATE"] == "DEACTDONE"
    assert user_statuses(run) == {"P001": "ACTIVE", "JDOE": "INACTIVE"}
    [verified] = [e["text"] for e in run["log"] if "action=verify" in e["text"]]
    assert "person=P001" in verified


def check_manage_sql(records):
    made, run, again = records
    # Made inactive by SQL: nothing ran, the user still has its login.
    assert made["saved"] == {} and made["log"] == []
    assert user_statuses(made) == {"P001": "ACTIVE", "P001B": "DELETED"}
    # MASUSERBULK finds it and inactivates it through changeStatus.
    assert run["saves"] == 1
    assert [r["USERID"] for r in run["saved"]["MAXUSER"]] == ["P001"]
    assert user_statuses(run) == {"P001": "INACTIVE", "P001B": "DELETED"}
    done = row(run, "P001")
    assert (done["MASSYNCSTATE"], done["MASSYNCBY"]) == (
        "DEACTDONE",
        "crontask:MASUSERBULK01",
    )
    assert lines(run, "masuser audit:") == [
        "masuser audit: user=crontask:MASUSERBULK01 person=P001 action=deactivate"
        " run=MASUSERBULK01 result=success key=manageUserDeactivated"
    ]
    assert "deactivated=1 skipped=1 verified=0" in summary(run)
    assert again["saves"] == 0 and "unchanged=1" in summary(again)


def check_manage_refused(records):
    made, run, again = records
    # JDOE1 was changed before Maximo refused LOCKED (not a MAXUSERSTATUS
    # value): the person's users are back as they were, the person DEACTFAIL.
    assert made["saved"] == {}
    assert list(run["saved"]) == ["PERSON"]
    assert user_statuses(run) == {"JDOE1": "ACTIVE", "P001": "LOCKED"}
    failed = row(run, "P001")
    assert (failed["STATUS"], failed["MASSYNCSTATE"], failed["MASSYNCBY"]) == (
        "INACTIVE",
        "DEACTFAIL",
        "crontask:MASUSERBULK01",
    )
    assert failed["MASSYNCERROR"].startswith(
        "Manage did not deactivate the user(s) of person P001: "
    )
    assert "LOCKED" in failed["MASSYNCERROR"]
    assert lines(run, "masuser audit:") == [
        "masuser audit: user=crontask:MASUSERBULK01 person=P001 action=deactivate"
        " run=MASUSERBULK01 result=failed key=manageNotDeactivated"
    ]
    assert "outcome=failed" in summary(run) and "failed=1" in summary(run)
    # Each run tries again, and says so, until the cause is fixed.
    assert again["requests"] == []
    assert user_statuses(again) == {"JDOE1": "ACTIVE", "P001": "LOCKED"}
    assert row(again, "P001")["MASSYNCSTATE"] == "DEACTFAIL"
    assert "failed=1" in summary(again)
    warnings = [e["text"] for e in again["log"] if e["level"] == "WARN"]
    assert "P001 not deactivated (tried again on the next run)" in warnings[0]


def check_manage_noaccesscheck(records):
    made, run = records
    assert user_statuses(run) == {"P001": "INACTIVE", "P001B": "DELETED"}
    assert row(run, "P001")["MASSYNCSTATE"] == "DEACTDONE"
    assert "deactivated=1" in summary(run)


def check_manage_bad_path(records):
    [run] = records
    assert run["saves"] == 0 and user_statuses(run) == {"P001": "ACTIVE"}
    text = summary(run)
    assert "outcome=rejected" in text
    assert "masuser.user.statuspath has the value setvalue" in text
    assert "use changestatus or noaccesscheck" in text


def check_manage_mix(records):
    [run] = records
    assert run["requests"] == []
    assert user_statuses(run) == {
        "P001": "ACTIVE",
        "P003": "INACTIVE",
        "P005": "INACTIVE",
        "P006": "INACTIVE",
    }
    states = {r["PERSONID"]: r.get("MASSYNCSTATE") for r in run["tables"]["PERSON"]}
    assert states == {
        "P001": None,  # active: the action gives users on this route
        "P003": "DEACTDONE",
        "P004": None,  # never had a user: skipped
        "P005": "DEACTDONE",  # done before: unchanged
        "P006": "DEACTDONE",
    }
    assert row(run, "P006")["MASSYNCERROR"] is None
    assert row(run, "P003")["MASSYNCBY"] == "crontask:MASUSERBULK01"
    # masuser.bulk.chunksize 1: one save per person deactivated.
    assert run["saves"] == 2
    assert (
        "outcome=success selected=4 unchanged=1 invalid=0 sent=0 done=0 failed=0"
        " requests=0 attempts=0 unrecorded=0 deactivated=2 skipped=2" in summary(run)
    )
    assert lines(run, "masuser audit:") == [
        "masuser audit: user=HR person=P006 action=deactivate"
        " run=MASUSERBULK01 result=success key=manageUserDeactivated",
        "masuser audit: user=crontask:MASUSERBULK01 person=P003 action=deactivate"
        " run=MASUSERBULK01 result=success key=manageUserDeactivated",
    ]


FLOWS = [
    (
        Flow(
            "deactivate",
            [person(1, MASSYNCSTATE="DONE"), person(2)],
            [status("P001", "INACTIVE"), bulk(where="status = 'ACTIVE'")],
        ),
        check_deactivate,
    ),
    (
        Flow(
            "maxuser_and_synonym",
            [person(1)],
            [status("P001", "LEFT", user="FEED"), bulk(where="status = 'ACTIVE'")],
            maxusers=["P001"],
            synonyms={
                "PERSONSTATUS": [
                    {"value": "LEFT", "maxvalue": "INACTIVE", "defaults": False}
                ]
            },
        ),
        check_maxuser_and_synonym,
    ),
    (
        Flow("no_mas_user", [person(1)], [status("P001", "INACTIVE"), bulk()]),
        check_no_mas_user,
    ),
    (
        Flow(
            "mas_down",
            [person(1, MASSYNCSTATE="DONE")],
            [status("P001", "INACTIVE"), bulk(answers=DOWN), bulk()],
        ),
        check_mas_down,
    ),
    (
        Flow(
            "turned_off",
            [person(1, MASSYNCSTATE="DONE")],
            [status("P001", "INACTIVE"), bulk()],
            properties={"masuser.deactivate": "0"},
        ),
        check_turned_off,
    ),
    (
        Flow(
            "mix",
            [
                person(1),
                person(3, STATUS="INACTIVE", MASSYNCSTATE="DONE"),
                person(4, STATUS="INACTIVE", MASSYNCSTATE="INVALID"),
                person(5, STATUS="INACTIVE"),
                person(6, STATUS="INACTIVE", MASSYNCSTATE="DEACTDONE"),
            ],
            [bulk()],
            maxusers=["P005"],
        ),
        check_mix,
    ),
    (
        Flow(
            "reactivation",
            [
                person(1, STATUS="INACTIVE", MASSYNCSTATE="DEACTDONE"),
                person(2, STATUS="INACTIVE", MASSYNCSTATE="DEACTPEND"),
            ],
            [
                status("P001", "ACTIVE"),
                status("P002", "ACTIVE", user="HR"),
                bulk(where="status = 'INACTIVE'"),
            ],
        ),
        check_reactivation,
    ),
    (
        Flow(
            "bad_setting",
            [person(1, MASSYNCSTATE="DONE")],
            [status("P001", "INACTIVE"), bulk()],
            properties={"masuser.deactivate": "yes"},
        ),
        check_bad_setting,
    ),
    (
        Flow(
            "manage_deactivate",
            [person(1), person(2)],
            [status("P001", "INACTIVE"), bulk(arg="")],
            maxusers=["P001", "P002"],
            properties=MANAGE,
        ),
        check_manage_deactivate,
    ),
    (
        Flow(
            "manage_no_user",
            [person(1, MASSYNCSTATE="DONE"), person(2)],
            [status("P002", "INACTIVE")],
            maxusers=["P001"],
            properties=MANAGE,
        ),
        check_manage_no_user,
    ),
    (
        Flow(
            "manage_turned_off",
            [person(1)],
            [status("P001", "INACTIVE")],
            maxusers=["P001"],
            properties={**MANAGE, "masuser.deactivate": "0"},
        ),
        check_manage_turned_off,
    ),
    (
        Flow(
            "manage_other_owner",
            [person(1), person(2)],
            [status("P001", "INACTIVE"), bulk(arg="")],
            maxusers=[
                {"USERID": "P001", "PERSONID": "P002"},
                {"USERID": "JDOE", "PERSONID": "P001"},
            ],
            properties=MANAGE,
        ),
        check_manage_other_owner,
    ),
    (
        Flow(
            "manage_refused",
            [person(1)],
            [status("P001", "INACTIVE", sql=True), bulk(arg=""), bulk(arg="")],
            maxusers=[
                {"USERID": "JDOE1", "PERSONID": "P001"},
                {"USERID": "P001", "PERSONID": "P001", "STATUS": "LOCKED"},
            ],
            properties=MANAGE,
        ),
        check_manage_refused,
    ),
    (
        Flow(
            "manage_sql",
            [person(1), person(2)],
            [status("P001", "INACTIVE", sql=True), bulk(arg=""), bulk(arg="")],
            maxusers=[
                "P001",
                {"USERID": "P001B", "PERSONID": "P001", "STATUS": "DELETED"},
            ],
            properties=MANAGE,
        ),
        check_manage_sql,
    ),
    (
        Flow(
            "manage_noaccesscheck",
            [person(1)],
            [status("P001", "INACTIVE", sql=True), bulk(arg="")],
            maxusers=[
                "P001",
                {"USERID": "P001B", "PERSONID": "P001", "STATUS": "DELETED"},
            ],
            properties={**MANAGE, "masuser.user.statuspath": "noaccesscheck"},
        ),
        check_manage_noaccesscheck,
    ),
    (
        Flow(
            "manage_bad_path",
            [person(1)],
            [bulk(arg="")],
            maxusers=["P001"],
            properties={**MANAGE, "masuser.user.statuspath": "setvalue"},
        ),
        check_manage_bad_path,
    ),
    (
        Flow(
            "manage_mix",
            [
                person(1),
                person(3, STATUS="INACTIVE"),
                person(4, STATUS="INACTIVE"),
                person(5, STATUS="INACTIVE", MASSYNCSTATE="DEACTDONE"),
                person(
                    6,
                    STATUS="INACTIVE",
                    MASSYNCSTATE="DEACTFAIL",
                    MASSYNCBY="HR",
                    MASSYNCERROR="Manage did not deactivate the user(s) of person P006",
                ),
            ],
            [bulk(arg="where=personid in ('P001', 'P003', 'P004', 'P005')")],
            maxusers=[
                "P001",
                "P003",
                {"USERID": "P005", "PERSONID": "P005", "STATUS": "INACTIVE"},
                "P006",
            ],
            properties={**MANAGE, "masuser.bulk.chunksize": "1"},
        ),
        check_manage_mix,
    ),
]
