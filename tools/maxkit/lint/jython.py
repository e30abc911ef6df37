"""Every script compiles as Jython 2.7: one JVM compiles them all."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Iterator

from maxkit.jython.launcher import JavaNotFoundError, JythonNotFoundError, run_jython
from maxkit.lint.context import Context
from maxkit.lint.registry import Finding, check, rule

ML002 = rule("ML002", "tools", "every script compiles in Jython 2.7 (one JVM for all)")
PROGRAM = Path(__file__).resolve().parent / "jython_compile.py"


@check("jython", external=True)
def jython(context: Context) -> Iterator[Finding]:
    paths = [str(s.path) for s in context.scripts]
    if not paths:
        return
    try:
        process = run_jython(PROGRAM, paths, timeout=300)
    except (JythonNotFoundError, JavaNotFoundError) as error:
        yield ML002.at("scripts", 1, f"cannot compile the scripts in Jython: {error}")
        return
    except subprocess.TimeoutExpired:
        yield ML002.at("scripts", 1, "Jython did not finish compiling in 300 s")
        return
    lines = process.stdout.strip().splitlines()
    try:
        results = json.loads(lines[-1])
    except (IndexError, ValueError):
        yield ML002.at(
            "scripts",
            1,
            f"Jython failed (exit {process.returncode}): "
            + (process.stderr.strip().splitlines() or ["no output"])[-1],
        )
        return
    for result in results:
        if result["message"] is not None:
            yield ML002.at(
                context.rel(result["path"]),
                result["line"],
                f"Jython 2.7 cannot compile it: {result['message']}",
            )
