"""What the cron task instance gives the script: SCRIPTARG, saved queries, settings."""

import pytest
from bulk_site import Site, person, summary

ARG = "accesstype=Authorized;entitlement=BASE"


def error_key(record):
    errors = [m for m in record["messages"] if m["kind"] == "error"]
    return errors[-1]["key"] if errors else None


@pytest.mark.parametrize(
    "arg, key",
    [
        ("accesstype=Named;entitlement=BASE", "valueNotAllowed"),
        ("accesstype=Authorized;entitlement=GOLD", "valueNotAllowed"),
        ("entitlement=BASE", "fieldRequired"),
        ("accesstype=Authorized;entitlement=BASE;colour=red", "bulkArgInvalid"),
        (
            "accesstype=Authorized;accesstype=Concurrent;entitlement=BASE",
            "bulkArgInvalid",
        ),
        (ARG + ";where=status = 'ACTIVE';query=MINE", "bulkArgInvalid"),
        ("where=status = 'ACTIVE';" + ARG, "bulkArgInvalid"),
        (None, "fieldRequired"),
    ],
)
def test_a_bad_scriptarg_stops_the_run_before_any_request(bundle, arg, key):
    s = Site(bundle, [person(1)])
    record = s.run(arg=arg or "")
    assert error_key(record) == key
    assert record["requests"] == []
    assert "outcome=rejected" in summary(record)
    assert s.states() == {"P001": None}


def test_a_where_clause_selects_the_persons(bundle):
    s = Site(bundle, [person(1), person(2, STATUS="INACTIVE"), person(3)])
    record = s.run(arg=ARG + ";where=status = 'ACTIVE'")
    assert s.states() == {"P001": "DONE", "P002": None, "P003": "DONE"}
    assert "selected=2" in summary(record)


def test_a_where_clause_may_contain_semicolons_and_quotes(bundle):
    s = Site(bundle, [person(1, LASTNAME="a;b"), person(2)])
    s.run(arg=ARG + ";WHERE=lastname = 'a;b'")
    assert s.states() == {"P001": "DONE", "P002": None}


def test_a_saved_query_of_the_people_application_selects_the_persons(bundle):
    query = {
        "APP": "PERSON",
        "CLAUSENAME": "MASUSERS",
        "CLAUSE": "personid in ('P002')",
    }
    s = Site(bundle, [person(1), person(2)])
    s.run(arg=ARG + ";query=MASUSERS", extra_tables={"QUERY": [query]})
    assert s.states() == {"P001": None, "P002": "DONE"}


def test_an_unknown_saved_query_is_named(bundle):
    s = Site(bundle, [person(1)])
    record = s.run(arg=ARG + ";query=NOPE", extra_tables={"QUERY": []})
    assert error_key(record) == "savedQueryMissing"
    assert "NOPE" in summary(record)


def test_a_bad_chunk_size_is_named(bundle):
    s = Site(bundle, [person(1)], **{"masuser.bulk.chunksize": "0"})
    record = s.run()
    assert error_key(record) == "configInvalid"
    assert record["requests"] == []


def test_a_user_mas_does_not_name_in_its_answer_is_not_done(bundle):
    answer = {"status": 200, "body": [{"id": "P001", "status": 201}]}
    s = Site(bundle, [person(1), person(2)], answers=[answer])
    record = s.run()
    assert s.states() == {"P001": "DONE", "P002": "FAILED"}
    assert "did not confirm user P002" in s.row("P002")["MASSYNCERROR"]
    assert "done=1 failed=1" in summary(record)


def test_an_unreadable_answer_leaves_every_person_of_the_chunk_not_done(bundle):
    s = Site(bundle, [person(1), person(2)], answers=[{"status": 200, "body": "{oops"}])
    s.run()
    assert s.states() == {"P001": "FAILED", "P002": "FAILED"}
    assert "could not be read" in s.row("P001")["MASSYNCERROR"]


def test_a_new_access_type_resends_everyone(bundle):
    s = Site(bundle, [person(1), person(2)])
    s.run()
    record = s.run(arg="accesstype=Concurrent;entitlement=BASE")
    assert "unchanged=0" in summary(record) and "sent=2" in summary(record)


def test_a_where_clause_maximo_refuses_still_ends_with_the_summary(bundle):
    s = Site(bundle, [person(1)])
    record = s.run(arg=ARG + ";where=nickname = 'x'")
    assert record["requests"] == []
    assert "outcome=failed" in summary(record)
    assert "Maximo refused the run" in summary(record) and "NICKNAME" in summary(record)
