"""The parts deploy now carries beyond the package's REST route, each checked
against Maximo's data dictionary, and the stand-in as strict as Maximo about them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from maxkit.bundle import load_bundle
from maxkit.bundle.records import (
    SCRIPT_LOGGER_KEY,
    deploy_records,
    menu_records,
    query_records,
    sigoption_records,
)
from maxkit.bundle.settings import DEFAULT_OBJECT_STRUCTURES, load_settings
from maxkit.bundle.structures import DEPLOY_ORDER, KINDS
from maxkit.deploy import screens
from maxkit.deploy.errors import DeployError
from maxkit.dictionary import data_dictionary
from maxkit.package.columns import record_problems
from testkit.manage_standin import ManageStandin, StoreError

from deploy_helpers import APIKEY, ROOT, Run

OS = {kind: name.lower() for kind, name in DEFAULT_OBJECT_STRUCTURES.items()}


def test_every_record_deploy_sends_fits_the_data_dictionary():
    records = deploy_records(load_bundle(ROOT), load_settings(ROOT))
    assert set(records) == set(DEPLOY_ORDER)
    for kind, rows in records.items():
        spec = KINDS[kind]
        obj = data_dictionary()[spec.object]
        # The key deploy finds a record by is Maximo's primary key.
        assert {k.upper() for k in spec.key} == set(obj.primary_key), kind
        for row in rows:
            assert record_problems(kind, row, kind) == [], row


def test_the_wfaction_option_carries_its_flag_and_the_menu_names_its_option():
    bundle = load_bundle(ROOT)
    options = {r["optionname"]: r for r in sigoption_records(bundle)}
    assert options["MASUSERUPSERT"]["sigoptflag"] == [{"flagname": "WFACTION"}]
    assert options["MASUSER"]["sigoptflag"] == []
    menus = {m["keyvalue"]: m for m in menu_records(bundle)}
    menu = menus["MASUSER"]
    assert (menu["menutype"], menu["moduleapp"], menu["elementtype"]) == (
        "APPMENU",
        "PERSON",
        "OPTION",
    )
    assert set(menus) <= set(options)


def test_saved_queries_of_a_support_file_become_query_rows():
    query = SimpleNamespace(
        name="MAS user: errors", owner="MAXADMIN", description="d", clause="x=1"
    )
    support = SimpleNamespace(app="PERSON", queries=(query,))
    bundle = SimpleNamespace(dialogs={"D": SimpleNamespace(support=support)})
    (row,) = query_records(bundle)
    assert row == {
        "app": "PERSON",
        "clausename": "MAS user: errors",
        "owner": "MAXADMIN",
        "description": "d",
        "clause": "x=1",
        "ispublic": True,
    }
    assert record_problems("query", row, "query") == []


def test_the_stand_in_refuses_an_attribute_its_object_lacks(manage):
    with pytest.raises(StoreError, match="NOSUCH is not an attribute of SIGOPTION"):
        manage.store.create(
            OS["sigoption"], {"app": "PERSON", "optionname": "X", "nosuch": 1}
        )
    with pytest.raises(StoreError, match="BAD is not an attribute of SIGOPTFLAG"):
        manage.store.create(
            OS["sigoption"],
            {"app": "PERSON", "optionname": "X", "sigoptflag": [{"bad": 1}]},
        )
    assert manage.store.find(OS["sigoption"], {}) == []


def test_a_server_without_the_autoscript_logger_stops_deploy_before_any_write(tls):
    with ManageStandin(
        tls / "server.pem", tls / "server.pem", {APIKEY}, stock=False
    ) as bare:
        run = Run(bare, tls / "ca.pem")
        with pytest.raises(DeployError, match=SCRIPT_LOGGER_KEY.replace(".", r"\.")):
            run()
        assert bare.writes() == []


def test_a_server_without_the_applications_presentation_stops_deploy(manage, run):
    ((rid, _),) = manage.store.find(OS["presentation"], {})
    manage.store.records[OS["presentation"]].pop(rid)
    with pytest.raises(DeployError, match="no presentation for application PERSON"):
        run()
    assert manage.writes() == []


XML = """<?xml version="1.0" encoding="UTF-8"?>
<presentation id="person">
  <page id="p">
    <tab id="main">
      <textbox id="a"/>
      <section id="MASUSER_main" label="MAS User"/>
    </tab>
  </page>
  <dialog id="otherdialog"/>
  <dialog id="MASUSER"/>
</presentation>
"""


def test_removing_takes_out_the_bundles_dialogs_and_sections_only():
    section = SimpleNamespace(id="MASUSER_main")
    support = SimpleNamespace(app="PERSON", sections=(section,))
    bundle = SimpleNamespace(
        dialogs={"MASUSER": SimpleNamespace(id="MASUSER", support=support)}
    )
    out = screens.removed(bundle, "PERSON", XML)
    assert "MASUSER" not in out
    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<presentation id="person">\n'
        '  <page id="p">\n    <tab id="main">\n      <textbox id="a"/>\n'
        '    </tab>\n  </page>\n  <dialog id="otherdialog"/>\n</presentation>\n'
    )
    assert screens.removed(bundle, "PERSON", out) == out


def test_a_presentation_that_cannot_take_the_dialog_stops_deploy(manage, run):
    ((rid, record),) = manage.store.find(OS["presentation"], {})
    clash = record["presentation"].replace(
        'id="otherdialog_field"', 'id="MASUSER_accesstype"'
    )
    manage.store.update(OS["presentation"], rid, {"presentation": clash}, merge=True)
    with pytest.raises(DeployError, match="cannot take the bundle's parts"):
        run()
    assert manage.writes() == []


def test_a_renamed_object_structure_is_the_one_deploy_calls(run, manage, bundle_copy):
    path = bundle_copy / "pyproject.toml"
    text = path.read_text()
    assert "[tool.maxkit.object-structures]" not in text
    path.write_text(
        text + '\n[tool.maxkit.object-structures]\nsigoption = "SITESIGOPT"\n'
    )
    with pytest.raises(DeployError, match="SITESIGOPT") as raised:
        run(root=bundle_copy)
    assert "BMXAA9301E" in str(raised.value) and "nothing was written" in str(
        raised.value
    )
    assert manage.writes() == []
    assert any("/api/os/sitesigopt" in c.path for c in manage.calls)
