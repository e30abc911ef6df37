"""IBM's per-user flow: ``MASUserUtils`` of the ``mas-devops`` package (PyPI).

Run as published, per user ``create_initial_user_for_saas_pre_9_1`` (MAS <
9.1, a SECONDARY user: no Manage security group, hence no Manage API key):
get the user, create it, link the local identity provider, add it to the
workspace, wait for each application, set the application role, poll the sync
state. What is replaced, and only that:

- its Kubernetes look-ups: ``DynamicClient`` becomes a stand-in whose Secret
  API answers the four secrets it reads (superuser credentials, internal CAs)
  from the emulator's files; no cluster is contacted;
- its base URLs: the cluster-internal DNS names (``coreapi.mas-<inst>-core.svc
  .cluster.local``) do not resolve off-cluster, so the Core API URL is the
  emulator's and the admin dashboard URL (superuser login, ``/logininitial``,
  once per run) is a small local stand-in that hands out a token.

When ``mas-devops`` cannot be imported, :func:`replay_flow` sends the same
request sequence itself (documented in notes/research-packaging.md §5), and the
report says so.
"""

from __future__ import annotations

import base64
import http.client
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import urlsplit

from maxkit.bench.flows import FlowResult

INSTANCE = "bench"
WORKSPACE = "masdev"
USER_TYPE = "SECONDARY"


def mas_devops_version() -> str | None:
    """The installed mas-devops version, or None when it cannot be imported."""
    try:
        import mas.devops.users  # noqa: F401
    except ImportError:
        return None
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mas-devops")
    except PackageNotFoundError:
        return "unknown"


class _LoginHandler(BaseHTTPRequestHandler):
    """``POST /logininitial`` of the admin dashboard: a token for anyone."""

    def do_POST(self):  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"token": "bench-superuser-token"}).encode()
        self.send_response(200 if self.path.startswith("/logininitial") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.logins += 1

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextmanager
def login_stand_in():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LoginHandler)
    server.logins = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _secret_data(emulator) -> dict[str, dict[str, str]]:
    def b64(text: str) -> str:
        return base64.b64encode(text.encode()).decode()

    ca = emulator.ca_pem.read_text() if emulator.ca_pem else "not-a-tls-emulator\n"
    return {
        f"{INSTANCE}-credentials-superuser": {
            "username": b64("bench-superuser"),
            "password": b64("bench-password"),
        },
        f"{INSTANCE}-admindashboard-cert-internal": {"ca.crt": b64(ca)},
        f"{INSTANCE}-coreapi-cert-internal": {"ca.crt": b64(ca)},
    }


class _Secrets:
    """``DynamicClient(...).resources.get(kind="Secret")``: answers from data."""

    def __init__(self, data):
        self._data = data
        self.reads = 0

    def get(self, name, namespace):
        self.reads += 1
        if name not in self._data:
            raise KeyError(f"secret {namespace}/{name} is not provided by the bench")
        return SimpleNamespace(data=dict(self._data[name]))


@contextmanager
def kubernetes_stand_in(secrets: _Secrets):
    """Replace mas-devops' DynamicClient (and only it) for the duration."""
    import mas.devops.users as users

    class DynamicClient:
        def __init__(self, client):
            self.resources = SimpleNamespace(get=self._get)

        @staticmethod
        def _get(api_version, kind):
            if (api_version, kind) != ("v1", "Secret"):
                raise KeyError(f"{api_version}/{kind} is not provided by the bench")
            return secrets

    original = users.DynamicClient
    users.DynamicClient = DynamicClient
    try:
        yield
    finally:
        users.DynamicClient = original


def _given_family(person):
    return person["FIRSTNAME"], person["LASTNAME"]


