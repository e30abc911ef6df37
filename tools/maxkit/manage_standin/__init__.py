"""A Manage REST stand-in on loopback: real HTTPS, state, per-call failures.

Tests of ``invoke deploy`` run against it as they would against a Manage
server: over a socket, through TLS the client verifies, with an API key.
It keeps records per object structure, records every call (method, path,
status; never the key) and fails the calls a test asks it to fail.

    with ManageStandin(cert_pem, key_pem, apikeys={"secret"}) as manage:
        manage.faults.add(Fault(method="PATCH", structure="mxscript"))
        ... deploy to manage.base_url ...
        manage.writes()    # the write calls that reached it
        manage.connections # the connections it accepted (HTTP/1.1 keep-alive)
"""

from __future__ import annotations

import ssl
import threading
from dataclasses import dataclass
from http.server import ThreadingHTTPServer

from .faults import Fault, Faults
from .handler import StandinHandler
from .store import STRUCTURES, Store, StoreError

__all__ = ["Call", "Fault", "ManageStandin", "STRUCTURES", "StoreError"]


@dataclass
class Call:
    method: str
    path: str
    write: bool
    status: object = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def process_request(self, request, client_address):
        self.standin.count_connection()
        super().process_request(request, client_address)


class ManageStandin:
    def __init__(self, cert_pem=None, key_pem=None, apikeys=("standin-key",)):
        self.store = Store()
        self.faults = Faults()
        self.apikeys = set(apikeys)
        self.calls: list[Call] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), StandinHandler)
        self._server.standin = self
        self.tls = cert_pem is not None
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(cert_pem), str(key_pem))
            self._server.socket = context.wrap_socket(
                self._server.socket, server_side=True
            )
        self.port = self._server.server_address[1]
        scheme = "https" if self.tls else "http"
        self.base_url = f"{scheme}://127.0.0.1:{self.port}/maximo"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def start(self) -> "ManageStandin":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def record_call(self, method: str, path: str, write: bool) -> Call:
        call = Call(method, path, write)
        with self._lock:
            self.calls.append(call)
        return call

    def count_connection(self) -> None:
        with self._lock:
            self.connections += 1

    def writes(self) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.write]

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()
