"""Every scenario of the dialog action, run in real Jython 2.7 as well.

All Jython work of this module happens in ONE JVM (a session fixture): the
scenarios of tests/scenarios, plus real HTTP requests made by Java from inside
the JVM (mutual TLS to the MAS emulator, a refused connection, a connect
timeout), a script whose Java call throws, JSON4J parsing of malformed answers,
two runs of the bulk cron task (one as tests/bulk runs it), the fixed sample
of hostile MAS answers (tests/hostile/battery.py), a rejection built as
``invoke simulate`` builds it, and the runs of ``invoke simulate`` on Manage's
records (--data, --sync, --status-change, then a bulk run), printed as the
command prints them (the command itself runs in Jython in
tests/jython/test_simulate_jython.py). Each scenario must pass its own expectations in
Jython and give the same outcome, message and request bodies as in CPython; a
difference names the scenario and the field. Every record names the JVM that
made it, so the one JVM is checked, not assumed.

Skipped (with the reason) only when java, javac or jython.jar is missing; set
MAXKIT_REQUIRE_JYTHON=1 to make that a failure instead.
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest
import trustme

from maxkit.simulate import bulk_job
from maxkit.emulator import Drip, Emulator, Malformed
from testkit.parity import differences
from maxkit.jython.runner import run_jobs_in_jython
from maxkit.runtime import run_action_job, run_cron_job
from testkit.scenarios import (
    check,
    load_scenarios,
    plain_http,
    sample_person,
    scenario_job,
)
from maxkit.simulate import (
    action_job,
    client_cert_properties,
    execute,
    printable,
    result_of,
    run_spec,
    simulate,
    summarize,
)
from maxkit.worldspec import world_spec
from tests.bulk import bulk_site
from tests.hostile import battery

SCENARIOS = load_scenarios(Path(__file__).resolve().parent.parent / "scenarios")


# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython

# Fast transport settings for the real-HTTP jobs: no long waits in tests.
QUICK = {
    "masuser.api.attempts": "2",
    "masuser.api.backoff": "50",
    "masuser.api.connecttimeout": "400",
    "masuser.api.readtimeout": "5000",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Blackhole:
    """A loopback port whose accept queue is full: a connect there times out."""

    def __enter__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(0)
        self.port = self.server.getsockname()[1]
        self.fillers = []
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", self.port))
            self.fillers.append(filler)
        return self

    def __exit__(self, *exc):
        for filler in self.fillers:
            filler.close()
        self.server.close()


def _real_job(bundle, person, url, cert=None, **http):
    """A job posting over real HTTP(S); ``cert``: the emulator whose client
    certificate store the script's settings name."""
    properties = {"masuser.api.url": url, **QUICK, **plain_http(url)}
    if cert is not None:
        items = client_cert_properties(cert.client_p12, cert.p12_password)
        properties.update(item.split("=", 1) for item in items)
    spec = world_spec(
        bundle,
        properties=properties,
        http={"mode": "real", **{k: str(v) for k, v in http.items()}},
    )
    return action_job(spec, sample_person(person), "Concurrent", "BASE")


# The deadline must bound the whole call (retries, waits and slow answers):
# a server that drips one byte every 0.3 s never trips a per-read timeout.
DEADLINE = {
    "masuser.api.deadline": "1500",
    "masuser.api.readtimeout": "1000",
    "masuser.api.connecttimeout": "10000",
    "masuser.api.attempts": "4",
    "masuser.api.backoff": "0",
}
DEADLINE_SLACK_S = 1.0
# A 200 answer with a byte that is not UTF-8: Java decodes it to U+FFFD.
NOT_UTF8 = b'[{"id": "JDOE", "status": 201, "note": "caf\xe9"}]'


def _deadline_job(bundle, url):
    spec = world_spec(
        bundle,
        properties={"masuser.api.url": url, **DEADLINE, **plain_http(url)},
        http={"mode": "real"},
    )
    return action_job(spec, sample_person("jdoe"), "Concurrent", "BASE")


