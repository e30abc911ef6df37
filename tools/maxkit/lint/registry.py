"""Rules and checks: every rule has a code, every check a name.

A *rule* is one thing the lint asserts (``ML203``: a required scriptConfig field
is missing). A *check* is a function that runs a family of rules over a
:class:`~maxkit.lint.context.Context` and yields :class:`Finding` objects.
Modules register both at import time; the runner imports them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from maxkit.lint.context import Context


@dataclass(frozen=True)
class Rule:
    code: str
    family: str
    summary: str

    def at(self, path: str, line: int, message: str) -> Finding:
        return Finding(path, max(int(line or 1), 1), self.code, message)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


CheckFunction = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    function: CheckFunction
    external: bool
    """Runs another program (black, Jython, mypy): slower, needs it installed."""


RULES: dict[str, Rule] = {}
CHECKS: dict[str, Check] = {}


def rule(code: str, family: str, summary: str) -> Rule:
    """Register a rule; its code must be new."""
    if code in RULES:
        raise ValueError(f"rule {code} is registered twice")
    RULES[code] = Rule(code, family, summary)
    return RULES[code]


def check(
    name: str, external: bool = False
) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as the check ``name``."""

    def register(function: CheckFunction) -> CheckFunction:
        if name in CHECKS:
            raise ValueError(f"check {name} is registered twice")
        CHECKS[name] = Check(name, function, external)
        return function

    return register
