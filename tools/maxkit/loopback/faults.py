"""Armed failure rules, first live match wins, consumed shot by shot.

A rule says which requests it matches (``matches``, which may count what it
has seen) and whether firing used it up (``spend``). The queue keeps rules in
the order they were armed, so a test scripts a sequence by arming in turn.
"""

from __future__ import annotations

import threading
from typing import Generic, Protocol, TypeVar


class Rule(Protocol):
    def matches(self, *request) -> bool: ...

    def spend(self) -> bool: ...


R = TypeVar("R", bound=Rule)


class RuleQueue(Generic[R]):
    """The armed rules; shared by every handler thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[R] = []

    def add_rule(self, rule: R) -> R:
        with self._lock:
            self._rules.append(rule)
        return rule

    def take_rule(self, *request) -> R | None:
        """Fire the first rule matching ``request``; drop it once spent."""
        with self._lock:
            for i, rule in enumerate(self._rules):
                if rule.matches(*request):
                    if rule.spend():
                        del self._rules[i]
                    return rule
        return None

    def remove(self, rule: R) -> bool:
        with self._lock:
            try:
                self._rules.remove(rule)
                return True
            except ValueError:
                return False

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def pending(self) -> list[R]:
        with self._lock:
            return list(self._rules)

    def __len__(self) -> int:
        with self._lock:
            return len(self._rules)