def _crash_job(bundle):
    """A script whose Java call throws: Jython's ``except Exception`` misses it."""
    spec = world_spec(bundle, http={"mode": "answer", "answers": [{"status": 200}]})
    spec["scripts"]["CRASHES"] = {
        "source": "from com.ibm.json.java import JSONObject\n"
        "JSONObject().put('person', {'a': 1})\n",
        "path": "CRASHES.py",
    }
    job = action_job(spec, sample_person("jdoe"), "Concurrent", "BASE")
    return {**job, "script": "CRASHES"}


# JSON texts the MAS answer could be: the CPython JSON4J stand-in must fail on
# each exactly as the Java look-alike does (the message reaches the user).
PARSE_TEXTS = [
    "", "  ", "<html>", "{", "[1,]", '{"a" 1}', '{"a":tru}', "[1 2]", '"text"',
    '{"a":"\\x"}', "[01]", "[1.]", "[-]", "[1e]", '{"a":1} x', "{1:2}", '["abc',
    "[99999999999999999999]", '[null, true, false, "\\u00e9\\/"]', "\n\n {\n}",
    "[1, -0, 2.5, 9223372036854775807]", '{"a": [{"b": {}}]}',
]  # fmt: skip
PARSE_SCRIPT = """
from com.ibm.json.java import JSON, JSONArray, JSONObject
from java.io import IOException
for parse in (JSON.parse, JSONObject.parse, JSONArray.parse):
    for text in TEXTS:
        try:
            value = parse(text)
            service.log("ok %s %s" % (type(value).__name__, value.serialize()))
        except IOException as error:
            service.log("error " + error.getMessage())
"""


def _parse_job(bundle):
    spec = world_spec(bundle, http=None)
    source = "TEXTS = %r\n%s" % (PARSE_TEXTS, PARSE_SCRIPT)
    # its lines are INFO: a script logger at INFO, as the bundle's scripts have
    spec["scripts"]["PARSES"] = {
        "source": source,
        "path": "PARSES.py",
        "loglevel": "INFO",
    }
    spec["loggers"]["autoscript.PARSES"] = "INFO"
    job = action_job(spec, sample_person("jdoe"), "Concurrent", "BASE")
    return {**job, "script": "PARSES"}


def _cron_job(bundle):
    """The bulk path: the cron task over a small PERSON table, one request."""
    spec = world_spec(
        bundle,
        properties={"masuser.api.url": "https://mas.example.test"},
        http={"mode": "answer", "answers": [{"status": 200, "body": "auto"}]},
    )
    persons = [
        {**sample_person("jdoe")},
        {**sample_person("unicode")},
        {**sample_person("inactive")},
    ]
    return {**bulk_job(spec, persons, "Authorized", "BASE"), "kind": "cron"}


# Hostile MAS answers, settings and dialog values (tests/hostile/battery.py):
# a fixed sample of them must answer in Jython exactly as in CPython.
HOSTILE_SAMPLE = 40
# A person whose access type the domain does not allow: rejected, no request.
UNICODE = "tools/samples/persons/unicode.json"
REJECTED = ("Named", "BASE")


def _rejected_job(root):
    """The job ``invoke simulate --person UNICODE`` runs for REJECTED."""
    access_type, entitlement = REJECTED
    return run_spec(
        root,
        person=str(root / UNICODE),
        access_type=access_type,
        entitlement=entitlement,
        environ={},
    ).job


# The cron task as tests/bulk/bulk_site.py runs it: an inactive person and a
# non-ASCII name among them, so the hashes and states differ row by row.
SITE_PERSONS = [
    bulk_site.person(1),
    bulk_site.person(2, STATUS="INACTIVE"),
    bulk_site.person(3, FIRSTNAME="Zo\u00eb"),
]


def _site_cron_job(bundle):
    site = bulk_site.Site(bundle, SITE_PERSONS)
    spec = world_spec(bundle, properties=site.properties, http=site.http)
    persons = site.tables["PERSON"]
    job = bulk_job(spec, persons, bulk_site.ACCESS, bulk_site.ENTITLEMENT)
    return {**job, "kind": "cron"}


