"""The CPython side of the Jython runner: packing jobs, the parity comparison and
its messages. No JVM is started here."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from maxkit.errors import MaxkitError, ToolchainError
from maxkit.jython import driver
from testkit.parity import differences
from maxkit.jython.runner import _pack, run_jobs_in_jython
from maxkit.runtime import run_action_job
from testkit.scenarios import load_scenarios, scenario_job

SCENARIOS = load_scenarios(Path(__file__).resolve().parent.parent / "scenarios")


@pytest.fixture(scope="module")
def jobs(bundle):
    return [scenario_job(bundle, scenario) for scenario in SCENARIOS[:6]]


def test_packed_jobs_unpack_to_the_same_jobs(jobs):
    document = _pack(jobs)
    assert list(driver.jobs_of(document)) == jobs
    # The scripts, data dictionary, ... of all worlds are sent once.
    assert len(document["parts"]["scripts"]) == 1
    assert len(document["parts"]["objects"]) == 1


def test_worlds_sharing_a_spec_part_do_not_share_answer_positions(jobs):
    document = _pack([jobs[0], jobs[0]])
    first, second = driver.jobs_of(document)
    assert first["spec"]["http"] is second["spec"]["http"]
    records = [run_action_job(job) for job in (first, second)]
    for record in records:
        assert record.pop("seconds") >= 0  # the run's wall time differs
    assert records[0] == records[1]


def test_missing_jython_is_a_toolchain_error(monkeypatch, jobs):
    monkeypatch.setenv("MAXKIT_JYTHON_JAR", "/nonexistent/jython.jar")
    with pytest.raises(ToolchainError, match="MAXKIT_JYTHON_JAR") as caught:
        run_jobs_in_jython(jobs[:1])
    assert isinstance(caught.value, MaxkitError)


def test_no_jobs_start_no_jvm(monkeypatch):
    monkeypatch.setenv("MAXKIT_JYTHON_JAR", "/nonexistent/jython.jar")
    assert run_jobs_in_jython([]) == []


@pytest.fixture(scope="module")
def record(jobs):
    return run_action_job(jobs[0])


def test_identical_records_have_no_differences(record):
    assert differences(record, copy.deepcopy(record)) == []


def test_a_different_message_parameter_is_named(record):
    other = copy.deepcopy(record)
    other["messages"][-1]["params"][0] = "SOMEONE"
    assert [line.split(":")[0] for line in differences(record, other)] == [
        "message.params"
    ]


def test_request_bodies_compare_as_parsed_json(record):
    other = copy.deepcopy(record)
    body = other["requests"][0]["body"]
    users = body if isinstance(body, list) else body["users"]
    users[0] = user = dict(reversed(list(users[0].items())))  # other key order
    assert differences(record, other) == []
    user["displayName"] = "Somebody Else"
    problems = differences(record, other)
    assert len(problems) == 1 and problems[0].startswith("requests[0].body:")


def test_a_driver_failure_is_reported_with_its_traceback(record):
    problems = differences(record, {"driver_error": "Traceback: boom"})
    assert problems == ["jython: the driver failed:\nTraceback: boom"]
