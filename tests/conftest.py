"""Fixtures shared by the whole suite."""

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# How hard the property-based tests try: MAXKIT_FUZZ=quick (invoke test
# --quick, the edit loop), full (the default: every run of invoke test and CI)
# or thorough (before a release). quick and full draw the same examples on
# every run, so a CI run fails only for a change in the code; thorough draws
# new ones each time, to find what they have not.
FUZZ_EXAMPLES = {"quick": 30, "full": 100, "thorough": 4000}
for _name, _count in FUZZ_EXAMPLES.items():
    settings.register_profile(
        _name, max_examples=_count, derandomize=_name != "thorough"
    )
_fuzz = os.environ.get("MAXKIT_FUZZ", "full")
if _fuzz not in FUZZ_EXAMPLES:
    raise pytest.UsageError(
        f"MAXKIT_FUZZ={_fuzz!r}: choose one of {', '.join(FUZZ_EXAMPLES)}"
    )
settings.load_profile(_fuzz)

from maxkit.bundle import load_bundle
from maxkit.jython.launcher import missing_toolchain

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _missing_toolchain() -> str | None:
    """:func:`missing_toolchain`, looked up once per session."""
    return missing_toolchain()


@pytest.hookimpl(tryfirst=True)  # before -m selects by these markers
def pytest_collection_modifyitems(config, items):
    _mark_command_runs(items)
    _skip_jython_without_toolchain(items)
    _modules_with_child_processes_first(items)


# The markers of tests that wait on a child process (a JVM, invoke, javac).
_CHILD_MARKERS = ("jython", "jvm", "cli")


def _modules_with_child_processes_first(items):
    """Modules whose tests start a JVM first (most such tests first), then
    those that start other commands, then the rest; each module's own order
    kept. ``invoke test`` hands modules to its workers in this order
    (--no-loadscope-reorder), so the long ones start at once and the short
    in-process ones fill the end, instead of a JVM module starting last."""
    weight: dict[str, list[int]] = {}
    for item in items:
        counts = weight.setdefault(item.nodeid.split("::")[0], [0] * 3)
        for index, name in enumerate(_CHILD_MARKERS):
            if item.get_closest_marker(name):
                counts[index] += 1
    order = {module: i for i, module in enumerate(weight)}

    def key(module: str):
        jython, jvm, cli = weight[module]
        group = 0 if jython or jvm else 1 if cli else 2
        return group, -(jython + jvm), order[module]

    rank = {module: r for r, module in enumerate(sorted(weight, key=key))}
    items.sort(key=lambda item: rank[item.nodeid.split("::")[0]])


def _mark_command_runs(items):
    """A test that starts a command in a child process (``invoke_cli``) is
    marked ``cli``: ``invoke test --quick`` leaves those out, as it does the
    JVM ones; the full suite runs them all."""
    for item in items:
        if "invoke_cli" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.cli)


def _skip_jython_without_toolchain(items):
    """Skip tests marked ``jython`` when java, javac or Jython 2.7 is missing.

    With MAXKIT_REQUIRE_JYTHON=1 nothing is skipped, so a missing toolchain
    makes those tests fail loudly instead.
    """
    if os.environ.get("MAXKIT_REQUIRE_JYTHON") == "1":
        return
    jython_items = [item for item in items if item.get_closest_marker("jython")]
    missing = _missing_toolchain() if jython_items else None
    if missing is None:
        return
    skip = pytest.mark.skip(reason=f"needs java, javac and Jython 2.7: {missing}")
    for item in jython_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def bundle():
    return load_bundle(ROOT)


@pytest.fixture(scope="session")
def invoke_cli(root):
    """A function running ``python -m invoke *args`` in the project root.

    ``run(*args, env=None, timeout=300)`` returns the finished process with
    stdout and stderr captured as UTF-8 text.
    """

    def run(*args, env=None, timeout=300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "invoke", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            env=env,
        )

    return run


@pytest.fixture(scope="session")
def tls(tmp_path_factory) -> Path:
    """A throw-away CA (``ca.pem``) and a certificate for 127.0.0.1 with its key
    (``server.pem``), made once per session with trustme."""
    import trustme

    directory = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    server = ca.issue_cert("127.0.0.1")
    server.private_key_and_cert_chain_pem.write_to_path(str(directory / "server.pem"))
    ca.cert_pem.write_to_path(str(directory / "ca.pem"))
    return directory
