"""Which layer may import which, read from the source with ``ast``.

The bundle model (``maxkit.bundle``) is what package and deploy both read;
neither reads the other, nor the fake Maximo runtime or the MAS emulator,
and nothing shipped reads the test kit. A module-level or function-level
import counts alike: both end up in the shipped code's dependencies.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
MAXKIT = TOOLS / "maxkit"
# Python files the fake runtime loads as Maximo's own modules, not as maxkit.
SITEPATH = MAXKIT / "runtime" / "sitepath"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(TOOLS).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def shipped_modules() -> list[Path]:
    return sorted(p for p in MAXKIT.rglob("*.py") if SITEPATH not in p.parents)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports made absolute."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base)
                module = f"{prefix}.{node.module}" if node.module else prefix
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def violations(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{module_name(path)} imports {name}"
        for path in shipped_modules()
        if within(module_name(path), layer)
        for name in sorted(imports_of(path))
        if any(within(name, bad) for bad in forbidden)
    ]


def test_the_reader_sees_relative_imports():
    # The graph checks below are only as good as this resolution.
    found = imports_of(MAXKIT / "emulator" / "emulator.py")
    assert "maxkit.emulator.faults" in found
    assert "maxkit.emulator.store.UserStore" in found


def test_deploy_does_not_read_the_packager():
    assert violations("maxkit.deploy", ("maxkit.package",)) == []


def test_the_packager_does_not_read_deploy():
    assert violations("maxkit.package", ("maxkit.deploy",)) == []


@pytest.mark.parametrize("layer", ["maxkit.deploy", "maxkit.package", "maxkit.bundle"])
def test_package_deploy_and_model_need_no_runtime_and_no_emulator(layer):
    assert violations(layer, ("maxkit.runtime", "maxkit.emulator")) == []


def test_the_model_reads_neither_packager_nor_deploy():
    assert violations("maxkit.bundle", ("maxkit.package", "maxkit.deploy")) == []


def test_nothing_shipped_reads_the_test_kit():
    assert violations("maxkit", ("testkit", "tests")) == []


@pytest.mark.cli
def test_every_shipped_module_imports_without_the_test_kit():
    names = [
        module_name(p)
        for p in shipped_modules()
        if p.name != "__main__.py"  # running it is the command itself
    ]
    program = (
        "import importlib, sys\n"
        "sys.modules['testkit'] = None  # any import of it fails\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(TOOLS))
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(names) > 50
