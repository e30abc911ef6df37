"""The scale bench's recorded run (docs/bench/scale.json) is what the docs'
scale table and the bench's estimate are made from; `invoke docs --check`
fails when the table and the record disagree."""

from __future__ import annotations

import json
import shutil

import pytest
from invoke import Exit, MockContext

import tasks
from maxkit import docgen
from maxkit.bench import record
from maxkit.bench.scale import ScaleRow


def row(persons, cpu, **changes):
    values = dict(
        persons=persons,
        us_per_person=cpu,
        wall_us_per_person=cpu * 1.25,
        requests=persons // 100,
        saves=persons // 100,
        done=persons * 8 // 10,
        deactivated=persons * 2 // 10,
        held_bytes=600_000,
        held_max_bytes=1_800_000,
        growth_bytes=0,
        table_bytes=2_500_000,
        peak_held_mbos=101,
        repeats=1,
        gc_samples=10,
    )
    values.update(changes)
    return ScaleRow(**values)


def recorded(seconds=65.0, sizes=(1000, 10000)):
    rows = [row(size, 300.0 + size / 10000) for size in sizes]
    return record.entry(
        "manage",
        rows,
        chunk=100,
        sizes=sizes,
        repeats=0,
        seconds=seconds,
        versions={"jython": "2.7.3", "java": "17.0.9"},
        command="invoke bench --scale --record --route manage",
    )


@pytest.fixture
def site(root, tmp_path):
    """A copy of the docs (and the bundle docgen reads) a test may change."""
    for part in ("scripts", "domains", "dialogs", "docs"):
        shutil.copytree(root / part, tmp_path / part)
    return tmp_path


def test_a_recorded_run_is_kept_per_route_with_its_machine(site):
    record.save(site, "manage", recorded())
    record.save(site, "internalapi", recorded(seconds=40.0))
    record.save(site, "manage", recorded(seconds=70.0))
    runs = record.load(site)
    assert sorted(runs) == ["internalapi", "manage"]
    manage = runs["manage"]
    assert manage["seconds"] == 70.0
    # The warm-up (20,000 persons), then the repeats.
    assert manage["persons_run"] == 20000 + 5 * 1000 + 2 * 10000
    assert manage["machine"]["java"] == "17.0.9" and manage["machine"]["cores"] >= 1
    assert [r["persons"] for r in manage["rows"]] == [1000, 10000]


def test_the_estimate_is_the_recorded_seconds_per_person_run(site):
    # 45,000 persons run: a warm-up of 20,000, 5 x 1,000, 2 x 10,000.
    record.save(site, "manage", recorded(seconds=5.0 + 45_000 * 0.002))
    runs = record.load(site)
    # The same sizes take what the recorded run took.
    assert record.estimate_seconds(runs, "manage", [1000, 10000]) == pytest.approx(95)
    # Persons run (a warm-up of 20,000, then each size once) at the recorded
    # seconds per person, past the JVM start.
    ten = record.estimate_seconds(runs, "manage", [10000, 100000], repeats=1)
    assert ten == pytest.approx(5 + 130_000 * 0.002)
    # A route with nothing recorded falls back to a guess.
    assert record.estimate_seconds(runs, "internalapi", [1000]) > 5


def test_the_docs_table_shows_every_recorded_row(site):
    record.save(site, "manage", recorded())
    table = record.docs_table(record.load(site))
    assert (
        "| manage | 1000 | 300.1 | 375.1 | 10 | 10 | 800 | 200 | 0.6 / 1.8 |" in table
    )
    assert "| manage | 10000 | 301.0 |" in table
    assert "- manage: `invoke bench --scale --record --route manage` on " in table
    assert "is 1.00x that at 1000" in table


def test_docs_check_fails_when_table_and_record_disagree(site, monkeypatch):
    monkeypatch.setattr(tasks, "ROOT", site)
    record.save(site, "manage", recorded())
    with pytest.raises(Exit):  # a new record: the table is behind it
        tasks.docs(MockContext(), check=True)
    tasks.docs(MockContext())
    tasks.docs(MockContext(), check=True)  # in step with the record
    path = site / record.RECORD
    data = json.loads(path.read_text(encoding="utf-8"))
    run = next(iter(data["runs"].values()))
    run["rows"][0]["us_per_person"] = 9999.5
    path.write_text(json.dumps(data), encoding="utf-8")
    toolkit = (site / docgen.TOOLKIT).read_text(encoding="utf-8")
    with pytest.raises(Exit) as stopped:
        tasks.docs(MockContext(), check=True)
    assert stopped.value.code == 1
    assert str(stopped.value.message).endswith("docs/toolkit.md: bench-scale")
    assert (site / docgen.TOOLKIT).read_text(encoding="utf-8") == toolkit
    tasks.docs(MockContext())
    assert " | 9999.5 | " in (site / docgen.TOOLKIT).read_text(encoding="utf-8")


def test_the_committed_scale_table_matches_the_record(root):
    stale = docgen.stale(root)
    assert docgen.TOOLKIT not in stale, "run invoke docs: docs/toolkit.md is stale"
