"""Fixtures: emulators on loopback and a tiny HTTP client that keeps raw access.

``http.client`` is used instead of ``requests`` so that tests see exactly what
went over the wire (status, headers, undecoded body) and can hit faults such
as resets without a retrying adapter in between.
"""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any

import pytest

from maxkit.emulator import Emulator

_NOTHING = object()


@dataclass
class Answer:
    status: int
    headers: dict
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw)


class Client:
    """One request per connection unless ``keep`` is used, to isolate tests."""

    def __init__(self, emu: Emulator, with_client_cert: bool = True, timeout=5.0):
        self.emu = emu
        self.with_client_cert = with_client_cert
        self.timeout = timeout

    def connection(self, timeout: float | None = None) -> http.client.HTTPConnection:
        t = self.timeout if timeout is None else timeout
        if self.emu.tls:
            ctx = self.emu.client_ssl_context(self.with_client_cert)
            return http.client.HTTPSConnection(
                self.emu.host, self.emu.port, context=ctx, timeout=t
            )
        return http.client.HTTPConnection(self.emu.host, self.emu.port, timeout=t)

    def request(
        self,
        method: str,
        path: str,
        body: Any = _NOTHING,
        raw: bytes | None = None,
        headers: dict | None = None,
        timeout: float | None = None,
    ) -> Answer:
        conn = self.connection(timeout)
        try:
            hdrs = dict(headers or {})
            data = raw
            if body is not _NOTHING:
                data = json.dumps(body).encode()
                hdrs.setdefault("Content-Type", "application/json")
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            return Answer(resp.status, dict(resp.getheaders()), resp.read())
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=_NOTHING, **kw):
        return self.request("POST", path, body, **kw)

    def put(self, path, body=_NOTHING, **kw):
        return self.request("PUT", path, body, **kw)

    def patch(self, path, body=_NOTHING, **kw):
        return self.request("PATCH", path, body, **kw)


def _make_user(user_id: str, email: str | None = None, **fields) -> dict:
    """A valid v3 user in the shape python-devops sends."""
    user = {
        "id": user_id,
        "username": user_id,
        "owner": "local",
        "issuer": "local",
        "status": {"active": True},
        "displayName": f"User {user_id}",
        "givenName": "Given",
        "familyName": "Family",
        "emails": [
            {
                "value": email or f"{user_id}@example.com",
                "type": "Work",
                "primary": True,
            }
        ],
        "entitlement": {
            "application": "BASE",
            "admin": "NONE",
            "alwaysReserveLicense": True,
        },
    }
    user.update(fields)
    return user


@pytest.fixture
def make_user():
    """The user builder, as a fixture so test modules need no imports from here."""
    return _make_user


@pytest.fixture
def client_for():
    """Build a ``Client`` for an emulator a test made itself."""
    return Client


@pytest.fixture
def emu():
    with Emulator() as e:
        yield e


@pytest.fixture
def tls_emu():
    with Emulator(tls=True) as e:
        yield e


@pytest.fixture
def client(emu):
    return Client(emu)


@pytest.fixture
def tls_client(tls_emu):
    return Client(tls_emu)
