"""`invoke simulate --runtime jython`: the same contract and output as cpython.

Each command starts its own JVM (a CLI cannot share one), so one command
carries the whole path: a person with non-ASCII names, a real endpoint over
mutual TLS (MAXKIT_CA_BUNDLE and the client certificate settings reaching the
JVM), and the printed JSON byte for byte as the cpython runtime prints it.
A rejection (exit 1) in Jython is checked in the shared JVM of
test_scenario_parity.py, against the same CLI's cpython answer.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from maxkit.emulator import Emulator
from maxkit.simulate import client_cert_properties

UNICODE = "tools/samples/persons/unicode.json"


def undated(stdout: str) -> str:
    return re.sub(r'"MASSYNCDATE": "[^"]*"', '"MASSYNCDATE": "(run time)"', stdout)


# Skipped by tests/conftest.py when java, javac or jython.jar is missing.
pytestmark = pytest.mark.jython


def test_jython_posts_over_mutual_tls_and_prints_what_cpython_prints(invoke_cli):
    done, stored, subjects = {}, {}, {}
    with Emulator(tls=True) as emu:
        env = dict(os.environ, MAXKIT_CA_BUNDLE=str(emu.ca_pem))
        settings = client_cert_properties(emu.client_p12, emu.p12_password)
        for runtime in ("cpython", "jython"):
            emu.users.clear()  # both runs create the user: the same answers
            done[runtime] = invoke_cli(
                "simulate",
                "--person", UNICODE, "--access-type", "Concurrent", "--entitlement",
                "BASE", "--endpoint", emu.base_url, "--runtime", runtime,
                *[arg for item in settings for arg in ("--property", item)],
                env=env,
            )  # fmt: skip
            stored[runtime] = emu.users.get("ZWANG")
            subjects[runtime] = emu.requests.last().client_subject
        password, base_url = emu.p12_password, emu.base_url
    jython, cpython = done["jython"], done["cpython"]
    assert jython.returncode == cpython.returncode == 0, jython.stderr
    # The person's MASSYNCDATE is the time of each run: the rest is the same.
    assert undated(jython.stdout) == undated(cpython.stdout)
    assert json.loads(undated(jython.stdout)) == json.loads(undated(cpython.stdout))
    assert list(json.loads(jython.stdout)) == [
        "outcome", "message", "apppoints", "requests", "saved", "deleted", "log"
    ]  # fmt: skip
    assert "Zo\u00eb \u00d1\u00fa\u00f1ez \u738b" in jython.stdout  # not escaped
    result = json.loads(jython.stdout)
    assert result["outcome"] == "success"
    assert result["requests"][0]["status"] == 200
    assert result["requests"][0]["url"].startswith(base_url)
    assert stored["jython"]["familyName"] == "\u738b"
    assert stored["jython"]["displayName"] == "Zo\u00eb \u00d1\u00fa\u00f1ez \u738b"
    assert subjects["jython"].startswith("CN=maxkit-emulator-client")
    assert password not in jython.stdout and password not in jython.stderr
