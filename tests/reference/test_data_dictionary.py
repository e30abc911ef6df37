"""Our data dictionary against the published Maximo data dictionary.

``tools/maxkit/data/maximo.json`` records what the bundle relies on; the
extract of IBM's published Maximo 7.6 dictionary beside the clone in CI
(../shared/reference/maximo/data-dictionary.json) is the authority it is
checked against. A user's clone has no ../shared: these tests skip there,
saying why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maxkit.dictionary import raw

REFERENCE = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "reference"
    / "maximo"
    / "data-dictionary.json"
).resolve()


@pytest.fixture(scope="module")
def published() -> dict:
    if not REFERENCE.is_file():
        pytest.skip(
            f"{REFERENCE} is absent (a user's clone has no ../shared); CI checks"
            " the data dictionary against it"
        )
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def test_every_object_and_attribute_we_record_is_published_as_we_say(published):
    ours = raw()["objects"]
    wrong = []
    for name, spec in sorted(ours.items()):
        if spec.get("source") == "manage":
            assert name not in published, f"{name} is published: drop source"
            continue
        if spec.get("extract") is False:  # in IBM's ERD, not in the extract
            assert name not in published, f"{name} is in the extract: drop extract"
            continue
        assert name in published, f"{name} is not in the published dictionary"
        columns = {c["name"]: c for c in published[name]["columns"]}
        for attr, info in spec["attributes"].items():
            if info.get("source") == "manage":
                assert attr not in columns, f"{name}.{attr} is published: drop source"
                continue
            if attr not in columns:
                wrong.append(f"{name}.{attr}: not published")
                continue
            for fact in ("required", "persistent"):
                if info[fact] != columns[attr][fact]:
                    wrong.append(f"{name}.{attr}: {fact} is {columns[attr][fact]}")
        assert spec["uniqueId"] == published[name].get("uniqueId"), name
        assert spec["primaryKey"] == published[name].get("primaryKey"), name
    assert wrong == []


def test_every_required_attribute_of_our_objects_is_recorded(published):
    missing = [
        f"{name}.{c['name']}"
        for name, spec in sorted(raw()["objects"].items())
        if spec.get("source") != "manage" and spec.get("extract") is not False
        for c in published[name]["columns"]
        if c["required"] and c["name"] not in spec["attributes"]
    ]
    assert missing == []
