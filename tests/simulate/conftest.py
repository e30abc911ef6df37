"""A MAS emulator on loopback for the simulate tests, and a person file maker."""

import json

import pytest

from maxkit.emulator import Emulator


@pytest.fixture
def emulator():
    with Emulator() as emu:
        yield emu


@pytest.fixture(scope="module")
def tls_emulator():
    with Emulator(tls=True) as emu:
        yield emu


@pytest.fixture
def person_file(tmp_path):
    def write(**attributes):
        path = tmp_path / f"person{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(attributes, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write
