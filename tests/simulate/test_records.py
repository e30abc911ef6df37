"""`invoke simulate` on Manage's records: --data (what Manage holds before the
run), saved (what the run wrote), --sync (MAS's user sync after the action)
and --status-change (a person saved with a new status).

Most cases run ``python -m maxkit.simulate`` in this process (the simulate
task through invoke's own parser, as the command line runs it); the command
line itself is run once per entry point.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from maxkit.simulate import main

ROOT = Path(__file__).resolve().parents[2]
JDOE = "tools/samples/persons/jdoe.json"
GROUPS = "tools/samples/records/groups.json"
SYNC = "tools/samples/records/jdoe-sync.json"
JDOE_USER = "tools/samples/records/jdoe-user.json"
DIALOG = ["--access-type", "Concurrent", "--entitlement", "BASE"]
MAPPING = ["--property", "masuser.groups.BASE=MAINT,TECHNICIANS"]
MANAGE = [
    "--property",
    "masuser.route=manage",
    "--property",
    "masuser.idp.id=default-saml",
]
ACTION_KEYS = [
    "outcome", "message", "apppoints", "requests", "saved", "deleted", "log"
]  # fmt: skip


def simulate(capsys, *args):
    """(exit code, the printed JSON object or None, stderr)."""
    code = main(list(args), root=ROOT)
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


@pytest.fixture
def write(tmp_path):
    def write(name, value):
        path = tmp_path / name
        path.write_text(json.dumps(value), encoding="utf-8")
        return str(path)

    return write


def existing_user(groups=()):
    """Manage's records of a JDOE who already has a MAXUSER (MAS synced it)."""
    (user,) = json.loads((ROOT / SYNC).read_text(encoding="utf-8"))
    data = json.loads((ROOT / GROUPS).read_text(encoding="utf-8"))
    data["MAXUSER"] = [user]
    data["GROUPUSER"] = [{"USERID": "JDOE", "GROUPNAME": g} for g in groups]
    return data


def test_internalapi_new_user_groups_wait_then_land_when_mas_syncs(capsys):
    code, result, err = simulate(
        capsys, "--person", JDOE, *DIALOG, *MAPPING, "--data", GROUPS, "--sync", SYNC
    )
    assert code == 0, err
    assert list(result) == [
        "outcome", "message", "apppoints", "requests", "saved", "deleted",
        "synced", "sync_error", "log",
    ]  # fmt: skip
    assert result["message"]["key"] == "userGroupsPending"
    assert len(result["requests"]) == 1
    # The action: the groups wait on the person; no MAXUSER yet.
    [person] = result["saved"].pop("PERSON")
    assert result["saved"] == {}
    assert person["MASPENDINGGROUPS"] == "MAINT,TECHNICIANS"
    # The sync: the MAXUSER, its groups, the person's pending groups cleared.
    synced = result["synced"]
    assert sorted(synced) == ["GROUPUSER", "MAXUSER", "PERSON"]
    assert [(r["USERID"], r["PERSONID"]) for r in synced["MAXUSER"]] == [
        ("JDOE", "JDOE")
    ]
    assert [(r["USERID"], r["GROUPNAME"]) for r in synced["GROUPUSER"]] == [
        ("JDOE", "MAINT"),
        ("JDOE", "TECHNICIANS"),
    ]
    assert synced["PERSON"][0]["MASPENDINGGROUPS"] is None
    assert result["sync_error"] is None


def test_without_sync_the_pending_groups_stay_on_the_person(capsys):
    code, result, _ = simulate(
        capsys, "--person", JDOE, *DIALOG, *MAPPING, "--data", GROUPS
    )
    assert code == 0
    assert list(result) == ACTION_KEYS
    assert result["saved"]["PERSON"][0]["MASPENDINGGROUPS"] == "MAINT,TECHNICIANS"


def test_a_sync_row_missing_a_required_column_is_refused_as_maximo_would(capsys, write):
    user = {"USERID": "JDOE", "LOGINID": "JDOE", "PERSONID": "JDOE", "STATUS": "ACTIVE"}
    code, result, _ = simulate(
        capsys, "--person", JDOE, *DIALOG, *MAPPING, "--data", GROUPS,
        "--sync", write("sync.json", [user]),
    )  # fmt: skip
    assert code == 0  # the action's outcome; the sync came after it
    assert result["synced"] == {}
    assert "required" in result["sync_error"] and "MAXUSER" in result["sync_error"]