# `invoke simulate` on Manage's records (--data, --sync, --status-change):
# the run specs the command builds from its flags, their jobs run in this
# module's JVM, printed as the command prints them.
JDOE = "tools/samples/persons/jdoe.json"
GROUPS = "tools/samples/records/groups.json"
SYNC = "tools/samples/records/jdoe-sync.json"
JDOE_USER = "tools/samples/records/jdoe-user.json"
MAPPING = ["masuser.groups.BASE=MAINT,TECHNICIANS"]


def _records_specs(root, tmp):
    """name -> the RunSpec of ``invoke simulate`` with those flags."""

    def spec(**flags):
        return run_spec(root, environ={}, **flags)

    dialog = {"access_type": "Authorized", "entitlement": "BASE"}
    specs = {
        "sync": spec(
            person=str(root / JDOE),
            properties=MAPPING,
            data=str(root / GROUPS),
            sync=str(root / SYNC),
            **dialog,
        ),
        "manage": spec(
            person=str(root / JDOE),
            properties=MAPPING
            + ["masuser.route=manage", "masuser.idp.id=default-saml"],
            data=str(root / GROUPS),
            **dialog,
        ),
        "status": spec(
            person=str(root / JDOE),
            status_change="INACTIVE",
            data=str(root / JDOE_USER),
        ),
    }
    # The bulk run takes the leaver as the status change saved it (the
    # change itself is compared between the runtimes above).
    [leaver] = execute(specs["status"])[1]["saved"]["PERSON"]
    persons = tmp / "persons.json"
    persons.write_text(
        json.dumps(
            [
                {"PERSONID": "ACT", "STATUS": "ACTIVE", "PRIMARYEMAIL": "a@x.test"},
                leaver,
                {"PERSONID": "LEFT", "STATUS": "INACTIVE", "MASSYNCSTATE": "DONE"},
                {"PERSONID": "NEVER", "STATUS": "INACTIVE"},
            ]
        ),
        encoding="utf-8",
    )
    specs["bulk"] = spec(persons=str(persons), data=str(root / JDOE_USER), **dialog)
    return specs


@pytest.fixture(scope="session")
def runs(bundle, root, tmp_path_factory):
    """Both runtimes over every scenario, and the real-HTTP jobs, Jython in one JVM."""
    jobs = [scenario_job(bundle, scenario) for scenario in SCENARIOS]
    started = time.perf_counter()
    cpython = [run_action_job(job) for job in jobs]
    cpython_seconds = time.perf_counter() - started
    stranger_ca = tmp_path_factory.mktemp("tls") / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger_ca))
    with (
        Emulator(tls=True) as emu,
        _Blackhole() as hole,
        Emulator() as slow,
        Emulator() as odd,
    ):
        slow.faults.add(Drip(0.3), times=None)
        odd.faults.add(Malformed(NOT_UTF8), times=None)
        both = {
            "drip": _deadline_job(bundle, slow.base_url),
            "slow_connect": _deadline_job(bundle, f"http://127.0.0.1:{hole.port}"),
            "not_utf8": _deadline_job(bundle, odd.base_url),
            "no_client_cert": _real_job(
                bundle, "jdoe", emu.base_url, ca_file=emu.ca_pem
            ),
        }
        cpython_both = {k: run_action_job(j) for k, j in both.items()}
        extra = {
            "mtls": _real_job(
                bundle,
                "unicode",
                emu.base_url,
                cert=emu,
                ca_file=emu.ca_pem,
            ),
            "untrusted": _real_job(
                bundle,
                "jdoe",
                emu.base_url,
                cert=emu,
                ca_file=stranger_ca,
            ),
            "refused": _real_job(bundle, "jdoe", f"http://127.0.0.1:{_free_port()}"),
            "timeout": _real_job(bundle, "jdoe", f"http://127.0.0.1:{hole.port}"),
            "crash": _crash_job(bundle),
            "parse": _parse_job(bundle),
            "cron": _cron_job(bundle),
            "site_cron": _site_cron_job(bundle),
            "rejected": _rejected_job(root),
            **both,
        }
        records_specs = _records_specs(root, tmp_path_factory.mktemp("records"))
        extra.update(
            ("records_" + name, {**spec.job, "kind": spec.kind})
            for name, spec in records_specs.items()
        )
        hostile = battery.fixed_sample(HOSTILE_SAMPLE)
        started = time.perf_counter()
        records = run_jobs_in_jython(jobs + list(extra.values()) + hostile)
        jython_seconds = time.perf_counter() - started
        stored = emu.users.get("ZWANG")
    after_extra = len(jobs) + len(extra)
    return {
        "jvms": records.jvms,
        "jobs": len(records),
        "hostile": list(zip(hostile, records[after_extra:])),
        "cpython_parse": run_action_job(extra["parse"]),
        "cpython_cron": run_cron_job(extra["cron"]),
        "cpython_both": cpython_both,
        "cpython": dict(zip((s.id for s in SCENARIOS), cpython)),
        "jython": dict(zip((s.id for s in SCENARIOS), records)),
        "extra": dict(zip(extra, records[len(jobs) : after_extra])),
        "stored": stored,
        "records": {
            name: (spec, records[len(jobs) + list(extra).index("records_" + name)])
            for name, spec in records_specs.items()
        },
        "seconds": {"cpython": cpython_seconds, "jython": jython_seconds},
    }


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario_in_jython(runs, scenario):
    record = runs["jython"][scenario.id]
    problems = differences(runs["cpython"][scenario.id], record)
    if "driver_error" not in record:
        problems += [f"expectation {p}" for p in check(scenario, record)]
    assert not problems, f"{scenario.id}:\n" + "\n".join(problems)


