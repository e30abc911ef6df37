"""Run dialog-action jobs in real Jython 2.7, all in one JVM, from CPython.

:func:`run_jobs_in_jython` takes the same jobs as ``maxkit.runtime.run_action_job``
(plain JSON-able data) and returns the same records, produced by the fake
Maximo running in Jython with the real ``java.util`` classes and JSON4J
look-alikes compiled as real Java classes. A JVM costs over a second to start,
so every job of a call shares one.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable

from maxkit.errors import JythonRunError
from maxkit.jython import javabuild, launcher
from maxkit.runtime import MAXIMO_PATH

DRIVER = Path(__file__).resolve().parent / "driver.py"

#: HttpURLConnection silently resends a POST whose answer it lost unless told
#: not to; a second upsert is not what Maximo's handler would send.
JVM_ARGS = ("-Dsun.net.http.retryPost=false",)
JOB_KINDS = ("action", "cron", "save")


class Records(list):
    """The records of one run, in job order; ``jvms`` says, per record, which
    JVM made it (``{"pid", "job"}``: its process id, the job's number there)."""

    def __init__(self, records: list[dict]):
        self.jvms = [record.pop("jvm", None) for record in records]
        super().__init__(records)


def _pack(jobs: list[dict]) -> dict:
    """Jobs with each distinct part of their specs sent once (specs are big)."""
    parts: dict[str, list] = {}
    seen: dict[tuple[str, str], int] = {}
    packed = []
    for job in jobs:
        refs = {}
        for key, value in job["spec"].items():
            text = json.dumps(value, sort_keys=True)
            index = seen.get((key, text))
            if index is None:
                index = seen[(key, text)] = len(parts.setdefault(key, []))
                parts[key].append(value)
            refs[key] = index
        packed.append({**job, "spec": refs})
    return {"parts": parts, "jobs": packed}


def run_jobs_in_jython(
    jobs: Iterable[dict], *, kind: str = "action", timeout: float = 600
) -> Records:
    """Run every job in one Jython JVM; the records, in the order of ``jobs``.

    ``kind`` names the fake's job runner: ``action`` (``run_action_job``, the
    dialog action), ``cron`` (``run_cron_job``, a cron task instance) or
    ``save`` (``run_save_job``, a person changed and saved); a job with a
    ``kind`` key of its own uses that one.

    Raises :class:`~maxkit.errors.ToolchainError` when Java, javac or Jython
    is missing, :class:`JythonRunError` when the driver did not write its
    records (the message holds stderr).
    """
    jobs = list(jobs)
    for wanted in {kind, *(job.get("kind") or kind for job in jobs)}:
        if wanted not in JOB_KINDS:
            raise ValueError(f"kind must be one of {JOB_KINDS}, not {wanted!r}")
    if not jobs:
        return Records([])
    launcher.find_java()
    launcher.find_jython()
    classes = javabuild.compile_java()
    with tempfile.TemporaryDirectory(prefix="maxkit-jython-") as tmp:
        folder = Path(tmp)
        jobs_path, records_path = folder / "jobs.json", folder / "records.json"
        document = {"kind": kind, **_pack(jobs)}
        jobs_path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        try:
            proc = launcher.run_jython(
                DRIVER,
                [str(MAXIMO_PATH), str(jobs_path), str(records_path)],
                extra_classpath=[classes],
                jvm_args=JVM_ARGS,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise JythonRunError(
                f"Jython did not finish {len(jobs)} job(s) within {timeout:g} s"
            ) from None
        if proc.returncode != 0 or not records_path.is_file():
            raise JythonRunError(
                f"the Jython driver failed (exit {proc.returncode}):\n"
                f"{proc.stderr.strip() or proc.stdout.strip()}"
            )
        records = Records(json.loads(records_path.read_text("utf-8")))
    if len(records) != len(jobs):
        raise JythonRunError(
            f"the Jython driver returned {len(records)} records for {len(jobs)} jobs"
        )
    return records
