"""MAS internal API emulator: a loopback HTTP(S) server for tests and benchmarks.

A real MAS is slow to get, shared and cannot be made to fail on cue; this
stands in for its internal API so clients can be tested over real sockets,
mutual TLS included::

    with Emulator(tls=True) as emu:
        emu.faults.add(Status(429, retry_after=2), path="/v2/bulk/users/upsert")
        ...  # point the client at emu.base_url with emu.ca_pem / emu.client_pem
        assert emu.requests.last().status == 200
        assert emu.users.get("jane")["entitlement"]["application"] == "BASE"

See ``routes`` for the emulated routes, ``faults`` for injectable faults,
``rules`` for the user rules and ``errors`` for which MAS error ids are
published and which are emulator-chosen.  Run standalone with
``python -m maxkit.emulator [--tls] [--port N] [--latency-ms N]``.
"""

from .emulator import Emulator
from .errors import MasError
from .faults import (
    FAULT_NAMES,
    Drip,
    FaultQueue,
    FaultRule,
    Hang,
    Latency,
    Malformed,
    PartialBulk,
    Reset,
    Status,
)
from .recorder import Counters, RequestLog, RequestRecord
from .store import UserStore
from .tlsfiles import TlsFiles

__all__ = [
    "Emulator",
    "MasError",
    "FAULT_NAMES",
    "Drip",
    "FaultQueue",
    "FaultRule",
    "Hang",
    "Latency",
    "Malformed",
    "PartialBulk",
    "Reset",
    "Status",
    "Counters",
    "RequestLog",
    "RequestRecord",
    "UserStore",
    "TlsFiles",
]
