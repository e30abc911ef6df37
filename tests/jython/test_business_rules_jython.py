"""Maximo's business-object rules of the fake (maxfake.business) in real
Jython 2.7: a probe script meets each rule (read-only MAXUSER.STATUS,
changeStatus's checks, a person's cascade to its users) and logs what Maximo
answered; Jython must log what CPython logs, and that is what Maximo does
(tests/runtime/test_business_rules.py has the CPython detail)."""

import pytest

from maxkit.runtime import run_cron_job
from maxkit.worldspec import world_spec

# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython

PROBE = """
from psdi.mbo import MboConstants
from psdi.server import MXServer
from psdi.util import MXException

server = MXServer.getMXServer()


def attempt(label, action):
    try:
        action()
        service.log_info(label + ": done")
    except MXException as problem:
        service.log_info(
            label + ": " + problem.getErrorGroup() + "#" + problem.getErrorKey()
        )


def first(name, where):
    records = server.getMboSet(name, runAsUserInfo)
    records.setWhere(where)
    records.reset()
    return records, records.moveFirst()


users, user = first("MAXUSER", "userid = 'P001'")
attempt("setValue", lambda: user.setValue("STATUS", "INACTIVE"))
attempt("setValueNull", lambda: user.setValueNull("STATUS"))
attempt("notsynonym", lambda: user.changeStatus("GONE", server.getDate(), "m"))
attempt("same", lambda: user.changeStatus("ACTIVE", server.getDate(), "m"))
users.close()
people, person = first("PERSON", "personid = 'P001'")
attempt(
    "cascade", lambda: person.changeStatus("INACTIVE", server.getDate(), "left")
)
people.save()
again, user = first("MAXUSER", "userid = 'P001'")
attempt(
    "reactivate",
    lambda: user.changeStatus("ACTIVE", server.getDate(), "back", MboConstants.NONE),
)
again.save()
check = server.getMboSet("MAXUSER", runAsUserInfo)
check.setOrderBy("userid")
found = check.moveFirst()
while found is not None:
    service.log_info(found.getString("USERID") + "=" + found.getString("STATUS"))
    found = check.moveNext()
"""

EXPECTED = [
    "setValue: access#field",
    "setValueNull: access#field",
    "notsynonym: system#notsynonym",
    "same: status#samestatus",
    "cascade: done",
    "reactivate: done",
    "OTHER=ACTIVE",
    "P001=ACTIVE",
    "P001B=INACTIVE",
]


def _job(bundle):
    user = {"LOGINID": "X", "TYPE": "TYPE 1"}
    spec = world_spec(
        bundle,
        http=None,
        tables={
            "PERSON": [
                {"PERSONID": "P001", "STATUS": "ACTIVE"},
                {"PERSONID": "P002", "STATUS": "ACTIVE"},
            ],
            "MAXUSER": [
                dict(user, USERID="P001", PERSONID="P001", STATUS="ACTIVE"),
                dict(user, USERID="P001B", PERSONID="P001", STATUS="BLOCKED"),
                dict(user, USERID="OTHER", PERSONID="P002", STATUS="ACTIVE"),
            ],
        },
    )
    # its lines are INFO: a script logger at INFO, as the bundle's scripts have
    spec["scripts"]["RULEPROBE"] = {
        "source": PROBE,
        "path": "RULEPROBE.py",
        "loglevel": "INFO",
    }
    spec["loggers"]["autoscript.RULEPROBE"] = "INFO"
    return {"spec": spec, "script": "RULEPROBE", "arg": None, "kind": "cron"}


def _probe_lines(record):
    return [e["text"] for e in record["log"] if e["script"] == "RULEPROBE"]


def test_the_rules_answer_the_same_in_jython_as_in_cpython(bundle):
    from maxkit.jython.runner import run_jobs_in_jython

    job = _job(bundle)
    cpython = run_cron_job(job)
    [jython] = run_jobs_in_jython([job])
    assert "driver_error" not in jython, jython["driver_error"]
    for record in (cpython, jython):
        assert record["crashed"] is None, record["crashed"]
    assert _probe_lines(cpython) == EXPECTED
    assert _probe_lines(jython) == EXPECTED
