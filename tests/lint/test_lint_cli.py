"""The lint's front ends: python -m maxkit.lint, the stubs helper, the project itself."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from maxkit.lint import RULES, lint
from maxkit.lint.__main__ import main
from maxkit.stubs import STUBS_DIR
from maxkit.stubs.__main__ import main as stubs_main

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"


@pytest.mark.jython
def test_the_bundle_as_it_stands_passes_every_bundle_check():
    assert [str(f) for f in lint(ROOT, skip=["black"])] == []


def test_findings_print_as_path_line_code_message(tmp_path, capsys):
    shutil.copytree(ROOT / "domains", tmp_path / "domains")
    shutil.copytree(ROOT / "dialogs", tmp_path / "dialogs")
    (tmp_path / "scripts").mkdir()
    shutil.copyfile(
        CASES / "ML101-bad-fstring/files/scripts/FSTR.py.in",
        tmp_path / "scripts/FSTR.py",
    )
    code = main([str(tmp_path), "--only", "maximo-python"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out == ["scripts/FSTR.py:6: ML101 f-string: use '%s' % value or .format()"]


def test_a_clean_bundle_exits_0(capsys):
    assert main([str(ROOT), "--only", "scriptconfig,domains,dialogs"]) == 0
    assert capsys.readouterr().out == ""


def test_an_unknown_check_is_a_usage_error(capsys):
    assert main([str(ROOT), "--only", "pylint"]) == 2
    assert "unknown check 'pylint'" in capsys.readouterr().err


def test_a_folder_without_scripts_is_a_usage_error(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "no scripts/" in capsys.readouterr().err


def test_rules_lists_every_code(capsys):
    assert main(["--rules"]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == sorted(RULES)


def test_the_module_runs_from_the_command_line():
    process = subprocess.run(
        [sys.executable, "-m", "maxkit.lint", str(ROOT), "--only", "domains"],
        capture_output=True,
        text=True,
    )
    assert process.returncode == 0, process.stdout + process.stderr


def test_stubs_cover_the_packages_scripts_import():
    for module in (
        "psdi/mbo",
        "psdi/server",
        "psdi/util",
        "psdi/security",
        "psdi/iface/router",
        "com/ibm/json/java",
        "com/ibm/tivoli/maximo/script",
        "java/util",
        "java/lang",
        "java/io",
    ):
        assert (STUBS_DIR / module / "__init__.pyi").is_file(), module
    assert (STUBS_DIR / "maximo_implicit.pyi").is_file()


def test_stubs_command_prints_the_directory_and_writes_builtins(tmp_path, capsys):
    assert stubs_main([]) == 0
    assert capsys.readouterr().out.strip() == str(STUBS_DIR)
    assert stubs_main(["--builtins", str(tmp_path)]) == 0
    written = (tmp_path / "__builtins__.pyi").read_text(encoding="utf-8")
    assert "service: ScriptService" in written
