"""`invoke simulate --resync`: Resync MAS User on a person file, its flags,
and the dialog's success recorded for it to rerun."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maxkit.simulate import main

ROOT = Path(__file__).resolve().parents[2]
JDOE = ROOT / "tools" / "samples" / "persons" / "jdoe.json"


def simulate(capsys, *args):
    code = main(list(args), root=ROOT)
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


@pytest.fixture
def person(tmp_path):
    def person(**changes):
        values = json.loads(JDOE.read_text(encoding="utf-8"))
        values.update(changes)
        path = tmp_path / "person.json"
        path.write_text(json.dumps(values), encoding="utf-8")
        return str(path)

    return person


def test_resync_sends_the_recorded_choice_and_records_done(capsys, person):
    path = person(MASACCESSTYPE="Authorized", MASENTITLEMENT="PREMIUM")
    code, result, err = simulate(capsys, "--person", path, "--resync")
    assert code == 0, err
    assert result["message"]["key"] == "userUpserted"
    (user,) = result["requests"][0]["body"]
    assert user["entitlement"]["application"] == "PREMIUM"
    assert user["entitlement"]["alwaysReserveLicense"] is True
    (saved,) = result["saved"]["PERSON"]
    assert saved["MASSYNCSTATE"] == "DONE"
    assert list(saved) == sorted(saved)  # printed with sorted keys


def test_resync_without_a_recorded_choice_says_what_to_do(capsys):
    code, result, _ = simulate(capsys, "--person", str(JDOE), "--resync")
    assert code == 1
    assert result["outcome"] == "rejected"
    assert result["message"]["key"] == "resyncNoChoice"
    assert "Create or Update MAS User" in result["message"]["text"]
    assert result["requests"] == [] and result["saved"] == {}


def test_the_dialogs_choice_is_what_a_resync_reruns(capsys, tmp_path):
    code, first, _ = simulate(
        capsys, "--person", str(JDOE), "--access-type", "Concurrent",
        "--entitlement", "LIMITED",
    )  # fmt: skip
    assert code == 0
    # The person as the dialog's success left it in Manage.
    (saved,) = first["saved"]["PERSON"]
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(saved), encoding="utf-8")
    code, again, err = simulate(capsys, "--person", str(path), "--resync")
    assert code == 0, err
    assert again["message"]["params"] == ["JDOE", "Concurrent", "LIMITED"]


@pytest.mark.parametrize(
    "flags, named",
    [
        (["--access-type", "Concurrent"], "--access-type"),
        (["--entitlement", "BASE"], "--entitlement"),
        (["--status-change", "INACTIVE"], "--status-change"),
        (["--where", "status = 'ACTIVE'"], "--where"),
    ],
)
def test_resync_refuses_the_dialogs_flags(capsys, flags, named):
    code, result, err = simulate(capsys, "--person", str(JDOE), "--resync", *flags)
    assert code == 2 and result is None
    assert f"--resync does not go with {named}" in err


def test_resync_needs_a_person(capsys):
    code, _, err = simulate(capsys, "--resync")
    assert code == 2 and "--resync needs --person" in err
