"""The client certificate settings in real Jython 2.7, against CPython (one JVM).

In Jython the fake HTTPHandler opens the store with java.security.KeyStore and
KeyManagerFactory, and the request leaves the JVM with those key managers. Each
job must give the same outcome, message and HTTPHandler keys (with the kinds of
their values) as in CPython; the real-HTTP jobs are checked on their own, since
the texts of TLS failures are each runtime's own.

The "pod" jobs take the store the way docs/install.md tells a site to make it:
the Manage pod's tls.crt, tls.key and ca.crt turned into PKCS12 by the page's
own openssl command (testkit.podcert), then opened by Java's KeyStore here.
"""

from __future__ import annotations

import json

import pytest

from maxkit.emulator import Emulator
from testkit.parity import differences, meta_kinds
from testkit.podcert import (
    make_store,
    openssl_missing,
    other_ca_pod_cert,
    write_pod_cert,
)
from maxkit.jython.runner import run_jobs_in_jython
from maxkit.runtime import run_action_job
from testkit.scenarios import sample_person
from maxkit.simulate import action_job, client_cert_properties, summarize
from maxkit.worldspec import world_spec

# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython

QUICK = {"masuser.api.attempts": "2", "masuser.api.backoff": "50"}
ANSWER = {"mode": "answer", "answers": [{"status": 200, "body": "auto"}]}
# Settings changed from the emulator's good ones, and the reason expected.
BROKEN = {
    "badpass": ({"password": "not-the-password"}, "the password is wrong"),
    "nostore": ({"store": "/nonexistent/client.p12"}, "there is no such file"),
    "badtype": ({"kind": "PKCS13"}, "PKCS13 is not a key store type"),
    "badalg": ({"algorithm": "IbmX509"}, "IbmX509 is not a key manager algorithm"),
}


def _properties(emu, url, **changes):
    values = {"store": emu.client_p12, "password": emu.p12_password}
    values.update(changes)
    items = client_cert_properties(**values) if values["store"] else []
    return {"masuser.api.url": url, **QUICK, **dict(i.split("=", 1) for i in items)}


# The password the administrator chose for the store made by the page's command.
POD_PASSWORD = "pod store pass"
POD_JOBS = ("pod_mtls", "pod_otherca", "pod_badpass")


def _pod_stores(emu, where):
    """Stores made by the documented command: the emulator's client trio as
    the pod has it, and a trio from a CA the emulator does not trust."""
    files = emu.tls_files
    pod = write_pod_cert(
        where / "internal-manage-tls",
        files.client_key_pem.read_bytes(),
        files.client_cert_pem.read_bytes(),
        files.ca_pem.read_bytes(),
    )
    other = other_ca_pod_cert(where / "other-cluster", "maxkit-other-cluster")
    return (
        make_store(pod, where / "pod.p12", POD_PASSWORD),
        make_store(other, where / "other.p12", POD_PASSWORD),
    )


def _job(bundle, properties, http):
    spec = world_spec(bundle, properties=properties, http=http)
    return action_job(spec, sample_person("jdoe"), "Concurrent", "BASE")


@pytest.fixture(scope="module")
def runs(bundle, tmp_path_factory):
    no_openssl = openssl_missing()
    if no_openssl:
        print(f"pod-store jobs skipped: {no_openssl}")
    with Emulator(tls=True) as emu:
        url = "https://mas.example.test"
        answered = {"ok": _job(bundle, _properties(emu, url), ANSWER)}
        for name, (changes, _) in BROKEN.items():
            answered[name] = _job(bundle, _properties(emu, url, **changes), ANSWER)
        answered["incomplete"] = _job(
            bundle, _properties(emu, url, password=""), ANSWER
        )
        real = {"ca_file": str(emu.ca_pem), "mode": "real"}
        wire = {
            "mtls": _job(bundle, _properties(emu, emu.base_url), real),
            "nocert": _job(bundle, _properties(emu, emu.base_url, store=""), real),
        }
        if not no_openssl:
            mine, other = _pod_stores(emu, tmp_path_factory.mktemp("pod"))
            pod = {"store": str(mine), "password": POD_PASSWORD}
            wire["pod_mtls"] = _job(bundle, _properties(emu, emu.base_url, **pod), real)
            wire["pod_otherca"] = _job(
                bundle,
                _properties(emu, emu.base_url, store=str(other), password=POD_PASSWORD),
                real,
            )
            answered["pod_badpass"] = _job(
                bundle, _properties(emu, url, store=str(mine), password="wrong"), ANSWER
            )
        jobs = list(answered.values()) + list(wire.values())
        records = run_jobs_in_jython(jobs)
        cpython = {name: run_action_job(job) for name, job in answered.items()}
        handshakes = emu.requests.counters().tls_handshake_failures
        arrived = [r.client_subject for r in emu.requests.find()]
        password = emu.p12_password
    names = list(answered) + list(wire)
    return {
        "no_openssl": no_openssl,
        "cpython": cpython,
        "jython": dict(zip(names, records)),
        "handshakes": handshakes,
        "arrived": arrived,
        "password": password,
    }


