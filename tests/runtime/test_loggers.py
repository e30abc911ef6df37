"""Script log lines are written only at or above the script's logger level.

Maximo logs every script through the ``autoscript`` logger (ERROR unless an
administrator changes it); the bundle ships a child logger per script that
writes audit or summary lines at INFO. The fake applies the same rule, in
CPython and in real Jython, so a run shows what Manage's log would show.
"""

from __future__ import annotations

import pytest

from maxkit.jython.runner import run_jobs_in_jython
from maxkit.runtime import run_action_job
from maxkit.simulate import action_job, summarize
from maxkit.worldspec import deployed_loggers, world_spec
from testkit.scenarios import DEFAULT_URL, sample_person

SHIPPED = None  # world_spec's default: the loggers the bundle deploys


def job(bundle, loggers=SHIPPED, levels=None):
    spec = world_spec(
        bundle,
        properties=dict(DEFAULT_URL),
        http={"mode": "answer", "answers": [{"status": 200, "body": "auto"}]},
        loggers=loggers,
    )
    for name, level in (levels or {}).items():
        spec["scripts"][name]["loglevel"] = level
    return action_job(spec, sample_person("jdoe"), "Concurrent", "BASE")


def audits(record) -> list[str]:
    return [e["text"] for e in record["log"] if e["text"].startswith("masuser audit:")]


def test_the_bundle_ships_info_loggers_for_the_scripts_that_log(bundle):
    loggers = deployed_loggers(bundle)
    assert loggers == {
        "autoscript": "ERROR",
        "autoscript.MASUSERBULK": "INFO",
        "autoscript.MASUSERGROUPS": "INFO",
        "autoscript.MASUSERRESYNC": "INFO",
        "autoscript.MASUSERSTATUS": "INFO",
        "autoscript.MASUSERUPSERT": "INFO",
    }


CASES = {
    "shipped": (SHIPPED, None, 1),
    "no child logger: autoscript at ERROR": ({"autoscript": "ERROR"}, None, 0),
    "autoscript itself at INFO": ({"autoscript": "INFO"}, None, 1),
    "child turned down in the Logging application": (
        {"autoscript": "ERROR", "autoscript.MASUSERUPSERT": "WARN"},
        None,
        0,
    ),
    "script's own log level ERROR": (SHIPPED, {"MASUSERUPSERT": "ERROR"}, 0),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_audit_line_is_written_only_at_its_loggers_level(bundle, case):
    loggers, levels, expected = CASES[case]
    record = run_action_job(job(bundle, loggers, levels))
    assert summarize(record)["outcome"] == "success"
    assert len(audits(record)) == expected


@pytest.mark.jython
def test_real_jython_writes_the_same_lines(bundle):
    jobs = [job(bundle, *CASES[case][:2]) for case in sorted(CASES)]
    records = run_jobs_in_jython(jobs)
    assert [len(audits(r)) for r in records] == [
        CASES[case][2] for case in sorted(CASES)
    ]