def test_internalapi_existing_user_gets_its_groups_in_the_action(capsys, write):
    data = write("data.json", existing_user(groups=["MAINT"]))
    code, result, _ = simulate(
        capsys, "--person", JDOE, *DIALOG, *MAPPING, "--data", data
    )
    assert code == 0
    assert result["message"]["key"] == "userGroupsAdded"
    assert len(result["requests"]) == 1
    # MAINT was a membership already: only TECHNICIANS is added, once.
    assert [(r["USERID"], r["GROUPNAME"]) for r in result["saved"]["GROUPUSER"]] == [
        ("JDOE", "TECHNICIANS")
    ]
    assert sorted(result["saved"]) == ["GROUPUSER", "PERSON"]


@pytest.mark.parametrize("access, authorized", [("Authorized", 1), ("Concurrent", 0)])
def test_manage_route_saves_the_user_and_sends_nothing(capsys, access, authorized):
    code, result, _ = simulate(
        capsys, "--person", JDOE, "--access-type", access, "--entitlement", "BASE",
        *MAPPING, *MANAGE, "--data", GROUPS,
    )  # fmt: skip
    assert code == 0
    assert result["requests"] == []
    assert result["message"]["key"] == "manageUserCreated"
    saved = result["saved"]
    [user] = saved["MAXUSER"]
    assert (user["USERID"], user["LOGINID"], user["PERSONID"]) == ("JDOE",) * 3
    assert (user["STATUS"], user["ISAUTHORIZED"]) == ("ACTIVE", authorized)
    assert type(user["ISAUTHORIZED"]) is int  # 1/0, as IBM writes it
    assert user["OWNER"] == "local"
    # Manage's default groups (MaxUser.addGroupUser), then the mapped ones.
    assert [r["GROUPNAME"] for r in saved["GROUPUSER"]] == [
        "DEFLTREG", "MAXEVERYONE", "MAINT", "TECHNICIANS"
    ]  # fmt: skip
    [idp] = saved["MASUSERIDP"]
    assert (idp["IDPID"], idp["IDPLOGINID"]) == ("default-saml", "john.doe@example.com")


def test_manage_route_without_an_identity_provider_id_is_config_invalid(invoke_cli):
    """The command an administrator runs first: no masuser.idp.id set."""
    args = ["--person", JDOE, *DIALOG, "--property", "masuser.route=manage"]
    run = invoke_cli("simulate", *args)
    result = json.loads(run.stdout)
    assert (result["outcome"], result["message"]["key"]) == (
        "rejected",
        "configInvalid",
    )
    assert result["message"]["params"][0] == "masuser.idp.id"
    assert "registered in the suite, e.g. default-saml" in result["message"]["text"]
    assert result["saved"] == {} and result["requests"] == []


def test_manage_route_with_an_identity_provider_the_suite_lacks_saves_nothing(capsys):
    code, result, _ = simulate(
        capsys, "--person", JDOE, *DIALOG, *MANAGE, "--property",
        "masuser.idp.id=corp-sso", "--data", GROUPS,
    )  # fmt: skip
    assert (result["outcome"], result["message"]["key"]) == ("failed", "manageNotSaved")
    assert "corp-sso is not registered" in result["message"]["text"]
    assert result["saved"] == {}


def test_manage_route_updates_an_existing_user(capsys, write):
    data = write("data.json", existing_user())
    code, result, _ = simulate(
        capsys, "--person", JDOE, *DIALOG, *MANAGE, "--data", data
    )
    assert code == 0
    assert result["message"]["key"] == "manageUserUpdated"
    assert result["requests"] == []
    assert len(result["saved"]["MAXUSER"]) == 1


REJECTED = {
    "unknown-group": (["--property", "masuser.groups.BASE=NOSUCH"], "groupUnknown"),
    "bad-access-type": (["--access-type", "Named"], "valueNotAllowed"),
}


