"""The DBC script: valid against the DTD, and saying what the sources say.

``tools/maxkit/schemas/dbc-script.dtd`` follows the stock script.dtd's rules
for the statements we emit. The output is checked against Maximo's own
``script.dtd`` too: ../shared's copy in CI, or MAXKIT_STOCK_DTD (IBM's file,
not ours to ship); without either that test skips and says so.
"""

from __future__ import annotations

import pytest
from lxml import etree

from maxkit.bundle.model import property_default
from maxkit.package import package_files
from maxkit.bundle.records import action_records
from maxkit.bundle.settings import SettingsError

from pkg_helpers import REFERENCE, ROOT, dbc_rows, stock_dtd

OUR_DTD = ROOT / "tools" / "maxkit" / "schemas" / "dbc-script.dtd"


@pytest.fixture(scope="module")
def dbc(files, settings):
    name = f"dbc/tools/maximo/en/{settings.product}/{settings.dbc_version}_01.dbc"
    return etree.fromstring(files[name])


def test_dbc_is_valid_against_the_dtd(dbc):
    dtd = etree.DTD(str(OUR_DTD))
    assert dtd.validate(dbc), dtd.error_log.filter_from_errors()


def test_dbc_is_valid_against_the_stock_dtd(dbc):
    stock = stock_dtd()
    if stock is None:
        pytest.skip(
            f"Maximo's stock script.dtd is not here ({REFERENCE} is absent, as in a"
            " user's clone; MAXKIT_STOCK_DTD is not set): CI checks it"
        )
    dtd = etree.DTD(str(stock))
    assert dtd.validate(dbc), dtd.error_log.filter_from_errors()


def test_the_dtd_rejects_what_the_stock_dtd_rejects():
    dtd = etree.DTD(str(OUR_DTD))
    bad = [
        '<script author="a"><statements/></script>',  # no scriptname
        '<script author="a" scriptname="s"><statements><add_attributes object="P">'
        '<attrdef attribute="X" title="t"/></add_attributes></statements></script>',
        '<script author="a" scriptname="s"><statements><specify_aln_domain domainid="D"'
        ' maxtype="TEXT"><alnvalueinfo value="v"/></specify_aln_domain></statements></script>',
        '<script author="a" scriptname="s"><statements><add_property name="p"'
        ' description="d" maxtype="ALN"/></statements></script>',
        '<script author="a" scriptname="s"><statements><additional_app_menu app="P">'
        '<app_menu_option option="O"/></additional_app_menu></statements></script>',
    ]
    stock = stock_dtd()
    for text in bad:
        assert not dtd.validate(etree.fromstring(text)), text
        if stock:
            assert not etree.DTD(str(stock)).validate(etree.fromstring(text)), text


def test_file_starts_with_declaration_and_doctype(files, settings):
    name = f"dbc/tools/maximo/en/{settings.product}/{settings.dbc_version}_01.dbc"
    head = files[name].split(b"\n")[:2]
    assert head == [
        b'<?xml version="1.0" encoding="UTF-8"?>',
        b'<!DOCTYPE script SYSTEM "script.dtd">',
    ]


def test_domains_are_aln_with_a_length_that_fits(dbc, bundle):
    got = {
        d.get("domainid"): (
            d.get("maxtype"),
            int(d.get("length")),
            [v.get("value") for v in d],
        )
        for d in dbc.iter("specify_aln_domain")
    }
    assert got == {
        d.domainid: ("ALN", d.length, [v.value for v in d.values])
        for d in bundle.domains.values()
    }
    for _, length, values in got.values():
        assert max(len(v) for v in values) <= length


def test_dialog_attributes_keep_persistence_and_domains_of_the_source(dbc, bundle):
    (dialog,) = bundle.dialogs.values()
    (added,) = dbc.iter("add_attributes")
    assert added.get("object") == dialog.support.object
    assert [
        (
            a.get("attribute"),
            a.get("maxtype"),
            a.get("length"),
            a.get("persistent"),
            a.get("domain"),
        )
        for a in added
    ] == [
        (a.name, a.maxtype, str(a.length), str(a.persistent).lower(), a.domain)
        for a in dialog.support.attributes
    ]
    dialog_fields = {a.name for a in dialog.support.attributes if a.domain}
    assert all(
        a.get("persistent") == "false"
        for a in added
        if a.get("attribute") in dialog_fields
    )


