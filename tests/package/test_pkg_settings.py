"""pyproject.toml settings: name, version, product, groups, object structures."""

from __future__ import annotations

import pytest

from maxkit.bundle.settings import (
    DEFAULT_OBJECT_STRUCTURES,
    SettingsError,
    load_settings,
)


def write(tmp_path, tool: str, version: str = "1.2.3"):
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\nversion = "{version}"\n\n[tool.maxkit]\n{tool}\n'
    )
    return tmp_path


def test_defaults_and_dbc_version(tmp_path):
    settings = load_settings(write(tmp_path, 'grant-groups = ["MAXADMIN", "MASADMIN"]'))
    assert settings.dist_name == "x-1.2.3" and settings.dbc_version == "V1230"
    assert settings.grant_groups == ("MAXADMIN", "MASADMIN")
    assert settings.object_structures == DEFAULT_OBJECT_STRUCTURES


@pytest.mark.parametrize(
    "tool, version, message",
    [
        ("", "1.0.0", "grant-groups"),
        ('grant-groups = ["everyone"]', "1.0.0", "not a Maximo group name"),
        ('grant-groups = ["A"]', "1.10.0", "does not map to a DBC script version"),
        ('grant-groups = ["A"]\nproduct = "Bad-Name"', "1.0.0", "product"),
        (
            'grant-groups = ["A"]\n[tool.maxkit.object-structures]\ncron = "X"',
            "1.0.0",
            "cron",
        ),
    ],
)
def test_bad_settings_name_the_key(tmp_path, tool, version, message):
    with pytest.raises(SettingsError, match=message) as error:
        load_settings(write(tmp_path, tool, version))
    assert "pyproject.toml" in str(error.value)


def test_object_structures_can_be_renamed(tmp_path):
    settings = load_settings(
        write(
            tmp_path,
            'grant-groups = ["A"]\n[tool.maxkit.object-structures]\nproperty = "MXPROP"',
        )
    )
    assert settings.object_structures["property"] == "MXPROP"
