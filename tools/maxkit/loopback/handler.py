"""HTTP glue both services share: body in, answer out, reset, quiet logs.

HTTP/1.1 (keep-alive) unless a service sets ``protocol_version``; every
answer carries Content-Length so a kept-alive client knows where it ends.
"""

from __future__ import annotations

import logging
import socket
import struct
from http.server import BaseHTTPRequestHandler

log = logging.getLogger(__name__)


class BodyError(Exception):
    """A request body that cannot be read: bad framing or over the limit."""

    def __init__(self, status: int, problem: str):
        super().__init__(problem)
        self.status, self.problem = status, problem


class LoopbackHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    @property
    def service(self):
        """What the server serves for (the emulator's context, the stand-in)."""
        return self.server.service  # type: ignore[attr-defined]

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        log.debug("%s %s", self.address_string(), format % args)

    # -- reading -----------------------------------------------------------

    def read_body(self, limit: int) -> bytes:
        """The request body, chunked or by Content-Length, at most ``limit``."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked(limit)
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            size = int(length)
        except ValueError:
            raise BodyError(400, "bad Content-Length") from None
        if size < 0:
            raise BodyError(400, "bad Content-Length")
        if size > limit:
            raise BodyError(413, "too large")
        return self.rfile.read(size)

    def _read_chunked(self, limit: int) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                raise BodyError(400, "bad chunk size") from None
            if size == 0:
                # Trailers end with an empty line; bounded like the chunks.
                for _ in range(100):
                    if self.rfile.readline(1024) in (b"\r\n", b"\n", b""):
                        break
                return b"".join(chunks)
            total += size
            if total > limit:
                raise BodyError(413, "too large")
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    # -- answering ---------------------------------------------------------

    def send_head(self, status: int, length: int, content_type: str, headers: dict):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        for name, value in headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def send_answer(
        self, status: int, data: bytes, content_type: str, headers: dict | None = None
    ) -> None:
        self.send_head(status, len(data), content_type, headers or {})
        if self.command != "HEAD":
            self.wfile.write(data)

    def reset(self) -> None:
        """Abort with RST: linger 0 makes close() discard and reset, no FIN."""
        self.close_connection = True
        try:
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            self.connection.close()
        except OSError:
            pass
