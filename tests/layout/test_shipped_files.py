"""What the wheel carries: the toolkit, never the test kit.

The package list is worked out the way setuptools does it for the build,
from pyproject's own ``[tool.setuptools.packages.find]``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shipped_packages() -> list[str]:
    # Imported here: setuptools costs every test process a third of a second
    # to import, and only this module's worker needs it.
    from setuptools import find_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    find = config["tool"]["setuptools"]["packages"]["find"]
    where = ROOT / find["where"][0]
    return find_packages(str(where), include=find["include"])


def test_the_toolkit_ships():
    packages = shipped_packages()
    for name in ("maxkit", "maxkit.bundle", "maxkit.deploy", "maxkit.emulator"):
        assert name in packages
    assert "maxkit.loopback" in packages


def test_the_test_kit_does_not_ship():
    packages = shipped_packages()
    assert [p for p in packages if p.split(".")[0] != "maxkit"] == []
    # A clone that pulled the move may keep a stale __pycache__ folder there.
    assert not list((ROOT / "tools" / "maxkit" / "manage_standin").glob("*.py"))
    assert not (ROOT / "tools" / "maxkit" / "scenarios.py").exists()
    assert not (ROOT / "tools" / "maxkit" / "jython" / "parity.py").exists()


def test_the_test_kit_is_where_tests_find_it():
    import testkit.manage_standin
    import testkit.parity
    import testkit.scenarios

    for module in (testkit.manage_standin, testkit.parity, testkit.scenarios):
        assert Path(module.__file__).is_relative_to(ROOT / "tools" / "testkit")
