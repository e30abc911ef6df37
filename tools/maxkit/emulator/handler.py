"""HTTP glue: read a request, apply any armed fault, route it, record it.

One handler instance serves one connection (keep-alive: HTTP/1.1), on its own
thread.  Every wait in here is on the server's ``stopping`` event rather than
``time.sleep`` so that latency and hang faults end the moment the emulator
stops.
"""

from __future__ import annotations

import json
import logging
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from maxkit.loopback import BodyError, LoopbackHandler

from . import errors
from .errors import error_body
from .faults import (
    Drip,
    FaultQueue,
    Hang,
    Latency,
    Malformed,
    PartialBulk,
    Reset,
    Status,
)
from .recorder import RequestLog, RequestRecord
from .routes import BAD_JSON, NO_BODY, Reply, Request, Router

log = logging.getLogger(__name__)

_SHORT_NAMES = {
    "commonName": "CN",
    "organizationName": "O",
    "organizationalUnitName": "OU",
    "countryName": "C",
    "localityName": "L",
    "stateOrProvinceName": "ST",
}


@dataclass
class ServiceContext:
    """What every handler thread shares; ``latency`` may change while running."""

    router: Router
    faults: FaultQueue
    log: RequestLog
    latency: float = 0.0
    max_body: int = 16 * 1024 * 1024
    idle_timeout: float = 30.0
    stopping: threading.Event = field(default_factory=threading.Event)


def _body_refused(exc: BodyError, limit: int) -> Reply:
    if exc.status == 413:
        return Reply(413, error_body(errors.BODY_TOO_LARGE, [limit]))
    return Reply(exc.status, error_body(errors.BAD_BODY, [exc.problem]))


def subject_of(sock: socket.socket) -> str | None:
    """RFC 4514-like subject of the verified client certificate, if any."""
    if not isinstance(sock, ssl.SSLSocket):
        return None
    try:
        cert = sock.getpeercert()
    except (ValueError, OSError):
        return None
    if not cert:
        return None
    subject: Any = cert.get("subject", ())
    parts = [f"{_SHORT_NAMES.get(k, k)}={v}" for rdn in subject for k, v in rdn]
    return ",".join(reversed(parts))


def _parse_json(raw: bytes):
    if not raw:
        return NO_BODY
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return BAD_JSON


def _recordable(raw: bytes, parsed):
    if parsed is NO_BODY:
        return None
    if parsed is BAD_JSON:
        return raw.decode("utf-8", "replace")
    return parsed


class EmulatorHandler(LoopbackHandler):
    server_version = "maxkit-mas-emulator/1.0"

    def setup(self) -> None:
        self.ctx: ServiceContext = self.service
        self.timeout = self.ctx.idle_timeout  # type: ignore[misc]
        super().setup()
        self.client_subject = subject_of(self.connection)

    def do_GET(self):
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def _send(
        self,
        status: int,
        data: bytes,
        content_type: str,
        headers: dict,
        drip: float | None = None,
    ) -> None:
        if drip is None:
            self.send_answer(status, data, content_type, headers)
            return
        self.send_head(status, len(data), content_type, headers)
        if self.command == "HEAD":
            return
        for index in range(len(data)):
            if self.ctx.stopping.wait(drip):
                return
            self.wfile.write(data[index : index + 1])
            self.wfile.flush()

    def _send_reply(self, reply: Reply, drip: float | None = None) -> None:
        data = b"" if reply.payload is None else json.dumps(reply.payload).encode()
        self._send(reply.status, data, "application/json", reply.headers, drip)

    # -- the request -------------------------------------------------------

    def _serve(self) -> None:
        ctx = self.ctx
        self._started, self._wall = time.monotonic(), time.time()
        split = urlsplit(self.path)
        path, query = split.path, dict(parse_qsl(split.query, keep_blank_values=True))
        method = self.command
        self._req = (method, path, query, ctx.router.route_name(method, path))
        self._raw, self._parsed, self._fault = b"", NO_BODY, None
        try:
            self._raw = self.read_body(ctx.max_body)
        except BodyError as exc:
            self.close_connection = True
            self._answer(_body_refused(exc, ctx.max_body))
            return
        except OSError:
            self.close_connection = True
            return
        self._parsed = _parse_json(self._raw)
        ctx.log.arrived()
        if ctx.latency > 0:
            ctx.stopping.wait(ctx.latency)
        fault = ctx.faults.take(method, path)
        self._fault = fault.name if fault is not None else None
        if isinstance(fault, Latency):
            ctx.stopping.wait(fault.seconds)
            fault = None
        if isinstance(fault, Status):
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
            error_id = fault.error_id or errors.status_error_id(fault.code)
            body = error_body(error_id, [method, path], fault.message)
            self._answer(Reply(fault.code, body, headers))
        elif isinstance(fault, Reset):
            self._record(None, "reset")
            self.reset()
        elif isinstance(fault, Hang):
            self.close_connection = True
            ctx.stopping.wait(fault.seconds)
            self._record(None, "hang")
        elif isinstance(fault, Malformed):
            self._record(200)
            self._write(lambda: self._send(200, fault.body, fault.content_type, {}))
        elif isinstance(fault, Drip):
            reply = self._route(Request(method, path, query, self._parsed, None))
            self._record(reply.status, "drip")
            self.close_connection = True
            self._write(lambda: self._send_reply(reply, drip=fault.interval))
        else:
            partial = fault if isinstance(fault, PartialBulk) else None
            req = Request(method, path, query, self._parsed, partial)
            self._answer(self._route(req))

    def _route(self, req: Request) -> Reply:
        try:
            return self.ctx.router.handle(req)
        except Exception as exc:  # an emulator bug must not kill the client
            log.exception("route failed")
            return Reply(500, error_body(errors.INTERNAL, [repr(exc)]))

    def _answer(self, reply: Reply) -> None:
        self._record(reply.status)
        self._write(lambda: self._send_reply(reply))

    def _write(self, send) -> None:
        try:
            send()
        except OSError:
            # The client went away mid-answer; nothing left to tell it.
            self.close_connection = True

    def _record(self, status: int | None, outcome: str = "answered") -> None:
        """Record before the client can see the outcome, so a test that has
        its answer can rely on the record being there."""
        method, path, query, route = self._req
        self.ctx.log.add(
            RequestRecord(
                method=method,
                path=path,
                query=query,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=_recordable(self._raw, self._parsed),
                status=status,
                outcome=outcome,
                route=route,
                fault=self._fault,
                client_subject=self.client_subject,
                started=self._wall,
                duration=time.monotonic() - self._started,
            )
        )
