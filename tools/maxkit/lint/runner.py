"""Run the checks over a bundle and collect their findings, sorted."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from maxkit.errors import UsageError
from maxkit.lint import pysource
from maxkit.lint.context import Context
from maxkit.lint.registry import CHECKS, Finding

# Importing a rule module registers its rules and checks.
from maxkit.lint import (  # noqa: F401  isort: skip
    maximo_python,
    scriptconfig,
    lengths,
    references,
    domains,
    dialogs,
    formatting,
    jython,
    typecheck,
)


def select(only: Iterable[str] = (), skip: Iterable[str] = ()) -> list[str]:
    """The names of the checks to run, in registration order."""
    only, skip = list(only), list(skip)
    for name in only + skip:
        if name not in CHECKS:
            raise UsageError(f"unknown check {name!r}: choose from {', '.join(CHECKS)}")
    return [n for n in CHECKS if (not only or n in only) and n not in skip]


def lint(
    root: Path, only: Iterable[str] = (), skip: Iterable[str] = ()
) -> list[Finding]:
    """Every finding of the selected checks on the bundle at ``root``.

    A finding on a script line carrying ``# noqa: MLxxx`` for its code is dropped.
    """
    context = Context(root)
    findings: set[Finding] = set()
    for name in select(only, skip):
        findings.update(CHECKS[name].function(context))
    silenced = {s.rel: pysource.noqa(s.text) for s in context.scripts}
    return sorted(
        f for f in findings if f.code not in silenced.get(f.path, {}).get(f.line, ())
    )
