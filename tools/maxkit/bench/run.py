"""One benchmark run: three flows against fresh emulators, then the Jython cost.

Progress is printed as it goes: first how long the run should take, then one
line per flow as it finishes, with its figures and the wall time so far, so a
long run is never silent. ``--scale`` runs the bulk path at scale instead
(:mod:`maxkit.bench.scale`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Sequence

from maxkit.bench.flows import FlowResult, bulk_flow, dialog_flow
from maxkit.bench.ibmflow import mas_devops_flow, mas_devops_version, replay_flow
from maxkit.bench.jythoncost import JythonCost, jython_payload_cost
from maxkit.bench.people import bench_persons
from maxkit.bundle import load_bundle
from maxkit.emulator import Emulator
from maxkit.errors import UsageError

#: Seconds per person of each flow beyond its requests' latency, and requests
#: per person of IBM's flow: for the estimate printed first (measured on a
#: quiet 2-core machine; a busy one is slower).
COST_PER_PERSON = {"bulk": 0.0012, "dialog": 0.006, "ibm": 0.012}
IBM_REQUESTS_PER_PERSON = 13
JYTHON_START_SECONDS = 2.0
JYTHON_US_PER_PERSON = 150.0

INSTALL_IBM = "bash tools/setup.sh --ibm"


def ratio_line(bulk: FlowResult, per_user: FlowResult) -> str:
    """The last line: how much faster, and how many fewer requests, the bulk path is."""
    faster = per_user.seconds / bulk.seconds
    fewer = per_user.requests / max(bulk.requests, 1)
    return f"bulk vs per-user flow: {faster:.1f}x faster, {fewer:.1f}x fewer requests"


def estimate_seconds(
    persons: int, latency_ms: float, chunk: int, jython_persons: int
) -> float:
    """How long :func:`run_bench` should take with these sizes."""
    latency = latency_ms / 1000.0
    bulk = -(-persons // chunk) * latency + persons * COST_PER_PERSON["bulk"]
    dialog = persons * (latency + COST_PER_PERSON["dialog"])
    ibm = persons * (IBM_REQUESTS_PER_PERSON * latency + COST_PER_PERSON["ibm"])
    jython = 0.0
    if jython_persons:
        jython = (
            JYTHON_START_SECONDS + 1.2 * jython_persons * JYTHON_US_PER_PERSON / 1e6
        )
    return bulk + dialog + ibm + jython


HEADER = f"  {'flow':<62} {'requests':>8} {'wall s':>9} {'users/s':>10} {'so far':>8}"


def _row(result: FlowResult, elapsed: float) -> str:
    return (
        f"  {result.name:<62} {result.requests:>8} {result.seconds:>9.2f}"
        f" {result.users_per_second:>10.1f} {elapsed:>7.1f}s"
    )


def _timed_flow(latency: float, run: Callable[[Emulator], FlowResult]) -> FlowResult:
    with Emulator(latency=latency) as emulator:
        return run(emulator)


def run_bench(
    root: Path,
    persons: int = 500,
    latency_ms: float = 10.0,
    chunk: int = 100,
    jython_persons: int = 10_000,
    replay: bool = False,
    out: Callable[[str], None] = print,
) -> dict:
    """Run and print the benchmark; returns the results for callers and tests."""
    started = time.perf_counter()
    bundle = load_bundle(root)
    people = bench_persons(persons)
    latency = latency_ms / 1000.0
    version = mas_devops_version()
    out(
        f"bench: {persons} persons, MAS emulator with {latency_ms:g} ms latency per"
        " request (plain HTTP on loopback, one connection per request in every flow);"
        f" should take about {estimate_seconds(persons, latency_ms, chunk, jython_persons):.0f} s"
    )
    if version is None and not replay:
        out(
            "bench: mas-devops is not installed, so IBM's flow is a replay of its"
            f" request sequence; `{INSTALL_IBM}` installs it to run it as published"
        )
    out(HEADER)

    def report(result: FlowResult) -> FlowResult:
        out(_row(result, time.perf_counter() - started))
        return result

    bulk = report(
        _timed_flow(latency, lambda emu: bulk_flow(bundle, emu, people, chunk))
    )
    dialog = report(_timed_flow(latency, lambda emu: dialog_flow(bundle, emu, people)))
    if version is not None and not replay:
        ibm = _timed_flow(latency, lambda emu: mas_devops_flow(emu, people, version))
    else:
        reason = "--replay given" if replay else "mas-devops is not installed"
        ibm = _timed_flow(latency, lambda emu: replay_flow(emu, people, reason))
    report(ibm)
    for result in (bulk, dialog, ibm):
        out(f"  {result.name}: {result.users} users in MAS; {result.note}")
    cost: JythonCost | None = None
    if jython_persons:
        cost = jython_payload_cost(bundle, jython_persons)
        out(
            f"payload build in real Jython {cost.jython} (Java {cost.java}):"
            f" {cost.us_per_person:.1f} µs/person over {cost.persons} persons"
            " (read + validate + build the user, serialize per chunk of 100)"
        )
    out(f"bench took {time.perf_counter() - started:.1f} s")
    out(ratio_line(bulk, ibm))
    return {"bulk": bulk, "dialog": dialog, "per_user": ibm, "jython": cost}


SCALE_LEGEND = (
    "cpu µs/p: CPU time per person of the thread running the task, median chunk"
    " (its whole cycle, every save it makes), best of 5 runs at 1k, 2 at 10k, 1"
    " at 100k, after a warm-up (20,000 persons, fewer for small sizes); wall µs/p: the whole run;"
    " saves: MboSet saves; done: persons DONE; deact: persons deactivated",
    "heap held: the heap the run held beyond the table, median / most of 10"
    " samples after a full GC at the chunk saves (MB)",
    "records held: the most records open MboSets held at once (the fake's"
    " count); table: the tables (the database, in this JVM); written: what the"
    " run wrote into them (MASSYNC* columns, users), taken out of the samples",
)


def _megabytes(count: int) -> str:
    return f"{count / 1e6:.1f} MB"


def run_scale_bench(
    root: Path,
    sizes: Sequence[int],
    chunk: int = 100,
    out: Callable[[str], None] = print,
    repeats: int = 0,
    route: str = "internalapi",
    record: bool = False,
) -> dict:
    """``invoke bench --scale``: MASUSERBULK in real Jython on each size, a line
    each; with ``record``, the run written to docs/bench/scale.json."""
    from maxkit.bench import record as recorded
    from maxkit.bench.scale import LINEAR_LIMIT, growth, run_scale

    started = time.perf_counter()
    bundle = load_bundle(root)
    estimate = recorded.estimate_seconds(recorded.load(root), route, sizes, repeats)
    where = (
        "an in-process MAS accepting every user"
        if route == "internalapi"
        else "users written in Manage, no request"
    )
    out(
        f"scale: MASUSERBULK in real Jython 2.7 (one JVM) on {', '.join(map(str, sizes))}"
        f" persons, route {route}, chunks of {chunk}, {where};"
        f" should take about {estimate:.0f} s"
    )
    out(
        f"  {'persons':>8} {'cpu µs/p':>9} {'wall µs/p':>10} {'requests':>9}"
        f" {'saves':>6} {'done':>8} {'deact':>7} {'heap held':>17}"
        f" {'records held':>13} {'table':>9} {'written':>9} {'so far':>8}"
    )

    def report(row) -> None:
        held = f"{_megabytes(row.held_bytes)} / {row.held_max_bytes / 1e6:.1f}"
        out(
            f"  {row.persons:>8} {row.us_per_person:>9.1f}"
            f" {row.wall_us_per_person:>10.1f} {row.requests:>9} {row.saves:>6}"
            f" {row.done:>8} {row.deactivated:>7}"
            f" {held:>17} {row.peak_held_mbos:>13} {_megabytes(row.table_bytes):>9}"
            f" {_megabytes(row.growth_bytes):>9} {time.perf_counter() - started:>7.1f}s"
        )

    versions: dict = {}
    rows = run_scale(bundle, sizes, chunk, report, repeats, route, versions)
    for line in SCALE_LEGEND:
        out("  " + line)
    ratio = growth(rows)
    verdict = "linear" if ratio <= LINEAR_LIMIT else "NOT linear"
    out(
        f"scale: cpu µs/person at {rows[-1].persons} is {ratio:.2f}x that at"
        f" {rows[0].persons} (limit {LINEAR_LIMIT:.2f}x): {verdict}; records held"
        f" {max(r.peak_held_mbos for r in rows)} at most, for chunks of {chunk}"
    )
    if record:
        flags = f" --route {route} --chunk {chunk}"
        flags += f" --scale-sizes {','.join(map(str, sizes))}"
        if repeats:
            flags += f" --scale-repeats {repeats}"
        path = recorded.save(
            root,
            route,
            recorded.entry(
                route,
                rows,
                chunk=chunk,
                sizes=sizes,
                repeats=repeats,
                seconds=time.perf_counter() - started,
                versions=versions,
                command="invoke bench --scale --record" + flags,
            ),
        )
        out(f"scale: recorded in {path.relative_to(root)}; `invoke docs` shows it")
    return {"rows": rows, "growth": ratio}


def bench_command(
    root: Path,
    *,
    persons: int,
    latency_ms: int,
    chunk: int,
    jython_persons: int,
    replay: bool,
    scale: bool,
    scale_sizes: str,
    scale_repeats: int,
    route: str = "internalapi",
    record: bool = False,
) -> None:
    """``invoke bench``: its flags checked, then the comparison or (``scale``)
    the scale bench."""
    if (
        persons < 1
        or chunk < 1
        or latency_ms < 0
        or min(jython_persons, scale_repeats) < 0
    ):
        raise UsageError(
            "bench: --persons and --chunk must be at least 1, --latency-ms,"
            " --jython-persons and --scale-repeats at least 0"
        )
    from maxkit.bench.scale import ROUTES

    if route not in ROUTES:
        raise UsageError(f"bench: --route is {' or '.join(ROUTES)}, not {route!r}")
    if (route != "internalapi" or record) and not scale:
        raise UsageError("bench: --route and --record go with --scale")
    if not scale:
        run_bench(root, persons, float(latency_ms), chunk, jython_persons, replay)
        return
    try:
        sizes = [int(size) for size in scale_sizes.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise UsageError(
            "bench: --scale-sizes is a comma-separated list of counts from 1"
        )
    run_scale_bench(
        root, sizes, chunk, repeats=scale_repeats, route=route, record=record
    )
