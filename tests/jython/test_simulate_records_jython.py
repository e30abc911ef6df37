"""`invoke simulate --runtime jython` on Manage's records: --data, saved,
--sync and --status-change give what the CPython fake gives.

Each command is one JVM, so each run carries several checks: pending groups
landing on sync, the manage route's saves, a status change, a bulk run that
deactivates.
"""

from __future__ import annotations

import json

import pytest

JDOE = "tools/samples/persons/jdoe.json"
GROUPS = "tools/samples/records/groups.json"
SYNC = "tools/samples/records/jdoe-sync.json"
JDOE_USER = "tools/samples/records/jdoe-user.json"
DIALOG = ["--access-type", "Authorized", "--entitlement", "BASE"]
MAPPING = ["--property", "masuser.groups.BASE=MAINT,TECHNICIANS"]

# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython


def dateless(value):
    """``value`` with the time of the run left out (each run has its own)."""
    if isinstance(value, dict):
        return {
            k: ("<date>" if k.upper().endswith("DATE") and v else dateless(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [dateless(item) for item in value]
    return value


def both(invoke_cli, *args):
    """The result of the run in Jython, checked equal to the CPython one."""
    runs = [
        invoke_cli("simulate", *args, "--runtime", rt) for rt in ("jython", "cpython")
    ]
    jython, cpython = runs
    assert jython.returncode == cpython.returncode, jython.stderr
    result = json.loads(jython.stdout)
    assert dateless(result) == dateless(json.loads(cpython.stdout))
    return jython.returncode, result


def test_pending_groups_land_on_sync_in_jython(invoke_cli):
    code, result = both(
        invoke_cli,
        "--person",
        JDOE,
        *DIALOG,
        *MAPPING,
        "--data",
        GROUPS,
        "--sync",
        SYNC,
    )
    assert code == 0
    assert result["message"]["key"] == "userGroupsPending"
    assert len(result["requests"]) == 1
    assert result["saved"]["PERSON"][0]["MASPENDINGGROUPS"] == "MAINT,TECHNICIANS"
    synced = result["synced"]
    assert [r["GROUPNAME"] for r in synced["GROUPUSER"]] == ["MAINT", "TECHNICIANS"]
    assert synced["PERSON"][0]["MASPENDINGGROUPS"] is None
    assert result["sync_error"] is None


def test_manage_route_saves_and_sends_nothing_in_jython(invoke_cli):
    code, result = both(
        invoke_cli, "--person", JDOE, *DIALOG, *MAPPING, "--data", GROUPS,
        "--property", "masuser.route=manage",
    )  # fmt: skip
    assert code == 0
    assert result["requests"] == []
    [user] = result["saved"]["MAXUSER"]
    assert (user["USERID"], user["STATUS"], user["ISAUTHORIZED"]) == (
        "JDOE",
        "ACTIVE",
        True,
    )
    assert [r["GROUPNAME"] for r in result["saved"]["GROUPUSER"]] == [
        "MAINT",
        "TECHNICIANS",
    ]


def test_status_change_then_bulk_deactivation_in_jython(invoke_cli, tmp_path):
    code, changed = both(
        invoke_cli, "--person", JDOE, "--status-change", "INACTIVE", "--data", JDOE_USER
    )
    assert code == 0
    assert changed["outcome"] == "success" and changed["requests"] == []
    [leaver] = changed["saved"]["PERSON"]
    assert leaver["MASSYNCSTATE"] == "DEACTPEND"
    persons = tmp_path / "persons.json"
    persons.write_text(
        json.dumps(
            [
                {"PERSONID": "ACT", "STATUS": "ACTIVE", "PRIMARYEMAIL": "a@x.test"},
                leaver,
                {"PERSONID": "LEFT", "STATUS": "INACTIVE", "MASSYNCSTATE": "DONE"},
                {"PERSONID": "NEVER", "STATUS": "INACTIVE"},
            ]
        ),
        encoding="utf-8",
    )
    code, run = both(
        invoke_cli, "--persons", str(persons), *DIALOG, "--data", JDOE_USER
    )
    assert code == 0
    assert "deactivated=2 skipped=1" in run["summary"]
    states = {p["personid"]: p["state"] for p in run["persons"]}
    assert states == {
        "ACT": "DONE",
        "JDOE": "DEACTDONE",
        "LEFT": "DEACTDONE",
        "NEVER": None,
    }
    assert sorted(r["PERSONID"] for r in run["saved"]["PERSON"]) == [
        "ACT",
        "JDOE",
        "LEFT",
    ]
