"""Run the MASUSERBULK cron task on a PERSON table, run after run, like Maximo would."""

from maxkit.simulate import bulk_job
from maxkit.simulate.runtimes import run_job
from maxkit.simulate.statuschange import status_change_job
from maxkit.worldspec import world_spec
from testkit.scenarios import plain_http

ACCESS, ENTITLEMENT = "Authorized", "BASE"


def person(number, **changes):
    record = {
        "PERSONID": f"P{number:03d}",
        "STATUS": "ACTIVE",
        "FIRSTNAME": "First",
        "LASTNAME": f"Person {number}",
        "PRIMARYEMAIL": f"p{number:03d}@example.com",
    }
    record.update(changes)
    return record


class Site:
    """A Manage site whose PERSON table survives from one cron run to the next."""

    def __init__(self, bundle, persons, endpoint=None, answers=None, **properties):
        self.bundle = bundle
        self.persons = [dict(p) for p in persons]
        self.tables = {"PERSON": self.persons}
        self.properties = {"masuser.api.url": endpoint or "https://mas.example.test"}
        self.properties["masuser.api.backoff"] = "0"
        self.properties.update(plain_http(endpoint))
        self.properties.update(properties)
        # Set-up values of the world spec (identity_providers, maxvars).
        self.suite = {}
        self.http = (
            {"mode": "real"}
            if endpoint
            else {
                "mode": "answer",
                "answers": answers or [{"status": 200, "body": "auto"}],
            }
        )

    def run(self, arg=None, crash=None, extra_tables=None):
        spec = world_spec(
            self.bundle, properties=self.properties, http=self.http, **self.suite
        )
        job = bulk_job(spec, self.tables["PERSON"], ACCESS, ENTITLEMENT)
        if arg is not None:
            job["arg"] = arg
        job["spec"]["tables"].update(self.other_tables())
        job["spec"]["tables"].update(extra_tables or {})
        if crash:
            job["spec"]["crash"] = crash
        record = self.run_job(job, "cron")
        assert record.get("crashed") is None, record["crashed"]
        self.tables = record["tables"]
        return record

    def other_tables(self):
        return {k: v for k, v in self.tables.items() if k != "PERSON"}

    def run_job(self, job, kind):
        return run_job("cpython", kind, job)

    def change_status(self, personid, status, user="JSMITH"):
        """The person's status changed and saved by ``user`` (the People
        application, or the integration feed's user): the launch points run."""
        spec = world_spec(
            self.bundle, properties=self.properties, http=self.http, user=user
        )
        job = status_change_job(
            spec, self.tables["PERSON"], personid, status, **self.other_tables()
        )
        record = self.run_job(job, "save")
        assert record.get("crashed") is None, record["crashed"]
        self.tables = record["tables"]
        return record

    def row(self, personid):
        return next(r for r in self.tables["PERSON"] if r["PERSONID"] == personid)

    def states(self):
        return {r["PERSONID"]: r.get("MASSYNCSTATE") for r in self.tables["PERSON"]}


def summary(record):
    lines = [
        e["text"]
        for e in record["log"]
        if e["text"].startswith("masuser bulk: instance=")
    ]
    assert len(lines) == 1, record["log"]
    return lines[0]


def sent_users(requests):
    """The user ids of each bulk request body, in order."""
    return [
        [u["id"] for u in (r.body if isinstance(r.body, list) else r.body["users"])]
        for r in requests
    ]
