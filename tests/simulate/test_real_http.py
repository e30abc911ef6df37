"""The action against a real MAS emulator over loopback sockets: each answer class."""

import socket

import pytest

from maxkit.emulator import Reset, Status
from maxkit.simulate import client_cert_properties, simulate
from testkit.scenarios import plain_http

JDOE = "tools/samples/persons/jdoe.json"
UNICODE = "tools/samples/persons/unicode.json"


def run(root, person, endpoint, *properties, access="Authorized", entitlement="BASE"):
    return simulate(
        root,
        person,
        access,
        entitlement,
        endpoint=endpoint,
        properties=list(properties)
        + [f"{k}={v}" for k, v in plain_http(endpoint).items()],
    )


def test_success_creates_the_user_with_non_ascii_names_intact(root, emulator):
    code, result = run(root, str(root / UNICODE), emulator.base_url)
    assert (code, result["outcome"]) == (0, "success")
    assert result["requests"][0]["status"] == 200
    stored = emulator.users.get("ZWANG")
    assert stored["givenName"] == "Zoë Ñúñez"
    assert stored["familyName"] == "王"
    assert stored["entitlement"]["alwaysReserveLicense"] is True


def test_exactly_one_request_per_action(root, emulator):
    run(root, str(root / JDOE), emulator.base_url)
    assert [(r.method, r.path) for r in emulator.requests.find()] == [
        ("POST", "/v2/bulk/users/upsert")
    ]


def test_users_envelope_reaches_mas(root, emulator):
    code, result = run(
        root, str(root / JDOE), emulator.base_url, "masuser.api.envelope=users"
    )
    assert code == 0
    assert list(result["requests"][0]["body"]) == ["users"]
    assert emulator.users.get("JDOE")["id"] == "JDOE"


def test_a_clashing_primary_email_carries_mas_error_id(root, emulator, person_file):
    run(root, str(root / JDOE), emulator.base_url)
    other = person_file(
        PERSONID="JDOE2",
        LASTNAME="Doe",
        STATUS="ACTIVE",
        PRIMARYEMAIL="john.doe@example.com",
    )
    code, result = run(root, other, emulator.base_url)
    assert (code, result["outcome"]) == (1, "failed")
    assert result["message"]["key"] == "masRejected"
    assert result["message"]["params"][2] == "AIUCO1005E"
    assert "AIUCO1005E" in result["message"]["text"]
    assert emulator.users.get("JDOE2") is None


@pytest.mark.parametrize("status", [400, 401, 403, 409, 500])
def test_an_error_status_is_a_failure_naming_the_status(root, emulator, status):
    emulator.faults.add(Status(status), path="/v2/bulk/users/upsert")
    code, result = run(root, str(root / JDOE), emulator.base_url)
    assert (code, result["outcome"]) == (1, "failed")
    assert result["message"]["key"] == "masRejected"
    assert result["message"]["params"][1] == str(status)
    assert result["requests"][0]["status"] == status


def test_a_reset_connection_says_mas_could_not_be_reached(root, emulator):
    emulator.faults.add(Reset(), path="/v2/bulk/users/upsert", times=None)
    code, result = run(
        root, str(root / JDOE), emulator.base_url, "masuser.api.backoff=0"
    )
    assert (code, result["outcome"]) == (1, "failed")
    assert result["message"]["key"] == "masUnreachable"
    assert "running the action again is safe" in result["message"]["text"]
    assert [r["status"] for r in result["requests"]] == [None] * 4


def test_connection_refused_says_mas_could_not_be_reached(root):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, result = run(
        root, str(root / JDOE), f"http://127.0.0.1:{port}", "masuser.api.backoff=0"
    )
    assert (code, result["outcome"]) == (1, "failed")
    assert result["message"]["key"] == "masUnreachable"
    assert f"127.0.0.1:{port}" in result["message"]["text"]


def cert_settings(emulator):
    return client_cert_properties(emulator.client_p12, emulator.p12_password)


def test_mutual_tls_with_the_right_certificates(root, tls_emulator, monkeypatch):
    monkeypatch.setenv("MAXKIT_CA_BUNDLE", str(tls_emulator.ca_pem))
    code, result = run(
        root, str(root / JDOE), tls_emulator.base_url, *cert_settings(tls_emulator)
    )
    assert (code, result["outcome"]) == (0, "success")
    assert tls_emulator.users.get("JDOE") is not None


def test_tls_is_verified_an_unknown_ca_fails(root, tls_emulator, monkeypatch):
    monkeypatch.delenv("MAXKIT_CA_BUNDLE", raising=False)
    code, result = run(
        root, str(root / JDOE), tls_emulator.base_url, *cert_settings(tls_emulator)
    )
    assert (code, result["outcome"]) == (1, "failed")
    assert result["message"]["key"] == "masUnreachable"
    assert "CERTIFICATE_VERIFY_FAILED" in result["message"]["text"]
