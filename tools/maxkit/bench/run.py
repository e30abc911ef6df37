"""One benchmark run: three flows against fresh emulators, then the Jython cost."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from maxkit.bench.flows import FlowResult, bulk_flow, dialog_flow
from maxkit.bench.ibmflow import mas_devops_flow, mas_devops_version, replay_flow
from maxkit.bench.jythoncost import JythonCost, jython_payload_cost
from maxkit.bench.people import bench_persons
from maxkit.bundle import load_bundle
from maxkit.emulator import Emulator


def ratio_line(bulk: FlowResult, per_user: FlowResult) -> str:
    """The last line: how much faster, and how many fewer requests, the bulk path is."""
    faster = per_user.seconds / bulk.seconds
    fewer = per_user.requests / max(bulk.requests, 1)
    return f"bulk vs per-user flow: {faster:.1f}x faster, {fewer:.1f}x fewer requests"


def _row(result: FlowResult) -> str:
    return (
        f"  {result.name:<62} {result.requests:>8} {result.seconds:>9.2f}"
        f" {result.users_per_second:>10.1f}"
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
    out(
        f"bench: {persons} persons, MAS emulator with {latency_ms:g} ms latency per"
        " request (plain HTTP on loopback, one connection per request in every flow)"
    )
    bulk = _timed_flow(latency, lambda emu: bulk_flow(bundle, emu, people, chunk))
    dialog = _timed_flow(latency, lambda emu: dialog_flow(bundle, emu, people))
    version = mas_devops_version()
    if version is not None and not replay:
        ibm = _timed_flow(latency, lambda emu: mas_devops_flow(emu, people, version))
    else:
        reason = "--replay given" if replay else "mas-devops is not installed"
        ibm = _timed_flow(latency, lambda emu: replay_flow(emu, people, reason))
    out(f"  {'flow':<62} {'requests':>8} {'wall s':>9} {'users/s':>10}")
    for result in (bulk, dialog, ibm):
        out(_row(result))
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
