"""The MASUSERBULK cron task against a MAS emulator over real HTTP: chunks, per-person
outcomes, failures retried on the next run, crashes, changes and invalid persons."""

from bulk_site import person, sent_users, summary

from maxkit.emulator import PartialBulk, Status

BULK = "/v2/bulk/users/upsert"


def test_250_persons_go_in_3_chunks_of_one_request_each(site, emulator):
    s = site([person(n) for n in range(250)])
    record = s.run()
    posts = emulator.requests.find("POST", BULK)
    assert [len(ids) for ids in sent_users(posts)] == [100, 100, 50]
    assert emulator.counters.requests == 3
    assert len(emulator.users) == 250
    assert set(s.states().values()) == {"DONE"}
    assert "sent=250 done=250 failed=0 requests=3 attempts=3" in summary(record)
    row = s.row("P000")
    assert row["MASSYNCDATE"] and len(row["MASSYNCHASH"]) == 64
    assert row["MASSYNCERROR"] is None


def test_chunk_size_is_a_system_property(site, emulator):
    s = site([person(n) for n in range(10)], **{"masuser.bulk.chunksize": "4"})
    s.run()
    assert [len(ids) for ids in sent_users(emulator.requests.find("POST", BULK))] == [
        4,
        4,
        2,
    ]


def test_a_second_run_sends_nothing_when_nothing_changed(site, emulator):
    s = site([person(n) for n in range(30)])
    s.run()
    record = s.run()
    assert emulator.counters.requests == 1
    assert "selected=30 unchanged=30 invalid=0 sent=0" in summary(record)


def test_per_user_failures_of_a_bulk_answer_are_recorded_per_person(site, emulator):
    emulator.faults.add(PartialBulk({"P003", "P007"}), path=BULK)
    s = site([person(n) for n in range(10)])
    record = s.run()
    states = s.states()
    assert states["P003"] == states["P007"] == "FAILED"
    assert [p for p, state in states.items() if state == "DONE"] == [
        f"P{n:03d}" for n in range(10) if n not in (3, 7)
    ]
    assert "AIUCO1010E" in s.row("P003")["MASSYNCERROR"]
    warnings = [e["text"] for e in record["log"] if e["level"] == "WARN"]
    assert len(warnings) == 2 and "P003" in warnings[0] and "P007" in warnings[1]
    assert "outcome=failed" in summary(record) and "done=8 failed=2" in summary(record)
    # The next run sends the two again, and only them.
    s.run()
    assert sent_users(emulator.requests.find("POST", BULK))[-1] == ["P003", "P007"]
    assert set(s.states().values()) == {"DONE"}


def test_a_chunk_mas_never_answers_is_retried_on_the_next_run(site, emulator):
    emulator.faults.add(Status(503), path=BULK, times=None)
    s = site([person(n) for n in range(250)])
    record = s.run()
    assert emulator.counters.requests == 4  # one chunk, masuser.api.attempts tries
    assert len(emulator.users) == 0
    states = s.states()
    assert [states[f"P{n:03d}"] for n in (0, 99)] == ["FAILED", "FAILED"]
    assert {states[f"P{n:03d}"] for n in range(100, 250)} == {None}
    assert "HTTP 503" in s.row("P000")["MASSYNCERROR"]
    assert "stopped: a bulk request failed: MAS was unavailable" in summary(record)
    emulator.faults.clear()
    s.run()
    assert [
        len(ids) for ids in sent_users(emulator.requests.find("POST", BULK)[4:])
    ] == [
        100,
        100,
        50,
    ]
    assert len(emulator.users) == 250
    assert set(s.states().values()) == {"DONE"}


