"""How findings are printed: ``text`` for people, ``github`` and ``json`` for CI.

- ``text``: one ``path:line: CODE message`` line per finding (the default);
- ``github``: one GitHub Actions workflow command per finding,
  ``::error file=PATH,line=N,title=CODE::message``, which GitHub shows as an
  annotation on that line of the pull request;
- ``json``: one JSON document, a list of ``{path, line, code, message}``, for
  any other CI or tool to read.

One place renders all three, so every front end (``python -m maxkit.lint``,
``invoke lint``) offers the same formats.
"""

from __future__ import annotations

import json
from typing import Iterable

from maxkit.lint.registry import Finding

FORMATS = ("text", "github", "json")


def _escape_data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped (GitHub's rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value: also ':' and ',' escaped."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    return (
        f"::error file={_escape_property(finding.path)},line={finding.line},"
        f"title={_escape_property(finding.code)}::{_escape_data(finding.message)}"
    )


def render(findings: Iterable[Finding], fmt: str = "text") -> str:
    """The findings in ``fmt`` (one of :data:`FORMATS`), ending with a newline
    unless it is text with nothing to say."""
    findings = list(findings)
    if fmt == "json":
        document = [
            {"path": f.path, "line": f.line, "code": f.code, "message": f.message}
            for f in findings
        ]
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        lines = [github_line(f) for f in findings]
    elif fmt == "text":
        lines = [str(f) for f in findings]
    else:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return "".join(line + "\n" for line in lines)
