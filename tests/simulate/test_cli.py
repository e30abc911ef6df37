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
    assert set(result) == {"outcome", "message", "requests", "log"}
    assert result["outcome"] == "success"
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
    assert result["requests"] == []
    assert result["message"]["key"] == "valueNotAllowed"


def test_failed_exits_1(invoke_cli):
    done = invoke_cli(
        "simulate",
        "--person", JDOE, "--access-type", "Concurrent", "--entitlement", "BASE",
        "--endpoint", "http://127.0.0.1:9",
        # Refused at once; no need to wait out the default backoff between retries.
        "--property", "masuser.api.backoff=0",
    )  # fmt: skip
    assert done.returncode == 1
    assert json.loads(done.stdout)["outcome"] == "failed"


def test_properties_reach_the_script(invoke_cli):
    done = invoke_cli(
        "simulate",
        "--person", JDOE, "--access-type", "Concurrent", "--entitlement", "BASE",
        "--property", "masuser.api.envelope=users",
        "--property", "masuser.user.issuer=saml",
    )  # fmt: skip
    body = json.loads(done.stdout)["requests"][0]["body"]
    assert body["users"][0]["issuer"] == "saml"


@pytest.mark.parametrize(
    "args",
    [
        ["--person", JDOE, "--access-type", "Concurrent"],
        ["--person", JDOE, "--access-type", "X", "--entitlement", "B", "--bogus"],
        ["--person", "no/such.json", "--access-type", "X", "--entitlement", "B"],
        ["--person", "README.md", "--access-type", "X", "--entitlement", "B"],
        [
            "--person",
            JDOE,
            "--access-type",
            "X",
            "--entitlement",
            "B",
            "--property",
            "x",
        ],
        [
            "--person",
            JDOE,
            "--access-type",
            "X",
            "--entitlement",
            "B",
            "--runtime",
            "pypy",
        ],
        [
            "--person",
            JDOE,
            "--access-type",
            "X",
            "--entitlement",
            "B",
            "--endpoint",
            "mas",
        ],
    ],
    ids=[
        "missing-flag",
        "unknown-flag",
        "no-file",
        "not-json",
        "bad-property",
        "bad-runtime",
        "bad-endpoint",
    ],
)
def test_usage_errors_exit_2_and_print_no_json(invoke_cli, args):
    done = invoke_cli("simulate", *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.strip()


def test_an_attribute_person_does_not_have_is_a_usage_error(invoke_cli, tmp_path):
    person = tmp_path / "typo.json"
    person.write_text('{"PERSONID": "J", "FIRSTNAM": "John"}', encoding="utf-8")
    done = invoke_cli(
        "simulate", "--person", str(person), "--access-type", "X", "--entitlement", "B"
    )
    assert done.returncode == 2
    assert "FIRSTNAM" in done.stderr
