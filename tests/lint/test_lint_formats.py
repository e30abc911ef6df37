"""``--format text|github|json`` of the lint, on a bundle with one known finding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from maxkit.lint.__main__ import main
from maxkit.lint.registry import Finding
from maxkit.lint.report import github_line

CASES = Path(__file__).resolve().parent / "cases"
MESSAGE = "f-string: use '%s' % value or .format()"


@pytest.fixture
def fstring_bundle(tmp_path):
    """An otherwise empty bundle whose one script has an f-string on line 6."""
    (tmp_path / "scripts").mkdir()
    shutil.copyfile(
        CASES / "ML101-bad-fstring/files/scripts/FSTR.py.in",
        tmp_path / "scripts/FSTR.py",
    )
    return tmp_path


def lint_out(bundle, capsys, *args):
    code = main([str(bundle), "--only", "maximo-python", *args])
    return code, capsys.readouterr().out


def test_text_is_the_default(fstring_bundle, capsys):
    assert lint_out(fstring_bundle, capsys) == lint_out(
        fstring_bundle, capsys, "--format", "text"
    )


def test_github_annotates_the_offending_line(fstring_bundle, capsys):
    code, out = lint_out(fstring_bundle, capsys, "--format", "github")
    assert code == 1
    # GitHub unescapes %25 back to %: the annotation reads as the message.
    escaped = MESSAGE.replace("%", "%25")
    assert out.splitlines() == [
        f"::error file=scripts/FSTR.py,line=6,title=ML101::{escaped}"
    ]


def test_json_is_one_document_listing_each_finding(fstring_bundle, capsys):
    code, out = lint_out(fstring_bundle, capsys, "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {"path": "scripts/FSTR.py", "line": 6, "code": "ML101", "message": MESSAGE}
    ]


def test_json_of_a_clean_bundle_is_an_empty_list(root, capsys):
    code = main([str(root), "--only", "domains", "--format", "json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out) == []


def test_github_escapes_what_would_end_the_command_early():
    finding = Finding("scripts/a,b:c.py", 3, "ML100", "100% bad\nsecond line")
    assert github_line(finding) == (
        "::error file=scripts/a%2Cb%3Ac.py,line=3,title=ML100::100%25 bad%0Asecond line"
    )


def test_an_unknown_format_is_a_usage_error(fstring_bundle, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([str(fstring_bundle), "--format", "xml"])
    assert stopped.value.code == 2


def test_invoke_lint_passes_the_format_on(invoke_cli, root):
    done = invoke_cli("lint", "--only", "domains", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
