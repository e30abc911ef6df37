"""Where the administrator sees outcomes, as packaged: the MAS User section on
the People application's main tab (merged into an exported PERSON.xml), the
Resync MAS User signature option, menu entry and action, and the public saved
queries, each checked against Maximo's definitions the package tests use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from maxkit.package import package_files
from maxkit.bundle.presentation import MergeError, merge_dialogs

from pkg_helpers import ROOT

APP = Path(__file__).parent / "apps" / "PERSON.xml"
SCHEMA = ROOT / "tools" / "maxkit" / "schemas" / "dialog-support.xsd"
SUPPORT = ROOT / "dialogs" / "MASUSER.support.xml"


@pytest.fixture(scope="module")
def merged(bundle) -> etree._Element:
    data = package_files(ROOT, app_xml=APP)["presentation/PERSON.xml"]
    return etree.fromstring(data)  # well-formed, or this raises


@pytest.fixture(scope="module")
def support(bundle):
    return bundle.dialogs["MASUSER"].support


def test_the_support_file_is_valid_against_its_schema():
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(etree.parse(str(SUPPORT))), schema.error_log


def test_the_section_is_on_the_main_tab_and_read_only(merged, support):
    (section,) = [s for s in merged.iter("section") if s.get("id") == "MASUSER_main"]
    tab = next(section.iterancestors("tab"))
    assert tab.get("id") == "main"
    assert section.get("label") == "MAS User"
    shown = [c.get("dataattribute") for c in section]
    assert shown == [f.attribute for f in support.sections[0].fields]
    for name in ("MASSYNCSTATE", "MASSYNCDATE", "MASSYNCERROR", "MASPENDINGGROUPS"):
        assert name in shown
    assert {c.get("inputmode") for c in section} == {"readonly"}
    (error,) = [c for c in section if c.get("dataattribute") == "MASSYNCERROR"]
    assert error.tag == "multilinetextbox" and error.get("rows") == "3"
    ids = [e.get("id") for e in merged.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_every_field_is_a_persistent_attribute_the_bundle_adds(support):
    persistent = {a.name for a in support.attributes if a.persistent}
    for section in support.sections:
        assert {f.attribute for f in section.fields} <= persistent


def test_an_older_section_is_replaced_where_it_stands(bundle, tmp_path):
    old = APP.read_text().replace(
        '<textbox id="main_personid" dataattribute="PERSONID"/>',
        '<section id="MASUSER_main" label="old"><textbox id="MASUSER_main_x"'
        ' dataattribute="MASSYNCSTATE"/></section>\n\t\t\t\t\t'
        '<textbox id="main_personid" dataattribute="PERSONID"/>',
    )
    path = tmp_path / "PERSON.xml"
    path.write_text(old)
    merged = etree.fromstring(merge_dialogs(path, list(bundle.dialogs.values())))
    (tab,) = [t for t in merged.iter("tab") if t.get("id") == "main"]
    assert [c.get("id") for c in tab] == ["MASUSER_main", "main_personid"]
    assert tab[0].get("label") == "MAS User"
    assert merged.find(".//*[@id='MASUSER_main_x']") is None


def test_an_application_without_the_tab_is_refused(bundle, tmp_path):
    path = tmp_path / "PERSON.xml"
    path.write_text(APP.read_text().replace('<tab id="main"', '<tab id="other"'))
    with pytest.raises(MergeError, match="0 tab\\(s\\) with id 'main'"):
        merge_dialogs(path, list(bundle.dialogs.values()))


def test_the_section_ships_alone_too(files):
    section = etree.fromstring(files["presentation/sections/MASUSER_main.xml"])
    assert section.tag == "section" and len(section) == 7


def _dbc(files) -> etree._Element:
    (name,) = [n for n in files if n.startswith("dbc/") and n.endswith(".dbc")]
    return etree.fromstring(files[name])


def _rows(dbc, table):
    return [
        {v.get("column"): v.get("string") or v.get("boolean") for v in row}
        for insert in dbc.iter("insert")
        if insert.get("table") == table
        for row in insert
    ]


def test_resync_has_its_option_flag_menu_entry_and_action(files):
    dbc = _dbc(files)
    options = [e.get("optionname") for e in dbc.iter("add_sigoption")]
    assert "MASUSERRESYNC" in options
    flagged = [r["OPTIONNAME"] for r in _rows(dbc, "SIGOPTFLAG")]
    assert flagged == ["MASUSERUPSERT", "MASUSERRESYNC"]
    menus = [e.get("option") for e in dbc.iter("app_menu_option")]
    assert menus == ["MASUSER", "MASUSERRESYNC"]
    (action,) = [r for r in _rows(dbc, "ACTION") if r["ACTION"] == "MASUSERRESYNC"]
    assert action["OBJECTNAME"] == "PERSON"
    assert action["PARAMETER"] == "MASUSERRESYNC,MASUSERRESYNC,MASUSERRESYNC"
    granted = {r["OPTIONNAME"] for r in _rows(dbc, "APPLICATIONAUTH")}
    assert "MASUSERRESYNC" in granted


def test_the_saved_queries_are_public_people_queries_on_bundle_attributes(
    files, support
):
    rows = _rows(_dbc(files), "QUERY")
    assert [r["CLAUSENAME"] for r in rows] == [
        "MAS user: errors",
        "MAS user: pending",
        "MAS user: drift",
    ]
    assert {(r["APP"], r["ISPUBLIC"], r["OWNER"]) for r in rows} == {
        ("PERSON", "true", "MAXADMIN")
    }
    declared = {a.name for a in support.attributes}
    for row in rows:
        named = {w.upper() for w in re.findall(r"\b(mas\w+)\b", row["CLAUSE"], re.I)}
        assert named and named <= declared, row["CLAUSE"]
    errors, pending, drift = (r["CLAUSE"] for r in rows)
    assert drift == "masdrift is not null"
    for state in ("FAILED", "INVALID", "DEACTFAIL"):
        assert f"'{state}'" in errors
    assert "'DEACTPEND'" in pending and "maspendinggroups is not null" in pending
