"""Reading the bundle: the real one loads, and each broken source names file:line."""

import shutil

import pytest

from maxkit.bundle import load_bundle
from maxkit.errors import BundleError


def test_the_bundle_loads(bundle):
    assert set(bundle.scripts) == {
        "MASUSERBULK",
        "MASUSERCOST",
        "MASUSERGROUPS",
        "MASUSERACTION",
        "MASUSERBATCH",
        "MASUSERBULKLIB",
        "MASUSERCHUNK",
        "MASUSERCONF",
        "MASUSERHTTP",
        "MASUSERLIFE",
        "MASUSERMANAGE",
        "MASUSERPAYLOAD",
        "MASUSERTEXT",
        "MASUSERRESYNC",
        "MASUSERSTATUS",
        "MASUSERUPSERT",
    }
    assert [v.value for v in bundle.domains["ACCESSTYPE"].values] == [
        "Concurrent",
        "Authorized",
    ]
    assert [v.value for v in bundle.domains["ENTITLEMENT"].values] == [
        "NONE",
        "SELF_SERVICE",
        "LIMITED",
        "BASE",
        "PREMIUM",
    ]
    support = bundle.dialogs["MASUSER"].support
    assert [a.name for a in support.attributes if not a.persistent] == [
        "ACCESSTYPE",
        "ENTITLEMENT",
        "MASAPPPOINTS",
    ]
    assert [s.name for s in support.sigoptions if s.wfaction] == [
        "MASUSERUPSERT",
        "MASUSERRESYNC",
    ]
    assert [s.id for s in support.sections] == ["MASUSER_main"]
    assert [q.name for q in support.queries] == [
        "MAS user: errors",
        "MAS user: pending",
        "MAS user: drift",
    ]


def test_a_section_field_must_be_declared_in_its_support_file(copy):
    path = copy / "dialogs" / "MASUSER.support.xml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('<field attribute="MASSYNCDATE"/>', '<field attribute="NOSUCH"/>'),
        encoding="utf-8",
    )
    with pytest.raises(BundleError, match="attribute NOSUCH is not declared"):
        load_bundle(copy)


@pytest.fixture
def copy(root, tmp_path):
    for folder in ("scripts", "domains", "dialogs"):
        shutil.copytree(root / folder, tmp_path / folder)
    return tmp_path


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_trailing_comma_in_script_config_names_its_line(copy):
    script = copy / "scripts" / "MASUSERUPSERT.py"
    edit(script, '"active": true\n        }', '"active": true,\n        }')
    with pytest.raises(BundleError) as caught:
        load_bundle(copy)
    line = script.read_text().splitlines().index('            "active": true,') + 1
    assert caught.value.where in (f"{script}:{line}", f"{script}:{line + 1}")
    assert "strict JSON" in str(caught.value)


def test_a_second_script_config_is_refused(copy):
    script = copy / "scripts" / "MASUSERUPSERT.py"
    edit(
        script,
        'LIBRARY = "MASUSERACTION"',
        'LIBRARY = "MASUSERACTION"\nscriptConfig = """{}"""',
    )
    with pytest.raises(BundleError, match="defined twice"):
        load_bundle(copy)


def test_malformed_domain_xml_names_its_line(copy):
    edit(copy / "domains" / "ACCESSTYPE.xml", "</DOMAINID>", "</DOMAIN>")
    with pytest.raises(BundleError, match="ACCESSTYPE.xml:[0-9]+: not well-formed"):
        load_bundle(copy)


def test_a_domain_without_length_is_refused(copy):
    edit(copy / "domains" / "ENTITLEMENT.xml", "<LENGTH>12</LENGTH>", "")
    with pytest.raises(BundleError, match="<LENGTH> is missing"):
        load_bundle(copy)


def test_support_definitions_are_validated_against_their_schema(copy):
    edit(
        copy / "dialogs" / "MASUSER.support.xml",
        'persistent="false"',
        'persistent="no"',
    )
    with pytest.raises(BundleError, match="MASUSER.support.xml:[0-9]+: .*persistent"):
        load_bundle(copy)


def test_dialog_id_must_match_its_support_file(copy):
    edit(copy / "dialogs" / "MASUSER.xml", 'id="MASUSER"', 'id="MASUSR"')
    with pytest.raises(BundleError, match="differs"):
        load_bundle(copy)
