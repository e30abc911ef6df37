"""The CPython side of the Jython runner: packing jobs, TLS files for Java, the
parity comparison and its messages. No JVM is started here."""

from __future__ import annotations

import copy
import stat
from pathlib import Path

import pytest
import trustme

from maxkit.errors import MaxkitError
from maxkit.jython import driver
from maxkit.jython.parity import differences
from maxkit.jython.runner import JythonRunError, _java_tls, _pack, run_jobs_in_jython
from maxkit.runtime import run_action_job
from maxkit.scenarios import load_scenarios, scenario_job

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
    assert run_action_job(first) == run_action_job(second)


def test_client_key_is_rewritten_as_pkcs8_for_java(tmp_path):
    ca = trustme.CA()
    leaf = ca.issue_cert("client.example")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    leaf.cert_chain_pems[0].write_to_path(str(cert))
    leaf.private_key_pem.write_to_path(str(key))
    assert b"BEGIN EC PRIVATE KEY" in key.read_bytes()  # what Java cannot read
    out = tmp_path / "out"
    out.mkdir()
    http = _java_tls(
        {
            "mode": "real",
            "ca_file": "ca.pem",
            "cert_file": str(cert),
            "key_file": str(key),
        },
        out,
    )
    assert http["ca_file"] == "ca.pem"
    java_key = Path(http["key_file"])
    assert java_key.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert stat.S_IMODE(java_key.stat().st_mode) == 0o600
    assert Path(http["cert_file"]).read_bytes().count(b"BEGIN CERTIFICATE") == 1


def test_key_inside_the_certificate_file_is_found(tmp_path):
    leaf = trustme.CA().issue_cert("client.example")
    both = tmp_path / "both.pem"
    leaf.private_key_and_cert_chain_pem.write_to_path(str(both))
    http = _java_tls({"mode": "real", "cert_file": str(both)}, tmp_path)
    assert Path(http["key_file"]).read_bytes().startswith(b"-----BEGIN PRIVATE KEY")


def test_no_client_certificate_leaves_the_settings_alone(tmp_path):
    http = {"mode": "real", "ca_file": "ca.pem"}
    assert _java_tls(http, tmp_path) == http


def test_missing_jython_is_a_toolkit_error(monkeypatch, jobs):
    monkeypatch.setenv("MAXKIT_JYTHON_JAR", "/nonexistent/jython.jar")
    with pytest.raises(JythonRunError, match="MAXKIT_JYTHON_JAR") as caught:
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
