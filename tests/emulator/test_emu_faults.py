"""Each injectable fault, and how rules match and run out."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import time

import pytest

from maxkit.emulator import (
    FAULT_NAMES,
    Drip,
    Emulator,
    FaultQueue,
    Hang,
    Latency,
    Malformed,
    PartialBulk,
    Reset,
    Status,
)

BULK = "/v2/bulk/users/upsert"


def test_latency_fault_delays_then_serves(client, emu, make_user):
    emu.faults.add(Latency(0.3), path="/v3/users")
    t0 = time.monotonic()
    ans = client.post("/v3/users", make_user("u1"))
    assert time.monotonic() - t0 >= 0.3
    assert ans.status == 201 and "u1" in emu.users
    assert emu.requests.last().fault == "latency"


def test_global_latency(client_for):
    with Emulator(latency=0.05) as emu:
        c = client_for(emu)
        t0 = time.monotonic()
        for _ in range(3):
            c.get("/v3/users/x")
        assert time.monotonic() - t0 >= 0.15
        emu.latency = 0
        t0 = time.monotonic()
        c.get("/v3/users/x")
        assert time.monotonic() - t0 < 0.05


@pytest.mark.parametrize("code", [400, 401, 403, 409, 429, 500, 502, 503])
def test_status_faults(client, emu, code, make_user):
    emu.faults.add(Status(code))
    ans = client.post("/v3/users", make_user("u1"))
    assert ans.status == code
    assert ans.json["exception"]["id"] == f"AIUCO9{code}E"
    assert ans.json["message"].startswith(f"AIUCO9{code}E: ")
    assert "u1" not in emu.users
    if code == 429:
        assert ans.headers["Retry-After"] == "1"
    else:
        assert "Retry-After" not in ans.headers
    # One shot only: the next request is served.
    assert client.post("/v3/users", make_user("u1")).status == 201


def test_status_fault_custom_retry_after_and_id(client, emu):
    emu.faults.add(Status(429, retry_after=7, error_id="AIUCO1234E", message="slow"))
    ans = client.get("/v3/users/u1")
    assert ans.headers["Retry-After"] == "7"
    assert ans.json == {
        "exception": {"id": "AIUCO1234E", "properties": ["GET", "/v3/users/u1"]},
        "message": "slow",
    }


def test_status_fault_keeps_connection_usable(emu):
    emu.faults.add(Status(503))
    conn = http.client.HTTPConnection(emu.host, emu.port, timeout=5)
    conn.request("GET", "/v3/users/a")
    first = conn.getresponse()
    first.read()
    conn.request("GET", "/v3/users/a")
    second = conn.getresponse()
    second.read()
    conn.close()
    assert (first.status, second.status) == (503, 404)
    assert emu.counters.connections == 1


def test_reset_sends_rst(client, emu, make_user):
    emu.faults.add(Reset())
    with pytest.raises(ConnectionResetError):
        client.post("/v3/users", make_user("u1"))
    assert emu.requests.wait_for(1)
    rec = emu.requests.last()
    assert (rec.status, rec.outcome, rec.fault) == (None, "reset", "reset")
    assert "u1" not in emu.users


def test_reset_over_tls(tls_client, tls_emu):
    tls_emu.faults.add(Reset())
    with pytest.raises((ConnectionResetError, ssl.SSLError)):
        tls_client.get("/v3/users/u1")


def test_hang_with_duration_closes_without_answer(client, emu):
    emu.faults.add(Hang(0.3))
    t0 = time.monotonic()
    with pytest.raises(http.client.RemoteDisconnected):
        client.get("/v3/users/u1")
    assert time.monotonic() - t0 >= 0.3
    assert emu.requests.last().outcome == "hang"


def test_hang_trips_client_read_timeout(client, emu, make_user):
    emu.faults.add(Hang(), method="POST")
    with pytest.raises(TimeoutError):
        client.post("/v3/users", make_user("u1"), timeout=0.2)
    # The request was read (recorded as arrived) but never served.
    assert emu.requests.wait_for(1, arrived=True)
    assert "u1" not in emu.users


def test_malformed_body(client, emu):
    emu.faults.add(Malformed())
    ans = client.get("/v3/users/u1")
    assert ans.status == 200
    assert ans.headers["Content-Type"] == "application/json"
    with pytest.raises(ValueError):
        ans.json  # noqa: B018 - the property parses


def test_partial_bulk_failure(client, emu, make_user):
    emu.faults.add(PartialBulk({"u2", "u4"}, error_id="AIUCO1099E", status=500))
    users = [make_user(f"u{i}") for i in range(1, 5)]
    ans = client.post(BULK, {"users": users})
    res = ans.json["users"]
    assert [r["status"] for r in res] == [201, 500, 201, 500]
    assert res[1]["exception"] == {"id": "AIUCO1099E", "properties": ["u2"]}
    assert res[1]["message"].startswith("AIUCO1099E")
    assert sorted(emu.users.ids()) == ["u1", "u3"]
    # Spent: the same batch now goes through.
    assert [r["status"] for r in client.post(BULK, users).json] == [200, 201, 200, 201]


def test_partial_bulk_waits_for_a_bulk_request(client, emu, make_user):
    emu.faults.add(PartialBulk({"u1"}))
    assert client.post("/v3/users", make_user("u1")).status == 201
    ans = client.post(BULK, [make_user("u1")])
    assert ans.json[0]["status"] == 400
    assert ans.json[0]["exception"]["id"] == "AIUCO1010E"


def test_path_glob_method_and_times(client, emu):
    emu.faults.add(Status(503), path="/v3/users/*", method="get", times=2)
    assert client.get("/workspaces/masdev/applications").status == 200
    assert client.put("/v3/users/a", {"username": "a"}).status == 404
    assert client.get("/v3/users/a").status == 503
    assert client.get("/v3/users/b").status == 503
    assert client.get("/v3/users/c").status == 404
    assert emu.counters.faults == {"status": 2}


def test_rules_fire_in_order_for_a_retry_script(client, emu):
    emu.faults.add(Status(429, retry_after=0))
    emu.faults.add(Status(503))
    got = [client.get("/v3/users/x").status for _ in range(3)]
    assert got == [429, 503, 404]


def test_fault_queue_api():
    q = FaultQueue()
    forever = q.add(Status(500), times=None)
    once = q.add(Reset(), path="/x")
    assert len(q) == 2 and q.pending() == [forever, once]
    for _ in range(5):
        assert isinstance(q.take("GET", "/x"), Status)
    assert forever.fired == 5 and forever.remaining is None
    assert q.remove(forever) and not q.remove(forever)
    assert isinstance(q.take("GET", "/x"), Reset)
    assert len(q) == 0 and q.take("GET", "/x") is None
    q.add(Hang(1))
    q.clear()
    assert q.pending() == []
    with pytest.raises(ValueError):
        q.add(Status(200))
    with pytest.raises(ValueError):
        q.add(Reset(), times=0)
    with pytest.raises(TypeError):
        q.add("reset")
    assert FAULT_NAMES == tuple(
        f.name
        for f in (
            Latency(0),
            Status(500),
            Reset(),
            Hang(),
            Drip(),
            Malformed(),
            PartialBulk(),
        )
    )


def test_raw_socket_sees_rst_not_fin(emu):
    """SO_LINGER 0: the peer gets ECONNRESET, not an orderly end of stream."""
    emu.faults.add(Reset())
    with socket.create_connection((emu.host, emu.port), timeout=5) as sock:
        sock.sendall(b"GET /v3/users/a HTTP/1.1\r\nHost: x\r\n\r\n")
        with pytest.raises(ConnectionResetError):
            while sock.recv(1024):
                pass


def test_drip_sends_the_answer_one_byte_at_a_time(emu):
    """Each read gets data well within a 1 s read timeout (the socket's
    timeout would raise otherwise); the whole answer takes far longer, so only
    a deadline over the whole call bounds a client. The server's pacing shows
    in the time the body took; a busy client may find two bytes in one read."""
    emu.faults.add(Drip(0.01))
    with socket.create_connection((emu.host, emu.port), timeout=1) as sock:
        sock.sendall(b"GET /v3/users/nobody HTTP/1.1\r\nHost: x\r\n\r\n")
        started = time.monotonic()
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(1)
        body = b""
        reads = 0
        while True:
            data = sock.recv(1024)
            if not data:
                break
            reads += 1
            body += data
    assert head.startswith(b"HTTP/1.0 404") or head.startswith(b"HTTP/1.1 404")
    assert json.loads(body)
    assert len(body) >= 10 and reads > len(body) // 2
    assert time.monotonic() - started >= 0.01 * (len(body) - 1) * 0.9
