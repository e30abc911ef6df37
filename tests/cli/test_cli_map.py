"""The one map from how a command ends to its message and exit code
(maxkit.cli), and every task behind it: a bad input ends as one line and its
code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from invoke import Exit

from maxkit import cli
from maxkit.deploy.errors import DeployError, TransportError
from maxkit.errors import (
    BundleError,
    JythonRunError,
    MaxkitError,
    ToolchainError,
    UsageError,
)
from maxkit.jython.launcher import JavaNotFoundError, JythonNotFoundError
from maxkit.jython.javabuild import JavacNotFoundError

ERRORS = {
    "usage": (UsageError("--person x.json: no such file"), 2, "usage: --person x.json"),
    "bundle": (BundleError("scripts/A.py:3", "bad"), 1, "ERROR: scripts/A.py:3: bad"),
    "job": (MaxkitError("the package does not fit"), 1, "ERROR: the package"),
    "toolchain": (ToolchainError("no java"), 1, "ERROR: no java"),
    "jython-missing": (JythonNotFoundError("Jython not found"), 1, "ERROR: Jython"),
    "java-missing": (JavaNotFoundError("java was not found"), 1, "ERROR: java"),
    "javac-missing": (JavacNotFoundError("javac was not found"), 1, "ERROR: javac"),
    "jython-run": (JythonRunError("the Jython driver failed"), 1, "ERROR: the Jython"),
    "deploy": (DeployError("Maximo refused"), 1, "ERROR: Maximo refused"),
    "transport": (TransportError("no answer"), 1, "ERROR: no answer"),
}  # fmt: skip


@pytest.mark.parametrize("error, code, text", ERRORS.values(), ids=ERRORS)
def test_each_error_class_has_its_code_and_message(error, code, text):
    assert cli.exit_code(error) == code
    assert cli.message(error).startswith(text)

    def job():
        raise error

    with pytest.raises(Exit) as ended:
        cli.run(job)
    assert (ended.value.code, ended.value.message) == (code, cli.message(error))


def test_a_usage_error_message_is_one_line():
    assert cli.message(UsageError("--where 'a\nb'")) == "usage: --where 'a\\nb'"


def test_a_job_that_ends_normally_returns_its_value():
    assert cli.run(lambda a, b=0: a + b, 1, b=2) == 3
    assert cli.finish(0) is None
    with pytest.raises(Exit) as ended:
        cli.finish(1)
    assert ended.value.code == 1


def test_a_missing_jython_says_how_to_install_it(monkeypatch):
    from maxkit.jython.launcher import find_jython

    monkeypatch.delenv("MAXKIT_JYTHON_JAR", raising=False)
    monkeypatch.setattr(
        "maxkit.jython.launcher.DEFAULT_JYTHON_JAR", Path("/nonexistent/jython.jar")
    )
    with pytest.raises(ToolchainError) as caught:
        find_jython()
    assert "bash tools/setup.sh" in str(caught.value)
    assert cli.exit_code(caught.value) == 1


# One bad input per task, each in a child process as a user runs it.
BAD_INPUTS = {
    "simulate": (["simulate", "--person", "no/such.json", "--access-type", "A",
                  "--entitlement", "B"], 2, "--person no/such.json"),
    "simulate-parse": (["simulate", "--access-type"], 2, "--access-type"),
    "package": (["package", "--app-xml", "no/such.xml"], 2, "--app-xml"),
    "deploy": (["deploy"], 2, "--url"),
    "deploy-url": (["deploy", "--url", "http://h/maximo"], 2, "--url"),
    "bench": (["bench", "--persons", "0"], 2, "--persons"),
    "test": (["test", "--workers", "many"], 2, "--workers"),
    "lint": (["lint", "--only", "pylint"], 2, "pylint"),
    "demo": (["demo", "--runtime", "pypy"], 2, "--runtime"),
}  # fmt: skip


@pytest.mark.parametrize("argv, code, named", BAD_INPUTS.values(), ids=BAD_INPUTS)
def test_no_task_shows_a_traceback(invoke_cli, argv, code, named):
    done = invoke_cli(*argv, timeout=120)
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    assert done.returncode == code, done.stderr
    assert named in done.stderr, done.stderr


def test_a_job_failure_exits_1(invoke_cli):
    """A rejected run is the job failing, not the command line."""
    done = invoke_cli(
        "simulate", "--person", "tools/samples/persons/jdoe.json",
        "--access-type", "Named", "--entitlement", "BASE",
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
