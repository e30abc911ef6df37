"""What the emulator saw: every request, and counters for benchmarks.

Tests assert on the requests (``emu.requests.find(method="POST")``);
benchmarks read the counters (plain totals).  Bounded like every
loopback recorder, so a long benchmark cannot grow memory without limit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from maxkit.loopback import Recorder


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    query: dict
    headers: dict  # lower-cased names
    body: Any  # parsed JSON, else text, else None
    status: int | None  # None when no answer was sent (reset, hang)
    outcome: str  # "answered", "reset" or "hang"
    route: str  # template such as "GET /v3/users/{id}", or "unrouted"
    fault: str | None
    client_subject: str | None
    started: float
    duration: float


@dataclass
class Counters:
    """A snapshot; mutate freely, it is a copy."""

    requests: int = 0
    by_status: dict = field(default_factory=dict)
    by_route: dict = field(default_factory=dict)
    faults: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)
    tls_handshake_failures: int = 0
    connections: int = 0


class RequestLog(Recorder[RequestRecord]):
    """The emulator's requests, counted by status, route, fault and outcome."""

    def __init__(self, max_records: int = 100_000):
        super().__init__(max_records)
        self._status: Counter = Counter()
        self._route: Counter = Counter()
        self._faults: Counter = Counter()
        self._outcomes: Counter = Counter()

    def _count(self, record: RequestRecord) -> None:
        if record.status is not None:
            self._status[record.status] += 1
        self._route[record.route] += 1
        self._outcomes[record.outcome] += 1
        if record.fault:
            self._faults[record.fault] += 1

    def _forget(self) -> None:
        self._status.clear()
        self._route.clear()
        self._faults.clear()
        self._outcomes.clear()

    def counters(self) -> Counters:
        with self._lock:
            return Counters(
                requests=self._requests,
                by_status=dict(self._status),
                by_route=dict(self._route),
                faults=dict(self._faults),
                outcomes=dict(self._outcomes),
                tls_handshake_failures=self._handshake_failures,
                connections=self._connections,
            )

    def find(
        self, method: str | None = None, path: str | None = None
    ) -> list[RequestRecord]:
        return self.select(
            lambda r: (method is None or r.method == method.upper())
            and (path is None or r.path == path)
        )
