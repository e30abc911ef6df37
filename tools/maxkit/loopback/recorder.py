"""What a loopback server saw: its requests, bounded, and its connections.

Tests assert on the records and wait for them; a long benchmark cannot grow
memory without limit because the oldest records are dropped first. A service
counts more per record by overriding ``_count`` and ``_forget``.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable, Generic, Iterator, TypeVar

T = TypeVar("T")


class Recorder(Generic[T]):
    """Thread-safe, bounded record of requests, oldest dropped first."""

    def __init__(self, max_records: int = 100_000):
        self._lock = threading.Lock()
        self._records: deque[T] = deque(maxlen=max_records)
        self._requests = 0
        self._arrived = 0
        self._handshake_failures = 0
        self._connections = 0
        self._changed = threading.Condition(self._lock)

    def _count(self, record: T) -> None:
        """Called under the lock for each record added."""

    def _forget(self) -> None:
        """Called under the lock by ``clear``."""

    def add(self, record: T) -> T:
        with self._lock:
            self._records.append(record)
            self._requests += 1
            self._count(record)
            self._changed.notify_all()
        return record

    def arrived(self) -> None:
        """A request was read and is being served (it is recorded when done)."""
        with self._lock:
            self._arrived += 1
            self._changed.notify_all()

    def connection_opened(self) -> None:
        with self._lock:
            self._connections += 1

    @property
    def connections(self) -> int:
        with self._lock:
            return self._connections

    def handshake_failed(self) -> None:
        with self._lock:
            self._handshake_failures += 1
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0, arrived: bool = False) -> bool:
        """Block until ``count`` requests are recorded (or, ``arrived=True``,
        have been read): lets a test act while a fault holds a request."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while (self._arrived if arrived else self._requests) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def select(self, keep: Callable[[T], bool]) -> list[T]:
        with self._lock:
            return [r for r in self._records if keep(r)]

    def last(self) -> T | None:
        with self._lock:
            return self._records[-1] if self._records else None

    def clear(self) -> None:
        """Forget records and counters, e.g. between benchmark rounds."""
        with self._lock:
            self._records.clear()
            self._requests = 0
            self._handshake_failures = 0
            self._connections = 0
            self._arrived = 0
            self._forget()

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    def __iter__(self) -> Iterator[T]:
        with self._lock:
            return iter(list(self._records))

    def __getitem__(self, index: int) -> T:
        with self._lock:
            return self._records[index]
