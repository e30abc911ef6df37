"""`invoke simulate --runtime jython`: the same contract and output as cpython.

Each command starts its own JVM (a CLI cannot share one), so there are few.
"""

from __future__ import annotations

import json
import os

import pytest

from maxkit.emulator import Emulator
from maxkit.simulate import client_cert_properties

UNICODE = "tools/samples/persons/unicode.json"


# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython


def test_jython_prints_what_cpython_prints(invoke_cli):
    args = ("--person", UNICODE, "--access-type", "Authorized", "--entitlement")
    jython = invoke_cli("simulate", *args, "PREMIUM", "--runtime", "jython")
    cpython = invoke_cli("simulate", *args, "PREMIUM", "--runtime", "cpython")
    assert jython.returncode == cpython.returncode == 0, jython.stderr
    assert json.loads(jython.stdout) == json.loads(cpython.stdout)
    assert jython.stdout == cpython.stdout  # bodies printed with sorted keys
    assert list(json.loads(jython.stdout)) == [
        "outcome", "message", "requests", "saved", "log"
    ]  # fmt: skip
    assert "Zo\u00eb \u00d1\u00fa\u00f1ez \u738b" in jython.stdout  # not escaped


def test_jython_rejection_exits_1_like_cpython(invoke_cli):
    args = ("--person", UNICODE, "--access-type", "Named", "--entitlement", "BASE")
    jython = invoke_cli("simulate", *args, "--runtime", "jython")
    assert jython.returncode == 1, jython.stderr
    result = json.loads(jython.stdout)
    assert result["outcome"] == "rejected"
    assert result["message"]["key"] == "valueNotAllowed"


def test_jython_endpoint_posts_from_the_jvm_over_mutual_tls(invoke_cli):
    with Emulator(tls=True) as emu:
        env = dict(os.environ, MAXKIT_CA_BUNDLE=str(emu.ca_pem))
        settings = client_cert_properties(emu.client_p12, emu.p12_password)
        done = invoke_cli(
            "simulate",
            "--person", UNICODE, "--access-type", "Concurrent", "--entitlement",
            "BASE", "--endpoint", emu.base_url, "--runtime", "jython",
            *[arg for item in settings for arg in ("--property", item)],
            env=env,
        )  # fmt: skip
        stored = emu.users.get("ZWANG")
        subject = emu.requests.last().client_subject
        password = emu.p12_password
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["outcome"] == "success"
    assert result["requests"][0]["status"] == 200
    assert stored["familyName"] == "\u738b"
    assert subject.startswith("CN=maxkit-emulator-client")
    assert password not in done.stdout and password not in done.stderr
