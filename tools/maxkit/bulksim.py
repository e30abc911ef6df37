"""``invoke simulate --persons FILE``: run the MASUSERBULK cron task on many persons.

The persons file is a JSON array of person objects (PERSON attributes, the
same shape as ``--person``); they become the PERSON table of a fake Maximo,
and the cron script runs once as a cron task instance whose SCRIPTARG is built
from ``--access-type``, ``--entitlement`` and ``--where``. The result is one
JSON object: outcome, counts, the summary line, per-person results (the
MASSYNC* attributes the run wrote), requests and log. Exit code: 0 success, 1
rejected or failed, 2 usage error.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from maxkit.errors import UsageError
from maxkit.simulate import (
    EXIT_FAILED,
    EXIT_OK,
    check_runtime,
    request_summaries,
    simulation_spec,
)

CRON_SCRIPT = "MASUSERBULK"
INSTANCE = "MASUSERBULK01"
SUMMARY = re.compile(
    r"^masuser bulk: instance=\S+ outcome=(?P<outcome>\w+) (?P<rest>.*)$"
)
COUNT = re.compile(r"(\w+)=(\d+)")
RESULT_ATTRIBUTES = {
    "state": "MASSYNCSTATE",
    "date": "MASSYNCDATE",
    "error": "MASSYNCERROR",
}


def read_persons(path: str) -> list[dict]:
    """The persons of a ``--persons`` file: a JSON array of PERSON objects."""
    flag = f"--persons {path}"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{flag}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{flag}: not a JSON file ({exc})") from None
    if not isinstance(data, list) or not data:
        raise UsageError(f"{flag}: expected a non-empty JSON array of person objects")
    persons, seen = [], set()
    for index, item in enumerate(data, 1):
        where = f"{flag}: person {index}"
        if not isinstance(item, dict):
            raise UsageError(f"{where}: expected a JSON object of PERSON attributes")
        person = {}
        for name, value in item.items():
            if not (value is None or isinstance(value, (str, int, float, bool))):
                raise UsageError(f"{where}: {name} must be a text, number or null")
            person[name.upper()] = value
        personid = person.get("PERSONID")
        if not isinstance(personid, str) or not personid:
            raise UsageError(f"{where}: PERSONID is missing")
        if personid.upper() in seen:
            raise UsageError(f"{where}: PERSONID {personid} appears twice")
        seen.add(personid.upper())
        persons.append(person)
    return persons


def script_arg(access_type: str, entitlement: str, where: str | None) -> str:
    """The cron task instance's SCRIPTARG for these choices."""
    arg = f"accesstype={access_type};entitlement={entitlement}"
    return arg + (f";where={where}" if where else "")


def bulk_job(
    spec: dict, persons: list[dict], access_type: str, entitlement: str, where=None
) -> dict:
    spec = dict(spec, tables=dict(spec.get("tables") or {}, PERSON=persons))
    return {
        "spec": spec,
        "arg": script_arg(access_type, entitlement, where),
        "instance": INSTANCE,
        "script": CRON_SCRIPT,
    }


def summarize_bulk(record: dict, persons: list[dict]) -> dict:
    """The JSON object of a cron run: outcome, counts, per person, requests, log."""
    summary = next((e["text"] for e in record["log"] if SUMMARY.match(e["text"])), None)
    match = SUMMARY.match(summary) if summary else None
    if record.get("crashed") or record.get("simulated_crash") or match is None:
        outcome = "failed"
    else:
        outcome = match.group("outcome")
    rows = {row.get("PERSONID"): row for row in record["tables"].get("PERSON", [])}
    results = []
    for person in persons:
        row = rows.get(person["PERSONID"], {})
        result = {"personid": person["PERSONID"]}
        for field, attribute in RESULT_ATTRIBUTES.items():
            result[field] = row.get(attribute)
        results.append(result)
    return {
        "outcome": outcome,
        "counts": (
            {k: int(v) for k, v in COUNT.findall(match.group("rest"))} if match else {}
        ),
        "summary": summary,
        "persons": results,
        "requests": request_summaries(record),
        "log": record["log"],
    }


def run_bulk_cpython(job: dict) -> dict:
    from maxkit.runtime import FakeMaximoError, run_cron_job

    try:
        return run_cron_job(job)
    except FakeMaximoError as exc:  # the persons do not fit the data dictionary
        raise UsageError(f"--persons: {exc}") from None


def run_bulk_jython(job: dict) -> dict:
    """The same job in real Jython 2.7 (one JVM), the same record back."""
    from maxkit.jython.runner import JythonRunError, run_jobs_in_jython
    from maxkit.runtime import FakeMaximoError, World

    try:
        World(job["spec"])  # the data dictionary check, with a CPython message
    except FakeMaximoError as exc:
        raise UsageError(f"--persons: {exc}") from None
    record = run_jobs_in_jython([job], kind="cron")[0]
    if "driver_error" in record:
        raise JythonRunError("the Jython driver failed:\n" + record["driver_error"])
    return record


def simulate_bulk(
    root,
    persons: str,
    access_type: str,
    entitlement: str,
    where: str | None = None,
    endpoint: str | None = None,
    properties: list[str] | None = None,
    runtime: str = "cpython",
) -> tuple[int, dict]:
    """Run the cron script once on the persons file; (exit code, JSON object)."""
    check_runtime(runtime)
    values = read_persons(persons)
    spec = simulation_spec(root, properties, endpoint)
    run = run_bulk_jython if runtime == "jython" else run_bulk_cpython
    record = run(bulk_job(spec, values, access_type, entitlement, where))
    if record.get("crashed"):
        sys.stderr.write(record["crashed"])
    result = summarize_bulk(record, values)
    return (EXIT_OK if result["outcome"] == "success" else EXIT_FAILED), result
