"""`invoke bench` runs end to end on a tiny size; no timing is asserted, but
the figures printed must be the ones measured: each flow named with its
request count, users/s and the ratios consistent with the table."""

import re

import pytest

from maxkit.jython.launcher import missing_toolchain

LAST_LINE = re.compile(
    r"^bulk vs per-user flow: (?P<faster>\d+\.\d)x faster,"
    r" (?P<fewer>\d+\.\d)x fewer requests$"
)
ROW = re.compile(
    r"^  (?P<name>\S.*?)\s+(?P<requests>\d+)\s+(?P<seconds>\d+\.\d\d)"
    r"\s+(?P<per_second>\d+\.\d)\s+(?P<so_far>\d+\.\d)s$"
)
PERSONS = 20
JYTHON_PERSONS = 200
# 1 ms latency per request: the flows run end to end; the default 10 ms only
# makes the figures realistic, and the IBM flow sends hundreds of requests.
BENCH = ("bench", "--persons", str(PERSONS), "--latency-ms", "1")


@pytest.fixture(scope="module")
def plain_run(invoke_cli):
    """One bench run, with the Jython part where Jython is (one JVM), read by
    several tests."""
    jython = JYTHON_PERSONS if missing_toolchain() is None else 0
    return invoke_cli(*BENCH, "--jython-persons", str(jython))


def flow_rows(stdout: str) -> dict:
    """The table's rows by the flow's first word (bulk, one, IBM)."""
    rows = [m.groupdict() for m in map(ROW.match, stdout.splitlines()) if m]
    return {row["name"].split()[0]: row for row in rows}


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


def test_bench_figures_are_consistent_with_each_other(plain_run):
    rows = flow_rows(plain_run.stdout)
    assert list(rows) == ["bulk", "one", "IBM"], plain_run.stdout
    requests = {name: int(row["requests"]) for name, row in rows.items()}
    # One bulk request per chunk of 100; one per person from the dialog; the
    # per-user flow several per person (login, look-up, create, ...).
    assert requests["bulk"] == 1 and requests["one"] == PERSONS
    assert requests["IBM"] > 2 * PERSONS
    for name, row in rows.items():
        seconds, per_second = float(row["seconds"]), float(row["per_second"])
        assert seconds > 0 and per_second > 0, row
        # users/s is the persons over the wall time, both printed rounded.
        fastest, slowest = PERSONS / (seconds - 0.005), PERSONS / (seconds + 0.005)
        assert slowest - 0.05 <= per_second <= fastest + 0.05, row
    ratio = LAST_LINE.match(plain_run.stdout.strip().splitlines()[-1])
    assert float(ratio["fewer"]) == round(requests["IBM"] / requests["bulk"], 1)
    bulk, ibm = float(rows["bulk"]["seconds"]), float(rows["IBM"]["seconds"])
    low, high = (ibm - 0.005) / (bulk + 0.005), (ibm + 0.005) / max(bulk - 0.005, 1e-3)
    assert low - 0.05 <= float(ratio["faster"]) <= high + 0.05, (ratio[0], bulk, ibm)
    took = re.search(r"^bench took (\d+\.\d) s$", plain_run.stdout, re.M)
    assert float(took[1]) >= float(rows["IBM"]["so_far"]) - 0.05


def test_bench_replays_ibm_flow_on_request(replay_run):
    done = replay_run
    assert done.returncode == 0, done.stderr
    assert "replay of MASUserUtils' request sequence" in done.stdout
    assert LAST_LINE.match(done.stdout.strip().splitlines()[-1])


@pytest.mark.jython  # skipped by tests/conftest.py without java, javac, Jython
def test_bench_measures_the_payload_build_in_real_jython(plain_run):
    done = plain_run
    assert done.returncode == 0, done.stderr
    found = re.search(
        r"^payload build in real Jython (?P<jython>2\.7\.\d\S*) \(Java (?P<java>\d\S*)\):"
        r" (?P<us>\d+\.\d) µs/person over (?P<persons>\d+) persons",
        done.stdout,
        re.M,
    )
    assert found, done.stdout
    assert int(found["persons"]) == JYTHON_PERSONS and float(found["us"]) > 0
    lines = done.stdout.strip().splitlines()
    # After the flows, before the total and the ratio line.
    assert lines[-3].startswith("payload build") and lines[-2].startswith("bench took")
    assert LAST_LINE.match(lines[-1])


def test_bench_refuses_a_bad_size(invoke_cli):
    done = invoke_cli(*BENCH, "--chunk", "0")
    assert done.returncode == 2
    assert "--persons and --chunk must be at least 1" in done.stderr
    assert done.stdout == ""  # refused before any flow ran


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
