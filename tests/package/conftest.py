"""Fixtures: the package built once from the repository, and a bundle copy to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from maxkit.bundle import load_bundle
from maxkit.package import package_files
from maxkit.bundle.records import bundle_records
from maxkit.bundle.settings import load_settings
from pkg_helpers import ROOT, copy_bundle


@pytest.fixture(scope="session")
def files() -> dict[str, bytes]:
    return package_files(ROOT)


@pytest.fixture(scope="session")
def bundle():
    return load_bundle(ROOT)


@pytest.fixture(scope="session")
def records(bundle, settings):
    return bundle_records(bundle, settings)


@pytest.fixture(scope="session")
def settings():
    return load_settings(ROOT)


@pytest.fixture
def bundle_copy(tmp_path) -> Path:
    return copy_bundle(tmp_path / "bundle")
