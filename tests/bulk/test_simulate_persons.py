"""`invoke simulate --persons FILE`: the cron task on many persons, one JSON object."""

import json

import pytest


@pytest.fixture
def persons_file(tmp_path):
    def write(persons):
        path = tmp_path / "persons.json"
        path.write_text(json.dumps(persons, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write


PERSONS = [
    {"PERSONID": "ZWANG", "STATUS": "ACTIVE", "FIRSTNAME": "Zoë", "LASTNAME": "王",
     "PRIMARYEMAIL": "zwang@example.com"},
    {"personid": "JDOE", "status": "ACTIVE", "primaryemail": "john.doe@example.com"},
    {"PERSONID": "GONE", "STATUS": "INACTIVE", "PRIMARYEMAIL": "gone@example.com"},
]  # fmt: skip


def test_persons_run_the_cron_task_and_print_one_json_object(invoke_cli, persons_file):
    done = invoke_cli(
        "simulate",
        "--persons", persons_file(PERSONS), "--access-type", "Concurrent",
        "--entitlement", "BASE", "--property", "masuser.bulk.chunksize=1",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {
        "outcome", "counts", "summary", "apppoints", "persons", "requests",
        "saved", "deleted", "log",
    }  # fmt: skip
    assert result["outcome"] == "success"
    # Two persons made BASE users: 10 AppPoints each (masuser.apppoints).
    assert result["apppoints"] == 20 and " apppoints=20" in result["summary"]
    assert result["counts"]["requests"] == 2 and result["counts"]["invalid"] == 0
    # Inactive, and never a MAS user: skipped, nothing sent or written.
    assert result["counts"]["skipped"] == 1
    assert [(p["personid"], p["state"]) for p in result["persons"]] == [
        ("ZWANG", "DONE"),
        ("JDOE", "DONE"),
        ("GONE", None),
    ]
    assert result["requests"][1]["body"][0]["givenName"] == "Zoë"


def test_a_where_clause_narrows_the_selection(invoke_cli, persons_file):
    done = invoke_cli(
        "simulate",
        "--persons", persons_file(PERSONS), "--access-type", "Concurrent",
        "--entitlement", "BASE", "--where", "personid = 'JDOE'",
    )  # fmt: skip
    result = json.loads(done.stdout)
    assert [p["state"] for p in result["persons"]] == [None, "DONE", None]


def test_a_failed_request_exits_1(invoke_cli, persons_file):
    done = invoke_cli(
        "simulate",
        "--persons", persons_file(PERSONS[:1]), "--access-type", "Concurrent",
        "--entitlement", "BASE", "--endpoint", "http://127.0.0.1:9",
        "--property", "masuser.api.backoff=0",
        "--property", "masuser.api.allowhttp=1",
    )  # fmt: skip
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["outcome"] == "failed"
    assert result["persons"][0]["state"] == "FAILED"


@pytest.mark.parametrize(
    "content, message",
    [
        ("{}", "expected a non-empty JSON array"),
        ('[{"FIRSTNAME": "x"}]', "PERSONID is missing"),
        ('[{"PERSONID": "A"}, {"PERSONID": "a"}]', "appears twice"),
        ('[{"PERSONID": "A", "NICKNAME": "x"}]', "NICKNAME is not an attribute"),
    ],
)
def test_a_bad_persons_file_is_a_usage_error(invoke_cli, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    done = invoke_cli(
        "simulate",
        "--persons",
        str(path),
        "--access-type",
        "Concurrent",
        "--entitlement",
        "BASE",
    )
    assert done.returncode == 2
    assert message in done.stderr


def test_person_and_persons_together_is_a_usage_error(invoke_cli, persons_file):
    done = invoke_cli(
        "simulate",
        "--person", "tools/samples/persons/jdoe.json", "--persons", persons_file(PERSONS),
        "--access-type", "Concurrent", "--entitlement", "BASE",
    )  # fmt: skip
    assert done.returncode == 2
    assert "not both" in done.stderr


def test_the_module_entry_point_knows_persons_too(root, persons_file):
    from maxkit.simulate import main

    assert (
        main(
            ["--persons", persons_file(PERSONS[:1]), "--access-type", "Concurrent",
             "--entitlement", "BASE"],
            root=root,
        )
        == 0
    )  # fmt: skip
