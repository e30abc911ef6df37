"""A small HTTPS client for Manage's JSON API: apikey header, TLS always verified.

``http.client`` with an ``ssl`` default context (certificate and host name
checked; ``--ca-bundle`` adds a private CA) keeps the code path short enough
to see that nothing turns verification off and nothing logs the key. Every
call gets an answer or raises: :class:`MaximoError` for a Maximo error,
:class:`TransportError` when no answer came (a write's outcome is unknown).
An ``href`` from the server is followed only on the host given by --url, so
the key is never sent anywhere else.

One deploy sends about a hundred calls: they share one keep-alive
connection (one TLS handshake, not one per call). A connection the server
dropped while idle is replaced before the next call; a read (GET) that
finds its reused connection dropped is sent once more on a new one. A write
is never sent twice: its outcome is unknown, and deploy reads it back.
"""

from __future__ import annotations

import http.client
import json
import select
import ssl
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from maxkit.deploy.errors import DeployError, MaximoError, TransportError
from maxkit.urls import excerpt, redact


class ManageClient:
    def __init__(
        self, url: str, apikey: str, apikey_env: str, ca_bundle=None, timeout=60.0
    ):
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise DeployError(
                f"--url {url!r}: deploy talks to Manage over https only;"
                " give https://HOST/maximo"
            )
        if ca_bundle is not None and not Path(ca_bundle).is_file():
            raise DeployError(
                f"--ca-bundle {ca_bundle}: no such file; give a PEM file of your CA"
            )
        try:
            self._context = ssl.create_default_context(
                cafile=str(ca_bundle) if ca_bundle else None
            )
        except ssl.SSLError as exc:
            raise DeployError(
                f"--ca-bundle {ca_bundle}: not a PEM CA file ({exc.reason})"
            ) from None
        self._host = parts.hostname
        self._port = parts.port or 443
        self._base = parts.path.rstrip("/") or "/maximo"
        self._apikey = apikey
        self._env = apikey_env
        self._timeout = timeout
        self._connection: http.client.HTTPSConnection | None = None
        self.url = f"https://{parts.netloc}{self._base}"

    def close(self) -> None:
        """Close the keep-alive connection (the next call opens a new one)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> "ManageClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _open(self) -> tuple[http.client.HTTPSConnection, bool]:
        """(connection, reused): the kept one unless the server dropped it."""
        if self._connection is not None and _dropped(self._connection):
            self.close()
        if self._connection is not None:
            return self._connection, True
        self._connection = http.client.HTTPSConnection(
            self._host, self._port, context=self._context, timeout=self._timeout
        )
        return self._connection, False

    def _exchange(self, method: str, path: str, data, headers: dict):
        """(status, headers, raw body) over the kept connection."""
        connection, reused = self._open()
        try:
            return _send(connection, method, path, data, headers)
        except ConnectionError:  # http.client.RemoteDisconnected among them
            self.close()
            if not (reused and method == "GET"):
                raise
        # The server closed the kept connection just as the read went out.
        connection, _ = self._open()
        return _send(connection, method, path, data, headers)

    def _redact(self, text: str) -> str:
        """Server text as it may go into an error: without the key, bounded
        (redacted first, so that a cut never splits a key it would mask)."""
        return excerpt(redact(text, [self._apikey]))

    def os_path(self, structure: str, query: dict | None = None) -> str:
        query = {"lean": "1", **(query or {})}
        return f"{self._base}/api/os/{structure.lower()}?" + urlencode(
            query, quote_via=quote
        )

    def href_path(self, href: str) -> str:
        """The path of a server href, checked to be on our server."""
        try:
            if not isinstance(href, str):
                raise TypeError(href)
            parts = urlsplit(href)
            port = parts.port
        except (TypeError, ValueError):
            raise DeployError(
                f"unexpected record link {self._redact(str(href))!r} from the server"
            ) from None
        if parts.hostname and (parts.hostname, port or 443) != (
            self._host,
            self._port,
        ):
            raise DeployError(
                f"the server returned a link to another host"
                f" ({self._redact(parts.hostname)});"
                " deploy does not send the API key there. Check Manage's public URL settings"
            )
        if not parts.path.startswith(self._base + "/api/os/"):
            raise DeployError(
                f"unexpected record link {self._redact(href)!r} from the server"
            )
        return parts.path + "?lean=1"

    def request(self, method: str, path: str, structure: str, body=None, headers=None):
        """(status, headers, json or None); raises on errors and lost answers."""
        call = f"{method} {path.split('?')[0]}"
        all_headers = {"apikey": self._apikey, "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        try:
            status, answer_headers, raw = self._exchange(
                method, path, data, all_headers
            )
        except ssl.SSLCertVerificationError as exc:
            self.close()
            raise DeployError(
                f"TLS: the certificate of {self._host} is not trusted"
                f" ({exc.verify_message}); if Manage uses a private CA, pass"
                " --ca-bundle FILE with that CA (verification cannot be turned off)"
            ) from None
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            raise TransportError(
                f"{call}: no answer from {self._host} ({type(exc).__name__}:"
                f" {self._redact(str(exc)) or 'connection closed'})"
            ) from None
        parsed = None
        if raw:
            try:
                parsed = json.loads(raw)
            except ValueError:
                raise DeployError(
                    f"{call}: HTTP {status}, the answer is not JSON (a login page?);"
                    " check that --url ends with /maximo and the API key is accepted"
                ) from None
        if status >= 400:
            error = parsed.get("Error") if isinstance(parsed, dict) else None
            error = error if isinstance(error, dict) else {}
            raise MaximoError(
                status,
                self._redact(str(error.get("reasonCode", ""))),
                self._redact(str(error.get("message", ""))),
                call,
                structure,
                self._env,
            )
        return status, answer_headers, parsed

    def find(self, structure: str, key: dict, select: str = "*") -> dict | None:
        members = self.find_all(structure, key, select)
        if len(members) > 1:
            raise DeployError(
                f"{structure} has {len(members)} records for {key}; expected one"
            )
        return members[0] if members else None

    def find_all(self, structure: str, where: dict, select: str = "*") -> list[dict]:
        """Every record matching ``where`` (a read only: deploy writes records
        it finds by their whole key)."""
        text = " and ".join(f'{k}="{v}"' for k, v in where.items())
        path = self.os_path(structure, {"oslc.select": select, "oslc.where": text})
        _, _, answer = self.request("GET", path, structure)
        members = answer.get("member", []) if isinstance(answer, dict) else None
        if not isinstance(members, list) or not all(
            isinstance(m, dict) for m in members
        ):
            raise DeployError(
                f"GET {structure}: the answer is not a Maximo collection"
                ' ({"member": [...]}); check that --url ends with /maximo'
            )
        return members

    def get(self, structure: str, href: str) -> dict:
        _, _, answer = self.request("GET", self.href_path(href), structure)
        return answer or {}

    def create(self, structure: str, body: dict) -> str | None:
        _, headers, _ = self.request("POST", self.os_path(structure), structure, body)
        return {k.lower(): v for k, v in headers.items()}.get("location")

    def update(self, structure: str, href: str, body: dict) -> None:
        self.request(
            "POST",
            self.href_path(href),
            structure,
            body,
            {"x-method-override": "PATCH", "patchtype": "MERGE"},
        )

    def delete(self, structure: str, href: str) -> None:
        """DELETE of one record (its href); Maximo removes its children with it."""
        self.request("DELETE", self.href_path(href), structure)


def _send(connection, method: str, path: str, data, headers: dict):
    connection.request(method, path, body=data, headers=headers)
    answer = connection.getresponse()
    return answer.status, dict(answer.getheaders()), answer.read()


def _dropped(connection) -> bool:
    """Whether an idle kept connection can no longer carry a call: its socket
    is readable when nothing was asked, so the server closed it (or sent
    bytes no call asked for)."""
    sock = getattr(connection, "sock", None)
    if sock is None:
        return False  # http.client opens a socket on the next request
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)
