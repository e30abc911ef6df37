"""mypy over scripts/ with the toolkit's Maximo stubs.

mypy has no way to add names to builtins, yet Maximo binds ``service``,
``mbo``, ``user``, ... before a script runs. So each script is checked as a
copy whose first line is ``from maximo_implicit import *`` (the stub of those
names), and mypy's line numbers are mapped back to the original file.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

from maxkit.lint.context import Context
from maxkit.lint.registry import Finding, check, rule
from maxkit.stubs import STUBS_DIR

ML003 = rule(
    "ML003",
    "tools",
    "mypy passes on scripts/ with the Maximo stubs (tools/maxkit/stubs)",
)
IMPLICIT = "from maximo_implicit import *  # added by maxkit.lint\n"
CONFIG = """[mypy]
mypy_path = {stubs}
python_version = 3.11
check_untyped_defs = True
allow_redefinition_new = True
local_partial_types = True
warn_unused_ignores = False
"""
ERROR = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+): error: (?P<message>.*)$")
CACHE = Path(tempfile.gettempdir()) / "maxkit-lint-mypy-cache"


def _copy(source: str) -> str:
    """The script with the implicit names imported on a new first line."""
    return IMPLICIT + source


@check("mypy", external=True)
def mypy(context: Context) -> Iterator[Finding]:
    if not any(s.tree is not None for s in context.scripts):
        return
    with tempfile.TemporaryDirectory(prefix="maxkit-lint-") as work:
        work_dir = Path(work)
        config = work_dir / "mypy.ini"
        config.write_text(CONFIG.format(stubs=STUBS_DIR), encoding="utf-8")
        copies = {}
        for script in context.scripts:
            if script.tree is None:
                continue  # ML100 reports it; mypy would stop at the syntax error
            copy = work_dir / "scripts" / script.path.name
            copy.parent.mkdir(exist_ok=True)
            copy.write_text(_copy(script.text), encoding="utf-8")
            copies[copy.name] = script
        process = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--config-file",
                str(config),
                "--cache-dir",
                str(CACHE),
                "--no-color-output",
                "--no-error-summary",
                *sorted(str(work_dir / "scripts" / name) for name in copies),
            ],
            cwd=work_dir,
            capture_output=True,
            text=True,
        )
    found = False
    for line in process.stdout.splitlines():
        match = ERROR.match(line)
        if not match:
            continue
        original = copies.get(Path(match["file"]).name)
        if original is None:
            continue
        found = True
        yield ML003.at(
            original.rel, int(match["line"]) - 1, f"mypy: {match['message']}"
        )
    if process.returncode not in (0, 1) or (process.returncode == 1 and not found):
        detail = (process.stderr or process.stdout).strip().splitlines() or ["?"]
        yield ML003.at(
            "scripts", 1, f"mypy failed ({process.returncode}): {detail[-1]}"
        )
