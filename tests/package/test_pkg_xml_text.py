"""A character XML 1.0 cannot carry, in a scriptConfig text or a script, is a
BundleError naming the file, the value and the character (not an lxml traceback)."""

from __future__ import annotations

import pytest

from maxkit.errors import BundleError, MaxkitError
from maxkit.package import build_package

MESSAGE = '"msgKey": "personNotActive", "displayMethod": "MSGBOX", "suffix": "E",'
CASES = {
    "message-bell": (MESSAGE, MESSAGE + ' "explanation": "a\\u0007b",',
                     ["{script}", "message masuser.personNotActive", "U+0007"]),
    "message-escape": (MESSAGE, MESSAGE + ' "explanation": "\\u001b[31m",',
                       ["message masuser.personNotActive", "U+001B"]),
    "property-description": ('"propName": "masuser.api.url",',
                             '"propName": "masuser.api.url", "remarks": "\\u000b",',
                             ["property masuser.api.url", "U+000B"]),
    "lone-surrogate": ('"propName": "masuser.api.url",',
                       '"propName": "masuser.api.url", "remarks": "\\udfff",',
                       ["property masuser.api.url", "U+DFFF"]),
    "source-form-feed": ("import ", "# \x0c\nimport ", ["{script}:", "U+000C"]),
}  # fmt: skip


@pytest.mark.parametrize("old, new, named", CASES.values(), ids=CASES)
def test_a_text_xml_cannot_carry_is_named(bundle_copy, tmp_path, old, new, named):
    # The first script (by name) that holds ``old``: it is the one named.
    script = sorted(
        p for p in (bundle_copy / "scripts").glob("*.py") if old in p.read_text("utf-8")
    )[0]
    named = [part.format(script=script.name) for part in named]
    source = script.read_text(encoding="utf-8")
    script.write_text(source.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BundleError) as error:
        build_package(bundle_copy, dist=tmp_path / "dist")
    message = str(error.value)
    for part in named:
        assert part in message, message
    assert "\n" not in message
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


ENTITIES = {
    "external-entity": '<!DOCTYPE p [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    '<presentation id="PERSON">&e;</presentation>',
    "internal-entity": '<!DOCTYPE p [<!ENTITY e "x">]><presentation id="PERSON"/>',
    "undeclared-reference": '<presentation id="PERSON">&nbsp;</presentation>',
}


@pytest.mark.parametrize("xml", ENTITIES.values(), ids=ENTITIES)
def test_an_app_xml_with_entities_is_refused(tmp_path, xml):
    from maxkit.package import package_files
    from pkg_helpers import ROOT

    app = tmp_path / "PERSON.xml"
    app.write_text('<?xml version="1.0" encoding="UTF-8"?>' + xml, encoding="utf-8")
    with pytest.raises(MaxkitError, match="entities"):
        package_files(ROOT, app_xml=app)