def test_after_a_crash_a_rerun_sends_only_what_is_not_done(site, emulator):
    s = site([person(n) for n in range(250)])
    record = s.run(crash={"before_save": 2})
    assert record["simulated_crash"]
    # Chunk 2 reached MAS, but the crash came before its outcomes were saved.
    assert emulator.counters.requests == 2 and len(emulator.users) == 200
    assert sum(state == "DONE" for state in s.states().values()) == 100
    s.run()
    first, second = sent_users(emulator.requests.find("POST", BULK)[:2]), sent_users(
        emulator.requests.find("POST", BULK)[2:]
    )
    assert [len(ids) for ids in second] == [100, 50]
    resent = [i for ids in second for i in ids]
    assert resent == [f"P{n:03d}" for n in range(100, 250)]
    # Nothing lost, nothing doubled: every person once in MAS, all DONE.
    assert sorted(emulator.users.ids()) == [f"P{n:03d}" for n in range(250)]
    assert set(s.states().values()) == {"DONE"}
    assert not set(first[0]) & set(resent)


def test_a_changed_person_is_sent_again(site, emulator):
    s = site([person(n) for n in range(20)])
    s.run()
    s.row("P005")["LASTNAME"] = "Renamed"
    record = s.run()
    assert sent_users(emulator.requests.find("POST", BULK))[-1] == ["P005"]
    assert emulator.users.get("P005")["familyName"] == "Renamed"
    assert "unchanged=19" in summary(record)


def test_invalid_persons_are_marked_without_a_request(site, emulator):
    s = site(
        [
            person(1, PRIMARYEMAIL=None),
            person(2, STATUS="INACTIVE"),
            person(3, PRIMARYEMAIL="not-an-email"),
        ]
    )
    record = s.run()
    assert emulator.counters.requests == 0
    assert s.states() == {"P001": "INVALID", "P002": None, "P003": "INVALID"}
    assert "no primary email" in s.row("P001")["MASSYNCERROR"]
    # Inactive and never a MAS user: skipped quietly (the deactivation tests).
    assert "invalid=2 sent=0" in summary(record) and "skipped=1" in summary(record)
    # Unchanged and still invalid: nothing is written again.
    assert s.run()["saves"] == 0
    s.row("P001")["PRIMARYEMAIL"] = "fixed@example.com"
    s.run()
    assert s.states()["P001"] == "DONE" and emulator.counters.requests == 1


def test_unicode_reaches_mas_intact(site, emulator):
    s = site([person(1, FIRSTNAME="Zoë Ñúñez", LASTNAME="王")])
    s.run()
    stored = emulator.users.get("P001")
    assert (stored["givenName"], stored["familyName"]) == ("Zoë Ñúñez", "王")
    assert stored["entitlement"] == {
        "application": "BASE",
        "admin": "NONE",
        "alwaysReserveLicense": True,
    }


def test_two_persons_with_one_user_id_never_share_a_request(bundle):
    """PERSONIDs that trim to the same MAS user id go in separate requests."""
    from bulk_site import Site, person

    s = Site(bundle, [person(1), person(2, PERSONID="P001\u00a0"), person(3)])
    record = s.run(arg="accesstype=Authorized;entitlement=BASE")
    batches = [[u["id"] for u in r["body"]] for r in record["requests"]]
    assert batches == [["P001"], ["P001", "P003"]]


def test_a_person_who_leaves_is_deactivated_in_mas(site, emulator):
    s = site([person(1), person(2)])
    s.run()
    assert emulator.users.get("P001")["status"] == {"active": True}
    marked = s.change_status("P001", "INACTIVE")
    assert marked["requests"] == [] and s.states()["P001"] == "DEACTPEND"
    record = s.run()
    stored = emulator.users.get("P001")
    assert stored["status"] == {"active": False}
    assert stored["givenName"] == "First"  # the rest of the user is as it was
    assert emulator.users.get("P002")["status"] == {"active": True}
    assert s.states() == {"P001": "DEACTDONE", "P002": "DONE"}
    assert "deactivated=1" in summary(record)
    # Deactivated once: the next run sends nothing.
    s.run()
    assert emulator.counters.requests == 2
