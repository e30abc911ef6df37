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


def _bundle_with_an_fstring(folder: Path) -> Path:
    shutil.copytree(ROOT / "domains", folder / "domains")
    shutil.copytree(ROOT / "dialogs", folder / "dialogs")
    (folder / "scripts").mkdir()
    shutil.copyfile(
        CASES / "ML101-bad-fstring/files/scripts/FSTR.py.in",
        folder / "scripts/FSTR.py",
    )
    return folder


FSTRING_FINDING = "scripts/FSTR.py:6: ML101 f-string: use '%s' % value or .format()"


def test_findings_print_as_path_line_code_message(tmp_path, capsys):
    code = main([str(_bundle_with_an_fstring(tmp_path)), "--only", "maximo-python"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out == [FSTRING_FINDING]


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


def test_the_module_runs_from_the_command_line(tmp_path):
    """The same findings from a child process: rule, file and line on stdout,
    exit 1, the count on stderr and no traceback."""
    process = subprocess.run(
        [sys.executable, "-m", "maxkit.lint", str(_bundle_with_an_fstring(tmp_path)),
         "--only", "maximo-python"],
        capture_output=True, text=True, cwd=ROOT / "tools",
    )  # fmt: skip
    assert process.returncode == 1, process.stdout + process.stderr
    assert process.stdout.splitlines() == [FSTRING_FINDING]
    assert "1 finding(s)" in process.stderr and "Traceback" not in process.stderr


STUB_DECLARATIONS = {
    "psdi/mbo": ("class MboRemote(", "def getString(self, attribute: str) -> str"),
    "psdi/server": ("class MXServer(",),
    "psdi/util": ("class MXException(",),
    "com/ibm/json/java": ("class JSONObject(", "def put(self, key: str"),
    "java/util": ("class HashMap(",),
}


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
    implicit = (STUBS_DIR / "maximo_implicit.pyi").read_text(encoding="utf-8")
    assert "service: ScriptService" in implicit


@pytest.mark.parametrize("module, declarations", STUB_DECLARATIONS.items())
def test_stubs_declare_the_classes_and_methods_scripts_call(module, declarations):
    text = (STUBS_DIR / module / "__init__.pyi").read_text(encoding="utf-8")
    for declaration in declarations:
        assert declaration in text, (module, declaration)


def test_stubs_command_prints_the_directory_and_writes_builtins(tmp_path, capsys):
    assert stubs_main([]) == 0
    assert capsys.readouterr().out.strip() == str(STUBS_DIR)
    assert stubs_main(["--builtins", str(tmp_path)]) == 0
    written = (tmp_path / "__builtins__.pyi").read_text(encoding="utf-8")
    assert "service: ScriptService" in written
