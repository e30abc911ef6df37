"""``invoke test`` builds the pytest command it promises (checked without running it)."""

import re
import shlex

import pytest
from invoke import MockContext, Result

import tasks


def run_of(**flags):
    context = MockContext(run={re.compile(".*"): Result()})
    tasks.test(context, **flags)
    (call,) = context.run.call_args_list
    return shlex.split(call.args[0]), call.kwargs["env"]


def command_of(**flags) -> list[str]:
    args, env = run_of(**flags)
    assert env["PYTHONDONTWRITEBYTECODE"] == ""
    return args


def test_the_whole_suite_runs_in_workers_one_module_per_worker():
    args = command_of()
    assert args[1:3] == ["-m", "pytest"]
    assert "-rs" in args  # skip reasons printed
    assert args[args.index("--dist") + 1] == "loadfile"
    assert "--no-loadscope-reorder" in args  # the JVM modules first (conftest)
    assert int(args[args.index("-n") + 1]) >= 2
    assert "-m" not in args[3:]


def test_quick_leaves_out_every_test_that_starts_a_jvm():
    args = command_of(quick=True)
    assert args[args.index("-m", 3) + 1] == "not jython and not jvm and not cli"
    assert args[args.index("--dist") + 1] == "worksteal"
    assert "--no-loadscope-reorder" not in args


def test_quick_tries_fewer_examples_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("MAXKIT_FUZZ", raising=False)
    assert run_of(quick=True)[1]["MAXKIT_FUZZ"] == "quick"
    assert "MAXKIT_FUZZ" not in run_of()[1]
    monkeypatch.setenv("MAXKIT_FUZZ", "thorough")
    assert run_of(quick=True)[1]["MAXKIT_FUZZ"] == "thorough"


@pytest.mark.parametrize("workers, expected", [("0", None), ("3", "3")])
def test_workers_can_be_chosen(workers, expected):
    args = command_of(workers=workers)
    assert (args[args.index("-n") + 1] if "-n" in args else None) == expected


def test_junit_and_k_reach_pytest():
    args = command_of(junit="reports/junit.xml", k="bulk and not jython")
    assert "--junitxml=reports/junit.xml" in args
    assert args[args.index("-k") + 1] == "bulk and not jython"
