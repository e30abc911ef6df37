"""POST /v2/bulk/users/upsert: envelopes, per-user results, bad bodies."""

from __future__ import annotations

import pytest

BULK = "/v2/bulk/users/upsert"


def test_bare_array_in_bare_array_out(client, emu, make_user):
    ans = client.post(BULK, [make_user("u1"), make_user("u2")])
    assert ans.status == 200
    assert ans.json == [{"id": "u1", "status": 201}, {"id": "u2", "status": 201}]
    assert sorted(emu.users.ids()) == ["u1", "u2"]


def test_wrapped_in_wrapped_out(client, make_user):
    ans = client.post(BULK, {"users": [make_user("u1")]})
    assert ans.status == 200
    assert ans.json == {"users": [{"id": "u1", "status": 201}]}


def test_empty_list_is_fine(client):
    assert client.post(BULK, []).json == []
    assert client.post(BULK, {"users": []}).json == {"users": []}


def test_get_after_upsert(client, make_user):
    user = make_user("jane@corp.example", "jane@corp.example")
    client.post(BULK, [user])
    ans = client.get("/v3/users/jane@corp.example")
    assert ans.status == 200
    assert ans.json == user


def test_update_replaces_only_given_fields(client, emu, make_user):
    client.post(BULK, [make_user("u1", title="Engineer")])
    ans = client.post(BULK, [{"id": "u1", "displayName": "New Name"}])
    assert ans.json == [{"id": "u1", "status": 200}]
    stored = emu.users.get("u1")
    assert stored["displayName"] == "New Name"
    assert stored["title"] == "Engineer"
    assert stored["username"] == "u1"


def test_mixed_results_and_per_user_errors(client, emu, make_user):
    client.post(BULK, [make_user("owner", "taken@x.com")])
    ans = client.post(
        BULK,
        [
            make_user("ok1"),
            make_user("bad", givenName="g" * 31),
            make_user("clash", "taken@x.com"),
            {"username": "noid"},
            make_user("owner", "taken@x.com", title="again"),
        ],
    )
    assert ans.status == 200
    res = ans.json
    assert res[0] == {"id": "ok1", "status": 201}
    assert res[1]["id"] == "bad" and res[1]["status"] == 400
    assert res[1]["exception"] == {
        "id": "AIUCO1001E",
        "properties": ["bad", "givenName"],
    }
    assert res[1]["message"].startswith("AIUCO1001E")
    assert res[2]["status"] == 409
    assert res[2]["exception"] == {"id": "AIUCO1005E", "properties": ["clash"]}
    assert res[3]["id"] is None and res[3]["status"] == 400
    assert res[4] == {"id": "owner", "status": 200}
    assert sorted(emu.users.ids()) == ["ok1", "owner"]


def test_invalid_update_keeps_old_record(client, emu, make_user):
    client.post(BULK, [make_user("u1")])
    ans = client.post(BULK, [{"id": "u1", "familyName": "f" * 51}])
    assert ans.json[0]["status"] == 400
    assert emu.users.get("u1")["familyName"] == "Family"


def test_email_can_move_after_owner_changes_it(client, make_user):
    client.post(BULK, [make_user("u1", "a@x.com")])
    assert client.post(BULK, [make_user("u2", "a@x.com")]).json[0]["status"] == 409
    client.post(BULK, [make_user("u1", "b@x.com")])
    assert client.post(BULK, [make_user("u2", "a@x.com")]).json[0]["status"] == 201


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"",
        b'{"user": []}',
        b'{"users": {"id": "u1"}}',
        b'["u1"]',
        b"[1, 2]",
        b'"text"',
        b'[{"id": "u1", "username": "u1"}, null]',
    ],
)
def test_bad_body_is_400(client, emu, raw):
    ans = client.post(BULK, raw=raw, headers={"Content-Type": "application/json"})
    assert ans.status == 400
    assert ans.json["exception"]["id"] == "AIUCO1003E"
    assert len(emu.users) == 0


def test_chunked_body_is_read(emu, make_user):
    import http.client
    import json

    conn = http.client.HTTPConnection(emu.host, emu.port, timeout=5)
    data = json.dumps([make_user("u1")]).encode()
    conn.request("POST", BULK, body=iter([data[:10], data[10:]]))
    resp = conn.getresponse()
    assert resp.status == 200
    assert json.loads(resp.read()) == [{"id": "u1", "status": 201}]
    conn.close()


def test_too_large_body_is_413(make_user, client_for):
    from maxkit.emulator import Emulator

    with Emulator(max_body=100) as small:
        ans = client_for(small).post(BULK, [make_user("u1")])
        assert ans.status == 413
        assert ans.json["exception"]["id"] == "AIUCO1013E"
