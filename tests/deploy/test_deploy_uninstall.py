"""--uninstall: the bundle's records go, the site's stay, the stand-in reads as before.

A stand-in that already holds a site's own records of every object the
bundle writes (another domain, property, message, logger, script, action,
cron task, signature option, grant, menu entry, saved query, dialog) gets
the whole bundle, a redeploy that writes nothing, then --uninstall: every
record of every object structure must then be as it was before the first
deploy (Maximo's change counter, _rowstamp, aside: it counts writes).
"""

from __future__ import annotations

import pytest

from maxkit.bundle.settings import DEFAULT_OBJECT_STRUCTURES
from testkit.manage_standin import Fault

from deploy_helpers import ROOT

OS = {kind: name.lower() for kind, name in DEFAULT_OBJECT_STRUCTURES.items()}

SITE_RECORDS = [
    ("domain", {"domainid": "SITEDOM", "length": 4, "alndomain": [{"value": "A"}]}),
    (
        "property",
        {
            "propname": "site.prop",
            "maxpropvalue": [{"servername": "COMMON", "propvalue": "1"}],
        },
    ),
    ("message", {"msggroup": "site", "msgkey": "hello", "value": "Hi"}),
    (
        "logger",
        {
            "logger": "SITESCRIPT",
            "logkey": "log4j.logger.maximo.script.SITESCRIPT",
            "loglevel": "DEBUG",
            "active": True,
            "internal": False,
            "parentloggerid": 41,
        },
    ),
    (
        "script",
        {
            "autoscript": "SITESCRIPT",
            "source": "pass",
            "scriptlaunchpoint": [
                {
                    "launchpointname": "SITELP",
                    "launchpointtype": "ACTION",
                    "actionname": "SITEACT",
                }
            ],
        },
    ),
    ("action", {"action": "SITEACT", "objectname": "PERSON", "type": "CUSTOM"}),
    (
        "crontask",
        {
            "crontaskname": "SITECRON",
            "classname": "x.Y",
            "crontaskinstance": [
                {
                    "instancename": "I1",
                    "schedule": "1d,*,*,*,*,*,*,*,*,*",
                    "runasuserid": "MAXADMIN",
                }
            ],
        },
    ),
    (
        "sigoption",
        {
            "app": "PERSON",
            "optionname": "SITEOPT",
            "description": "site",
            "sigoptflag": [{"flagname": "WFACTION"}],
        },
    ),
    ("grant", {"groupname": "MAXADMIN", "app": "PERSON", "optionname": "SITEOPT"}),
    (
        "menu",
        {
            "menutype": "APPMENU",
            "moduleapp": "PERSON",
            "elementtype": "OPTION",
            "keyvalue": "SITEOPT",
            "position": 10,
            "subposition": 0,
        },
    ),
    (
        "query",
        {
            "app": "PERSON",
            "owner": "MAXADMIN",
            "clausename": "site query",
            "clause": "1=1",
            "ispublic": True,
        },
    ),
    (
        "attribute",
        {"objectname": "PERSON", "attributename": "SITEATTR", "domainid": "SITEDOM"},
    ),
]


def comparable(snapshot: dict) -> dict:
    return {
        structure: {
            rid: {k: v for k, v in record.items() if k != "_rowstamp"}
            for rid, record in records.items()
        }
        for structure, records in snapshot.items()
    }


@pytest.fixture
def site(manage):
    for kind, record in SITE_RECORDS:
        manage.store.put(OS[kind], record)
    return manage


