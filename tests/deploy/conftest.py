"""Fixtures: a Manage stand-in over real HTTPS on loopback, and small bundles.

The CA and the server certificate (``tls``, tests/conftest.py) are made once
per session; each test gets a fresh stand-in (empty server) so tests do not share state.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deploy_helpers import (
    APIKEY,
    SMALL_ACTION,
    SMALL_DOMAIN,
    SMALL_LIB,
    Run,
    copy_bundle,
)
from testkit.manage_standin import ManageStandin


@pytest.fixture
def manage(tls):
    standin = ManageStandin(tls / "server.pem", tls / "server.pem", apikeys={APIKEY})
    with standin:
        yield standin


@pytest.fixture
def run(manage, tls):
    return Run(manage, tls / "ca.pem")


@pytest.fixture
def bundle_copy(tmp_path) -> Path:
    """A copy of the repository's bundle that a test may change."""
    return copy_bundle(tmp_path / "bundle")


@pytest.fixture
def small_bundle(tmp_path) -> Path:
    """One of each kind, and a script whose launch point binds a variable."""
    root = tmp_path / "small"
    (root / "scripts").mkdir(parents=True)
    (root / "domains").mkdir()
    (root / "dialogs").mkdir()
    (root / "scripts" / "SMALLLIB.py").write_text(textwrap.dedent(SMALL_LIB))
    (root / "scripts" / "SMALLACT.py").write_text(textwrap.dedent(SMALL_ACTION))
    (root / "domains" / "SMALLDOM.xml").write_text(SMALL_DOMAIN)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "small"\nversion = "1.0.0"\n\n'
        '[tool.maxkit]\ngrant-groups = ["MAXADMIN"]\n'
    )
    return root
