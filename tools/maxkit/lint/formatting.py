"""black --check over the project's Python: scripts, toolkit, tests and tasks.py."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Iterator

from maxkit.lint.context import Context
from maxkit.lint.registry import Finding, check, rule

ML001 = rule(
    "ML001", "tools", "black --check passes on scripts/, tools/, tests/ and tasks.py"
)
BLACK_PATHS = ("scripts", "tools", "tests", "tasks.py")
WOULD_REFORMAT = re.compile(r"^would reformat (.+)$")
# black 24+: "error: cannot parse: PATH:LINE:COL"; older: "error: cannot format
# PATH: Cannot parse: LINE:COL: CODE".
CANNOT_PARSE = re.compile(r"^error: cannot parse: (.+?):(\d+):\d+")
CANNOT_FORMAT = re.compile(r"^error: cannot format (.+?): (.*?)(?:: (\d+):\d+:(.*))?$")


@check("black", external=True)
def black(context: Context) -> Iterator[Finding]:
    paths = [p for p in BLACK_PATHS if (context.root / p).exists()]
    if not paths:
        return
    process = subprocess.run(
        [sys.executable, "-m", "black", "--check", *paths],
        cwd=context.root,
        capture_output=True,
        text=True,
    )
    if process.returncode == 0:
        return
    found = False
    for line in process.stderr.splitlines():
        reformat = WOULD_REFORMAT.match(line)
        cannot = CANNOT_FORMAT.match(line)
        unparsable = CANNOT_PARSE.match(line)
        if reformat:
            found = True
            yield ML001.at(
                context.rel(context.root / reformat.group(1)),
                1,
                "black would reformat this file: run invoke format",
            )
        elif unparsable:
            found = True
            yield ML001.at(
                context.rel(context.root / unparsable.group(1)),
                int(unparsable.group(2)),
                "black cannot parse this file (is it Python 3 syntax?)",
            )
        elif cannot:
            found = True
            detail = (cannot.group(4) or cannot.group(2)).strip()
            yield ML001.at(
                context.rel(context.root / cannot.group(1)),
                int(cannot.group(3) or 1),
                f"black cannot parse this file: {detail}",
            )
    if not found:
        yield ML001.at(
            ".", 1, f"black failed ({process.returncode}): {process.stderr.strip()}"
        )