def test_all_scenarios_ran_in_one_jvm(runs, record_property):
    # Every record names the JVM that made it: one process, which ran every job
    # of the module in turn. Both timings land in the JUnit XML when asked for.
    assert len(runs["jython"]) == len(SCENARIOS) > 50
    pids = {jvm["pid"] for jvm in runs["jvms"]}
    assert len(pids) == 1, pids
    assert pids != {os.getpid()}
    assert [jvm["job"] for jvm in runs["jvms"]] == list(range(1, runs["jobs"] + 1))
    assert runs["jobs"] > len(SCENARIOS) + HOSTILE_SAMPLE
    for runtime, seconds in runs["seconds"].items():
        record_property(f"{runtime}_seconds", round(seconds, 2))


def test_mutual_tls_from_the_jvm_keeps_non_ascii_names(runs):
    record = runs["extra"]["mtls"]
    summary = summarize(record)
    assert summary["outcome"] == "success", summary
    assert summary["message"]["key"] == "userCreated"
    assert summary["requests"][0]["status"] == 200
    stored = runs["stored"]
    assert stored is not None, "the user did not arrive at the emulator"
    assert stored["givenName"] == "Zo\u00eb \u00d1\u00fa\u00f1ez"
    assert stored["familyName"] == "\u738b"
    assert stored["displayName"] == "Zo\u00eb \u00d1\u00fa\u00f1ez \u738b"


def test_a_server_certificate_from_another_ca_is_refused_by_the_jvm(runs):
    summary = summarize(runs["extra"]["untrusted"])
    assert summary["outcome"] == "failed"
    assert summary["message"]["key"] == "masUnreachable"
    assert "javax.net.ssl.SSLHandshakeException" in summary["message"]["params"][1]
    assert [r["status"] for r in summary["requests"]] == [None]  # not retried


def test_refused_connection_from_the_jvm_is_unreachable(runs):
    summary = summarize(runs["extra"]["refused"])
    assert summary["outcome"] == "failed"
    assert summary["message"]["key"] == "masUnreachable"
    url, problem, attempts = summary["message"]["params"]
    assert "java.net.ConnectException: Connection refused" in problem
    assert attempts == QUICK["masuser.api.attempts"]  # refused is retried
    assert [r["status"] for r in summary["requests"]] == [None, None]


def test_connect_timeout_from_the_jvm_is_retried(runs):
    # Java 13+ says "Connect timed out"; the script must still see a timeout.
    summary = summarize(runs["extra"]["timeout"])
    assert summary["message"]["key"] == "masUnreachable"
    url, problem, attempts = summary["message"]["params"]
    assert "SocketTimeoutException" in problem
    assert attempts == QUICK["masuser.api.attempts"]


