"""docs/reference.md's generated tables are what the sources give today.

The generator runs in process on the project and on altered copies of the
bundle, so a table that stopped following its source fails here.
"""

from __future__ import annotations

import shutil

import pytest
from invoke import Exit, MockContext

import tasks
from maxkit import docgen
from maxkit.bundle import load_bundle
from maxkit.docgen.payload import payload_table
from maxkit.docgen.tables import messages_table, settings_table
from maxkit.errors import MaxkitError


@pytest.fixture(scope="module")
def project_tables(root):
    return docgen.tables(root)


def test_committed_reference_matches_the_sources(root, project_tables):
    text = (root / docgen.REFERENCE).read_text(encoding="utf-8")
    _, stale = docgen.render(text, project_tables)
    assert stale == [], f"run invoke docs: stale tables in docs/reference.md: {stale}"


@pytest.fixture
def bundle_copy(root, tmp_path):
    for part in ("scripts", "domains", "dialogs", "docs"):
        shutil.copytree(root / part, tmp_path / part)
    return tmp_path


def edit_library(folder, old: str, new: str) -> None:
    # The library script that holds ``old``.
    (path,) = [
        p for p in (folder / "scripts").glob("*.py") if old in p.read_text("utf-8")
    ]
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_payload_table_follows_the_library_code(bundle_copy):
    edit_library(
        bundle_copy,
        'user.put("title", person["TITLE"])',
        'user.put("jobTitle", person["TITLE"])',
    )
    table = payload_table(load_bundle(bundle_copy))
    assert "| `jobTitle` | `{TITLE}` | left out when TITLE is empty |" in table
    assert "`title`" not in table


def test_payload_table_names_sources_fallbacks_and_dialog_values(project_tables):
    table = project_tables["payload"]
    rows = {line.split(" | ")[0].strip("| `"): line for line in table.splitlines()}
    assert "`{PERSONID}`" in rows["username"]
    assert "`{masuser.user.owner}`" in rows["owner"]
    assert "`{FIRSTNAME} {LASTNAME}` when DISPLAYNAME is empty" in rows["displayName"]
    assert "`{ENTITLEMENT}`" in rows["entitlement.application"]
    assert (
        "Concurrent → `false`, Authorized → `true`"
        in rows["entitlement.alwaysReserveLicense"]
    )
    assert "are all empty" in rows["addresses[0].type"]
    assert "an empty part is left out" in rows["addresses[0].formatted"]
    assert "PRIMARYEMAIL (`emailMissing`)" in table


def test_settings_and_messages_follow_the_scriptconfig(bundle_copy):
    edit_library(bundle_copy, '"initialPropValue": "4",', '"initialPropValue": "7",')
    edit_library(
        bundle_copy,
        "MAS needs a primary email to create a user.",
        "MAS needs an email.",
    )
    bundle = load_bundle(bundle_copy)
    assert "| `masuser.api.attempts` | `7` | INTEGER | 1–10 (a count) |" in (
        settings_table(bundle)
    )
    assert "| masuser | `emailMissing` | BMXZZ" in messages_table(bundle)
    assert "MAS needs an email." in messages_table(bundle)


def test_a_stale_table_is_named_and_rewritten():
    text = "a\n<!-- generated: settings -->\nold\n<!-- end generated -->\nb\n"
    result, changed = docgen.render(text, {"settings": "new"})
    assert changed == ["settings"]
    assert result == "a\n<!-- generated: settings -->\nnew\n<!-- end generated -->\nb\n"
    assert docgen.render(result, {"settings": "new"}) == (result, [])


def test_a_missing_or_unknown_block_is_an_error():
    with pytest.raises(MaxkitError, match="no <!-- generated: payload"):
        docgen.render("", {"payload": "x"})
    block = "<!-- generated: nothing -->\n<!-- end generated -->\n"
    with pytest.raises(MaxkitError, match="'nothing'"):
        docgen.render(block, {})


def test_invoke_docs_check_names_the_stale_table_and_writes_nothing(
    bundle_copy, monkeypatch
):
    edit_library(bundle_copy, '"initialPropValue": "4",', '"initialPropValue": "7",')
    reference = bundle_copy / docgen.REFERENCE
    before = reference.read_text(encoding="utf-8")
    monkeypatch.setattr(tasks, "ROOT", bundle_copy)
    with pytest.raises(Exit) as stopped:
        tasks.docs(MockContext(), check=True)
    assert stopped.value.code == 1
    assert str(stopped.value.message).endswith("docs/reference.md: settings")
    assert reference.read_text(encoding="utf-8") == before
    tasks.docs(MockContext())
    assert "| `masuser.api.attempts` | `7` |" in reference.read_text(encoding="utf-8")
    tasks.docs(MockContext(), check=True)
