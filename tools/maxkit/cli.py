"""How a command ends, in one place: its message and its exit code.

0: done. 1: the job failed (the bundle's sources are wrong, a server refused,
a script run was rejected or failed, a program the job needs is missing).
2: the command line is wrong (a flag, a file it names, an environment
variable it reads). Every task calls its job through :func:`run`, so an error
of :mod:`maxkit.errors` reaches the user as one line and its code, never as a
traceback; invoke's own parse errors get the same treatment from
:func:`exit_2_on_parse_errors`.
"""

from __future__ import annotations

import json
import re

from invoke import Exit
from invoke.exceptions import ParseError
from invoke.program import Program

from maxkit.errors import MaxkitError, UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# invoke names a flag in its parse errors as "<Argument: access_type (a)>".
_ARGUMENT = re.compile(r"<Argument: ([A-Za-z0-9_]+)[^>]*>")


def exit_code(error: MaxkitError) -> int:
    return EXIT_USAGE if isinstance(error, UsageError) else EXIT_FAILED


def message(error: MaxkitError) -> str:
    """The line the user reads: ``usage: ...`` for the command line, ``ERROR: ...``
    for a job that failed."""
    prefix = "usage: " if isinstance(error, UsageError) else "ERROR: "
    return prefix + str(error)


def run(job, *args, **kwargs):
    """``job(*args, **kwargs)``; a toolkit error ends the command by the map."""
    try:
        return job(*args, **kwargs)
    except MaxkitError as error:
        raise Exit(message(error), code=exit_code(error)) from None


def refuse(text: str) -> None:
    """End the command as a usage error: a task's own check of a flag."""
    error = UsageError(text)
    raise Exit(message(error), code=exit_code(error))


def finish(code: int) -> None:
    """End the command with ``code`` (0: return normally)."""
    if code:
        raise Exit(code=code)


def print_json(result: dict) -> None:
    print(json.dumps(result, ensure_ascii=False, indent=2))


def usage_text(error: ParseError) -> str:
    """invoke's parse error in the terms the user typed: --access-type."""
    text = _ARGUMENT.sub(lambda m: "--" + m.group(1).replace("_", "-"), str(error))
    return "usage: " + text.strip()


def exit_2_on_parse_errors() -> None:
    """Make invoke's command-line parse errors exit 2 with :func:`usage_text`.

    invoke exits 1 on a parse error and has no setting for it; a task module
    cannot choose the Program that ``python -m invoke`` runs, so its
    ``parse_tasks`` step is wrapped (once, however often this is called).
    """
    parse_tasks = Program.parse_tasks
    if getattr(parse_tasks, "exits_2", False):
        return

    def parse_tasks_exit_2(self):
        try:
            parse_tasks(self)
        except ParseError as error:
            raise Exit(usage_text(error), code=EXIT_USAGE) from None

    parse_tasks_exit_2.exits_2 = True
    Program.parse_tasks = parse_tasks_exit_2
