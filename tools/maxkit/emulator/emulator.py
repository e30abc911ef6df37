"""The one object tests and tools hold: start, inspect, inject, stop.

Runs the server on a background thread on an ephemeral loopback port, so many
emulators can run side by side (e.g. pytest-xdist).  ``stop`` is bounded: a
request caught in a hang fault is woken, not waited for.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from maxkit.loopback import LoopbackServer, LoopbackService, loopback_host

from .faults import FaultQueue
from .handler import EmulatorHandler, ServiceContext
from .recorder import Counters, RequestLog
from .routes import Router
from .store import UserStore
from .tlsfiles import TlsFiles, make_tls_files, remove_tls_files

DEFAULT_WORKSPACES = {"masdev": ("manage",)}


class Emulator(LoopbackService):
    """MAS internal API emulator; use as ``with Emulator(tls=True) as emu:``."""

    def __init__(
        self,
        *,
        tls: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float = 0.0,
        sync_polls: int = 1,
        workspaces: dict[str, tuple[str, ...]] | None = None,
        allow_special_chars: bool = False,
        tls_dir: str | Path | None = None,
        p12_password: str | None = None,
        max_records: int = 100_000,
        max_body: int = 16 * 1024 * 1024,
        max_connections: int = 256,
        handshake_timeout: float = 5.0,
        idle_timeout: float = 30.0,
    ):
        super().__init__()
        self.tls = tls
        self.host = loopback_host(host)
        self._port = port
        self.users = UserStore(
            sync_polls=sync_polls, allow_special_chars=allow_special_chars
        )
        self.faults = FaultQueue()
        self.requests = RequestLog(max_records)
        self.workspaces = dict(workspaces or DEFAULT_WORKSPACES)
        self._ctx = ServiceContext(
            router=Router(self.users, self.workspaces),
            faults=self.faults,
            log=self.requests,
            latency=latency,
            max_body=max_body,
            idle_timeout=idle_timeout,
        )
        self.latency = latency  # validated by the setter
        self._tls_dir = tls_dir
        self._p12_password = p12_password
        self._max_connections = max_connections
        self._handshake_timeout = handshake_timeout
        self.tls_files: TlsFiles | None = None
        self._ssl_context: ssl.SSLContext | None = None

    # -- life cycle --------------------------------------------------------

    thread_name = "mas-emulator"

    def make_server(self) -> LoopbackServer:
        return LoopbackServer(
            EmulatorHandler,
            self._ctx,
            host=self.host,
            port=self._port,
            ssl_context=self._ssl_context,
            recorder=self.requests,
            stopping=self._ctx.stopping,
            handshake_timeout=self._handshake_timeout,
            max_connections=self._max_connections,
        )

    def start(self) -> "Emulator":
        if self.running:
            raise RuntimeError("already started")
        if self.tls:
            self.tls_files = make_tls_files(self._tls_dir, self._p12_password)
            self._ssl_context = self.tls_files.server_context()
        try:
            return super().start()
        except BaseException:
            self._drop_tls_files()
            raise

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop serving; True if every connection ended within ``timeout``."""
        was_running = self.running
        clean = super().stop(timeout)
        if was_running:
            self._drop_tls_files()
        return clean

    def _drop_tls_files(self) -> None:
        # Keep files the caller asked for in a directory of their own.
        if self.tls_files is not None and self._tls_dir is None:
            remove_tls_files(self.tls_files)

    def __enter__(self) -> "Emulator":
        return self.start()

    # -- where and how to reach it -----------------------------------------

    @property
    def base_url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def _file(self, name: str):
        if self.tls_files is None:
            return None
        return getattr(self.tls_files, name)

    @property
    def ca_pem(self) -> Path | None:
        return self._file("ca_pem")

    @property
    def client_cert_pem(self) -> Path | None:
        return self._file("client_cert_pem")

    @property
    def client_key_pem(self) -> Path | None:
        return self._file("client_key_pem")

    @property
    def client_pem(self) -> Path | None:
        return self._file("client_pem")

    @property
    def client_p12(self) -> Path | None:
        return self._file("client_p12")

    @property
    def p12_password(self) -> str | None:
        return self._file("p12_password")

    def client_ssl_context(self, with_client_cert: bool = True) -> ssl.SSLContext:
        if self.tls_files is None:
            raise RuntimeError("TLS is off or the emulator is not started")
        return self.tls_files.client_context(with_client_cert)

    def describe(self) -> dict:
        """Everything a client needs, as JSON-able data (the CLI prints it)."""
        info = {"base_url": self.base_url, "tls": self.tls}
        if self.tls_files is not None:
            info.update(self.tls_files.as_dict())
        return info

    # -- knobs and readings ------------------------------------------------

    @property
    def latency(self) -> float:
        """Seconds added to every request (benchmarks); settable while running."""
        return self._ctx.latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        if not 0 <= seconds <= 60:
            raise ValueError("latency must be between 0 and 60 seconds")
        self._ctx.latency = float(seconds)

    @property
    def sync_polls(self) -> int:
        return self.users.sync_polls

    @sync_polls.setter
    def sync_polls(self, polls: int) -> None:
        if polls < 0:
            raise ValueError("sync_polls must be >= 0")
        self.users.sync_polls = polls

    @property
    def counters(self) -> Counters:
        return self.requests.counters()
