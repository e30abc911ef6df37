"""scriptConfig and domains as Maximo records: events, order, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from maxkit.bundle.model import Domain, DomainValue, Script
from maxkit.errors import BundleError
from maxkit.bundle.records import domain_record, property_record, script_record


def script(config: dict) -> Script:
    return Script("S", Path("scripts/S.py"), "src", {"autoscript": "S", **config}, 3)


def launch_point(**fields) -> dict:
    lp = {"launchPointName": "LP", "launchPointType": "OBJECT", "objectName": "PERSON"}
    return script({"scriptLaunchPoints": [{**lp, **fields}]})


@pytest.mark.parametrize(
    "fields, event",
    [
        ({"initializeValue": True}, 1),
        ({"validateApplication": True}, 1024),
        ({"allowObjectCreation": True}, 2048),
        ({"allowObjectDeletion": True}, 4096),
        ({"save": True, "add": True, "beforeSave": True}, 2),
        ({"save": True, "add": True, "update": True, "afterSave": True}, 48),
        ({"save": True, "delete": True, "afterCommit": True}, 512),
    ],
)
def test_object_launch_point_events(fields, event):
    (lp,) = script_record(launch_point(**fields))["scriptlaunchpoint"]
    assert lp["objectevent"] == event


@pytest.mark.parametrize(
    "fields, message",
    [
        ({}, "needs an event"),
        ({"save": True, "beforeSave": True}, "save needs add/update/delete"),
        ({"launchPointType": "ACTION"}, "ACTION needs actionName"),
        ({"launchPointType": "INTEGRATION"}, "cannot be packaged"),
        (
            {
                "initializeValue": True,
                "launchPointVars": [{"varName": "v", "varBindingValue": "1"}],
            },
            "autoScriptVars does not declare",
        ),
    ],
)
def test_launch_point_errors_say_where_and_what(fields, message):
    with pytest.raises(BundleError, match=message) as error:
        script_record(launch_point(**fields))
    assert str(error.value).startswith("scripts/S.py:3: ")


def test_attribute_launch_point_and_variables():
    record = script_record(
        script(
            {
                "autoScriptVars": [
                    {"varname": "v", "varBindingType": "attribute", "varType": "in"}
                ],
                "scriptLaunchPoints": [
                    {
                        "launchPointName": "LP",
                        "launchPointType": "ATTRIBUTE",
                        "objectName": "PERSON",
                        "attributeName": "STATUS",
                        "retrieveList": True,
                        "launchPointVars": [
                            {"varName": "v", "varBindingValue": "STATUS"}
                        ],
                    }
                ],
            }
        )
    )
    (var,) = record["autoscriptvars"]
    assert (var["varbindingtype"], var["vartype"]) == ("ATTRIBUTE", "IN")
    (lp,) = record["scriptlaunchpoint"]
    assert (lp["attributename"], lp["objectevent"]) == ("STATUS", 64)
    assert lp["launchpointvars"] == [{"varname": "v", "varbindingvalue": "STATUS"}]


def test_a_domain_value_longer_than_the_domain_is_refused():
    domain = Domain(
        "D", "", "ALN", "ALN", 3, (DomainValue("LONG", ""),), Path("domains/D.xml")
    )
    with pytest.raises(BundleError, match="longer than LENGTH 3"):
        domain_record(domain)


def test_property_value_is_only_in_the_child_row():
    assert "maxpropvalue" not in property_record({"propName": "p"})
    record = property_record({"propName": "p", "initialPropValue": "5"})
    assert record["maxpropvalue"] == [{"servername": "COMMON", "propvalue": "5"}]
    assert record["nullsallowed"] is False and record["securelevel"] == "PRIVATE"
