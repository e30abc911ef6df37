"""The transport policy against the emulator's faults, over real sockets."""

import time

import pytest

from maxkit.emulator import Hang, Latency, Malformed, PartialBulk, Reset, Status
from maxkit.simulate import client_cert_properties
from simulate_helpers import run_jdoe

BULK = "/v2/bulk/users/upsert"


def run(root, emulator, *properties):
    return run_jdoe(root, emulator.base_url, properties)


def test_429_waits_for_retry_after_then_succeeds(root, emulator):
    emulator.faults.add(Status(429, retry_after=1), path=BULK)
    code, result = run(root, emulator, "masuser.api.backoff=0")
    assert (code, result["message"]["key"]) == (0, "userCreated")
    first, second = emulator.requests.find(path=BULK)
    assert first.status == 429 and second.status == 200
    assert second.started - first.started >= 0.95


def test_429_that_persists_is_throttled_and_bounded(root, emulator):
    emulator.faults.add(Status(429, retry_after=0), path=BULK, times=None)
    code, result = run(root, emulator, "masuser.api.attempts=3")
    assert result["message"]["key"] == "masThrottled"
    assert len(emulator.requests.find(path=BULK)) == 3


def test_backoff_doubles_between_attempts(root, emulator):
    emulator.faults.add(Status(503), path=BULK, times=2)
    code, result = run(root, emulator, "masuser.api.backoff=200")
    assert code == 0
    first, second, third = emulator.requests.find(path=BULK)
    assert second.started - first.started >= 0.19
    assert third.started - second.started >= 0.39


@pytest.mark.parametrize("status", [400, 401, 403, 409])
def test_client_errors_are_never_retried(root, emulator, status):
    emulator.faults.add(Status(status), path=BULK, times=None)
    code, result = run(root, emulator, "masuser.api.backoff=0")
    assert result["message"]["key"] == "masRejected"
    assert len(emulator.requests.find(path=BULK)) == 1


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_retried(root, emulator, status):
    emulator.faults.add(Status(status), path=BULK)
    code, result = run(root, emulator, "masuser.api.backoff=0")
    assert code == 0
    assert [r.status for r in emulator.requests.find(path=BULK)] == [status, 200]


def test_a_reset_is_retried_and_the_user_exists_once(root, emulator):
    emulator.faults.add(Reset(), path=BULK)
    code, result = run(root, emulator, "masuser.api.backoff=0")
    assert code == 0
    assert emulator.users.ids() == ["JDOE"]


def test_a_hang_times_out_is_not_retried_and_says_retrying_is_safe(root, emulator):
    emulator.faults.add(Hang(seconds=5), path=BULK)
    started = time.monotonic()
    code, result = run(root, emulator, "masuser.api.readtimeout=300")
    assert time.monotonic() - started < 3
    assert result["message"]["key"] == "masUnreachable"
    assert "Read timed out" in result["message"]["text"]
    assert "running the action again is safe" in result["message"]["text"]
    assert len(result["requests"]) == 1


def test_the_deadline_bounds_the_whole_call(root, emulator):
    emulator.faults.add(Status(503), path=BULK, times=None)
    started = time.monotonic()
    code, result = run(
        root, emulator, "masuser.api.deadline=700", "masuser.api.backoff=300"
    )
    assert time.monotonic() - started < 2
    assert result["message"]["key"] == "masUnavailable"
    assert len(result["requests"]) == 2


def test_latency_within_the_read_timeout_is_fine(root, emulator):
    emulator.faults.add(Latency(0.2), path=BULK)
    code, result = run(root, emulator, "masuser.api.readtimeout=2000")
    assert code == 0


def test_a_malformed_answer_is_an_unclear_failure(root, emulator):
    emulator.faults.add(Malformed(), path=BULK)
    code, result = run(root, emulator)
    assert result["message"]["key"] == "masUnclearAnswer"
    assert "running the action again is safe" in result["message"]["text"]


def test_a_per_user_failure_in_the_bulk_answer_is_reported(root, emulator):
    emulator.faults.add(PartialBulk({"JDOE"}, error_id="AIUCO1010E"), path=BULK)
    code, result = run(root, emulator)
    assert (code, result["message"]["key"]) == (1, "masRejected")
    assert result["message"]["params"][2] == "AIUCO1010E"
    assert emulator.users.get("JDOE") is None


def test_a_second_run_updates_the_same_user(root, emulator):
    assert run(root, emulator)[1]["message"]["key"] == "userCreated"
    assert run(root, emulator)[1]["message"]["key"] == "userUpdated"
    assert emulator.users.ids() == ["JDOE"]


def test_no_secret_reaches_the_output(root, tls_emulator, monkeypatch):
    monkeypatch.setenv("MAXKIT_CA_BUNDLE", str(tls_emulator.ca_pem))
    settings = client_cert_properties(
        tls_emulator.client_p12, tls_emulator.p12_password
    )
    code, result = run_jdoe(root, tls_emulator.base_url, settings)
    assert code == 0
    text = repr(result)
    key = tls_emulator.client_key_pem.read_text()
    assert "PRIVATE KEY" not in text and key.splitlines()[1] not in text
    assert tls_emulator.p12_password not in text
