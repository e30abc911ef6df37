"""Run fake-Maximo jobs inside one Jython 2.7 JVM (this file runs in Jython).

Usage: ``jython driver.py SITEPATH JOBS.json RECORDS.json``. ``SITEPATH`` is
the fake Maximo (``runtime/sitepath/maximo``) and becomes the only project
folder on ``sys.path``: java.* and com.ibm.json.java are the real classes of
the JVM (JSON4J look-alikes compiled with javac, on the class path).

``JOBS.json`` is ``{"kind", "parts": {key: [value, ...]}, "jobs": [job, ...]}``:
``kind`` picks the fake's runner (``action``: ``run_action_job``, ``cron``:
``run_cron_job``, ``save``: ``run_save_job``), unless a job names its own ``kind``; each job's ``spec`` maps a spec key to an index into
``parts[key]``, so the parts many worlds share (scripts, data dictionary, ...)
are sent once. ``RECORDS.json`` gets one record per job, in order, as UTF-8
JSON with non-ASCII text kept as it is. A job that breaks the driver itself (not the
script) gets ``{"driver_error": traceback}`` and the other jobs still run.
Each record also names the JVM that made it, ``"jvm": {"pid", "job"}`` (its
process id, and the job's number in that JVM): the proof that jobs meant to
share one JVM did.

Python 2/3-compatible subset: no f-strings, no annotations.
"""

import io
import json
import os
import sys
import traceback


def _only_on_path(sitepath):
    here = os.path.dirname(os.path.abspath(__file__))
    kept = [p for p in sys.path if p and os.path.abspath(p) != here]
    sys.path[:] = [sitepath] + kept


def jobs_of(document):
    """The jobs of a JOBS.json document, each with its whole spec again."""
    parts = document["parts"]
    for packed in document["jobs"]:
        job = dict(packed)
        job["spec"] = dict((k, parts[k][i]) for k, i in packed["spec"].items())
        yield job


def _jvm_pid():
    from java.lang.management import ManagementFactory

    return int(ManagementFactory.getRuntimeMXBean().getName().split("@")[0])


def _run_all(document):
    from java.lang import Throwable
    from maxfake import jobs

    default = document.get("kind", "action")
    pid = _jvm_pid()
    records = []
    for number, job in enumerate(jobs_of(document), 1):
        run_job = getattr(jobs, "run_%s_job" % (job.pop("kind", None) or default))
        try:
            record = run_job(job)
        except (Exception, Throwable):  # noqa: BLE001 - reported per job
            record = {"driver_error": traceback.format_exc()}
        record["jvm"] = {"pid": pid, "job": number}
        records.append(record)
    return records


def main(argv):
    sitepath, jobs_path, records_path = argv[1:4]
    _only_on_path(sitepath)
    with io.open(jobs_path, "r", encoding="utf-8") as stream:
        document = json.loads(stream.read())
    records = _run_all(document)
    from maxfake.compat import text_type  # (no u"" literals: black drops the u)

    text = json.dumps(records, ensure_ascii=False)
    if not isinstance(text, text_type):
        text = text.decode("utf-8")
    with io.open(records_path, "w", encoding="utf-8") as stream:
        stream.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
