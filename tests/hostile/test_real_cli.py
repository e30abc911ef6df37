"""A few of the battery's inputs through the real command line (a new process,
a real stdout and stderr, argv as the OS gives it)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hostile_helpers import SECRET, check_invariants

FLAGS = ["--access-type", "Concurrent", "--entitlement", "BASE"]
DEEP = '{"PERSONID": "A", "TITLE": ' + "[" * 50_000 + "]" * 50_000 + "}"


def _done(process) -> tuple[int, str, str]:
    return process.returncode, process.stdout, process.stderr


@pytest.mark.parametrize(
    "content, extra",
    [
        ('{"PERSONID": "A\\ud800", "STATUS": "ACTIVE"}', []),
        (DEEP, []),
        ('{"PERSONID": "JDOE", "personid": "X"}', []),
        ('{"PERSONID": "JDOE"}', ["--endpoint", f"http://mas:{SECRET}@127.0.0.1:9"]),
        ('{"PERSONID": "A"}', ["--runtime", "jython", "--endpoint", "http://[::1"]),
    ],
    ids=["lone-surrogate", "deep", "personid-twice", "userinfo", "jython-bad-url"],
)
def test_invoke_simulate_usage_errors(invoke_cli, tmp_path, content, extra):
    person = tmp_path / "p.json"
    person.write_text(content, encoding="utf-8")
    done = invoke_cli("simulate", "--person", str(person), *FLAGS, *extra)
    assert check_invariants(*_done(done)) is None and done.returncode == 2


def test_persons_with_the_same_id_after_trimming(invoke_cli, tmp_path):
    persons = tmp_path / "p.json"
    persons.write_text('[{"PERSONID": "A1"}, {"PERSONID": "A1 "}]', encoding="utf-8")
    done = invoke_cli("simulate", "--persons", str(persons), *FLAGS)
    assert check_invariants(*_done(done)) is None
    assert "PERSONID 'A1 ' appears twice" in done.stderr


def test_argv_that_is_not_utf8_is_a_usage_error(root):
    """The OS hands Python bytes; b'\\xff' arrives as a lone surrogate."""
    done = subprocess.run(
        [sys.executable, "-m", "maxkit.simulate", "--person",
         "tools/samples/persons/jdoe.json", "--access-type", b"Concurrent\xff",
         "--entitlement", "BASE"],
        cwd=root, capture_output=True, env=dict(os.environ, PYTHONPATH="tools"),
    )  # fmt: skip
    out, err = done.stdout.decode(), done.stderr.decode()
    assert check_invariants(done.returncode, out, err) is None
    assert "--access-type" in err
