"""The listening server: TLS handshakes off the accept thread, bounded stop.

``ThreadingHTTPServer`` alone would (a) run TLS handshakes in the accept loop,
where one silent client stalls everyone, and (b) either join every handler on
close (a hung request then blocks stop forever) or abandon them.  This
subclass handshakes on the connection's own thread with a timeout, caps the
number of live connections, and on stop wakes every waiting handler, shuts
every socket and joins the threads for a bounded time.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import socketserver
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .recorder import Recorder

log = logging.getLogger(__name__)


def loopback_host(host: str) -> str:
    """``host`` as an IPv4 loopback address; anything else is refused."""
    if host == "localhost":
        return "127.0.0.1"
    address = ipaddress.ip_address(host)
    if address.version != 4 or not address.is_loopback:
        raise ValueError("a loopback server listens on IPv4 loopback only")
    return host


def server_context(
    cert_chain: str | os.PathLike,
    key: str | os.PathLike,
    client_ca: str | os.PathLike | None = None,
) -> ssl.SSLContext:
    """TLS 1.2 or later; with ``client_ca``, a client certificate it signed
    is required, as the MAS internal API requires one."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert_chain, key)
    if client_ca is not None:
        ctx.load_verify_locations(cafile=client_ca)
        ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


class LoopbackServer(ThreadingHTTPServer):
    """Serves ``handler`` for ``service`` (handlers reach it as ``self.service``)."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(
        self,
        handler: type[BaseHTTPRequestHandler],
        service: object,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
        recorder: Recorder | None = None,
        stopping: threading.Event | None = None,
        handshake_timeout: float = 5.0,
        max_connections: int = 256,
    ):
        self.service = service
        self.ssl_context = ssl_context
        self.recorder = recorder
        self.stopping = stopping if stopping is not None else threading.Event()
        self.handshake_timeout = handshake_timeout
        self.max_connections = max_connections
        self._lock = threading.Lock()
        self._conn_threads: set[threading.Thread] = set()
        self._live: set[socket.socket] = set()
        super().__init__((loopback_host(host), port), handler)
        if ssl_context is not None:
            self.socket = ssl_context.wrap_socket(
                self.socket, server_side=True, do_handshake_on_connect=False
            )

    def server_bind(self):
        # HTTPServer.server_bind resolves the host name (getfqdn), which can
        # stall on a machine with slow DNS; loopback needs no name.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request, client_address):
        with self._lock:
            if (
                len(self._conn_threads) >= self.max_connections
                or self.stopping.is_set()
            ):
                self.shutdown_request(request)
                return
            thread = threading.Thread(
                target=self.process_request_thread,
                args=(request, client_address),
                name=f"loopback-conn-{client_address[1]}",
                daemon=True,
            )
            self._conn_threads.add(thread)
        thread.start()

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._conn_threads.discard(threading.current_thread())

    def finish_request(self, request, client_address):
        with self._lock:
            self._live.add(request)
        try:
            if self.ssl_context is not None:
                request.settimeout(self.handshake_timeout)
                try:
                    request.do_handshake()
                except (ssl.SSLError, OSError) as exc:
                    log.debug("TLS handshake from %s failed: %s", client_address, exc)
                    if self.recorder is not None:
                        self.recorder.handshake_failed()
                    return
            if self.recorder is not None:
                self.recorder.connection_opened()
            self.RequestHandlerClass(request, client_address, self)
        finally:
            with self._lock:
                self._live.discard(request)

    def handle_error(self, request, client_address):
        # Clients vanishing mid-request is normal in fault tests; keep quiet.
        log.debug("error serving %s", client_address, exc_info=True)

    def _end_serve_loop(self, deadline: float) -> None:
        """``shutdown()`` only takes effect when the select loop wakes; a
        throw-away connection wakes it at once instead of after a poll tick."""
        closer = threading.Thread(target=self.shutdown, daemon=True)
        closer.start()
        while closer.is_alive() and time.monotonic() < deadline:
            try:
                host, port = str(self.server_address[0]), int(self.server_address[1])
                socket.create_connection((host, port), timeout=0.2).close()
            except OSError:
                pass
            closer.join(0.01)

    def stop(self, serving: bool, timeout: float = 5.0) -> bool:
        """Stop and wait at most ``timeout``; True if every handler ended."""
        deadline = time.monotonic() + timeout
        self.stopping.set()
        if serving:
            self._end_serve_loop(deadline)
        self.server_close()
        with self._lock:
            live, threads = list(self._live), list(self._conn_threads)
        for sock in live:
            try:
                # The plain-socket method: SSLSocket.shutdown would drop its
                # SSL object under a reader on another thread.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in threads)


class LoopbackService:
    """Start, stop and ``with`` for a :class:`LoopbackServer` on its own thread.

    A service says how its server is made (``make_server``); ``bind`` makes it
    early when the address must be known before serving starts.
    """

    thread_name = "loopback"

    def __init__(self) -> None:
        self._server: LoopbackServer | None = None
        self._thread: threading.Thread | None = None

    def make_server(self) -> LoopbackServer:
        raise NotImplementedError

    def bind(self) -> LoopbackServer:
        if self._server is None:
            self._server = self.make_server()
        return self._server

    def start(self):
        if self._thread is not None:
            raise RuntimeError("already started")
        server = self.bind()
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=self.thread_name,
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop serving; True if every connection ended within ``timeout``."""
        server, self._server = self._server, None
        thread, self._thread = self._thread, None
        if server is None:
            return True
        serving = thread is not None and thread.is_alive()
        clean = server.stop(serving, timeout)
        if thread is not None:
            thread.join(timeout)
        return clean

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("not started")
        return self._server.server_address[1]
