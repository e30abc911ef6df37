"""Start, stop (also mid-hang), records, counters, threads, and the CLI."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from maxkit.emulator import Emulator, Hang, Latency

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def _background(fn):
    box = {}

    def run():
        try:
            box["result"] = fn()
        except Exception as exc:  # noqa: BLE001 - handed to the test
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t, box


def _serving(emu):
    """What the emulator holds while it serves: its threads (the serve loop and
    one per connection) and sockets (the listening one and one per connection)."""
    server = emu._server
    with server._lock:
        threads = [emu._thread, *server._conn_threads]
        sockets = [server.socket, *server._live]
    assert all(t.is_alive() for t in threads) and len(threads) >= 2
    assert all(s.fileno() != -1 for s in sockets) and len(sockets) >= 2
    return threads, sockets


def _assert_all_closed(threads, sockets):
    assert [t.name for t in threads if t.is_alive()] == []
    assert [s for s in sockets if s.fileno() != -1] == []


@pytest.mark.parametrize("tls", [False, True])
def test_stop_while_hang_in_progress(tls, client_for):
    emu = Emulator(tls=tls).start()
    emu.faults.add(Hang())  # no duration: only stop ends it
    t, box = _background(lambda: client_for(emu, timeout=10).get("/v3/users/u1"))
    assert emu.requests.wait_for(1, arrived=True)
    threads, sockets = _serving(emu)
    t0 = time.monotonic()
    assert emu.stop(timeout=3) is True
    assert time.monotonic() - t0 < 1.5
    t.join(3)
    assert not t.is_alive()
    assert isinstance(box.get("error"), (http.client.RemoteDisconnected, OSError))
    assert emu.requests.last().outcome == "hang"
    _assert_all_closed(threads, sockets)


def test_stop_while_latency_fault_and_idle_keepalive(client_for):
    emu = Emulator().start()
    idle = http.client.HTTPConnection(emu.host, emu.port, timeout=10)
    try:
        idle.request("GET", "/v3/users/x")
        idle.getresponse().read()  # now idle on keep-alive
        emu.faults.add(Latency(30))
        t, box = _background(lambda: client_for(emu, timeout=10).get("/v3/users/u1"))
        assert emu.requests.wait_for(2, arrived=True)
        threads, sockets = _serving(emu)
        assert len(threads) == 3  # the serve loop, the idle and the delayed connection
        t0 = time.monotonic()
        assert emu.stop(timeout=3) is True
        assert time.monotonic() - t0 < 1.5
        t.join(3)
        assert not t.is_alive()  # the delayed call ended with the stop, not in 30 s
        # Its answer (the stop cuts the delay short) or, had the stop closed the
        # socket first, a dropped connection: before the answer (OSError) or
        # inside it (IncompleteRead, an HTTPException).
        answered = "result" in box and box["result"].status == 404
        dropped = (OSError, http.client.HTTPException)
        assert answered or isinstance(box.get("error"), dropped), box
        _assert_all_closed(threads, sockets)
        # The server closed its end of the idle keep-alive connection too.
        try:
            assert idle.sock.recv(1) == b""
        except ConnectionResetError:
            pass
    finally:
        idle.close()
        emu.stop()


def test_start_stop_rules():
    emu = Emulator()
    assert emu.stop() is True  # never started
    with pytest.raises(RuntimeError):
        emu.base_url  # noqa: B018
    emu.start()
    with pytest.raises(RuntimeError):
        emu.start()
    port = emu.port
    assert emu.running
    emu.stop()
    assert not emu.running and emu.stop() is True
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.1", "::1"])
def test_loopback_only(host):
    with pytest.raises(ValueError):
        Emulator(host=host)


def test_localhost_is_accepted():
    with Emulator(host="localhost") as emu:
        assert emu.base_url.startswith("http://127.0.0.1:")


def test_request_record(client, emu, make_user):
    client.post(
        "/v3/users?x=1",
        make_user("u1"),
        headers={"X-Access-Token": "abc", "Accept": "application/json"},
    )
    client.post("/v3/users", raw=b"{oops", headers={"Content-Type": "text/plain"})
    first, second = emu.requests
    assert (first.method, first.path, first.query) == ("POST", "/v3/users", {"x": "1"})
    assert first.headers["x-access-token"] == "abc"
    assert first.body["id"] == "u1"
    assert (first.status, first.outcome, first.fault) == (201, "answered", None)
    assert first.route == "POST /v3/users"
    assert first.client_subject is None
    assert first.duration >= 0 and first.started > 0
    assert second.body == "{oops" and second.status == 400
    assert emu.requests.find(method="post", path="/v3/users") == [first, second]


def test_counters_and_clear(client, emu, make_user):
    client.post("/v2/bulk/users/upsert", [make_user("u1")])
    client.get("/v3/users/u1")
    client.get("/v3/users/u2")
    client.get("/nowhere")
    c = emu.counters
    assert c.requests == 4
    assert c.by_status == {200: 2, 404: 2}
    assert c.by_route == {
        "POST /v2/bulk/users/upsert": 1,
        "GET /v3/users/{id}": 2,
        "unrouted": 1,
    }
    assert c.outcomes == {"answered": 4}
    emu.requests.clear()
    assert emu.counters.requests == 0 and len(emu.requests) == 0


def test_record_log_is_bounded(client_for):
    with Emulator(max_records=3) as emu:
        c = client_for(emu)
        for i in range(5):
            c.get(f"/v3/users/u{i}")
        assert [r.path for r in emu.requests] == [f"/v3/users/u{i}" for i in (2, 3, 4)]
        assert emu.counters.requests == 5


def test_concurrent_upserts_are_consistent(client_for, emu, make_user):
    def worker(n):
        c = client_for(emu)
        return [
            c.post("/v2/bulk/users/upsert", [make_user(f"w{n}-{i}")]).json[0]["status"]
            for i in range(15)
        ]

    threads = [_background(lambda n=n: worker(n)) for n in range(8)]
    for t, _ in threads:
        t.join(10)
    assert all(box["result"] == [201] * 15 for _, box in threads)
    assert len(emu.users) == 120


def test_concurrent_email_race_has_one_winner(client_for, emu, make_user):
    barrier = threading.Barrier(8)

    def worker(n):
        barrier.wait(5)
        return client_for(emu).post("/v3/users", make_user(f"r{n}", "one@x.com")).status

    threads = [_background(lambda n=n: worker(n)) for n in range(8)]
    for t, _ in threads:
        t.join(10)
    statuses = sorted(box["result"] for _, box in threads)
    assert statuses == [201] + [409] * 7


def _cli(*args):
    env = {**os.environ, "PYTHONPATH": str(TOOLS)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "maxkit.emulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = proc.stdout.readline()
    return proc, json.loads(line)


def _end(proc):
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=5)


def test_cli_tls_until_ctrl_c(client_for):
    proc, info = _cli("--tls", "--latency-ms", "5")
    try:
        assert info["tls"] is True and info["base_url"].startswith("https://127.0.0.1:")
        files = [
            Path(info[k])
            for k in (
                "ca_pem",
                "client_cert_pem",
                "client_key_pem",
                "client_pem",
                "client_p12",
            )
        ]
        assert all(f.is_file() for f in files)
        import ssl

        ctx = ssl.create_default_context(cafile=info["ca_pem"])
        ctx.load_cert_chain(info["client_cert_pem"], info["client_key_pem"])
        host, port = info["base_url"].rsplit("//", 1)[1].split(":")
        conn = http.client.HTTPSConnection(host, int(port), context=ctx, timeout=5)
        t0 = time.monotonic()
        conn.request("GET", "/v3/users/u1")
        assert conn.getresponse().status == 404
        assert time.monotonic() - t0 >= 0.005
        conn.close()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=5) == 0
        assert not any(f.exists() for f in files)
    finally:
        _end(proc)


def test_cli_plain_fixed_port_until_sigterm(emu):
    # Borrow a free port: stop a throwaway emulator and reuse its number.
    with Emulator() as probe:
        port = probe.port
    proc, info = _cli("--port", str(port))
    try:
        assert info == {"base_url": f"http://127.0.0.1:{port}", "tls": False}
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=5) == 0
    finally:
        _end(proc)
