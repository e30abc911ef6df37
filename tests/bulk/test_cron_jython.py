"""The cron task in real Jython 2.7 (one JVM per run): a crash, then a rerun.

The same states and hashes as CPython on one run are checked in the shared
JVM of tests/jython/test_scenario_parity.py (its jobs come from bulk_site too).
"""

import pytest
from bulk_site import ACCESS, ENTITLEMENT, Site, person, sent_users, summary

from maxkit.bulksim import bulk_job
from maxkit.worldspec import world_spec

# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython


class JythonSite(Site):
    def run(self, arg=None, crash=None, extra_tables=None):
        from maxkit.jython.runner import run_jobs_in_jython

        spec = world_spec(self.bundle, properties=self.properties, http=self.http)
        job = bulk_job(spec, self.tables["PERSON"], ACCESS, ENTITLEMENT)
        if crash:
            job["spec"]["crash"] = crash
        record = run_jobs_in_jython([job], kind="cron")[0]
        assert record.get("crashed") is None, record
        self.tables = record["tables"]
        return record


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
