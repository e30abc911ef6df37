"""Fixtures of the bulk tests: an emulator, and a site talking to it."""

import pytest
from bulk_site import Site

from maxkit.emulator import Emulator


@pytest.fixture
def emulator():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def site(bundle, emulator):
    def make(persons, **properties):
        return Site(bundle, persons, endpoint=emulator.base_url, **properties)

    return make
