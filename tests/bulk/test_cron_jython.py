"""The cron task in real Jython 2.7 (one JVM per run): a crash, then a rerun.

The same states and hashes as CPython on one run are checked in the shared
JVM of tests/jython/test_scenario_parity.py (its jobs come from bulk_site too).
"""

import pytest
from bulk_site import Site, person, sent_users, summary

from maxkit.simulate.runtimes import run_job

# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython


class JythonSite(Site):
    """The same site, each run in a JVM of its own."""

    def run_job(self, job, kind):
        return run_job("jython", kind, job)


def test_crash_then_rerun_in_jython_sends_only_what_is_not_done(bundle, emulator):
    persons = [person(n, FIRSTNAME="Zoë", LASTNAME="王") for n in range(25)]
    site = JythonSite(
        bundle, persons, endpoint=emulator.base_url, **{"masuser.bulk.chunksize": "10"}
    )
    assert site.run(crash={"before_save": 2})["simulated_crash"]
    assert len(emulator.users) == 20
    record = site.run()
    posts = emulator.requests.find("POST", "/v2/bulk/users/upsert")
    assert [len(ids) for ids in sent_users(posts)] == [10, 10, 10, 5]
    assert "sent=15 done=15" in summary(record)
    assert sorted(emulator.users.ids()) == [f"P{n:03d}" for n in range(25)]
    assert emulator.users.get("P000")["familyName"] == "王"
    assert set(site.states().values()) == {"DONE"}
