"""Where the administrator sees outcomes: flows of MASUSERBULK runs whose
summary line counts the failed persons by message key, and whose successes
record the access type and entitlement on the person (MASACCESSTYPE,
MASENTITLEMENT) for Resync MAS User. Played in CPython and in real Jython with
the other flows (tests/bulk/test_deactivation*.py)."""

from __future__ import annotations

from pathlib import Path

from bulk_site import ACCESS, ENTITLEMENT, person
from leaver_flows import DOWN, Flow, bulk, row, summary
from manage_user_flows import MANAGE_IDP, SUITE

from maxkit.bundle.load import load_support

SUPPORT = Path(__file__).resolve().parents[2] / "dialogs" / "MASUSER.support.xml"

CHOICE = ("MASACCESSTYPE", "MASENTITLEMENT")


def choice(record, personid):
    found = row(record, personid)
    return tuple(found.get(name) for name in CHOICE)


def check_invalid_by_key(records):
    (run,) = records
    assert summary(run).endswith(" errors: emailInvalid=2 emailMissing=1")
    assert "invalid=3" in summary(run)
    assert choice(run, "P001") == (ACCESS, ENTITLEMENT)
    for personid in ("P002", "P003", "P004"):
        assert row(run, personid)["MASSYNCSTATE"] == "INVALID"
        assert choice(run, personid) == (None, None)


def check_failed_then_done(records):
    down, up = records
    assert " errors: masUnavailable=2" in summary(down)
    assert "outcome=failed" in summary(down)
    assert [row(down, p)["MASSYNCSTATE"] for p in ("P001", "P002")] == ["FAILED"] * 2
    assert choice(down, "P001") == (None, None)
    assert "errors:" not in summary(up)
    assert choice(up, "P001") == choice(up, "P002") == (ACCESS, ENTITLEMENT)


def check_manage_choice(records):
    (run,) = records
    assert row(run, "P001")["MASSYNCSTATE"] == "DONE"
    assert choice(run, "P001") == (ACCESS, ENTITLEMENT)
    assert "errors:" not in summary(run)


def saved_queries():
    """The QUERY rows the package ships (dialogs/MASUSER.support.xml)."""
    support = load_support(SUPPORT)
    return [
        {
            "APP": support.app,
            "CLAUSENAME": q.name,
            "OWNER": q.owner,
            "DESCRIPTION": q.description,
            "CLAUSE": q.clause,
            "ISPUBLIC": True,
        }
        for q in support.queries
    ]


def check_errors_query(records):
    failed, done, retried = records
    assert "failed=2" in summary(failed) and "done=1" in summary(done)
    # The shipped saved query selects the two that failed, not the one done.
    assert "selected=2 unchanged=0 invalid=0 sent=2 done=2" in summary(retried)
    assert {row(retried, p)["MASSYNCSTATE"] for p in ("P001", "P002", "P003")} == {
        "DONE"
    }


FLOWS = [
    (
        Flow(
            "outcome_invalid_by_key",
            [
                person(1),
                person(2, PRIMARYEMAIL="not-an-address"),
                person(3, PRIMARYEMAIL=""),
                person(4, PRIMARYEMAIL="also@bad"),
            ],
            [bulk()],
        ),
        check_invalid_by_key,
    ),
    (
        Flow("outcome_failed_then_done", [person(1), person(2)], [bulk(DOWN), bulk()]),
        check_failed_then_done,
    ),
    (
        Flow(
            "manage_outcome_choice",
            [person(1)],
            [bulk()],
            properties=MANAGE_IDP,
            suite=SUITE,
        ),
        check_manage_choice,
    ),
    (
        Flow(
            "outcome_errors_query",
            [person(1), person(2), person(3)],
            [
                bulk(DOWN, where="personid in ('P002', 'P003')"),
                bulk(where="personid = 'P001'"),
                bulk(
                    arg=f"accesstype={ACCESS};entitlement={ENTITLEMENT};"
                    "query=MAS user: errors"
                ),
            ],
            tables={"QUERY": saved_queries()},
        ),
        check_errors_query,
    ),
]
