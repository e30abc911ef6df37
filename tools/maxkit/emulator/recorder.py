"""What the emulator saw: every request, and counters for benchmarks.

Tests assert on the requests (``emu.requests.find(method="POST")``);
benchmarks read the counters.  The log is a bounded deque so a long
benchmark cannot grow memory without limit; counters are plain totals.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Iterator


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


class RequestLog:
    """Thread-safe, bounded record of requests, oldest dropped first."""

    def __init__(self, max_records: int = 100_000):
        self._lock = threading.Lock()
        self._records: deque[RequestRecord] = deque(maxlen=max_records)
        self._requests = 0
        self._status: Counter = Counter()
        self._route: Counter = Counter()
        self._faults: Counter = Counter()
        self._outcomes: Counter = Counter()
        self._handshake_failures = 0
        self._connections = 0
        self._arrived = 0
        self._changed = threading.Condition(self._lock)

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)
            self._requests += 1
            if record.status is not None:
                self._status[record.status] += 1
            self._route[record.route] += 1
            self._outcomes[record.outcome] += 1
            if record.fault:
                self._faults[record.fault] += 1
            self._changed.notify_all()

    def arrived(self) -> None:
        """A request was read and is being served (it is recorded when done)."""
        with self._lock:
            self._arrived += 1
            self._changed.notify_all()

    def connection_opened(self) -> None:
        with self._lock:
            self._connections += 1

    def handshake_failed(self) -> None:
        with self._lock:
            self._handshake_failures += 1
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0, arrived: bool = False) -> bool:
        """Block until ``count`` requests are recorded (or, ``arrived=True``,
        have been read): lets a test act while a hang fault holds a request."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while (self._arrived if arrived else self._requests) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

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
        with self._lock:
            return [
                r
                for r in self._records
                if (method is None or r.method == method.upper())
                and (path is None or r.path == path)
            ]

    def last(self) -> RequestRecord | None:
        with self._lock:
            return self._records[-1] if self._records else None

    def clear(self) -> None:
        """Forget records and counters, e.g. between benchmark rounds."""
        with self._lock:
            self._records.clear()
            self._requests = 0
            self._status.clear()
            self._route.clear()
            self._faults.clear()
            self._outcomes.clear()
            self._handshake_failures = 0
            self._connections = 0
            self._arrived = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    def __iter__(self) -> Iterator[RequestRecord]:
        with self._lock:
            return iter(list(self._records))

    def __getitem__(self, index: int) -> RequestRecord:
        with self._lock:
            return self._records[index]
