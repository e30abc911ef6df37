"""The dialog XML, and merging it into an exported application idempotently."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from maxkit.package import build_package, package_files
from maxkit.bundle.presentation import MergeError, merge_dialogs

from pkg_helpers import ROOT

APP = Path(__file__).parent / "apps" / "PERSON.xml"


def dialogs_in(data: bytes, dialog_id: str):
    return [
        d for d in etree.fromstring(data).iter("dialog") if d.get("id") == dialog_id
    ]


def test_dialog_xml_equals_the_source(files, bundle):
    for dialog_id, dialog in bundle.dialogs.items():
        packaged = etree.fromstring(files[f"presentation/dialogs/{dialog_id}.xml"])
        source = etree.parse(
            str(dialog.path), etree.XMLParser(remove_comments=True)
        ).getroot()
        assert etree.tostring(packaged) == etree.tostring(source)


def test_merge_inserts_the_dialog_once_and_keeps_the_rest(bundle):
    dialogs = list(bundle.dialogs.values())
    merged = merge_dialogs(APP, dialogs)
    for dialog in dialogs:
        (inserted,) = dialogs_in(merged, dialog.id)
        assert inserted.getparent().tag == "presentation"
    original = etree.parse(str(APP)).getroot()
    result = etree.fromstring(merged)
    assert [c.get("id") for c in result][: len(original)] == [
        c.get("id") for c in original
    ]
    assert b"A small stand-in for an application exported" in merged


def test_a_second_merge_changes_nothing(bundle, tmp_path):
    dialogs = list(bundle.dialogs.values())
    once = tmp_path / "PERSON.xml"
    once.write_bytes(merge_dialogs(APP, dialogs))
    assert merge_dialogs(once, dialogs) == once.read_bytes()


def test_an_older_copy_of_the_dialog_is_replaced_in_place(bundle, tmp_path):
    (dialog,) = bundle.dialogs.values()
    old = APP.read_text().replace(
        '\t<dialog id="otherdialog"',
        f'\t<dialog id="{dialog.id}" label="old"><textbox id="{dialog.id}_old"'
        ' dataattribute="X"/></dialog>\n\t<dialog id="otherdialog"',
    )
    path = tmp_path / "PERSON.xml"
    path.write_text(old)
    merged = merge_dialogs(path, [dialog])
    (replaced,) = dialogs_in(merged, dialog.id)
    assert replaced.get("label") != "old" and b"_old" not in merged
    ids = [c.get("id") for c in etree.fromstring(merged)]
    assert ids.index(dialog.id) < ids.index("otherdialog")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.replace('id="person"', 'id="asset"'), "belongs to PERSON"),
        (lambda t: t.replace("presentation", "systemlib"), "not <presentation>"),
        (lambda t: t.replace('id="main_personid"', 'id="MASUSER_ok"'), "already used"),
        (lambda t: t.replace("</presentation>", "<page>"), "export it again"),
    ],
)
def test_merge_refuses_what_it_cannot_merge_safely(bundle, tmp_path, change, message):
    path = tmp_path / "PERSON.xml"
    path.write_text(change(APP.read_text()))
    with pytest.raises(MergeError, match=message):
        merge_dialogs(path, list(bundle.dialogs.values()))


def test_package_with_app_xml_writes_the_merged_application(tmp_path):
    result = build_package(ROOT, dist=tmp_path, app_xml=APP)
    merged = result.tree / "presentation" / "PERSON.xml"
    assert merged.read_bytes() == merge_dialogs(APP, list(_dialogs()))
    again = build_package(ROOT, dist=tmp_path / "again", app_xml=merged)
    assert (
        again.tree / "presentation" / "PERSON.xml"
    ).read_bytes() == merged.read_bytes()


def _dialogs():
    from maxkit.bundle import load_bundle

    bundle = load_bundle(ROOT)
    return [bundle.dialogs[k] for k in sorted(bundle.dialogs)]


def test_package_without_app_xml_has_no_merged_application():
    assert not any(
        n.startswith("presentation/") and "/dialogs/" not in n and "/sections/" not in n
        for n in package_files(ROOT)
    )
