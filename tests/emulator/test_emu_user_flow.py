"""The per-user route sequence of python-devops ``MASUserUtils`` (MAS < 9.1)."""

from __future__ import annotations

import pytest

from maxkit.emulator import Emulator

WS = "masdev"


def test_full_flow_over_mtls(tls_client, tls_emu, make_user):
    c, uid = tls_client, "jane@corp.example"
    # get_or_create_user: GET 404, then POST 201 with the user back
    assert c.get(f"/v3/users/{uid}").status == 404
    ans = c.post("/v3/users", make_user(uid, uid), headers={"x-access-token": "t"})
    assert ans.status == 201 and ans.json["id"] == uid

    # link_user_to_local_idp: GET (no identities), PUT .../idps/local
    assert "identities" not in c.get(f"/v3/users/{uid}").json
    ans = c.put(f"/v3/users/{uid}/idps/local?emailPassword=true", {"idpUserId": uid})
    assert ans.status == 200 and ans.json["token"]
    assert c.get(f"/v3/users/{uid}").json["identities"] == {
        "_local": {"idpUserId": uid, "emailPassword": True}
    }

    # add_user_to_workspace: GET workspaces, PUT membership
    assert c.get(f"/v3/users/{uid}/workspaces").json == []
    body = {"permissions": {"workspaceAdmin": True}}
    assert c.put(f"/workspaces/{WS}/users/{uid}", body).status == 200
    assert c.get(f"/v3/users/{uid}/workspaces").json == [{"id": WS, **body}]

    # mas_workspace_application_ids and await_mas_application_availability
    assert c.get(f"/workspaces/{WS}/applications").json == [
        {"id": "manage", "ready": True, "available": True}
    ]
    app = c.get(f"/workspaces/{WS}/applications/manage").json
    assert app["ready"] and app["available"]

    # set_user_application_permission: GET 404, then PUT role
    path = f"/workspaces/{WS}/applications/manage/users/{uid}"
    assert c.get(path).status == 404
    assert c.put(path, {"role": "MANAGEUSER"}).status == 200
    assert c.get(path).json == {"role": "MANAGEUSER"}

    # check_user_sync: the default sync_polls=1 gives SUCCESS on the first poll
    user = c.get(f"/v3/users/{uid}").json
    assert user["applications"]["manage"]["sync"]["state"] == "SUCCESS"

    assert [r.route for r in tls_emu.requests][:2] == [
        "GET /v3/users/{id}",
        "POST /v3/users",
    ]
    assert tls_emu.requests[1].headers["x-access-token"] == "t"


def test_sync_turns_success_after_configured_polls(client_for, make_user):
    with Emulator(sync_polls=3) as emu:
        c = client_for(emu)
        c.post("/v3/users", make_user("u1"))
        c.put(f"/workspaces/{WS}/applications/manage/users/u1", {"role": "USER"})
        states = [
            c.get("/v3/users/u1").json["applications"]["manage"]["sync"]["state"]
            for _ in range(4)
        ]
        assert states == ["PENDING", "PENDING", "SUCCESS", "SUCCESS"]
        # A Python-side read is not a poll.
        assert emu.users.get("u1")["applications"]["manage"]["sync"]["state"] == (
            "SUCCESS"
        )


def test_error_state_then_resync_by_patch(client, emu, make_user):
    client.post("/v3/users", make_user("u1"))
    client.put(f"/workspaces/{WS}/applications/manage/users/u1", {"role": "USER"})
    emu.users.set_sync_state("u1", "manage", "ERROR")
    state = client.get("/v3/users/u1").json["applications"]["manage"]["sync"]
    assert state == {"state": "ERROR"}
    # resync_users: PATCH displayName with its current value
    ans = client.patch("/v3/users/u1", {"displayName": "User u1"})
    assert ans.status == 200
    state = client.get("/v3/users/u1").json["applications"]["manage"]["sync"]
    assert state == {"state": "SUCCESS"}


def test_sync_polls_zero_is_immediate(client, emu, make_user):
    emu.sync_polls = 0
    client.post("/v3/users", make_user("u1"))
    client.put(f"/workspaces/{WS}/applications/manage/users/u1", {"role": "USER"})
    assert emu.users.get("u1")["applications"]["manage"]["sync"]["state"] == "SUCCESS"