@pytest.mark.parametrize("name", ["ok", *BROKEN, "incomplete"])
def test_the_same_in_both_runtimes(runs, name):
    problems = differences(runs["cpython"][name], runs["jython"][name])
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_the_four_keys_reach_the_handler_as_text_in_jython(runs):
    (request,) = runs["jython"]["ok"]["requests"]
    kinds = meta_kinds(request)
    for key in ("CLIENTCERTSTORE", "CLIENTCERTTYPE", "CLIENTCERTPASS", "CLIENTCERTALG"):
        assert kinds[key] == "string"
    assert kinds["ERRORONSTATUS"] == kinds["ALLRESPONSEHEADERS"] == "boolean"
    assert "value" not in request["meta"]["CLIENTCERTPASS"]


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_store_java_cannot_open_is_named_and_nothing_is_sent(runs, name):
    summary = summarize(runs["jython"][name])
    assert summary["outcome"] == "rejected" and summary["requests"] == []
    assert summary["message"]["key"] == "clientCertUnreadable"
    assert summary["message"]["params"][2].startswith(BROKEN[name][1])


def test_a_store_without_its_password_is_incomplete_in_jython(runs):
    summary = summarize(runs["jython"]["incomplete"])
    assert summary["message"]["key"] == "clientCertIncomplete"
    assert summary["requests"] == []


def test_mutual_tls_from_the_jvm_with_the_settings(runs):
    summary = summarize(runs["jython"]["mtls"])
    assert summary["outcome"] == "success", summary
    assert any(s and s.startswith("CN=maxkit-emulator-client") for s in runs["arrived"])


def test_without_the_settings_the_emulator_refuses_the_jvm(runs):
    record = runs["jython"]["nocert"]
    summary = summarize(record)
    assert (summary["outcome"], summary["message"]["key"]) == (
        "failed",
        "masUnreachable",
    )
    assert not [k for k in record["requests"][0]["meta"] if k.startswith("CLIENT")]
    assert runs["handshakes"] >= 1
    # Only the jobs with the emulator's client certificate got through.
    assert len(runs["arrived"]) == (1 if runs["no_openssl"] else 2)


def test_the_password_is_in_no_jython_record(runs):
    text = json.dumps(runs["jython"])
    assert runs["password"] not in text and "not-the-password" not in text


def _pod_record(runs, name):
    if runs["no_openssl"]:
        pytest.skip(runs["no_openssl"])
    return runs["jython"][name]


def test_the_pods_certificate_made_into_a_store_by_the_documented_command(runs):
    summary = summarize(_pod_record(runs, "pod_mtls"))
    assert summary["outcome"] == "success", summary
    subjects = [s for s in runs["arrived"] if s]
    assert len(subjects) == 2  # the emulator's own store, and the pod's
    assert all(s.startswith("CN=maxkit-emulator-client") for s in subjects)


def test_a_store_of_another_clusters_certificate_is_refused_by_the_handshake(runs):
    record = _pod_record(runs, "pod_otherca")
    summary = summarize(record)
    assert (summary["outcome"], summary["message"]["key"]) == (
        "failed",
        "masUnreachable",
    )
    # The store opened (the keys were passed); the emulator refused its certificate.
    assert record["requests"][0]["meta"]["CLIENTCERTSTORE"]["value"].endswith(
        "other.p12"
    )
    assert runs["handshakes"] >= 2  # nocert and this one


def test_the_documented_store_with_a_wrong_password_is_unreadable(runs):
    summary = summarize(_pod_record(runs, "pod_badpass"))
    assert summary["outcome"] == "rejected" and summary["requests"] == []
    assert summary["message"]["key"] == "clientCertUnreadable"
    assert summary["message"]["params"][2].startswith(BROKEN["badpass"][1])
    problems = differences(
        runs["cpython"]["pod_badpass"], runs["jython"]["pod_badpass"]
    )
    assert not problems, "\n".join(problems)


def test_the_pod_store_password_is_in_no_jython_record(runs):
    if runs["no_openssl"]:
        pytest.skip(runs["no_openssl"])
    assert POD_PASSWORD not in json.dumps(runs["jython"])