def test_signature_options_wfaction_flag_and_menu_entry(dbc, bundle):
    (dialog,) = bundle.dialogs.values()
    support = dialog.support
    options = {o.get("optionname"): o for o in dbc.iter("add_sigoption")}
    assert set(options) == {s.name for s in support.sigoptions}
    assert all(o.get("app") == support.app for o in options.values())
    flags = [
        {c.get("column"): c.get("string") for c in row}
        for insert in dbc.iter("insert")
        if insert.get("table") == "SIGOPTFLAG"
        for row in insert
    ]
    assert flags == [
        {"APP": support.app, "OPTIONNAME": s.name, "FLAGNAME": "WFACTION"}
        for s in support.sigoptions
        if s.wfaction
    ]
    menus = [
        (m.get("app"), m[0].get("option"), m[0].get("tabdisplay"))
        for m in dbc.iter("additional_app_menu")
    ]
    assert menus == [(support.app, m.sigoption, m.tabdisplay) for m in support.menus]


def test_grants_go_to_the_configured_groups_never_to_everyone(dbc, bundle, settings):
    assert all(o.get("granteveryone") == "false" for o in dbc.iter("add_sigoption"))
    assert not any(
        o.get("grantapp") or o.get("grantoption") for o in dbc.iter("add_sigoption")
    )
    (auth,) = [i for i in dbc.iter("insert") if i.get("table") == "APPLICATIONAUTH"]
    granted = {(row[0].get("string"), row[2].get("string")) for row in auth}
    (dialog,) = bundle.dialogs.values()
    assert granted == {
        (g, s.name) for g in settings.grant_groups for s in dialog.support.sigoptions
    }


def test_action_rows_run_the_launch_point_scripts(dbc, bundle):
    rows = dbc_rows(dbc, "ACTION")
    assert rows == [
        {k.upper(): v for k, v in a.items()} for a in action_records(bundle)
    ]
    sigoption_actions = {
        s.action
        for d in bundle.dialogs.values()
        for s in d.support.sigoptions
        if s.action
    }
    assert sigoption_actions <= {r["ACTION"] for r in rows}
    assert all(r["VALUE"] == "com.ibm.tivoli.maximo.script.ScriptAction" for r in rows)


def test_messages_and_properties_with_defaults(dbc, bundle):
    (messages,) = [i for i in dbc.iter("insert") if i.get("table") == "MAXMESSAGES"]
    got = sorted(
        tuple(
            row.find(f"columnvalue[@column='{c}']").get("string")
            for c in ("MSGGROUP", "MSGKEY", "VALUE")
        )
        for row in messages
    )
    assert got == sorted(
        (m["msgGroup"], m["msgKey"], m["value"]) for m in bundle.messages()
    )
    props = {p.get("name"): p for p in dbc.iter("add_property")}
    assert set(props) == {p["propName"] for p in bundle.properties()}
    for source in bundle.properties():
        prop = props[source["propName"]]
        assert prop.get("default_value") == (property_default(source))
        assert prop.get("maxtype") == source.get("maxType", "ALN")


def test_product_xml_points_at_the_dbc_script(files, settings):
    product = etree.fromstring(
        files[f"dbc/applications/maximo/properties/product/{settings.product}.xml"]
    )
    assert product.findtext("dbscripts") == settings.product
    assert product.findtext("dbversion") == f"{settings.dbc_version}-01"
    assert product.findtext("name") == settings.name
    assert product.findtext("dbmaxvarname")


def test_packaging_without_grant_groups_stops(bundle_copy):
    pyproject = bundle_copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("grant-groups", "#grant-groups"))
    with pytest.raises(
        SettingsError, match="grant-groups.*never|granting to everyone is not offered"
    ):
        package_files(bundle_copy)


def test_customization_archive_holds_the_dbc_tree(files, settings):
    import io
    import zipfile

    name = f"customization/{settings.product}-{settings.version}-customization.zip"
    with zipfile.ZipFile(io.BytesIO(files[name])) as archive:
        inside = {n: archive.read(n) for n in archive.namelist()}
    assert inside == {
        path[len("dbc/") :]: data
        for path, data in files.items()
        if path.startswith("dbc/")
    }
