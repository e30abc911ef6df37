"""The evidence table of docs/install.md cannot drift from what pins it.

Each entry of tools/maxkit/data/evidence.toml names a public source, a mark
and the tests that pin it; here every named test must exist, every rule of
the fake's business-object layer (maxfake.business) must have an entry, and
the committed table must be what the data gives.
"""

from __future__ import annotations

import ast
import json
import shutil
from functools import cache
from pathlib import Path

import pytest

from maxkit import docgen
from maxkit.docgen.evidence import evidence_table, load_evidence
from maxkit.errors import MaxkitError


@pytest.fixture(scope="module")
def entries():
    return load_evidence()


@cache
def _top_level_tests(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    )


@cache
def _scenario_names(path: Path) -> frozenset[str]:
    return frozenset(s["name"] for s in json.loads(path.read_text(encoding="utf-8")))


def _missing(root: Path, node_id: str) -> str | None:
    """Why ``node_id`` names no test, or None when it does."""
    if "::" not in node_id:
        return "not FILE::NAME"
    relative, name = node_id.split("::", 1)
    path = root / relative
    if not relative.startswith("tests/") or not path.is_file():
        return "no such file"
    if path.suffix == ".json":
        return None if name in _scenario_names(path) else "no such scenario"
    if path.suffix == ".py":
        return None if name in _top_level_tests(path) else "no top-level def"
    return "neither a .py nor a scenario .json"


def fake_rule_ids() -> set[str]:
    """Every rule of maxfake.business, as TABLE:KEY (the ids entries name)."""
    import maxkit.runtime  # noqa: F401 - puts the fake's modules on the path
    from maxfake import business

    def key(value):
        return ".".join(value) if isinstance(value, tuple) else value

    ids = set()
    for table in ("READONLY", "STATEFUL", "CASCADES", "VALIDATORS", "METHODS"):
        ids.update(f"{table}:{key(k)}" for k in getattr(business, table))
    for table in ("SAVE_CHECKS", "DELETE_CHECKS"):
        for name, checks in getattr(business, table).items():
            ids.update(f"{table}:{name}.{c.__name__.lstrip('_')}" for c in checks)
    return ids


def test_every_entry_has_area_rule_source_and_a_mark(entries):
    assert len(entries) > 50
    for entry in entries:
        for key in ("area", "rule", "source"):
            assert isinstance(entry[key], str) and entry[key].strip(), (key, entry)
        assert entry["mark"] in ("V", "I"), entry
        assert isinstance(entry["tests"], list), entry
    rules = [(e["area"], " ".join(e["rule"].split())) for e in entries]
    assert len(rules) == len(set(rules)), "a rule is listed twice"


def test_every_pinned_test_exists(root, entries):
    missing = [
        f"{test}: {why}"
        for entry in entries
        for test in entry["tests"]
        if (why := _missing(root, test)) is not None
    ]
    assert missing == []


def test_a_missing_test_or_scenario_is_found(root):
    assert _missing(root, "tests/docs/test_evidence.py::test_nothing") == (
        "no top-level def"
    )
    assert _missing(root, "tests/scenarios/groups.json::no such") == (
        "no such scenario"
    )
    assert _missing(root, "tests/nowhere.py::test_x") == "no such file"
    assert _missing(root, "tests/docs/test_evidence.py") == "not FILE::NAME"
    assert _missing(root, "tests/docs/test_evidence.py::fake_rule_ids") == (
        "no top-level def"
    )


def test_every_rule_of_the_fake_has_an_entry_and_every_named_rule_exists(entries):
    named = {rule for entry in entries for rule in entry.get("fake", [])}
    rules = fake_rule_ids()
    assert "READONLY:MAXUSER.STATUS" in rules
    assert "SAVE_CHECKS:MAXUSER.unique_login" in rules
    assert sorted(rules - named) == [], "rules of maxfake.business with no entry"
    assert sorted(named - rules) == [], "entries naming no rule of maxfake.business"


def test_an_untested_entry_says_why(entries):
    untested = [e for e in entries if not e["tests"]]
    assert untested, "the cluster facts are untested and say so"
    assert all(e["why_untested"].strip() for e in untested)


def test_each_area_is_one_run_of_rows(entries):
    # The table names an area on its first row only.
    runs = [
        e["area"]
        for i, e in enumerate(entries)
        if i == 0 or e["area"] != entries[i - 1]["area"]
    ]
    assert len(runs) == len(set(runs)), runs


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "evidence.toml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = '[[entry]]\narea = "A"\nrule = "r"\nsource = "s"\n'


@pytest.mark.parametrize(
    "text, error",
    [
        (ENTRY + 'mark = "X"\ntests = ["t"]\n', "mark must be V or I"),
        (ENTRY + 'mark = "I"\ntests = []\n', "no tests and no why_untested"),
        (ENTRY + 'mark = "V"\n', "missing \\['tests'\\]"),
        (ENTRY + 'mark = "V"\ntests = ["t"]\nwhy = "x"\n', "unknown \\['why'\\]"),
        (
            ENTRY + 'mark = "V"\ntests = ["t"]\nwhy_untested = "x"\n',
            "why_untested beside tests",
        ),
    ],
)
def test_a_malformed_entry_is_refused_naming_it(tmp_path, text, error):
    with pytest.raises(MaxkitError, match="entry 1 \\('r'\\): " + error):
        load_evidence(_write(tmp_path, text))


def test_the_table_rows_show_mark_tests_fake_and_why_untested(tmp_path):
    entries = load_evidence(
        _write(
            tmp_path,
            ENTRY
            + 'mark = "V"\ntests = ["tests/a.py::test_a", "tests/b.json::b"]\n'
            + 'fake = ["READONLY:MAXUSER.STATUS"]\n'
            + '[[entry]]\narea = "A"\nrule = """x | y\nz"""\nsource = "s2"\n'
            + 'mark = "I"\ntests = []\nwhy_untested = "a fact about the cluster"\n',
        )
    )
    lines = evidence_table(entries).splitlines()
    assert (
        lines[0]
        == "| area | behaviour the bundle relies on | source | mark | pinned by |"
    )
    assert lines[2] == (
        "| A | r | s | [V] | `tests/a.py::test_a`<br>`tests/b.json::b`"
        "<br>fake: `READONLY:MAXUSER.STATUS` |"
    )
    assert (
        lines[3] == "|  | x \\| y z | s2 | [I] | untested: a fact about the cluster |"
    )


def test_the_committed_table_is_what_the_data_gives(root):
    text = (root / docgen.INSTALL).read_text(encoding="utf-8")
    _, stale = docgen.render(text, docgen.install_tables(root), docgen.INSTALL)
    assert stale == [], "run invoke docs: the evidence table of docs/install.md"


def test_a_stale_evidence_table_is_named_and_rewritten(root, tmp_path):
    for part in ("scripts", "domains", "dialogs", "docs"):
        shutil.copytree(root / part, tmp_path / part)
    install = tmp_path / docgen.INSTALL
    text = install.read_text(encoding="utf-8")
    install.write_text(text.replace("| [I] |", "| [V] |", 1), encoding="utf-8")
    assert docgen.stale(tmp_path) == ["docs/install.md: evidence"]
    with pytest.raises(MaxkitError, match="stale in docs/install.md: evidence$"):
        docgen.command(tmp_path, check=True)
    assert docgen.command(tmp_path) == "wrote: docs/install.md: evidence"
    assert install.read_text(encoding="utf-8") == text
    assert docgen.command(tmp_path, check=True) == "up to date: all"