@pytest.mark.parametrize("route", [[], MANAGE], ids=["internalapi", "manage"])
@pytest.mark.parametrize("change, key", REJECTED.values(), ids=REJECTED)
def test_rejected_saves_and_sends_nothing(capsys, route, change, key):
    args = dict(zip(DIALOG[::2], DIALOG[1::2]))
    if change[0] == "--access-type":
        args["--access-type"] = change[1]
        change = []
    dialog = [item for pair in args.items() for item in pair]
    code, result, _ = simulate(
        capsys, "--person", JDOE, *dialog, *change, *route, "--data", GROUPS
    )
    assert code == 1
    assert result["outcome"] == "rejected"
    assert result["message"]["key"] == key
    assert result["requests"] == [] and result["saved"] == {}


def test_failed_saves_nothing(capsys):
    code, result, _ = simulate(
        capsys, "--person", JDOE, *DIALOG, *MAPPING, "--data", GROUPS,
        "--endpoint", "http://127.0.0.1:9", "--property", "masuser.api.backoff=0",
        "--property", "masuser.api.allowhttp=1",
    )  # fmt: skip
    assert code == 1
    assert result["outcome"] == "failed" and result["saved"] == {}


def test_status_change_marks_a_leaver_with_a_mas_user(capsys):
    code, result, err = simulate(
        capsys, "--person", JDOE, "--status-change", "INACTIVE", "--data", JDOE_USER
    )
    assert code == 0, err
    assert list(result) == ["outcome", "message", "requests", "saved", "log"]
    assert result["outcome"] == "success"
    assert result["requests"] == []  # nothing is sent at save time
    [person] = result["saved"]["PERSON"]
    assert (person["PERSONID"], person["STATUS"]) == ("JDOE", "INACTIVE")
    assert (person["MASSYNCSTATE"], person["MASSYNCBY"]) == ("DEACTPEND", "MAXADMIN")
    assert [e["text"] for e in result["log"]] == [
        "masuser: person JDOE has status INACTIVE (set by MAXADMIN): the next"
        " MASUSERBULK run deactivates its MAS user"
    ]


def test_status_change_of_a_person_without_a_mas_user_marks_nothing(capsys):
    code, result, _ = simulate(capsys, "--person", JDOE, "--status-change", "INACTIVE")
    assert code == 0
    [person] = result["saved"]["PERSON"]
    assert person["STATUS"] == "INACTIVE"
    assert person.get("MASSYNCSTATE") is None
    assert result["requests"] == [] and result["log"] == []


def test_manage_route_status_change_cascades_in_the_same_save(capsys):
    code, result, _ = simulate(
        capsys, "--person", JDOE, "--status-change", "INACTIVE", "--data", JDOE_USER,
        "--property", "masuser.route=manage",
    )  # fmt: skip
    assert code == 0 and result["requests"] == []
    # Manage's cascade made the user inactive; MASUSERSTATUS marked the
    # person for MASUSERBULK to verify.
    [person] = result["saved"]["PERSON"]
    assert (person["STATUS"], person["MASSYNCSTATE"]) == ("INACTIVE", "DEACTPEND")
    [user] = result["saved"]["MAXUSER"]
    assert (user["USERID"], user["STATUS"]) == ("JDOE", "INACTIVE")
    assert "MASUSERBULK run verifies it" in result["log"][-1]["text"]


def test_turned_off_a_status_change_marks_and_changes_nothing(capsys):
    for route in ("internalapi", "manage"):
        code, result, _ = simulate(
            capsys, "--person", JDOE, "--status-change", "INACTIVE",
            "--data", JDOE_USER, "--property", "masuser.route=" + route,
            "--property", "masuser.deactivate=0",
        )  # fmt: skip
        assert code == 0 and result["requests"] == []
        # Manage's own cascade does not ask the bundle.
        assert sorted(result["saved"]) == ["MAXUSER", "PERSON"], route
        assert result["saved"]["MAXUSER"][0]["STATUS"] == "INACTIVE", route
        assert result["saved"]["PERSON"][0].get("MASSYNCSTATE") is None, route


