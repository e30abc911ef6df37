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

from dataclasses import dataclass
from pathlib import Path

from maxkit.bundle.records import SCRIPT_LOGGER_KEY
from maxkit.bundle.settings import DEFAULT_OBJECT_STRUCTURES
from maxkit.loopback import LoopbackServer, LoopbackService, Recorder, server_context

from .faults import Fault, Faults
from .handler import StandinHandler
from .store import STRUCTURES, Store, StoreError

__all__ = ["Call", "Fault", "ManageStandin", "STRUCTURES", "StoreError"]

STOCK = Path(__file__).resolve().parent / "stock"


def stock_records() -> list[tuple[str, dict]]:
    """(kind, record): what any Manage already has that the bundle hangs on.

    Maximo's automation script logger, the parent of each script's logger
    ([V] IBM "Automation scripts loggers"; its key as in records.py), and
    the People application's presentation: a small export-shaped PERSON.xml
    written for the stand-in (a main tab, another dialog), not IBM's."""
    return [
        (
            "logger",
            {
                "logger": "autoscript",
                "logkey": SCRIPT_LOGGER_KEY,
                "loglevel": "ERROR",
                "active": True,
                "internal": False,
                "maxloggerid": 41,
            },
        ),
        (
            "presentation",
            {
                "app": "PERSON",
                "presentation": (STOCK / "PERSON.xml").read_text(encoding="utf-8"),
            },
        ),
    ]


@dataclass
class Call:
    method: str
    path: str
    write: bool
    status: object = None


class ManageStandin(LoopbackService):
    thread_name = "manage-standin"

    def __init__(
        self, cert_pem=None, key_pem=None, apikeys=("standin-key",), stock=True
    ):
        super().__init__()
        self.store = Store()
        for kind, record in stock_records() if stock else ():
            self.store.put(DEFAULT_OBJECT_STRUCTURES[kind].lower(), record)
        self.faults = Faults()
        self.apikeys = set(apikeys)
        self.recorder: Recorder[Call] = Recorder()
        self.tls = cert_pem is not None
        self._ssl_context = server_context(cert_pem, key_pem) if self.tls else None
        scheme = "https" if self.tls else "http"
        self.base_url = f"{scheme}://127.0.0.1:{self.bind().server_address[1]}/maximo"

    def make_server(self) -> LoopbackServer:
        return LoopbackServer(
            StandinHandler,
            self,
            ssl_context=self._ssl_context,
            recorder=self.recorder,
        )

    def start(self) -> "ManageStandin":
        return super().start()

    def __enter__(self) -> "ManageStandin":
        return self.start()

    @property
    def calls(self) -> list[Call]:
        return list(self.recorder)

    def record_call(self, method: str, path: str, write: bool) -> Call:
        return self.recorder.add(Call(method, path, write))

    @property
    def connections(self) -> int:
        """The connections the server accepted (each one a TLS handshake)
        since the last :meth:`reset_calls`."""
        return self.recorder.connections

    def writes(self) -> list[Call]:
        return self.recorder.select(lambda c: c.write)

    def reset_calls(self) -> None:
        self.recorder.clear()