def test_a_java_exception_from_a_script_is_a_crash_not_a_driver_failure(runs):
    record = runs["extra"]["crash"]
    assert "driver_error" not in record
    assert "java.lang.IllegalArgumentException" in record["crashed"]
    assert summarize(record)["outcome"] == "failed"


def test_json4j_parse_reads_and_fails_alike_in_both_runtimes(runs):
    cpython = [e["text"] for e in runs["cpython_parse"]["log"]]
    jython = [e["text"] for e in runs["extra"]["parse"]["log"]]
    assert len(cpython) == 3 * len(PARSE_TEXTS)
    for text, (left, right) in zip(PARSE_TEXTS * 3, zip(cpython, jython)):
        assert left == right, f"JSON4J parse of {text!r}"


def test_the_bulk_cron_task_runs_alike_in_both_runtimes(runs):
    cpython, jython = runs["cpython_cron"], runs["extra"]["cron"]
    assert jython["crashed"] is None and cpython["crashed"] is None
    assert [r["body"] for r in jython["requests"]] == [
        r["body"] for r in cpython["requests"]
    ]
    assert [e["text"] for e in jython["log"]] == [e["text"] for e in cpython["log"]]

    def rows(record):  # MASSYNCDATE is the time of the run
        return [
            {k: v for k, v in row.items() if k != "MASSYNCDATE"}
            for row in record["tables"]["PERSON"]
        ]

    assert rows(jython) == rows(cpython)
    assert len(rows(jython)) == 3


@pytest.mark.parametrize("job", ["drip", "slow_connect"])
def test_the_deadline_bounds_the_whole_call_in_both_runtimes(runs, job):
    cpython, jython = runs["cpython_both"][job], runs["extra"][job]
    if job == "drip":
        assert differences(cpython, jython) == []
    else:  # two timers end together here: which one's text is shown may differ
        left, right = summarize(cpython)["message"], summarize(jython)["message"]
        assert (left["key"], left["params"][2]) == (right["key"], right["params"][2])
    deadline_s = int(DEADLINE["masuser.api.deadline"]) / 1000.0
    for record in (cpython, jython):
        result = summarize(record)
        assert result["message"]["key"] == "masUnreachable", result["message"]
        assert record["seconds"] <= deadline_s + DEADLINE_SLACK_S, record["seconds"]
    if job == "drip":
        assert "no answer within masuser.api.deadline (1500 ms)" in (
            summarize(jython)["message"]["text"]
        )


def test_an_answer_that_is_not_utf8_is_unclear_in_both_runtimes(runs):
    cpython, jython = runs["cpython_both"]["not_utf8"], runs["extra"]["not_utf8"]
    assert differences(cpython, jython) == []
    message = summarize(jython)["message"]
    assert message["key"] == "masUnclearAnswer"
    assert message["params"][2] == "the answer is not valid UTF-8"


def test_a_refused_client_certificate_is_tried_once_in_both_runtimes(runs):
    """A TLS failure does not fix itself: never retried, in either runtime
    (the Java and Python texts of the failure differ; the outcome does not)."""
    results = [
        summarize(r)
        for r in (
            runs["cpython_both"]["no_client_cert"],
            runs["extra"]["no_client_cert"],
        )
    ]
    for result in results:
        assert result["message"]["key"] == "masUnreachable"
        assert result["message"]["params"][2] == "1"
        assert len(result["requests"]) == 1


def test_a_fixed_sample_of_hostile_answers_answers_alike_in_real_jython(runs):
    """The invariants of tests/hostile (a declared message, no stack trace, no
    secret, the deadline kept) hold in Jython, with CPython's very answer."""
    assert len(runs["hostile"]) == HOSTILE_SAMPLE
    found = []
    for number, (job, jython) in enumerate(runs["hostile"]):
        cpython = run_action_job(job)
        found += [f"job {number}: {p}" for p in battery.problems(jython)]
        found += [f"job {number}: {p}" for p in differences(cpython, jython)]
    assert found == []


