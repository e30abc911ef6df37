"""Where the administrator sees outcomes: flows of MASUSERBULK runs whose
summary line counts the failed persons by message key, and whose successes
record the access type and entitlement on the person (MASACCESSTYPE,
MASENTITLEMENT) for Resync MAS User. Played in CPython and in real Jython with
the other flows (tests/bulk/test_deactivation*.py)."""

from __future__ import annotations

from bulk_site import ACCESS, ENTITLEMENT, person
from leaver_flows import DOWN, MANAGE, Flow, bulk, row, summary

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
        Flow("manage_outcome_choice", [person(1)], [bulk()], properties=MANAGE),
        check_manage_choice,
    ),
]
