"""`invoke bench` runs end to end on a tiny size; no timing is asserted."""

import re

import pytest

LAST_LINE = re.compile(
    r"^bulk vs per-user flow: \d+(\.\d+)?x faster, \d+(\.\d+)?x fewer requests$"
)
# 1 ms latency per request: the flows run end to end; the default 10 ms only
# makes the figures realistic, and the IBM flow sends hundreds of requests.
BENCH = ("bench", "--persons", "20", "--latency-ms", "1")


@pytest.fixture(scope="module")
def plain_run(invoke_cli):
    """One bench run without the Jython part, read by several tests."""
    return invoke_cli(*BENCH, "--jython-persons", "0")


@pytest.fixture(scope="module")
def replay_run(invoke_cli):
    """One bench run replaying IBM's flow, read by several tests."""
    return invoke_cli(*BENCH, "--jython-persons", "0", "--replay")


def test_bench_prints_each_flow_and_the_ratio_last(plain_run):
    done = plain_run
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    table = "\n".join(lines)
    for flow in (
        "bulk (cron task, chunks of 100)",
        "one action per person",
        "IBM per-user",
    ):
        assert flow in table
    assert table.count("20 users in MAS") == 3


def test_bench_replays_ibm_flow_on_request(replay_run):
    done = replay_run
    assert done.returncode == 0, done.stderr
    assert "replay of MASUserUtils' request sequence" in done.stdout
    assert LAST_LINE.match(done.stdout.strip().splitlines()[-1])


@pytest.mark.jython  # skipped by tests/conftest.py without java, javac, Jython
def test_bench_measures_the_payload_build_in_real_jython(invoke_cli):
    done = invoke_cli(*BENCH, "--jython-persons", "200")
    assert done.returncode == 0, done.stderr
    assert re.search(
        r"payload build in real Jython 2\.7\.\d.*µs/person over 200 persons",
        done.stdout,
    )
    assert LAST_LINE.match(done.stdout.strip().splitlines()[-1])


def test_bench_refuses_a_bad_size(invoke_cli):
    done = invoke_cli(*BENCH, "--chunk", "0")
    assert done.returncode == 2


def test_bench_says_how_long_first_and_reports_each_flow_as_it_finishes(replay_run):
    done = replay_run
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.search(r"should take about \d+ s$", lines[0]), lines[0]
    header = next(i for i, line in enumerate(lines) if line.split()[:1] == ["flow"])
    assert lines[header].split()[-2:] == ["so", "far"]
    flows = lines[header + 1 : header + 4]
    assert [f.split()[0] for f in flows] == ["bulk", "one", "IBM"]
    so_far = [float(re.search(r"(\d+\.\d)s$", f).group(1)) for f in flows]
    assert so_far == sorted(so_far)  # the wall time so far, growing flow by flow


def test_bench_says_how_to_install_ibms_package_when_it_is_missing(plain_run):
    from maxkit.bench.ibmflow import mas_devops_version

    if mas_devops_version() is not None:
        pytest.skip("mas-devops is installed here: the bench runs it as published")
    done = plain_run
    assert "`bash tools/setup.sh --ibm` installs it" in done.stdout
