"""Per-call failure injection: make the n-th matching call fail, one way or another.

Three ways a call fails in real life, each with a different truth on the
server afterwards: ``error`` (Maximo answers with an error and rolls back),
``reset`` (the connection drops before the server did anything) and
``commit-then-reset`` (the server saved, then the answer was lost). A deploy
tool must tell these apart by reading back, not by guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

from maxkit.loopback import RuleQueue

MODES = ("error", "reset", "commit-then-reset")


@dataclass
class Fault:
    method: str | None = None
    structure: str | None = None
    writes_only: bool = False
    nth: int = 1
    mode: str = "error"
    status: int = 500
    reason: str = "SIM0500E"
    message: str = "SIM0500E - Failure injected by the test."
    seen: int = 0
    fired: bool = False

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")

    def matches(self, method: str, structure: str | None, write: bool) -> bool:
        if self.fired:
            return False
        if self.method and self.method != method:
            return False
        if self.structure and self.structure != structure:
            return False
        if self.writes_only and not write:
            return False
        self.seen += 1
        return self.seen == self.nth

    def spend(self) -> bool:
        self.fired = True
        return True


class Faults(RuleQueue[Fault]):
    def add(self, fault: Fault) -> Fault:
        return self.add_rule(fault)

    def take(self, method: str, structure: str | None, write: bool) -> Fault | None:
        return self.take_rule(method, structure, write)
