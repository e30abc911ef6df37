"""Where a simulate job runs: the CPython fake in this process, or real Jython
2.7 in one JVM. Both take the same job and give back the same record."""

from __future__ import annotations

from maxkit.errors import JythonRunError, UsageError

RUNTIMES = ("cpython", "jython")


def check_runtime(runtime: str) -> None:
    if runtime not in RUNTIMES:
        raise UsageError(f"--runtime {runtime}: choose one of {', '.join(RUNTIMES)}")


def run_job(runtime: str, kind: str, job: dict) -> dict:
    """Run ``job`` (``kind`` action, cron or save) in ``runtime``; what it recorded."""
    if runtime == "jython":
        return run_in_jython(kind, job)
    from maxkit.runtime import run_action_job, run_cron_job, run_save_job

    runs = {"action": run_action_job, "cron": run_cron_job, "save": run_save_job}
    return runs[kind](job)


def run_in_jython(kind: str, job: dict) -> dict:
    """The job in real Jython 2.7; a real request (``--endpoint``) is made by
    Java's HttpURLConnection inside the JVM."""
    from maxkit.jython.runner import run_jobs_in_jython

    record = run_jobs_in_jython([job], kind=kind)[0]
    if "driver_error" in record:
        raise JythonRunError("the Jython driver failed:\n" + record["driver_error"])
    return record
