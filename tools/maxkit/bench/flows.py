"""The two flows of this bundle, timed against a MAS emulator over real HTTP.

Both run the real scripts in the fake Maximo runtime (CPython): the bulk path
is the MASUSERBULK cron task (chunks, one bulk request each), the dialog path
is the MASUSERUPSERT action run once per person, as a user clicking OK in the
dialog for each person would.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from maxkit.errors import MaxkitError
from maxkit.simulate import bulk_job
from maxkit.simulate import action_job
from maxkit.worldspec import world_spec

ACCESS_TYPE = "Authorized"
ENTITLEMENT = "BASE"


@dataclass
class FlowResult:
    name: str
    requests: int
    seconds: float
    users: int  # users MAS holds afterwards
    persons: int
    note: str = ""

    @property
    def users_per_second(self) -> float:
        return self.persons / self.seconds if self.seconds else float("inf")


def bench_spec(bundle, base_url: str, chunk: int) -> dict:
    return world_spec(
        bundle,
        properties={
            "masuser.api.url": base_url,
            "masuser.bulk.chunksize": str(chunk),
            # the bench's emulator is plain HTTP (see docs/toolkit.md)
            "masuser.api.allowhttp": "1",
        },
        http={"mode": "real"},
    )


def bulk_flow(bundle, emulator, persons: list[dict], chunk: int) -> FlowResult:
    from maxkit.runtime import run_cron_job

    job = bulk_job(
        bench_spec(bundle, emulator.base_url, chunk), persons, ACCESS_TYPE, ENTITLEMENT
    )
    started = time.perf_counter()
    record = run_cron_job(job)
    seconds = time.perf_counter() - started
    if record["crashed"]:
        raise MaxkitError("the cron script crashed:\n" + record["crashed"])
    done = sum(r.get("MASSYNCSTATE") == "DONE" for r in record["tables"]["PERSON"])
    return FlowResult(
        f"bulk (cron task, chunks of {chunk})",
        emulator.counters.requests,
        seconds,
        len(emulator.users),
        len(persons),
        f"{done} persons marked DONE",
    )


def dialog_flow(bundle, emulator, persons: list[dict]) -> FlowResult:
    from maxkit.runtime import run_action_job

    spec = bench_spec(bundle, emulator.base_url, 100)
    started = time.perf_counter()
    closed = 0
    for person in persons:
        record = run_action_job(action_job(spec, person, ACCESS_TYPE, ENTITLEMENT))
        if record["crashed"]:
            raise MaxkitError("the action crashed:\n" + record["crashed"])
        closed += record["dialog_closed"]
    seconds = time.perf_counter() - started
    return FlowResult(
        "one action per person (dialog)",
        emulator.counters.requests,
        seconds,
        len(emulator.users),
        len(persons),
        f"{closed} dialogs closed on success",
    )
