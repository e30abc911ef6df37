"""`invoke simulate`: the exact command-line contract other tools drive."""

import json

import pytest

JDOE = "tools/samples/persons/jdoe.json"


def test_success_prints_exactly_one_json_object_and_exits_0(invoke_cli):
    done = invoke_cli(
        "simulate",
        "--person", JDOE, "--access-type", "Concurrent", "--entitlement", "BASE",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {
        "outcome", "message", "apppoints", "requests", "saved", "deleted", "log"
    }  # fmt: skip
    assert result["outcome"] == "success"
    # The internal API route sends and MAS writes the user; Manage only keeps
    # the outcome on the person (the MAS User section shows it).
    assert sorted(result["saved"]) == ["PERSON"]
    (person,) = result["saved"]["PERSON"]
    assert (
        person["MASSYNCSTATE"],
        person["MASACCESSTYPE"],
        person["MASENTITLEMENT"],
        person["MASSYNCERROR"],
    ) == ("DONE", "Concurrent", "BASE", None)
    assert set(result["message"]) == {"group", "key", "params", "text"}
    assert set(result["requests"][0]) == {"method", "url", "headers", "body", "status"}
    assert result["requests"][0]["url"].endswith("/v2/bulk/users/upsert")


def test_rejected_exits_1_with_no_request(invoke_cli):
    done = invoke_cli(
        "simulate", "--person", JDOE, "--access-type", "Named", "--entitlement", "BASE"
    )
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["outcome"] == "rejected"
    assert result["requests"] == [] and result["saved"] == {}
    assert result["message"]["key"] == "valueNotAllowed"


def test_failed_exits_1(invoke_cli):
    done = invoke_cli(
        "simulate",
        "--person", JDOE, "--access-type", "Concurrent", "--entitlement", "BASE",
        "--endpoint", "http://127.0.0.1:9",
        # Refused at once; no need to wait out the default backoff between retries.
        "--property", "masuser.api.backoff=0",
        "--property", "masuser.api.allowhttp=1",
    )  # fmt: skip
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["outcome"] == "failed" and result["saved"] == {}


def test_properties_reach_the_script(invoke_cli):
    done = invoke_cli(
        "simulate",
        "--person", JDOE, "--access-type", "Concurrent", "--entitlement", "BASE",
        "--property", "masuser.api.envelope=users",
        "--property", "masuser.user.issuer=saml",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)["requests"][0]["body"]
    assert body["users"][0]["issuer"] == "saml"


BASE = ["--person", JDOE, "--access-type", "X", "--entitlement", "B"]
USAGE_ERRORS = {
    "missing-flag": (["--person", JDOE, "--access-type", "Concurrent"], "--entitlement"),
    "unknown-flag": ([*BASE, "--bogus"], "--bogus"),
    "no-file": (["--person", "no/such.json", *BASE[2:]], "--person no/such.json"),
    "not-json": (["--person", "README.md", *BASE[2:]], "--person README.md"),
    "bad-property": ([*BASE, "--property", "x"], "--property"),
    "bad-runtime": ([*BASE, "--runtime", "pypy"], "--runtime pypy"),
    "bad-endpoint": ([*BASE, "--endpoint", "mas"], "--endpoint"),
}  # fmt: skip


@pytest.mark.parametrize("args, flag", USAGE_ERRORS.values(), ids=USAGE_ERRORS)
def test_usage_errors_exit_2_and_print_no_json(invoke_cli, args, flag):
    done = invoke_cli("simulate", *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("usage: ") and flag in line, line


def test_an_attribute_person_does_not_have_is_a_usage_error(invoke_cli, tmp_path):
    person = tmp_path / "typo.json"
    person.write_text('{"PERSONID": "J", "FIRSTNAM": "John"}', encoding="utf-8")
    done = invoke_cli(
        "simulate", "--person", str(person), "--access-type", "X", "--entitlement", "B"
    )
    assert done.returncode == 2
    assert f"--person {person}: FIRSTNAM is not an attribute of PERSON" in done.stderr
