"""`invoke bench --scale` runs end to end on small sizes; no timing is asserted.

A module of its own, so that pytest-xdist (--dist loadfile) can run this JVM
while another worker runs the rest of the bench tests.
"""

import re

import pytest

SCALE_ROW = re.compile(
    r"^\s+(?P<persons>\d+)\s+(?P<cpu>\d+\.\d)\s+(?P<wall>\d+\.\d)\s+(?P<requests>\d+)"
    r"\s+(?P<done>\d+)\s+(?P<held>\d+\.\d) MB / \d+\.\d\s+(?P<records>\d+)\s"
)


@pytest.mark.jython  # skipped by tests/conftest.py without java, javac, Jython
def test_bench_scale_runs_the_cron_task_in_jython_per_size(invoke_cli):
    done = invoke_cli(
        "bench", "--scale", "--scale-sizes", "50,100", "--chunk", "25",
        "--scale-repeats", "1",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.search(r"should take about \d+ s$", lines[0]), lines[0]
    rows = [m.groupdict() for m in map(SCALE_ROW.match, lines) if m]
    assert [(r["persons"], r["requests"], r["done"]) for r in rows] == [
        ("50", "2", "50"),
        ("100", "4", "100"),
    ]
    # The walk's current person and one chunk being recorded, at every size.
    assert {r["records"] for r in rows} == {"26"}
    assert re.match(r"^scale: cpu µs/person at 100 is \d+\.\d\dx that at 50", lines[-1])


def test_bench_refuses_bad_scale_sizes(invoke_cli):
    done = invoke_cli("bench", "--scale", "--scale-sizes", "1000,ten")
    assert done.returncode == 2
    assert "--scale-sizes" in done.stderr