def mas_devops_flow(emulator, persons: list[dict], version: str) -> FlowResult:
    from mas.devops.users import MASUserUtils

    secrets = _Secrets(_secret_data(emulator))
    failed = 0
    with login_stand_in() as login, kubernetes_stand_in(secrets):
        utils = MASUserUtils(INSTANCE, WORKSPACE, object(), mas_version="9.0")
        utils.mas_api_url_internal = emulator.base_url
        utils.mas_admin_url_internal = f"http://127.0.0.1:{login.server_port}"
        started = time.perf_counter()
        for person in persons:
            given, family = _given_family(person)
            try:
                utils.create_initial_user_for_saas_pre_9_1(
                    person["PRIMARYEMAIL"], given, family, person["PERSONID"], USER_TYPE
                )
            except Exception:  # noqa: BLE001 - counted, as its own batch entry does
                failed += 1
        seconds = time.perf_counter() - started
        logins = login.logins
    return FlowResult(
        f"IBM per-user (mas-devops {version} MASUserUtils, as published)",
        emulator.counters.requests + logins,
        seconds,
        len(emulator.users),
        len(persons),
        f"{failed} failed; {logins} superuser login(s) to the stand-in included;"
        f" {secrets.reads} Kubernetes secret read(s) answered by the stand-in",
    )


class _Client:
    """One request per connection, like ``requests.get`` without a session."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port

    def call(self, method, path, body=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            data = None if body is None else json.dumps(body).encode()
            headers = {"x-access-token": "bench-superuser-token"}
            if data is not None:
                headers["Content-Type"] = "application/json"
            conn.request(method, path, data, headers)
            response = conn.getresponse()
            text = response.read()
            return response.status, (json.loads(text) if text else None)
        finally:
            conn.close()


def replay_user(client: _Client, person: dict, apps: list[str]) -> None:
    """The request sequence of create_initial_user_for_saas_pre_9_1, replayed."""
    user_id = person["PERSONID"]
    given, family = _given_family(person)
    if client.call("GET", f"/v3/users/{user_id}")[0] == 404:
        user = {
            "id": user_id,
            "status": {"active": True},
            "username": user_id,
            "owner": "local",
            "emails": [
                {"value": person["PRIMARYEMAIL"], "type": "Work", "primary": True}
            ],
            "phoneNumbers": [],
            "addresses": [],
            "displayName": f"{given} {family}",
            "issuer": "local",
            "permissions": {
                "systemAdmin": False,
                "userAdmin": False,
                "apikeyAdmin": False,
            },
            "entitlement": {
                "application": "BASE",
                "admin": "NONE",
                "alwaysReserveLicense": True,
            },
            "givenName": given,
            "familyName": family,
        }
        client.call("POST", "/v3/users", user)
    status, user = client.call("GET", f"/v3/users/{user_id}")
    if "_local" not in (user or {}).get("identities", {}):
        client.call(
            "PUT",
            f"/v3/users/{user_id}/idps/local?emailPassword=True",
            {"idpUserId": user_id},
        )
    workspaces = client.call("GET", f"/v3/users/{user_id}/workspaces")[1] or []
    if not any(w.get("id") == WORKSPACE for w in workspaces):
        client.call(
            "PUT", f"/workspaces/{WORKSPACE}/users/{user_id}",
            {"permissions": {"workspaceAdmin": False}},
        )  # fmt: skip
    for app in apps:
        client.call("GET", f"/workspaces/{WORKSPACE}/applications/{app}")
        role_path = f"/workspaces/{WORKSPACE}/applications/{app}/users/{user_id}"
        if client.call("GET", role_path)[0] == 404:
            client.call(
                "PUT", role_path, {"role": "MANAGEUSER" if app == "manage" else "USER"}
            )
    for app in apps:
        while True:
            user = client.call("GET", f"/v3/users/{user_id}")[1] or {}
            state = (
                user.get("applications", {}).get(app, {}).get("sync", {}).get("state")
            )
            if state == "SUCCESS":
                break
            time.sleep(0.01)


def replay_flow(emulator, persons: list[dict], reason: str) -> FlowResult:
    client = _Client(emulator.base_url)
    started = time.perf_counter()
    apps = [
        a["id"] for a in client.call("GET", f"/workspaces/{WORKSPACE}/applications")[1]
    ]
    apps = [a for a in apps if a != "health"]
    for person in persons:
        replay_user(client, person, apps)
    seconds = time.perf_counter() - started
    return FlowResult(
        "IBM per-user (replay of MASUserUtils' request sequence)",
        emulator.counters.requests + 1,
        seconds,
        len(emulator.users),
        len(persons),
        f"mas-devops not run ({reason}); its documented sequence replayed, 1 superuser"
        " login counted",
    )
