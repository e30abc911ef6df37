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

import re
import sys
from pathlib import Path

from maxkit.errors import UsageError
from maxkit.personfile import check_text, load_json, person_values
from maxkit.urls import redact
from maxkit.simulate import (
    EXIT_FAILED,
    EXIT_OK,
    check_flags,
    printable,
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


def read_persons(path: str, attributes: dict[str, dict]) -> list[dict]:
    """The persons of a ``--persons`` file: a JSON array of PERSON objects, each
    by the rules of :mod:`maxkit.personfile`, each with its own PERSONID."""
    flag = f"--persons {path}"
    data = load_json(path, "--persons")
    if not isinstance(data, list) or not data:
        raise UsageError(f"{flag}: expected a non-empty JSON array of person objects")
    persons, seen = [], {}
    for index, item in enumerate(data, 1):
        where = f"{flag}: person {index}"
        person = person_values(item, where, attributes)
        personid = person.get("PERSONID")
        if personid is None or not personid.strip():
            raise UsageError(f"{where}: PERSONID is missing")
        key = personid.strip().upper()
        if key in seen:
            raise UsageError(
                f"{where}: PERSONID {personid!r} appears twice (person {seen[key]}"
                " too; PERSONIDs are compared trimmed and case-insensitive)"
            )
        seen[key] = index
        persons.append(person)
    return persons


def script_arg(access_type: str, entitlement: str, where: str | None) -> str:
    """The cron task instance's SCRIPTARG for these choices.

    ``;`` separates SCRIPTARG's values and ``=`` names them, so a dialog value
    holding either would become another value (``Concurrent;where=1=1``): it
    is refused. The where clause comes last and may hold both.
    """
    for flag, value in (("--access-type", access_type), ("--entitlement", entitlement)):
        for char in ";=":
            if char in value:
                raise UsageError(
                    f"{flag} {value!r}: {char!r} is not allowed (SCRIPTARG"
                    " separates its values with ';' and names them with '=')"
                )
    arg = f"accesstype={access_type};entitlement={entitlement}"
    return arg + (f";where={where}" if where else "")


def check_where(where: str | None, attributes: dict[str, dict]) -> None:
    """``--where`` must be a clause the fake can evaluate, on PERSON's attributes."""
    if where is None:
        return
    check_text("--where", where)
    from maxkit.runtime import FakeMaximoError
    from maxfake.where import compile_where, where_attributes

    try:
        compile_where(where)
        names = where_attributes(where)
    except FakeMaximoError:
        raise UsageError(
            f"--where {where!r}: not a where clause the simulation evaluates; write"
            " ATTR = 'value', ATTR in ('a', 'b') or ATTR is null, joined with and"
        ) from None
    unknown = sorted(set(names) - set(attributes))
    if unknown:
        raise UsageError(
            f"--where {where!r}: {', '.join(unknown)} is not an attribute of PERSON"
        )


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
    check_flags(runtime, access_type, entitlement)
    spec = simulation_spec(root, properties, endpoint)
    attributes = spec["objects"]["PERSON"]
    values = read_persons(persons, attributes)
    check_where(where, attributes)
    run = run_bulk_jython if runtime == "jython" else run_bulk_cpython
    record = run(bulk_job(spec, values, access_type, entitlement, where))
    if record.get("crashed"):
        sys.stderr.write(redact(record["crashed"]))
    result = printable(summarize_bulk(record, values))
    return (EXIT_OK if result["outcome"] == "success" else EXIT_FAILED), result
