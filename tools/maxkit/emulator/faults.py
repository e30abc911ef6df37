"""Faults injected on demand, one request at a time.

A test arms a rule (``faults.add(Status(503), path="/v3/users/*", times=2)``)
and the next matching requests misbehave; everything else is served normally.
Rules are kept in arrival order and the first live match wins, so a test can
script a sequence (e.g. 429, then 503, then success) by adding rules in turn.

Fault names (``Fault.name``): ``latency``, ``status``, ``reset``, ``hang``,
``drip``, ``malformed``, ``partial_bulk``.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

from maxkit.loopback import RuleQueue

BULK_PATH = "/v2/bulk/users/upsert"


@dataclass(frozen=True)
class Latency:
    """Delay the answer, then serve normally: slow networks, slow MAS."""

    seconds: float
    name = "latency"

    def __post_init__(self):
        if not 0 <= self.seconds <= 3600:
            raise ValueError("latency must be between 0 and 3600 seconds")


@dataclass(frozen=True)
class Status:
    """Answer an HTTP error with a MAS-shaped body instead of serving."""

    code: int
    retry_after: int | None = None
    error_id: str | None = None
    message: str | None = None
    name = "status"

    def __post_init__(self):
        if not 400 <= self.code <= 599:
            raise ValueError("status faults must be 4xx or 5xx")
        if self.code == 429 and self.retry_after is None:
            # Clients are meant to honour Retry-After; always give them one.
            object.__setattr__(self, "retry_after", 1)


@dataclass(frozen=True)
class Reset:
    """Drop the connection with an RST and no answer, as a crashed pod does."""

    name = "reset"


@dataclass(frozen=True)
class Hang:
    """Read the request and never answer: for client read timeouts.

    The connection closes without an answer after ``seconds`` or when the
    emulator stops, whichever comes first (``None``: only at stop).
    """

    seconds: float | None = None
    name = "hang"


@dataclass(frozen=True)
class Drip:
    """Serve normally, but send the answer one byte every ``interval`` seconds.

    Each read gets a byte before any read timeout fires, so only a deadline
    over the whole call bounds the client. The emulator stopping ends it.
    """

    interval: float = 0.3
    name = "drip"

    def __post_init__(self):
        if not 0 < self.interval <= 60:
            raise ValueError("drip interval must be above 0 and at most 60 seconds")


@dataclass(frozen=True)
class Malformed:
    """Answer 200 with a body that is not JSON: for parser robustness."""

    body: bytes = b'{"users": [ this is not JSON'
    content_type: str = "application/json"
    name = "malformed"


@dataclass(frozen=True)
class PartialBulk:
    """Fail the named users of a bulk upsert; the others are served normally."""

    user_ids: frozenset = field(default_factory=frozenset)
    error_id: str = "AIUCO1010E"
    status: int = 400
    message: str | None = None
    name = "partial_bulk"

    def __post_init__(self):
        object.__setattr__(self, "user_ids", frozenset(self.user_ids))


Fault = Latency | Status | Reset | Hang | Drip | Malformed | PartialBulk
FAULT_NAMES = (
    "latency",
    "status",
    "reset",
    "hang",
    "drip",
    "malformed",
    "partial_bulk",
)


@dataclass(eq=False)
class FaultRule:
    fault: Fault
    path: str | None = None
    method: str | None = None
    remaining: int | None = 1  # None: until removed
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method.upper():
            return False
        if isinstance(self.fault, PartialBulk):
            # Only a bulk upsert has users to fail.
            if method.upper() != "POST" or path != BULK_PATH:
                return False
        if self.path is None:
            return True
        return path == self.path or fnmatch.fnmatchcase(path, self.path)

    def spend(self) -> bool:
        self.fired += 1
        if self.remaining is not None:
            self.remaining -= 1
        return self.remaining == 0


class FaultQueue(RuleQueue[FaultRule]):
    """The armed rules; shared by every handler thread."""

    def add(
        self,
        fault: Fault,
        path: str | None = None,
        method: str | None = None,
        times: int | None = 1,
    ) -> FaultRule:
        """Arm ``fault`` for the next ``times`` matching requests (None: all).

        ``path`` is an exact request path (no query) or an ``fnmatch`` pattern
        such as ``/v3/users/*``; ``method`` is case-insensitive.
        """
        if not isinstance(
            fault, (Latency, Status, Reset, Hang, Drip, Malformed, PartialBulk)
        ):
            raise TypeError(f"not a fault: {fault!r}")
        if times is not None and times < 1:
            raise ValueError("times must be >= 1 or None")
        rule = FaultRule(fault, path, method.upper() if method else None, times)
        return self.add_rule(rule)

    def take(self, method: str, path: str) -> Fault | None:
        """Consume one shot of the first matching rule."""
        rule = self.take_rule(method, path)
        return rule.fault if rule is not None else None
