"""REST JSON bodies: each equals its record, and requests.json orders them."""

from __future__ import annotations

import json

from maxkit.bundle.records import SCRIPT_LOGGER_KEY, logger_records
from maxkit.bundle.structures import KINDS, ORDER, object_structure


def test_each_body_is_its_record(files, records):
    requests = json.loads(files["rest/requests.json"])
    bodies = [json.loads(files[r["body"]]) for r in requests]
    expected = [r for kind in ORDER for r in records[kind]]
    assert bodies == expected
    assert {n for n in files if n.startswith("rest/")} == {
        "rest/requests.json",
        *(r["body"] for r in requests),
    }


def test_requests_name_paths_keys_and_update_headers(files, settings):
    for request in json.loads(files["rest/requests.json"]):
        structure = object_structure(request["kind"], settings).lower()
        assert request["find"]["method"] == "GET"
        assert request["find"]["path"] == f"/maximo/api/os/{structure}"
        if request["kind"] != "parentlogger":
            assert request["create"] == {
                "method": "POST",
                "path": f"/maximo/api/os/{structure}?lean=1",
            }
        assert request["update"]["headers"] == {
            "x-method-override": "PATCH",
            "patchtype": "MERGE",
        }
        body = json.loads(files[request["body"]])
        spec = KINDS[request["kind"]]
        assert request["key"] == dict(zip(spec.key, spec.key_of(body)))


def test_order_is_domains_properties_messages_libraries_launch_point_scripts_crontasks(
    files,
):
    requests = json.loads(files["rest/requests.json"])
    kinds = [r["kind"] for r in requests]
    order = ["domain", "property", "message", "parentlogger", "script", "crontask"]
    assert kinds == sorted(kinds, key=order.index)
    assert kinds[-1] == "crontask"
    scripts = [json.loads(files[r["body"]]) for r in requests if r["kind"] == "script"]
    has_launch_points = [bool(s["scriptlaunchpoint"]) for s in scripts]
    assert has_launch_points == sorted(has_launch_points)


def test_script_variables_come_before_launch_points_in_each_body(files):
    for name, data in files.items():
        if name.startswith("rest/") and "mxscript" in name:
            keys = list(json.loads(data))
            assert keys.index("autoscriptvars") < keys.index("scriptlaunchpoint")


def test_bodies_round_trip_against_the_script_sources(files, bundle):
    requests = json.loads(files["rest/requests.json"])
    bodies = {r["body"]: json.loads(files[r["body"]]) for r in requests}
    scripts = [b for name, b in bodies.items() if "-mxscript-" in name]
    assert {s["autoscript"] for s in scripts} == set(bundle.scripts)
    for body in scripts:
        script = bundle.scripts[body["autoscript"]]
        assert body["source"] == script.path.read_text(encoding="utf-8")
        assert body["description"] == script.config.get("description", "")
    messages = [b for name, b in bodies.items() if "-mxapimessage-" in name]
    assert sorted((m["msggroup"], m["msgkey"], m["value"]) for m in messages) == sorted(
        (m["msgGroup"], m["msgKey"], m["value"]) for m in bundle.messages()
    )


def test_script_loggers_are_a_merge_into_the_autoscript_logger_found_first(
    files, bundle, settings
):
    """GET Maximo's autoscript logger by LOGKEY, then MERGE the bundle's
    loggers into its href as ``childloggers``; never a create (the parent is
    Maximo's), and nothing of the parent's own but its key."""
    requests = json.loads(files["rest/requests.json"])
    (request,) = [r for r in requests if r["kind"] == "parentlogger"]
    structure = settings.object_structures["logger"].lower()
    assert "create" not in request
    assert request["find"] == {
        "method": "GET",
        "path": f"/maximo/api/os/{structure}",
        "params": {
            "lean": "1",
            "oslc.where": f'logkey="{SCRIPT_LOGGER_KEY}"',
            "oslc.select": "href",
        },
    }
    assert request["update"]["path"] == "<href of the record>?lean=1"
    assert request["update"]["headers"]["patchtype"] == "MERGE"
    body = json.loads(files[request["body"]])
    assert body == {
        "logkey": SCRIPT_LOGGER_KEY,
        "childloggers": logger_records(bundle),
    }
    assert body["childloggers"] and all(
        c["logkey"] == f"{SCRIPT_LOGGER_KEY}.{c['logger']}"
        and "parentloggerid" not in c
        for c in body["childloggers"]
    )
    kinds = [r["kind"] for r in requests]
    assert kinds.index("message") < kinds.index("parentlogger") < kinds.index("script")


def test_a_bundle_without_script_loggers_ships_no_logger_record():
    from types import SimpleNamespace

    from maxkit.bundle.records import logger_tree

    assert logger_tree(SimpleNamespace(scripts={})) == []
