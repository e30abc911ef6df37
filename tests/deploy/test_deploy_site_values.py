"""A redeploy never overwrites what an administrator set (issue 18, item 1).

Two deploy paths the project supports for the properties: ``invoke deploy``
over REST, and Naviam's deploy script for the script files (replayed over
the same stand-in by testkit.naviam_replay). Both leave a value the site
changed as it is; the package's MIF and REST files do not (they are an
AddChange of the whole record), which IMPORT.md says.
"""

from __future__ import annotations

from maxkit.bundle import load_bundle
from maxkit.bundle.model import property_default
from testkit.naviam_replay import deploy_properties

from deploy_helpers import ROOT

SITE = {"masuser.route": "manage", "masuser.deactivate": "0"}


def site_changes(manage) -> None:
    for name, value in SITE.items():
        ((rid, _),) = manage.store.find("mxapimaxprop", {"propname": name})
        manage.store.update(
            "mxapimaxprop",
            rid,
            {"maxpropvalue": [{"servername": "COMMON", "propvalue": value}]},
            merge=True,
        )


def values(manage) -> dict[str, str]:
    return {
        record["propname"]: (record.get("maxpropvalue") or [{}])[0].get("propvalue")
        for _, record in manage.store.find("mxapimaxprop", {})
    }


def test_invoke_deploy_keeps_the_site_values_and_says_so(run, manage):
    assert run() == 0
    site_changes(manage)
    manage.reset_calls()
    assert run() == 0
    assert manage.writes() == []
    for name, value in SITE.items():
        assert values(manage)[name] == value
        line = next(x for x in run.lines if x.split()[2:3] == [name])
        assert line.endswith("(kept: changed on the server)"), line
    unchanged = next(x for x in run.lines if x.split()[2:3] == ["masuser.api.envelope"])
    assert "kept" not in unchanged


def test_naviams_deploy_keeps_them_too_with_initial_values(run, manage):
    properties = load_bundle(ROOT).properties()
    first = deploy_properties(manage.store, properties)
    declared = {p["propName"] for p in properties if property_default(p) is not None}
    assert {n for n, what in first.items() if what == "initial"} == declared
    site_changes(manage)
    again = deploy_properties(manage.store, properties)
    assert set(again.values()) == {"kept"}
    for name, value in SITE.items():
        assert values(manage)[name] == value
    # invoke deploy after it completes the definitions (secure level, ...)
    # and still leaves the values alone
    assert run() == 0
    for name, value in SITE.items():
        assert values(manage)[name] == value


def test_a_propvalue_default_would_be_reset_by_naviams_deploy(manage):
    """Why the bundle ships initialPropValue: the same replay with propValue
    puts the shipped value back over the site's."""
    prop = {"propName": "masuser.route", "propValue": "internalapi"}
    deploy_properties(manage.store, [prop])
    ((rid, _),) = manage.store.find("mxapimaxprop", {"propname": "masuser.route"})
    manage.store.update(
        "mxapimaxprop",
        rid,
        {"maxpropvalue": [{"servername": "COMMON", "propvalue": "manage"}]},
        merge=True,
    )
    assert values(manage) == {"masuser.route": "manage"}
    assert deploy_properties(manage.store, [prop]) == {"masuser.route": "set"}
    assert values(manage) == {"masuser.route": "internalapi"}


def test_written_properties_name_the_cache_reload_step(run, manage):
    assert run() == 0
    props = [p["propName"] for p in load_bundle(ROOT).properties()]
    (line,) = [x for x in run.lines if x.startswith("Reload the system properties")]
    assert f"{len(props)} properties were written or removed" in line
    assert "Live Refresh" in line and all(p in line for p in props)
    assert run() == 0
    assert not any(x.startswith("Reload the system properties") for x in run.lines)
