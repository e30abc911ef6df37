"""Every rule failing and passing: each folder of tests/lint/cases/ is one bundle with a known verdict.

``case.json`` says which rule the case shows (``rule``), what is wrong or right
(``about``), what the bundle starts from (``base``: ``empty``, or ``project``
for a copy of this project's scripts/, domains/ and dialogs/), the files to
``delete`` from it, the ``checks`` to run (default: every check that needs no
other program, less domains and dialogs on an empty base) and the findings expected, as ``path:line: CODE`` (``[]`` for a
passing example). ``files/`` is laid over the bundle; a trailing ``.in`` is
dropped from each name so that black, mypy and pytest leave the bad inputs alone.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from maxkit.lint import CHECKS, RULES, lint

CASES = Path(__file__).resolve().parent / "cases"
ROOT = Path(__file__).resolve().parents[2]
BUNDLE_DIRS = ("scripts", "domains", "dialogs")


@dataclass(frozen=True)
class Case:
    name: str
    rule: str
    about: str
    base: str
    delete: tuple[str, ...]
    checks: tuple[str, ...]
    expect: tuple[str, ...]
    folder: Path

    def selected_checks(self) -> list[str]:
        """The case's checks; by default those that need no other program (and,
        on an empty base, not the domains and dialogs it does not provide)."""
        if self.checks:
            return list(self.checks)
        unused = {"domains", "dialogs"} if self.base == "empty" else set()
        return [n for n, c in CHECKS.items() if not c.external and n not in unused]

    @property
    def passing(self) -> bool:
        return not self.expect

    def build(self, target: Path) -> Path:
        """Lay the case's bundle out under ``target``; returns ``target``."""
        for name in BUNDLE_DIRS:
            (target / name).mkdir(parents=True, exist_ok=True)
            if self.base == "project":
                shutil.copytree(ROOT / name, target / name, dirs_exist_ok=True)
        for relative in self.delete:
            (target / relative).unlink()
        files = self.folder / "files"
        for source in sorted(files.rglob("*")) if files.exists() else ():
            if source.is_file():
                relative = source.relative_to(files).as_posix().removesuffix(".in")
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target / relative)
        return target


def load_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        data = json.loads((folder / "case.json").read_text(encoding="utf-8"))
        assert data["base"] in ("empty", "project"), folder
        cases.append(
            Case(
                name=folder.name,
                rule=data["rule"],
                about=data["about"],
                base=data["base"],
                delete=tuple(data.get("delete", ())),
                checks=tuple(data.get("checks", ())),
                expect=tuple(data["expect"]),
                folder=folder,
            )
        )
    return cases


CASE_LIST = load_cases()
EXTERNAL = {"black", "jython", "mypy"}


def _marks(case: Case) -> list:
    marks = []
    if "jython" in case.checks:
        marks.append(pytest.mark.jython)
    return marks


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.name, marks=_marks(c)) for c in CASE_LIST],
)
def test_case(case: Case, tmp_path: Path) -> None:
    root = case.build(tmp_path / "bundle")
    findings = lint(root, only=case.selected_checks())
    found = sorted(f"{f.path}:{f.line}: {f.code}" for f in findings)
    assert found == sorted(case.expect), "\n".join(
        [f"{case.name}: {case.about}", "found:"] + [str(f) for f in findings]
    )
    if not case.passing:
        assert case.rule in {f.code for f in findings}


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    failing = {c.rule for c in CASE_LIST if not c.passing}
    passing = {c.rule for c in CASE_LIST if c.passing}
    assert set(RULES) - failing == set(), "rules without a failing case"
    assert set(RULES) - passing == set(), "rules without a passing case"
    assert {c.rule for c in CASE_LIST} <= set(RULES), "cases for unknown rules"
