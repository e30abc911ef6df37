"""`invoke bench --scale` runs end to end on small sizes, on either route; no
timing is asserted.

A module of its own, so that pytest-xdist (--dist loadfile) can run this JVM
while another worker runs the rest of the bench tests.
"""

import re

import pytest

SCALE_ROW = re.compile(
    r"^\s+(?P<persons>\d+)\s+(?P<cpu>\d+\.\d)\s+(?P<wall>\d+\.\d)\s+(?P<requests>\d+)"
    r"\s+(?P<saves>\d+)\s+(?P<done>\d+)\s+(?P<deactivated>\d+)"
    r"\s+(?P<held>\d+\.\d) MB / \d+\.\d\s+(?P<records>\d+)\s"
)
SMALL = ("--scale-sizes", "50,100", "--chunk", "25", "--scale-repeats", "1")


def scale_rows(done):
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.search(r"should take about \d+ s$", lines[0]), lines[0]
    assert re.match(r"^scale: cpu µs/person at 100 is \d+\.\d\dx that at 50", lines[-1])
    return lines, [m.groupdict() for m in map(SCALE_ROW.match, lines) if m]


def figures(rows, *names):
    return [tuple(r[name] for name in names) for r in rows]


@pytest.mark.jython  # skipped by tests/conftest.py without java, javac, Jython
def test_bench_scale_runs_the_cron_task_in_jython_per_size(invoke_cli):
    lines, rows = scale_rows(invoke_cli("bench", "--scale", *SMALL))
    assert "route internalapi" in lines[0]
    # One request per chunk; the inactive fifth deactivated in the same requests.
    assert figures(rows, "persons", "requests", "saves", "done", "deactivated") == [
        ("50", "2", "2", "40", "10"),
        ("100", "4", "4", "80", "20"),
    ]
    # The walk's current person and one chunk being recorded, at every size.
    assert {r["records"] for r in rows} == {"26"}


@pytest.mark.jython
def test_bench_scale_on_the_manage_route_writes_users_without_requests(invoke_cli):
    lines, rows = scale_rows(
        invoke_cli("bench", "--scale", "--route", "manage", *SMALL)
    )
    assert "route manage" in lines[0]
    # Per chunk one save of its deactivations and one of its users, no request.
    assert figures(rows, "persons", "requests", "saves", "done", "deactivated") == [
        ("50", "0", "4", "40", "10"),
        ("100", "0", "8", "80", "20"),
    ]
    # Bounded by the chunk (its persons and their users, groups, identity
    # providers), not by the number of persons.
    assert len({r["records"] for r in rows}) == 1


def test_bench_refuses_bad_scale_sizes(invoke_cli):
    done = invoke_cli("bench", "--scale", "--scale-sizes", "1000,ten")
    assert done.returncode == 2
    assert "--scale-sizes" in done.stderr


@pytest.mark.parametrize(
    "flags, named",
    [
        (["--scale", "--route", "maximo"], "--route is internalapi or manage"),
        (["--route", "manage"], "with --scale"),
        (["--record"], "with --scale"),
    ],
)
def test_bench_refuses_a_route_or_record_it_cannot_run(invoke_cli, flags, named):
    done = invoke_cli("bench", *flags)
    assert done.returncode == 2
    assert named in done.stderr