def test_uninstall_leaves_every_record_as_before_the_first_deploy(run, site):
    before = site.store.snapshot()
    assert run() == 0
    site.reset_calls()
    assert run() == 0 and site.writes() == []
    site.reset_calls()
    assert run(uninstall=True) == 0
    assert comparable(site.store.snapshot()) == comparable(before)
    writes = site.writes()
    assert {c.method for c in writes} == {"DELETE", "PATCH"}
    assert [c.method for c in writes].count("PATCH") == 1  # the presentation
    assert writes[0].path.split("/")[4] == "mxapimaxpresentation"
    assert writes[-1].path.split("/")[4] == "mxapidomain"  # reverse order
    assert " written and verified, 0 failed, 0 not attempted" in run.text
    assert "Not removed over REST: the dialog's PERSON attributes" in run.text
    site.reset_calls()
    assert run(uninstall=True) == 0 and site.writes() == []
    assert "Nothing to do: the server has nothing of this bundle to remove." in run.text


def test_uninstall_takes_only_the_bundles_parts_out_of_the_presentation(run, site):
    ((_, stock),) = site.store.find(OS["presentation"], {})
    run()
    ((_, merged),) = site.store.find(OS["presentation"], {})
    assert '<dialog id="MASUSER"' in merged["presentation"]
    assert 'id="otherdialog"' in merged["presentation"]
    run(uninstall=True)
    ((_, after),) = site.store.find(OS["presentation"], {})
    assert after["presentation"] == stock["presentation"]


def test_uninstall_dry_run_lists_the_deletes_and_writes_nothing(run, site):
    run()
    site.reset_calls()
    assert run(uninstall=True, dry_run=True) == 0
    assert site.writes() == []
    assert "delete     script        MASUSERUPSERT" in run.text
    assert "delete     sigoption     PERSON.MASUSERUPSERT" in run.text
    assert (
        "update     presentation  PERSON  (the bundle's dialogs and sections taken out)"
        in run.text
    )
    assert "SITE" not in run.text
    assert "Dry run: nothing was written." in run.text


def test_a_domain_an_attribute_still_uses_is_kept(run, site):
    run()
    site.store.put(
        OS["attribute"],
        {
            "objectname": "PERSON",
            "attributename": "ACCESSTYPE",
            "domainid": "ACCESSTYPE",
        },
    )
    assert run(uninstall=True) == 0
    assert (
        "kept       domain        ACCESSTYPE  (still used by PERSON.ACCESSTYPE"
        in run.text
    )
    assert site.store.find(OS["domain"], {"domainid": "ACCESSTYPE"})
    assert not site.store.find(OS["domain"], {"domainid": "ENTITLEMENT"})
    assert not site.store.find(OS["script"], {})[1:]  # only the site's script left


def test_the_stand_in_refuses_to_delete_a_domain_in_use(site):
    from testkit.manage_standin import StoreError

    ((rid, _),) = site.store.find(OS["domain"], {"domainid": "SITEDOM"})
    with pytest.raises(StoreError, match="SITEDOM is used by PERSON.SITEATTR"):
        site.store.delete(OS["domain"], rid)


def test_uninstall_of_a_server_without_the_bundle_sends_no_write(run, manage):
    assert run(uninstall=True) == 0
    assert manage.writes() == []
    assert "0 delete, 0 update" in run.text


@pytest.mark.parametrize("mode", ("error", "reset", "commit-then-reset"))
def test_a_failed_delete_leaves_the_record_as_before_or_gone(run, site, mode):
    before = site.store.snapshot()
    run()
    site.faults.add(Fault(method="DELETE", structure="mxscript", nth=2, mode=mode))
    code = run(uninstall=True)
    if mode == "commit-then-reset":
        assert code == 0
        assert "the answer was lost, but the server has it as intended" in run.text
    else:
        assert code == 1
        assert "now as before on the server" in run.text
        assert "Nothing is half-written" in run.text
        assert run(uninstall=True) == 0
    assert comparable(site.store.snapshot()) == comparable(before)


def test_the_uninstall_order_is_the_reverse_of_install(run, manage):
    run(root=ROOT)
    install = [c.path.split("/")[4] for c in manage.writes()]
    manage.reset_calls()
    run(root=ROOT, uninstall=True)
    removal = [c.path.split("/")[4] for c in manage.writes()]
    assert list(dict.fromkeys(removal)) == list(reversed(list(dict.fromkeys(install))))
