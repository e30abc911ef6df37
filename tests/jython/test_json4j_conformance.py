"""JSON4J conformance: one set of cases (json4j_cases.json), two implementations.

The scripts meet ``com.ibm.json.java`` as the compiled Java look-alikes in
real Jython and as the Python port of the fake runtime in CPython; both run
the same cases through json4j_conformance.py, and each outcome must be the one
the case expects, so the two cannot drift apart. The Jython run is one JVM for
all cases, as in test_json4j.py.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import maxkit.runtime  # noqa: F401 - puts the fake's java.* and com.ibm.* on sys.path
from maxkit.jython import javabuild, launcher

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "json4j_cases.json"
RUNNER = HERE / "json4j_conformance.py"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]


def _runner():
    spec = importlib.util.spec_from_file_location("json4j_conformance", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _comparable(actual: list, expected: list) -> list:
    """``actual`` with the message of an error left out where the case does
    not pin it (most cases check only the exception class)."""
    out = []
    for got, want in zip(actual, expected):
        if "error" in got and "error" in want and "message" not in want:
            got = {"error": got["error"]}
        out.append(got)
    return out + actual[len(expected) :]


@pytest.fixture(scope="module")
def cpython_results():
    return _runner().run_all(CASES)


@pytest.fixture(scope="module")
def jython_results():
    classes = javabuild.compile_java()
    proc = launcher.run_jython(
        RUNNER, [CASES_FILE], extra_classpath=[classes], timeout=300
    )
    marker = _runner().MARKER
    lines = [line for line in proc.stdout.splitlines() if line.startswith(marker)]
    assert proc.returncode == 0 and lines, (
        f"Jython conformance run failed (exit {proc.returncode})\n"
        f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    )
    return json.loads(lines[-1][len(marker) :])


def test_case_names_are_unique():
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    assert all(len(case["expect"]) == 1 + len(case["steps"]) for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_python_port(cpython_results, case):
    actual = cpython_results[case["name"]]
    assert _comparable(actual, case["expect"]) == case["expect"]


@pytest.mark.jython
@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_java_look_alikes(jython_results, case):
    actual = jython_results[case["name"]]
    assert _comparable(actual, case["expect"]) == case["expect"]