def test_a_status_change_then_a_bulk_run_deactivates(capsys, write):
    _, changed, _ = simulate(
        capsys, "--person", JDOE, "--status-change", "INACTIVE", "--data", JDOE_USER
    )
    [leaver] = changed["saved"]["PERSON"]
    active = {"PERSONID": "ACT", "STATUS": "ACTIVE", "PRIMARYEMAIL": "a@example.com"}
    persons = write("persons.json", [active, leaver])
    code, result, err = simulate(
        capsys, "--persons", persons, *DIALOG, "--where", "status = 'ACTIVE'",
        "--data", JDOE_USER,
    )  # fmt: skip
    assert code == 0, err
    assert "deactivated=1" in result["summary"]
    assert [(p["personid"], p["state"]) for p in result["persons"]] == [
        ("ACT", "DONE"),
        ("JDOE", "DEACTDONE"),
    ]
    [body] = [r["body"] for r in result["requests"]]
    sent = {user["id"]: user for user in body}
    assert sent["JDOE"]["status"]["active"] is False
    assert sent["ACT"]["status"]["active"] is True
    assert sorted(r["PERSONID"] for r in result["saved"]["PERSON"]) == ["ACT", "JDOE"]


def test_bulk_deactivates_inactive_persons_that_have_a_mas_user(capsys, write):
    persons = write("persons.json", [
        {"PERSONID": "ACT", "STATUS": "ACTIVE", "PRIMARYEMAIL": "a@example.com"},
        {"PERSONID": "GONE", "STATUS": "INACTIVE"},  # a MAXUSER in --data
        {"PERSONID": "LEFT", "STATUS": "INACTIVE", "MASSYNCSTATE": "DONE"},
        {"PERSONID": "NEVER", "STATUS": "INACTIVE"},  # never a MAS user
    ])  # fmt: skip
    data = write("data.json", {"MAXUSER": [{"USERID": "GONE", "PERSONID": "GONE"}]})
    code, result, _ = simulate(capsys, "--persons", persons, *DIALOG, "--data", data)
    assert code == 0
    assert list(result) == [
        "outcome", "counts", "summary", "apppoints", "persons", "requests",
        "saved", "deleted", "log",
    ]  # fmt: skip
    assert "deactivated=2 skipped=1" in result["summary"]
    assert (result["counts"]["deactivated"], result["counts"]["skipped"]) == (2, 1)
    states = {p["personid"]: p["state"] for p in result["persons"]}
    assert states == {
        "ACT": "DONE",
        "GONE": "DEACTDONE",
        "LEFT": "DEACTDONE",
        "NEVER": None,
    }
    # saved: the PERSON rows the run changed, the skipped one not among them.
    assert sorted(r["PERSONID"] for r in result["saved"]["PERSON"]) == [
        "ACT",
        "GONE",
        "LEFT",
    ]


DATA_ERRORS = {
    "lower-case-object": ({"maxgroup": []}, ["--data", "maxgroup", "upper case"]),
    "unknown-object": ({"NOSUCH": []}, ["--data", "NOSUCH"]),
    "lower-case-attribute": ({"MAXUSER": [{"userid": "A"}]}, ["--data", "MAXUSER", "userid"]),
    "unknown-attribute": ({"MAXGROUP": [{"GROUPNAME": "A", "NICK": 1}]}, ["--data", "MAXGROUP", "NICK"]),
    "top-level-array": ([{"GROUPNAME": "A"}], ["--data", "JSON object"]),
    "value-not-a-list": ({"MAXGROUP": {"GROUPNAME": "A"}}, ["--data", "MAXGROUP", "list"]),
    "record-not-an-object": ({"MAXGROUP": ["MAINT"]}, ["--data", "MAXGROUP record 1"]),
    "nested-value": ({"MAXGROUP": [{"GROUPNAME": {"a": 1}}]}, ["--data", "MAXGROUP", "GROUPNAME"]),
    "too-long": ({"MAXGROUP": [{"GROUPNAME": "G" * 31}]}, ["--data", "MAXGROUP.GROUPNAME"]),
    "the-person-twice": ({"PERSON": [{"PERSONID": "jdoe "}]}, ["--data", "PERSON record 1", "--person"]),
}  # fmt: skip

SYNC_ERRORS = {
    "not-an-array": ({"MAXUSER": []}, ["--sync", "array"]),
    "empty": ([], ["--sync", "array"]),
    "unknown-attribute": ([{"USERID": "A", "NICK": 1}], ["--sync", "MAXUSER", "NICK"]),
    "lower-case-attribute": ([{"userid": "A"}], ["--sync", "MAXUSER", "userid"]),
}  # fmt: skip