def test_a_rejection_prints_what_the_simulate_cli_prints_and_exits_1(runs, root):
    """``invoke simulate --runtime jython`` prints the summary of its JVM's
    record and exits by its outcome: the same object and code as cpython's."""
    code, printed = simulate(root, str(root / UNICODE), *REJECTED, runtime="cpython")
    assert code == 1 and printed["outcome"] == "rejected"
    assert printed["message"]["key"] == "valueNotAllowed" and printed["requests"] == []
    assert printable(summarize(runs["extra"]["rejected"])) == printed


def test_the_cron_task_records_the_same_states_and_hashes_in_both_runtimes(
    runs, bundle
):
    cpython = bulk_site.Site(bundle, SITE_PERSONS)
    cpython.run()
    jython = runs["extra"]["site_cron"]
    assert jython["crashed"] is None
    fields = ("PERSONID", "MASSYNCSTATE", "MASSYNCHASH", "MASSYNCERROR")
    assert [tuple(r.get(f) for f in fields) for r in jython["tables"]["PERSON"]] == [
        tuple(r.get(f) for f in fields) for r in cpython.tables["PERSON"]
    ]
    # The inactive person without a MAS user is skipped: no state written.
    states = [r.get("MASSYNCSTATE") for r in cpython.tables["PERSON"]]
    assert states == ["DONE", None, "DONE"]


def _dateless(value):
    """``value`` with the time of the run left out (each run has its own)."""
    if isinstance(value, dict):
        return {
            k: ("<date>" if k.upper().endswith("DATE") and v else _dateless(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_dateless(item) for item in value]
    return value


def _simulated(runs, name):
    """What ``invoke simulate`` prints for the run ``name`` in Jython, checked
    equal to what it prints in CPython but for the dates."""
    spec, record = runs["records"][name]
    assert record.get("crashed") is None, record["crashed"]
    jython = result_of(spec, record)
    code, cpython = execute(spec)
    assert _dateless(jython) == _dateless(cpython)
    return code, jython


def test_simulate_pending_groups_land_on_sync_in_jython(runs):
    code, result = _simulated(runs, "sync")
    assert code == 0
    assert result["message"]["key"] == "userGroupsPending"
    assert len(result["requests"]) == 1
    assert result["saved"]["PERSON"][0]["MASPENDINGGROUPS"] == "MAINT,TECHNICIANS"
    synced = result["synced"]
    assert [r["GROUPNAME"] for r in synced["GROUPUSER"]] == ["MAINT", "TECHNICIANS"]
    assert synced["PERSON"][0]["MASPENDINGGROUPS"] is None
    assert result["sync_error"] is None


def test_simulate_manage_route_saves_and_sends_nothing_in_jython(runs):
    code, result = _simulated(runs, "manage")
    assert code == 0
    assert result["requests"] == []
    [user] = result["saved"]["MAXUSER"]
    assert (user["USERID"], user["STATUS"], user["ISAUTHORIZED"]) == (
        "JDOE",
        "ACTIVE",
        1,
    )
    # Manage's default groups (MaxUser.addGroupUser), then the mapped ones.
    assert [r["GROUPNAME"] for r in result["saved"]["GROUPUSER"]] == [
        "DEFLTREG",
        "MAXEVERYONE",
        "MAINT",
        "TECHNICIANS",
    ]
    [idp] = result["saved"]["MASUSERIDP"]
    assert (idp["IDPID"], idp["IDPLOGINID"]) == ("default-saml", "john.doe@example.com")


def test_simulate_status_change_then_bulk_deactivation_in_jython(runs):
    code, changed = _simulated(runs, "status")
    assert code == 0
    assert changed["outcome"] == "success" and changed["requests"] == []
    [leaver] = changed["saved"]["PERSON"]
    assert leaver["MASSYNCSTATE"] == "DEACTPEND"
    code, run = _simulated(runs, "bulk")
    assert code == 0
    assert "deactivated=2 skipped=1" in run["summary"]
    states = {p["personid"]: p["state"] for p in run["persons"]}
    assert states == {
        "ACT": "DONE",
        "JDOE": "DEACTDONE",
        "LEFT": "DEACTDONE",
        "NEVER": None,
    }
    assert sorted(r["PERSONID"] for r in run["saved"]["PERSON"]) == [
        "ACT",
        "JDOE",
        "LEFT",
    ]