def test_create_existing_user_is_409_aiui1002e(client, make_user):
    assert client.post("/v3/users", make_user("u1")).status == 201
    ans = client.post("/v3/users", make_user("u1"))
    assert ans.status == 409
    assert ans.json["exception"] == {"id": "AIUI1002E", "properties": ["u1"]}
    assert ans.json["message"].startswith("AIUI1002E: ")


def test_put_replaces_and_patch_merges(client, emu, make_user):
    client.post("/v3/users", make_user("u1", title="Eng"))
    ans = client.put("/v3/users/u1", {"username": "u1", "displayName": "Only"})
    assert ans.status == 200
    assert ans.json == {"id": "u1", "username": "u1", "displayName": "Only"}
    ans = client.patch("/v3/users/u1", {"title": "Boss"})
    assert ans.json["title"] == "Boss" and ans.json["displayName"] == "Only"
    ans = client.patch("/v3/users/u1", {"givenName": "g" * 31})
    assert ans.status == 400
    assert "givenName" not in emu.users.get("u1")


def test_server_fields_in_bodies_are_ignored(client, emu, make_user):
    user = make_user("u1", identities={"_local": {}}, applications={"x": {}})
    client.post("/v3/users", user)
    stored = emu.users.get("u1")
    assert "identities" not in stored and "applications" not in stored


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "/v3/users/nobody", None),
        ("PUT", "/v3/users/nobody", {"username": "x"}),
        ("PATCH", "/v3/users/nobody", {"title": "x"}),
        ("PUT", "/v3/users/nobody/idps/local", {"idpUserId": "x"}),
        ("GET", "/v3/users/nobody/workspaces", None),
        ("PUT", f"/workspaces/{WS}/users/nobody", {"permissions": {}}),
        ("PUT", f"/workspaces/{WS}/applications/manage/users/nobody", {"role": "R"}),
    ],
)
def test_unknown_user_is_404(client, method, path, body):
    ans = client.request(method, path, body)
    assert ans.status == 404
    assert ans.json["exception"] == {"id": "AIUCO1004E", "properties": ["nobody"]}


@pytest.mark.parametrize(
    "path",
    [
        "/workspaces/other/applications",
        f"/workspaces/{WS}/applications/health",
        f"/workspaces/{WS}/applications/health/users/u1",
    ],
)
def test_unknown_workspace_or_application_is_404(client, path):
    ans = client.get(path)
    assert ans.status == 404
    assert ans.json["exception"]["id"] == "AIUCO1008E"


def test_unknown_route_and_method(client):
    ans = client.get("/v3/nothing")
    assert ans.status == 404 and ans.json["exception"]["id"] == "AIUCO1006E"
    ans = client.request("DELETE", "/v3/users/u1")
    assert ans.status == 405 and ans.json["exception"]["id"] == "AIUCO1007E"
    assert set(ans.headers["Allow"].split(", ")) == {"GET", "PUT", "PATCH"}


def test_role_needs_a_role(client, make_user):
    client.post("/v3/users", make_user("u1"))
    ans = client.put(f"/workspaces/{WS}/applications/manage/users/u1", {"x": 1})
    assert ans.status == 400


def test_configured_workspaces(client_for):
    with Emulator(workspaces={"ws1": ("manage", "monitor")}) as emu:
        ids = [
            a["id"] for a in client_for(emu).get("/workspaces/ws1/applications").json
        ]
        assert ids == ["manage", "monitor"]


def test_requests_library_with_pem_files(tls_emu, make_user):
    """Same call style as python-devops: ``cert=`` one PEM, ``verify=`` the CA."""
    requests = pytest.importorskip("requests")
    ans = requests.post(
        f"{tls_emu.base_url}/v3/users",
        json=make_user("u1"),
        cert=str(tls_emu.client_pem),
        verify=str(tls_emu.ca_pem),
        timeout=5,
    )
    assert ans.status_code == 201
    ans = requests.get(
        f"{tls_emu.base_url}/v3/users/u1",
        cert=(str(tls_emu.client_cert_pem), str(tls_emu.client_key_pem)),
        verify=str(tls_emu.ca_pem),
        timeout=5,
    )
    assert ans.json()["id"] == "u1"