def assert_usage_error(code, result, err, words):
    assert code == 2, (result, err)
    assert result is None
    (line,) = err.strip().splitlines()
    assert line.startswith("usage: ")
    for word in words:
        assert word in line, line


@pytest.mark.parametrize("content, words", DATA_ERRORS.values(), ids=DATA_ERRORS)
def test_bad_data_file(capsys, write, content, words):
    data = write("data.json", content)
    assert_usage_error(
        *simulate(capsys, "--person", JDOE, *DIALOG, "--data", data), words
    )


@pytest.mark.parametrize("content, words", SYNC_ERRORS.values(), ids=SYNC_ERRORS)
def test_bad_sync_file(capsys, write, content, words):
    sync = write("sync.json", content)
    assert_usage_error(
        *simulate(capsys, "--person", JDOE, *DIALOG, "--sync", sync), words
    )


def test_person_records_with_persons_are_refused(capsys, write):
    persons = write("persons.json", [{"PERSONID": "A"}])
    data = write("data.json", {"PERSON": [{"PERSONID": "B"}]})
    args = ["--persons", persons, *DIALOG, "--data", data]
    assert_usage_error(*simulate(capsys, *args), ["--data", "PERSON", "--persons"])


def test_a_missing_data_file(capsys):
    args = ["--person", JDOE, *DIALOG, "--data", "no/such.json"]
    assert_usage_error(
        *simulate(capsys, *args), ["--data no/such.json", "no such file"]
    )


FLAG_ERRORS = {
    "sync-on-manage": (["--person", JDOE, *DIALOG, *MANAGE, "--sync", SYNC], ["--sync", "masuser.route=manage"]),
    "sync-with-persons": (["--persons", "p.json", *DIALOG, "--sync", SYNC], ["--sync", "--persons"]),
    "status-with-persons": (["--persons", "p.json", "--status-change", "INACTIVE"], ["--status-change", "--persons"]),
    "status-with-access-type": (["--person", JDOE, "--status-change", "INACTIVE", "--access-type", "Concurrent"], ["--status-change", "--access-type"]),
    "status-with-entitlement": (["--person", JDOE, "--status-change", "INACTIVE", "--entitlement", "BASE"], ["--status-change", "--entitlement"]),
    "status-with-sync": (["--person", JDOE, "--status-change", "INACTIVE", "--sync", SYNC], ["--status-change", "--sync"]),
    "status-without-person": (["--status-change", "INACTIVE"], ["--status-change", "--person"]),
    "status-not-in-domain": (["--person", JDOE, "--status-change", "GONE"], ["--status-change", "PERSONSTATUS", "ACTIVE, INACTIVE"]),
    "status-lone-surrogate": (["--person", JDOE, "--status-change", "A\udc80"], ["--status-change", "surrogate"]),
    "status-with-where": (["--person", JDOE, "--status-change", "INACTIVE", "--where", "status = 'A'"], ["--where"]),
}  # fmt: skip


@pytest.mark.parametrize("args, words", FLAG_ERRORS.values(), ids=FLAG_ERRORS)
def test_flags_that_do_not_go_together(capsys, args, words):
    assert_usage_error(*simulate(capsys, *args), words)


def test_status_change_needs_a_personid(capsys, write):
    person = write("person.json", {"FIRSTNAME": "Ann"})
    args = ["--person", person, "--status-change", "INACTIVE"]
    assert_usage_error(*simulate(capsys, *args), ["--status-change", "PERSONID"])


def test_the_command_lines_take_the_new_flags(invoke_cli):
    """``invoke simulate`` and ``python -m maxkit.simulate``, as other tools run them."""
    args = ["--person", JDOE, "--status-change", "INACTIVE", "--data", JDOE_USER]
    by_invoke = invoke_cli("simulate", *args)
    by_module = subprocess.run(
        [sys.executable, "-m", "maxkit.simulate", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300,
        env=None,
    )  # fmt: skip
    assert by_invoke.returncode == by_module.returncode == 0, by_module.stderr
    first, second = json.loads(by_invoke.stdout), json.loads(by_module.stdout)
    for result in (first, second):
        assert result["saved"]["PERSON"][0]["MASSYNCSTATE"] == "DEACTPEND"
    help_text = invoke_cli("--help", "simulate").stdout
    for flag in ("--data", "--sync", "--status-change"):
        assert flag in help_text
