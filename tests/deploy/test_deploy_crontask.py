"""Deploy and the cron task: created once, inactive; the site's instance is kept."""

from __future__ import annotations

STRUCTURE = "mxapicrontaskdef"


def _only_task(manage):
    ((rid, task),) = manage.store.find(STRUCTURE, {})
    return rid, task


def _line(run, noun):
    return next(
        line for line in run.lines if f" {noun} " in line and "MASUSERBULK" in line
    )


def test_first_deploy_creates_the_task_with_an_inactive_instance(run, manage):
    assert run() == 0
    _, task = _only_task(manage)
    assert task["classname"] == "com.ibm.tivoli.maximo.script.ScriptCrontask"
    (instance,) = task["crontaskinstance"]
    assert instance["active"] is False
    assert {p["parameter"]: p["value"] for p in instance["crontaskparam"]}[
        "SCRIPTNAME"
    ] == "MASUSERBULK"
    assert _line(run, "crontask").split()[:2] == ["create", "crontask"]


def test_second_deploy_reports_the_task_unchanged(run, manage):
    run()
    writes = len(manage.writes())
    assert run() == 0
    assert len(manage.writes()) == writes
    assert "Nothing to do" in run.text


def test_a_site_that_turned_the_instance_on_keeps_it_on(run, manage):
    run()
    rid, task = _only_task(manage)
    instance = dict(
        task["crontaskinstance"][0], active=True, schedule="1h,*,0,*,*,*,*,*,*,*"
    )
    manage.store.update(STRUCTURE, rid, {"crontaskinstance": [instance]}, merge=True)
    writes = len(manage.writes())
    assert run() == 0
    assert len(manage.writes()) == writes
    _, task = _only_task(manage)
    assert task["crontaskinstance"][0]["active"] is True
    assert task["crontaskinstance"][0]["schedule"] == "1h,*,0,*,*,*,*,*,*,*"


def test_a_changed_definition_is_updated_without_touching_the_instance(
    run, manage, bundle_copy
):
    run(root=bundle_copy)
    rid, task = _only_task(manage)
    instance = dict(task["crontaskinstance"][0], active=True)
    manage.store.update(STRUCTURE, rid, {"crontaskinstance": [instance]}, merge=True)
    script = bundle_copy / "scripts" / "MASUSERBULK.py"
    script.write_text(
        script.read_text().replace(
            '"description": "Create or Update MAS Users in bulk',
            '"description": "MAS users in bulk',
        )
    )
    assert run(root=bundle_copy) == 0
    assert _line(run, "crontask").split()[:2] == ["update", "crontask"]
    _, task = _only_task(manage)
    assert task["description"].startswith("MAS users in bulk")
    assert task["crontaskinstance"][0]["active"] is True
