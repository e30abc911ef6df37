"""`invoke simulate` shows what a choice costs and what a new entitlement
takes away: the action's and the cron task's AppPoints, the groups of the old
entitlement deleted (on the manage route, per person in the bulk run)."""

from __future__ import annotations

import json

import pytest

from tests.simulate.test_records import (
    DIALOG,
    JDOE,
    MANAGE,
    ROOT,
    existing_user,
    simulate,
)

MAPS = [
    "--property", "masuser.groups.LIMITED=MAINT",
    "--property", "masuser.groups.BASE=MAINT,TECHNICIANS",
]  # fmt: skip


@pytest.fixture
def write(tmp_path):
    def write(name, value):
        path = tmp_path / name
        path.write_text(json.dumps(value), encoding="utf-8")
        return str(path)

    return write


@pytest.mark.parametrize(
    "access, entitlement, points",
    [("Concurrent", "BASE", 10), ("Authorized", "PREMIUM", 15)],
)
def test_the_action_prints_what_the_choice_costs(capsys, access, entitlement, points):
    args = ["--access-type", access, "--entitlement", entitlement]
    code, result, err = simulate(capsys, "--person", JDOE, *args)
    assert code == 0, err
    assert result["apppoints"] == points


def test_a_choice_over_the_ceiling_is_refused_with_its_cost(capsys):
    code, result, _ = simulate(
        capsys, "--person", JDOE, *DIALOG, "--property", "masuser.apppoints.max=5"
    )
    assert code == 1
    assert result["message"]["key"] == "appPointsOverCeiling"
    assert result["apppoints"] == 10 and result["requests"] == []


def test_a_bulk_downgrade_on_the_manage_route_leaves_the_old_groups(capsys, write):
    data = existing_user(groups=["MAINT", "TECHNICIANS", "HANDADDED"])
    data["MAXGROUP"].append({"GROUPNAME": "HANDADDED"})
    person = json.loads((ROOT / JDOE).read_text(encoding="utf-8"))
    person.update({"MASACCESSTYPE": "Concurrent", "MASENTITLEMENT": "BASE"})
    persons = write("persons.json", [person])
    code, result, err = simulate(
        capsys, "--persons", persons, "--access-type", "Concurrent",
        "--entitlement", "LIMITED", "--data", write("data.json", data),
        *MANAGE, *MAPS,
    )  # fmt: skip
    assert code == 0, err
    assert result["deleted"] == {
        "GROUPUSER": [{"GROUPNAME": "TECHNICIANS", "USERID": "JDOE"}]
    }
    assert " apppoints=5" in result["summary"] and result["apppoints"] == 5
    assert any("removed=TECHNICIANS" in line["text"] for line in result["log"])


def test_drift_prints_each_persons_findings_and_changes_nothing_else(capsys, write):
    persons = write("persons.json", [
        {"PERSONID": "P001", "STATUS": "INACTIVE", "MASSYNCSTATE": "DONE"},
        {"PERSONID": "P002", "STATUS": "ACTIVE", "MASSYNCSTATE": "DONE"},
    ])  # fmt: skip
    data = write(
        "data.json",
        {"MAXUSER": [{"USERID": "P001", "PERSONID": "P001", "STATUS": "ACTIVE"}]},
    )
    code, result, err = simulate(
        capsys, "--persons", persons, "--drift", "--data", data
    )
    assert code == 0, err
    drift = {p["personid"]: p["drift"] for p in result["persons"]}
    assert drift == {
        "P001": "userActivePersonInactive:P001",
        "P002": "userMissing:P002",
    }
    assert result["requests"] == [] and result["deleted"] == {}
    assert sorted(result["saved"]) == ["PERSON"]
    for row in result["saved"]["PERSON"]:
        assert set(row) - {"MASDRIFT"} <= {
            "PERSONID", "STATUS", "MASSYNCSTATE", "PERSONUID"
        }  # fmt: skip
    assert "findings: userActivePersonInactive=1 userMissing=1" in result["summary"]


@pytest.mark.parametrize(
    "flags, named",
    [
        (["--person", JDOE, "--drift"], "--persons"),
        (["--persons", "p.json", "--drift", *DIALOG], "--access-type"),
    ],
)
def test_drift_usage_errors(capsys, flags, named):
    code, result, err = simulate(capsys, *flags)
    assert code == 2 and result is None
    assert named in err


@pytest.mark.parametrize(
    "arg", ["mode=audit", "mode=drift;accesstype=Concurrent;entitlement=BASE"]
)
def test_a_bad_mode_is_rejected_before_anything_runs(bundle, arg):
    from maxkit.runtime import run_cron_job
    from maxkit.simulate import bulk_job
    from maxkit.worldspec import world_spec

    spec = world_spec(bundle, properties={"masuser.api.url": "https://mas.test"})
    job = bulk_job(spec, [{"PERSONID": "P001", "STATUS": "ACTIVE"}], "", "")
    job["arg"] = arg
    record = run_cron_job(job)
    [summary] = [e["text"] for e in record["log"] if "instance=" in e["text"]]
    assert "outcome=rejected" in summary and "mode is sync" in summary
    assert record["saves"] == 0
