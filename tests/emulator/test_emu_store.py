"""The Python-side user store API (``emu.users``), without HTTP."""

from __future__ import annotations

import pytest

from maxkit.emulator import MasError, UserStore


def test_store_basics(make_user):
    store = UserStore()
    assert store.upsert(make_user("u1", "a@x.com")) == (201, store.get("u1"))
    status, view = store.upsert({"id": "u1", "title": "T"})
    assert status == 200 and view["title"] == "T" and view["username"] == "u1"
    assert "u1" in store and len(store) == 1 and store.ids() == ["u1"]
    assert [u["id"] for u in store.all()] == ["u1"]
    # Copies out: editing the answer does not edit the store.
    view["title"] = "changed"
    assert store.get("u1")["title"] == "T"
    assert store.delete("u1") and not store.delete("u1")
    # The deleted user's email is free again.
    assert store.create(make_user("u2", "a@x.com"))["id"] == "u2"
    store.clear()
    assert len(store) == 0 and store.get("u2") is None and store.poll("u2") is None


def test_store_errors_carry_status_and_body(make_user):
    store = UserStore()
    with pytest.raises(MasError) as info:
        store.create({"id": "bad id"})
    assert info.value.status == 400
    assert info.value.body()["exception"]["properties"] == ["bad id", "id", "username"]
    store.create(make_user("u1"))
    with pytest.raises(MasError) as info:
        store.create(make_user("u1"))
    assert (info.value.status, info.value.error_id) == (409, "AIUI1002E")
    with pytest.raises(MasError) as info:
        store.patch("nobody", {})
    assert info.value.status == 404
    with pytest.raises(ValueError):
        UserStore(sync_polls=-1)


def test_store_allow_special_chars(make_user):
    store = UserStore(allow_special_chars=True)
    assert store.create(make_user("a b"))["id"] == "a b"


def test_head_and_options_are_recorded(client, emu):
    assert client.request("HEAD", "/v3/users/u1").status == 405
    assert client.request("OPTIONS", "/v3/users/u1").status == 405
    assert [r.method for r in emu.requests] == ["HEAD", "OPTIONS"]


def test_connection_cap(client_for):
    import http.client

    from maxkit.emulator import Emulator

    with Emulator(max_connections=1) as emu:
        held = http.client.HTTPConnection(emu.host, emu.port, timeout=5)
        held.request("GET", "/v3/users/a")
        held.getresponse().read()  # the one slot stays busy on keep-alive
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            client_for(emu).get("/v3/users/b")
        held.close()
