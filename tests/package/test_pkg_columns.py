"""The package against Maximo's data dictionary: no row updatedb would refuse.

The check lives in the packager (``maxkit.package.columns``), so a bundle
that does not fit is never written; these tests prove it finds what it
claims to, on crafted files, and finds nothing in the real package.
"""

from __future__ import annotations

import json

import pytest
from lxml import etree

from maxkit.errors import MaxkitError
from maxkit.package import package_files
from maxkit.package.columns import dbc_problems, mif_problems, record_problems
from maxkit.bundle.structures import ORDER

INSERTED = (
    *["MAXLOGGER"] * 5,  # one insert per script logger (the libraries have none)
    "SIGOPTFLAG",
    "QUERY",
    "APPLICATIONAUTH",
    "ACTION",
    "MAXMESSAGES",
    "CRONTASKDEF",
    "CRONTASKINSTANCE",
    "CRONTASKPARAM",
)


def _dbc(files):
    (name,) = [n for n in files if n.endswith(".dbc")]
    return files[name]


def _insert(table, *columns):
    values = "".join(f'<columnvalue column="{c}" {v}/>' for c, v in columns)
    return (
        '<script author="a" scriptname="s"><statements>'
        f'<insert table="{table}"><insertrow>{values}</insertrow></insert>'
        "</statements></script>"
    ).encode()


def test_every_insert_row_of_the_package_fits_its_table(files):
    dbc = _dbc(files)
    assert dbc_problems(dbc) == []
    tables = [i.get("table") for i in etree.fromstring(dbc).iter("insert")]
    assert sorted(tables) == sorted(INSERTED)
    rows = sum(len(i) for i in etree.fromstring(dbc).iter("insert"))
    assert rows >= 25  # 20+ messages, the action, grants, flag, cron task


def test_a_non_persistent_attribute_and_a_missing_required_column_are_found():
    # The MAXMESSAGES row as the package wrote it before: MSGIDPREFIX and
    # MSGIDSUFFIX are UI fields, MSGID and PREFIX the required columns.
    problems = dbc_problems(
        _insert(
            "MAXMESSAGES",
            ("MSGGROUP", 'string="g"'),
            ("MSGKEY", 'string="k"'),
            ("VALUE", 'string="v"'),
            ("DISPLAYMETHOD", 'string="MSGBOX"'),
            ("OPTIONS", 'number="2"'),
            ("MSGIDPREFIX", 'string="BMXZZ"'),
            ("MSGIDSUFFIX", 'string="E"'),
        )
    )
    assert problems == [
        "line 1: insert into MAXMESSAGES, row 1: MSGIDPREFIX, MSGIDSUFFIX not a"
        " column of MAXMESSAGES",
        "line 1: insert into MAXMESSAGES, row 1: required column(s) MSGID, PREFIX"
        " missing",
    ]


def test_an_action_row_without_langcode_and_hasld_is_found():
    problems = dbc_problems(
        _insert(
            "ACTION",
            ("ACTION", 'string="A"'),
            ("TYPE", 'string="CUSTOM"'),
            ("USEWITH", 'string="ALL"'),
        )
    )
    assert problems == [
        "line 1: insert into ACTION, row 1: required column(s) HASLD, LANGCODE missing"
    ]


def test_an_unknown_table_and_an_empty_value_are_found():
    assert dbc_problems(_insert("NOSUCHTABLE", ("X", 'string="1"'))) == [
        "line 1: insert into NOSUCHTABLE: NOSUCHTABLE is not in the data dictionary"
    ]
    problems = dbc_problems(
        _insert(
            "SIGOPTFLAG",
            ("APP", 'string="PERSON"'),
            ("OPTIONNAME", 'string=""'),
            ("FLAGNAME", 'string="WFACTION"'),
        )
    )
    assert problems == [
        "line 1: insert into SIGOPTFLAG, row 1: column(s) OPTIONNAME given no value"
    ]


def test_mif_and_rest_name_only_attributes_of_their_objects(files, records, settings):
    kinds = []
    for name in sorted(n for n in files if n.startswith("mif/")):
        kind = ORDER[int(name[4:6]) - 1]
        kinds.append(kind)
        assert mif_problems(kind, files[name], name) == []
    assert kinds == list(ORDER)  # the script loggers' file among them
    for request in json.loads(files["rest/requests.json"]):
        body = json.loads(files[request["body"]])
        assert record_problems(request["kind"], body, request["body"]) == []


def test_an_attribute_the_object_lacks_is_found_in_rest_and_mif(records):
    script = dict(records["script"][0])
    script["scriptlaunchpoint"] = [{"launchpointname": "X", "eventtype": "0"}]
    script["autoscriptname"] = "X"
    assert record_problems("script", script, "body") == [
        "body: EVENTTYPE is not an attribute of SCRIPTLAUNCHPOINT",
        "body: AUTOSCRIPTNAME is not an attribute of AUTOSCRIPT",
    ]
    tree = {"logkey": "k", "childloggers": [{"logger": "L", "parentlogger": "k"}]}
    assert record_problems("parentlogger", tree, "body") == [
        "body: PARENTLOGGER is not an attribute of MAXLOGGER"
    ]
    mif = (
        b'<SyncMXDOMAIN xmlns="http://www.ibm.com/maximo"><MXDOMAINSet>'
        b"<MAXDOMAIN><DOMAINID>D</DOMAINID><ALNDOMAIN><VALUES>v</VALUES></ALNDOMAIN>"
        b"</MAXDOMAIN></MXDOMAINSet></SyncMXDOMAIN>"
    )
    assert mif_problems("domain", mif, "f.xml") == [
        "f.xml line 1: VALUES is not an attribute of ALNDOMAIN"
    ]


def test_the_packager_refuses_a_package_that_does_not_fit(monkeypatch, bundle_copy):
    from maxkit.package import dbc

    monkeypatch.setattr(dbc, "BASE_LANGUAGE", "")
    with pytest.raises(MaxkitError, match="does not fit Maximo's data dictionary"):
        package_files(bundle_copy)
