"""``python -m maxkit.lint [ROOT]``: run the lint; exit 1 on findings, 2 on misuse."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from maxkit import cli
from maxkit.errors import MaxkitError, UsageError
from maxkit.lint import CHECKS, RULES, lint
from maxkit.lint.report import FORMATS, render


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(
        prog="python -m maxkit.lint",
        description="Lint the bundle: path:line: CODE message per finding"
        " (or GitHub annotations, or JSON).",
    )
    result.add_argument(
        "root",
        nargs="?",
        default=".",
        help="the project (default: the current directory)",
    )
    result.add_argument(
        "--only", type=_names, default=[], help=f"checks to run: {', '.join(CHECKS)}"
    )
    result.add_argument("--skip", type=_names, default=[], help="checks to leave out")
    result.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: path:line: CODE message (default); github: GitHub Actions"
        " annotations (::error file=...,line=...); json: one JSON list of findings",
    )
    result.add_argument(
        "--rules",
        action="store_true",
        help="list the rules (code, family, what) and stop",
    )
    return result


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.rules:
        for rule in sorted(RULES.values(), key=lambda r: r.code):
            print(f"{rule.code}\t{rule.family}\t{rule.summary}")
        return 0
    root = Path(args.root)
    started = time.perf_counter()
    try:
        if not (root / "scripts").is_dir():
            raise UsageError(f"{root} has no scripts/ directory: is it the project?")
        findings = lint(root, args.only, args.skip)
    except MaxkitError as error:
        print(cli.message(error), file=sys.stderr)
        return cli.exit_code(error)
    sys.stdout.write(render(findings, args.format))
    sys.stdout.flush()
    elapsed = time.perf_counter() - started
    summary = f"{len(findings)} finding(s)" if findings else "no findings"
    print(f"lint: {summary} ({elapsed:.1f} s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
