"""First deploy, re-deploy, one changed script, dry run: the everyday paths."""

from __future__ import annotations

from maxkit.bundle import load_bundle
from maxkit.bundle.records import deploy_records
from maxkit.bundle.settings import load_settings
from testkit.manage_standin import stock_records

from deploy_helpers import APIKEY, ROOT


def server_state(manage, structure: str) -> dict:
    return {rid: rec for rid, rec in manage.store.find(structure, {})}


def objects_of(root=ROOT):
    records = deploy_records(load_bundle(root), load_settings(root))
    return sum(len(v) for v in records.values())


def creates_of(root=ROOT):
    """Every object but the presentation, which the server already has."""
    records = deploy_records(load_bundle(root), load_settings(root))
    return objects_of(root) - len(records["presentation"])


def test_first_deploy_creates_every_object_and_verifies_it(run, manage):
    assert run() == 0
    settings = load_settings(ROOT)
    records = deploy_records(load_bundle(ROOT), load_settings(ROOT))
    stock = [kind for kind, _ in stock_records()]
    for kind, wanted in records.items():
        structure = settings.object_structures[kind].lower()
        found = manage.store.find(structure, {})
        assert len(found) == len(wanted) + stock.count(kind) - (
            kind == "presentation"
        ), kind
    scripts = {r["autoscript"]: r for _, r in manage.store.find("mxscript", {})}
    for want in records["script"]:
        have = scripts[want["autoscript"]]
        assert have["source"] == want["source"]
        assert [lp["launchpointname"] for lp in have["scriptlaunchpoint"]] == [
            lp["launchpointname"] for lp in want["scriptlaunchpoint"]
        ]
    writes = manage.writes()
    assert len(writes) == objects_of()
    # One create per object; the presentation the server has is updated.
    assert [c.method for c in writes].count("PATCH") == 1
    assert writes[-1].path.endswith("/mxapimaxpresentation/_UEVSU09O")
    assert f"{objects_of()} written and verified, 0 failed" in run.text


def test_plan_is_printed_before_any_write(run, manage):
    run()
    plan_end = next(
        i for i, line in enumerate(run.lines) if line.startswith("Summary:")
    )
    assert run.lines[0].startswith("Plan for https://127.0.0.1:")
    assert all(
        "create" in line or "presentation" in line
        for line in run.lines[1:plan_end]
        if line.strip()
    )
    assert any(line.startswith("[1/") for line in run.lines[plan_end:])


def test_writes_follow_dependency_order(run, manage):
    run()
    order = [c.path.split("/")[4] for c in manage.writes()]
    kinds = ["mxapidomain", "mxapimaxprop", "mxapimessage", "mxapilogger"]
    kinds += ["mxscript", "mxapiaction", "mxapicrontaskdef", "mxapisigoption"]
    kinds += ["mxapiappauth", "mxapimaxmenu", "mxapiquery", "mxapimaxpresentation"]
    assert order == sorted(order, key=kinds.index)
    created = [
        line.split()[-2]
        for line in run.lines
        if line.startswith("[") and "script" in line
    ]
    assert created.index("MASUSERACTION") < created.index("MASUSERUPSERT")


def test_redeploy_reports_everything_unchanged_and_sends_no_write(run, manage):
    run()
    manage.reset_calls()
    assert run() == 0
    assert manage.writes() == []
    assert f"0 create, 0 update, {objects_of()} unchanged" in run.text
    assert "No write was sent" in run.text


def test_dry_run_prints_the_plan_and_writes_nothing(run, manage):
    assert run(dry_run=True) == 0
    assert manage.writes() == []
    assert "Dry run: nothing was written." in run.text
    assert f"{creates_of()} create, 1 update" in run.text


def test_changing_one_script_updates_only_that_script(run, manage, bundle_copy):
    run(root=bundle_copy)
    path = bundle_copy / "scripts" / "MASUSERUPSERT.py"
    path.write_text(path.read_text() + "# changed\n")
    manage.reset_calls()
    assert run(root=bundle_copy) == 0
    writes = manage.writes()
    assert [(c.method, c.path.split("/")[4]) for c in writes] == [("PATCH", "mxscript")]
    assert "update     script        MASUSERUPSERT  (MASUSERUPSERT: source)" in run.text
    ((_, script),) = manage.store.find("mxscript", {"autoscript": "MASUSERUPSERT"})
    assert script["source"].endswith("# changed\n")
    assert [lp["launchpointname"] for lp in script["scriptlaunchpoint"]] == [
        "MASUSERUPSERT"
    ]


def test_a_site_property_value_is_kept_on_redeploy(run, manage, small_bundle):
    run(root=small_bundle)
    ((rid, _),) = manage.store.find("mxapimaxprop", {"propname": "small.url"})
    manage.store.update(
        "mxapimaxprop",
        rid,
        {"maxpropvalue": [{"servername": "COMMON", "propvalue": "https://site"}]},
        merge=True,
    )
    manage.reset_calls()
    assert run(root=small_bundle) == 0
    assert manage.writes() == []
    assert "small.url  (kept: changed on the server)" in run.text
    ((_, prop),) = manage.store.find("mxapimaxprop", {"propname": "small.url"})
    assert prop["maxpropvalue"][0]["propvalue"] == "https://site"


def test_launch_points_removed_from_the_bundle_are_deleted_in_the_same_request(
    run, manage, small_bundle
):
    run(root=small_bundle)
    ((rid, _),) = manage.store.find("mxscript", {"autoscript": "SMALLACT"})
    manage.store.update(
        "mxscript",
        rid,
        {
            "scriptlaunchpoint": [
                {"launchpointname": "OLDLP", "launchpointtype": "CUSTOMCONDITION"}
            ]
        },
        merge=True,
    )
    manage.reset_calls()
    assert run(root=small_bundle) == 0
    assert "delete     launch point  SMALLACT.OLDLP" in run.text
    assert len(manage.writes()) == 1
    ((_, script),) = manage.store.find("mxscript", {"autoscript": "SMALLACT"})
    assert [lp["launchpointname"] for lp in script["scriptlaunchpoint"]] == ["SMALLACT"]


def test_the_api_key_is_sent_but_never_printed_or_logged(run, manage, caplog, capsys):
    caplog.set_level("DEBUG")
    run()
    assert APIKEY not in run.text
    assert APIKEY not in caplog.text
    captured = capsys.readouterr()
    assert APIKEY not in captured.out + captured.err
    assert manage.calls and all(c.status not in (401,) for c in manage.calls)


def test_plan_names_changed_launch_points_and_new_variables(run, manage, small_bundle):
    run(root=small_bundle)
    path = small_bundle / "scripts" / "SMALLACT.py"
    text = path.read_text().replace('"varBindingValue": "B"', '"varBindingValue": "C"')
    text = text.replace(
        '"allowOverride": true}',
        '"allowOverride": true},\n        {"varname": "extra", "varBindingType": "LITERAL",'
        ' "varType": "IN", "varBindingValue": "1"}',
    )
    path.write_text(text)
    assert run(root=small_bundle, dry_run=True) == 0
    assert "unchanged  variable      SMALLACT.target" in run.text
    assert (
        "create     variable      SMALLACT.extra  (in the script's request)" in run.text
    )
    assert (
        "update     launch point  SMALLACT.SMALLACT  (in the script's request)"
        in run.text
    )
    assert run(root=small_bundle) == 0
    ((_, script),) = manage.store.find("mxscript", {"autoscript": "SMALLACT"})
    assert [v["varname"] for v in script["autoscriptvars"]] == ["target", "extra"]
