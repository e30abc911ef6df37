"""The hostile battery's helpers: bad inputs and faults against simulate, deploy, package.

``run_cli(*argv)`` runs an invoke task in this process, as ``invoke *argv``
would (the same Program, the same tasks.py), and returns (exit code, stdout,
stderr); an exception that escapes the task is a traceback the user would
have seen, so it fails the test as it is.
"""

from __future__ import annotations

import contextlib
import io
import json

from invoke import Collection, Program

import tasks

SECRET = "s3cr3t-Pa55"
APIKEY = "hostile-" + "k" * 24


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    program = Program(namespace=Collection.from_module(tasks), name="invoke")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            program.run(["invoke", *argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def show(*values) -> str:
    """Values for an assertion message: ASCII (a lone surrogate would break xdist), short."""
    return ascii(values)[:3000]


def check_invariants(code: int, out: str, err: str, secrets=(SECRET,)) -> dict | None:
    """The battery's invariants; the printed JSON object, or None on exit 2."""
    assert code in (0, 1, 2), show(code, out, err)
    for text in (out, err):
        assert "Traceback" not in text, show(text)
        for secret in secrets:
            assert secret not in text, show(text)
    if code == 2:
        assert out == "", show(out)
        lines = err.strip().splitlines()
        assert len(lines) == 1, show(err)
        return None
    result = json.loads(out)  # exactly one JSON object, nothing else
    assert isinstance(result, dict)
    assert (result["outcome"] == "success") == (code == 0), result["outcome"]
    if result["outcome"] == "rejected":
        assert result["requests"] == []
    if "message" in result and result["outcome"] != "success":
        assert result["saved"] == {}, show(result["saved"])  # the action's shape
    return result
