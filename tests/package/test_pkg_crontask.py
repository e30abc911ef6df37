"""The MASUSERBULK cron task in the package: definition, one inactive instance."""

from __future__ import annotations

import pytest
from lxml import etree

from maxkit.errors import BundleError
from maxkit.package import package_files
from maxkit.bundle.settings import SettingsError

from pkg_helpers import dbc_rows, read_mif

SCRIPT_CRONTASK = "com.ibm.tivoli.maximo.script.ScriptCrontask"


@pytest.fixture(scope="module")
def dbc(files):
    (name,) = [n for n in files if n.endswith(".dbc")]
    return etree.fromstring(files[name])


def test_the_dbc_defines_the_task_and_one_inactive_instance(dbc, settings, bundle):
    (task,) = settings.crontasks
    assert dbc_rows(dbc, "CRONTASKDEF") == [
        {
            "CRONTASKNAME": "MASUSERBULK",
            "DESCRIPTION": bundle.scripts["MASUSERBULK"].config["description"],
            "CLASSNAME": SCRIPT_CRONTASK,
            "ACCESSLEVEL": "FULL",
            "LANGCODE": "EN",
            "HASLD": False,
        }
    ]
    (instance,) = dbc_rows(dbc, "CRONTASKINSTANCE")
    assert instance["ACTIVE"] is False
    assert instance["AUTOREMOVAL"] is False
    assert (
        instance["INSTANCENAME"],
        instance["SCHEDULE"],
        instance["RUNASUSERID"],
    ) == (
        task.instance,
        task.schedule,
        task.run_as,
    )
    params = {
        (r["INSTANCENAME"], r["PARAMETER"]): r["VALUE"]
        for r in dbc_rows(dbc, "CRONTASKPARAM")
    }
    assert params == {
        (task.instance, "SCRIPTNAME"): "MASUSERBULK",
        (task.instance, "SCRIPTARG"): task.scriptarg,
    }


def test_mif_and_rest_carry_the_same_task(files, records, settings):
    structure = settings.object_structures["crontask"]
    (name,) = [n for n in files if n.endswith(f"-{structure}.xml")]
    got_structure, (task,) = read_mif(files[name])
    assert got_structure == "MXAPICRONTASKDEF"
    (instance,) = task["crontaskinstance"]
    assert instance["active"] == "0"
    assert {p["parameter"] for p in instance["crontaskparam"]} == {
        "SCRIPTARG",
        "SCRIPTNAME",
    }
    assert records["crontask"][0]["crontaskinstance"][0]["active"] is False


@pytest.mark.parametrize(
    "line, replacement, match",
    [
        ('schedule = "1d,0,0,2,*,*,*,*,*,*"', 'schedule = "daily"', "schedule"),
        ('run-as-user = "MAXADMIN"', 'run-as-user = "MAX ADMIN"', "run-as-user"),
        ('instance = "MASUSERBULK01"', 'instnce = "X"', "instnce"),
        ('scriptarg = "', 'scriptarg = "  " #', "scriptarg.*empty"),
    ],
)
def test_a_bad_cron_setting_names_the_key(bundle_copy, line, replacement, match):
    pyproject = bundle_copy / "pyproject.toml"
    text = pyproject.read_text()
    assert line in text
    pyproject.write_text(text.replace(line, replacement, 1))
    with pytest.raises(SettingsError, match=match):
        package_files(bundle_copy)


def test_a_cron_task_for_a_script_with_launch_points_is_refused(bundle_copy):
    pyproject = bundle_copy / "pyproject.toml"
    text = pyproject.read_text().replace(
        "[tool.maxkit.crontasks.MASUSERBULK]", "[tool.maxkit.crontasks.MASUSERUPSERT]"
    )
    pyproject.write_text(text)
    with pytest.raises(BundleError, match="MASUSERUPSERT has launch points"):
        package_files(bundle_copy)
