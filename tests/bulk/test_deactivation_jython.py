"""The flows of a person who leaves and of the manage route's users, in real
Jython 2.7: step N of every flow runs in one JVM (three JVMs in all), and each
flow must pass its own checks and leave the same requests, log and tables as
in CPython."""

import pytest
from leaver_flows import play
from test_deactivation import FLOWS, run_cpython

# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython


def run_jython(jobs):
    from maxkit.jython.runner import run_jobs_in_jython

    return run_jobs_in_jython(jobs)


@pytest.fixture(scope="module")
def played(bundle):
    flows = [flow for flow, _ in FLOWS]
    return play(bundle, flows, run_cpython), play(bundle, flows, run_jython)


# The time of the run: MASSYNCDATE, and STATUSDATE of a status change.
RUN_DATES = ("MASSYNCDATE", "STATUSDATE")


def undated(table):
    return [{k: v for k, v in row.items() if k not in RUN_DATES} for row in table]


def rows(record):
    return undated(record["tables"]["PERSON"])


def saved(record):
    return {name: undated(t) for name, t in (record.get("saved") or {}).items()}


@pytest.mark.parametrize("flow, check", FLOWS, ids=[f.name for f, _ in FLOWS])
def test_flow_in_jython(played, flow, check):
    cpython, jython = played[0][flow.name], played[1][flow.name]
    for record in jython:
        assert "driver_error" not in record, record["driver_error"]
        assert record["crashed"] is None, record["crashed"]
    check(jython)
    for left, right in zip(cpython, jython):
        assert [r["body"] for r in right["requests"]] == [
            r["body"] for r in left["requests"]
        ]
        assert [e["text"] for e in right["log"]] == [e["text"] for e in left["log"]]
        assert rows(right) == rows(left)
        assert saved(right) == saved(left)
