"""A deploy sends its calls over one kept HTTPS connection, and copes when it drops.

The stand-in counts the connections its server accepted (each one a TLS
handshake), so these counts are the server's, not the client's view.
"""

from __future__ import annotations

import select

from deploy_helpers import APIKEY

from maxkit.deploy.client import ManageClient
from testkit.manage_standin import Fault
from testkit.manage_standin.handler import StandinHandler


def test_a_deploy_uses_one_connection_for_all_its_calls(run, manage):
    assert run() == 0
    assert len(manage.calls) > 50 and manage.writes()
    assert manage.connections == 1
    manage.reset_calls()
    assert run() == 0 and manage.writes() == []
    assert manage.connections == 1  # the second deploy: its own one connection


def test_a_read_on_a_dropped_connection_is_sent_again_on_a_new_one(
    run, manage, small_bundle
):
    manage.faults.add(Fault(method="GET", nth=2, mode="reset"))
    assert run(root=small_bundle, dry_run=True) == 0
    assert [c.status for c in manage.calls][:3] == [200, "reset", 200]
    assert manage.calls[1].path == manage.calls[2].path
    assert manage.connections == 2


def test_a_write_on_a_dropped_connection_is_never_sent_twice(run, manage, small_bundle):
    manage.faults.add(Fault(writes_only=True, nth=1, mode="reset"))
    assert run(root=small_bundle) == 1
    assert [c.status for c in manage.writes()] == ["reset"]
    assert "0 written and verified, 1 failed, 5 not attempted" in run.text
    assert manage.connections == 2  # the read-back after the lost write


def test_a_connection_the_server_closed_while_idle_is_replaced(
    manage, tls, monkeypatch
):
    monkeypatch.setattr(StandinHandler, "timeout", 0.1)
    with ManageClient(manage.base_url, APIKEY, "MAXIMO_APIKEY", tls / "ca.pem") as c:
        assert c.find("mxscript", {"autoscript": "X"}) is None
        kept = c._connection.sock
        # The server's idle timeout closes its end: the client's socket turns readable.
        assert select.select([kept], [], [], 5)[0] == [kept]
        assert c.find("mxscript", {"autoscript": "X"}) is None
    assert [c.status for c in manage.calls] == [200, 200]
    assert manage.connections == 2
