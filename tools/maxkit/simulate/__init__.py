"""``invoke simulate``: run the "Create or Update MAS User" action on a person
file, the MASUSERBULK cron task on a persons file, or a person's status
change (a save of the person).

One way through, each step its own module: :mod:`~maxkit.simulate.spec` builds
the run from the flags and checks all of them (the persons and the records of
Manage against the data dictionary, :mod:`~maxkit.simulate.persons` and
:mod:`~maxkit.simulate.records`) before anything runs;
:mod:`~maxkit.simulate.runtimes` runs the job in the CPython fake or real
Jython 2.7; :mod:`~maxkit.simulate.recording` turns the record into the
printed JSON object. The exit code: 0 success, 1 rejected or failed, 2 usage
error (:mod:`maxkit.cli`).
"""

from __future__ import annotations

import sys

from maxkit.cli import EXIT_FAILED, EXIT_OK
from maxkit.simulate.bulk import bulk_job, script_arg
from maxkit.simulate.recording import (
    printable,
    request_summaries,
    summarize,
    summarize_bulk,
    summarize_save,
)
from maxkit.simulate.runtimes import run_job
from maxkit.simulate.spec import (
    CA_ENV,
    RunSpec,
    action_job,
    client_cert_properties,
    run_spec,
    simulation_spec,
)
from maxkit.urls import redact

__all__ = [
    "CA_ENV",
    "RunSpec",
    "action_job",
    "bulk_job",
    "client_cert_properties",
    "command",
    "execute",
    "main",
    "request_summaries",
    "result_of",
    "run_cpython",
    "run_spec",
    "script_arg",
    "simulate",
    "simulation_spec",
    "summarize",
]


def execute(spec: RunSpec, stderr=sys.stderr) -> tuple[int, dict]:
    """Run ``spec``; (exit code, the JSON object to print). A script's stack
    trace goes to ``stderr``, redacted, as Maximo's log would hold it."""
    record = run_job(spec.runtime, spec.kind, spec.job)
    if record.get("crashed"):
        stderr.write(redact(record["crashed"]))
    result = result_of(spec, record)
    return (EXIT_OK if result["outcome"] == "success" else EXIT_FAILED), result


def result_of(spec: RunSpec, record: dict) -> dict:
    """The JSON object printed for the record a run of ``spec`` made, in
    whichever runtime it ran."""
    if spec.kind == "cron":
        result = summarize_bulk(record, spec.persons)
    elif spec.kind == "save":
        result = summarize_save(record)
    else:
        result = summarize(record)
    return printable(result)


def command(root, environ, **flags) -> tuple[int, dict]:
    """What ``invoke simulate`` does with its flags (see :func:`run_spec`)."""
    return execute(run_spec(root, environ=environ, **flags))


def simulate(root, person: str, access_type: str, entitlement: str, **options):
    """Run the dialog action on the person file ``person``; ``options`` are the
    other keywords of :func:`run_spec` (endpoint, properties, runtime, ca_file,
    data, ...). Returns (exit code, the JSON object to print)."""
    return execute(
        run_spec(
            root,
            person=person,
            access_type=access_type,
            entitlement=entitlement,
            **options,
        )
    )


def run_cpython(spec: dict, person: dict, access_type: str, entitlement: str) -> dict:
    """The action's record from the CPython fake, for a world ``spec``."""
    return run_job(
        "cpython", "action", action_job(spec, person, access_type, entitlement)
    )


def main(argv=None, root=None) -> int:
    """``python -m maxkit.simulate FLAGS``: ``invoke simulate FLAGS``, the same
    task and parser, run in this process; returns the exit code."""
    import importlib.util
    from pathlib import Path

    from invoke import Collection, Program

    tasks_path = Path(root or Path.cwd()) / "tasks.py"
    loader = importlib.util.spec_from_file_location("tasks", tasks_path)
    tasks = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(tasks)
    program = Program(namespace=Collection.from_module(tasks), name="invoke")
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        program.run(["invoke", "simulate", *argv])
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else EXIT_FAILED
    return EXIT_OK
