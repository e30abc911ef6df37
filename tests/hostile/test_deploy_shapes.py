"""Manage answers of the wrong shape, and of any length, against deploy.

For every record the bundle deploys and every field deploy reads in the
server's copy (the record itself, its href, each value the bundle states,
each child collection at every depth, each child's key), each shape that is
not the expected one (a text, a number, null, a list, an object, true/false)
is a DeployError naming the object structure, the object and the field,
raised where the answer is read: before any write when planning, and as the
failed step (nothing after it) when reading a write back. Through the real
command: exit 1, no traceback, no write. Long server texts stay bounded.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hostile_helpers import APIKEY, run_cli, show

from maxkit.bundle import load_bundle
from maxkit.bundle.records import SCRIPT_LOGGER_KEY
from maxkit.bundle.settings import load_settings
from maxkit.bundle.structures import KINDS
from maxkit.deploy import deploy
from maxkit.deploy.apply import apply_plan
from maxkit.deploy.compare import SITE_OWNED
from maxkit.deploy.errors import DeployError
from maxkit.deploy.plan import Step, read_plan, targets

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = load_settings(ROOT)
TARGETS = targets(load_bundle(ROOT), SETTINGS)
SHAPES = {
    "text": "x",
    "number": 5,
    "null": None,
    "list": [1],
    "object": {"a": 1},
    "true/false": True,
}
SAID = {"text": "a text", "number": "a number", "null": "null", "list": "a list"}
SAID.update({"object": "an object", "true/false": "true/false"})
# What deploy expects at each kind of field, and the shapes that are that.
FITS = {
    "record": ("object", "null"),  # null: no record (a null member: find says so)
    "href": ("text", "null"),
    "value": ("text", "number", "null", "true/false"),
    "rows": ("list", "null"),  # null: no rows, as an absent collection
    "row": ("object",),
    "key": ("text", "number"),
}


def _fields(want: dict, children, skip, path=()):
    """(path, what) of every field deploy reads in a copy of ``want``."""
    by_name = {c.name: c for c in children}
    for name in want:
        if name not in by_name and name not in skip:
            yield path + (name,), "value"
    for name, child in by_name.items():
        if name in skip or name not in want:
            continue
        yield path + (name,), "rows"
        for index, row in enumerate(want[name]):
            yield path + (name, index), "row"
            for field in child.key:
                yield path + (name, index, field), "key"
            yield from _fields(row, child.children, (), path + (name, index))


def _with_site_rows(record: dict, children) -> dict:
    """A copy of ``record`` where every child that may have children of its
    own has one the bundle does not (a site's own), so every depth is read."""
    record = copy.deepcopy(record)
    for child in children:
        for row in record.get(child.name) or []:
            for grandchild in child.children:
                if not row.get(grandchild.name):
                    row[grandchild.name] = [{k: "SITE1" for k in grandchild.key}]
            row.update(_with_site_rows(row, child.children))
    return record


def _cases():
    for kind, structure, want in TARGETS:
        skip = SITE_OWNED.get(kind, ())
        fields = [((), "record"), (("href",), "href")]
        served = _with_site_rows(want, KINDS[kind].children)
        fields += list(_fields(served, KINDS[kind].children, skip))
        for path, what in fields:
            wrong = [shape for shape in SHAPES if shape not in FITS[what]]
            yield kind, structure, want, path, wrong


CASES = list(_cases())


def _server_copy(want: dict, path: tuple, value, kind=None):
    have = _with_site_rows(want, KINDS[kind].children) if kind else copy.deepcopy(want)
    have["href"] = "https://manage.example/maximo/api/os/x/_QQ"
    if not path:
        return value
    target = have
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return have


STOCK_PRESENTATION = ROOT / "tools/testkit/manage_standin/stock/PERSON.xml"


def _sound_answers() -> dict:
    """What a sound Manage answers besides the record under test: Maximo's
    autoscript logger (each script logger's parent) and the application's
    presentation (the dialog goes into it)."""
    answers = {}
    for kind, structure, want in TARGETS:
        if kind == "logger":
            answers[(structure, (SCRIPT_LOGGER_KEY,))] = {"maxloggerid": 1}
        if kind == "presentation":
            xml = STOCK_PRESENTATION.read_text(encoding="utf-8")
            key = tuple(KINDS[kind].key_of(want))
            answers[(structure, key)] = {**want, "presentation": xml}
    return answers


class _Client:
    """Answers every find with the corrupt copy for ``key``, else what a
    sound Manage answers (_sound_answers), else nothing; any write is
    recorded (and must not happen)."""

    url = "https://manage.example/maximo"

    def __init__(self, answers):
        self.answers = {**_sound_answers(), **answers}
        self.writes = []

    def find(self, structure, key, select="*"):
        return self.answers.get((structure, tuple(key.values())))

    def create(self, structure, body):
        self.writes.append(structure)

    def update(self, structure, href, body):
        self.writes.append(structure)


def _field_text(path: tuple) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else ("." if text else "") + step
    return text


def test_the_cases_cover_every_kind_and_depth():
    kinds = {kind for kind, *_ in CASES}
    assert kinds == {kind for kind, _, _ in TARGETS}
    assert max(len(path) for *_, path, _ in CASES) >= 5  # a launch point's variable
    assert sum(len(wrong) for *_, wrong in CASES) > 500


@pytest.mark.parametrize(
    "kind, structure, want, path, wrong",
    CASES,
    ids=[f"{k}-{KINDS[k].label(w)}-{_field_text(p) or 'record'}" for k, _, w, p, _ in CASES],
)  # fmt: skip
def test_a_wrong_shape_is_a_deploy_error_naming_object_and_field(
    kind, structure, want, path, wrong
):
    key = tuple(KINDS[kind].key_of(want))
    for shape in wrong:
        have = _server_copy(want, path, SHAPES[shape], kind)
        client = _Client({(structure, key): have})
        with pytest.raises(DeployError) as error:
            read_plan(client, load_bundle(ROOT), SETTINGS)
        message = str(error.value)
        assert message.startswith(f"{structure} {KINDS[kind].label(want)}:"), message
        field = _field_text(path) or "the record"
        assert f"answered {SAID[shape]} for {field}, where" in message, message
        assert client.writes == []


def test_a_wrong_shape_read_back_fails_that_step_and_nothing_after():
    """The read after a write is checked as the plan's read is."""
    (kind, structure, want), second = TARGETS[0], TARGETS[1]
    steps = [Step(kind, structure, want, None), Step(*second, None)]
    bad = _server_copy(want, (), "the record as a text")
    client = _Client({(structure, tuple(KINDS[kind].key_of(want))): bad})
    outcomes = apply_plan(client, steps, lambda line: None)
    assert [o.result for o in outcomes] == ["failed", "not attempted"]
    assert "Manage answered a text for the record" in outcomes[0].detail
    assert client.writes == [structure]


def test_null_or_absent_rows_count_as_none():
    """Maximo leaves empty fields out: null and absent mean no rows, no error."""
    for kind, structure, want in TARGETS:
        for child in KINDS[kind].children:
            if child.name in want and child.name not in SITE_OWNED.get(kind, ()):
                have = _server_copy(want, (child.name,), None)
                client = _Client({(structure, tuple(KINDS[kind].key_of(want))): have})
                steps = read_plan(client, load_bundle(ROOT), SETTINGS)
                assert any(s.have is have for s in steps)


def test_a_string_for_a_child_collection_through_the_command(manage, tls, monkeypatch):
    """The issue's case: the command exits 1 with a named error, no traceback,
    and writes nothing."""
    lines: list[str] = []
    first = deploy(
        ROOT, manage.base_url, "MAXIMO_APIKEY", tls / "ca.pem", False,
        out=lines.append, environ={"MAXIMO_APIKEY": APIKEY},
    )  # fmt: skip
    assert first == 0, show(lines)
    ((rid, script),) = [
        (rid, record)
        for rid, record in manage.store.records["mxscript"].items()
        if record.get("scriptlaunchpoint")
    ][:1]
    script["scriptlaunchpoint"][0]["launchpointvars"] = "not a list"
    manage.reset_calls()
    monkeypatch.setenv("MAXIMO_APIKEY", APIKEY)
    code, out, err = run_cli(
        "deploy", "--url", manage.base_url, "--ca-bundle", str(tls / "ca.pem")
    )
    assert code == 1, show(code, out, err)
    assert "Traceback" not in out + err, show(out, err)
    assert "Manage answered a text for scriptlaunchpoint[0].launchpointvars" in err
    assert f"MXSCRIPT {script['autoscript']}:" in err and "nothing was written" in err
    assert manage.writes() == []


def test_long_server_texts_are_bounded(manage, tls):
    """A million characters in a key, a reason code and a message: every
    printed line and the error stay bounded and marked."""
    from testkit.manage_standin import Fault

    long = "m" * 1_000_000
    manage.faults.add(Fault(method="GET", status=400, reason=long, message=long))
    lines: list[str] = []
    with pytest.raises(DeployError) as error:
        deploy(
            ROOT, manage.base_url, "MAXIMO_APIKEY", tls / "ca.pem", False,
            out=lines.append, environ={"MAXIMO_APIKEY": APIKEY},
        )  # fmt: skip
    text = str(error.value)
    assert len(text) <= 4000 and "[truncated, 1000000 characters]" in text


def test_a_long_key_from_the_server_is_printed_bounded(manage, tls):
    lines: list[str] = []
    run = lambda: deploy(  # noqa: E731
        ROOT, manage.base_url, "MAXIMO_APIKEY", tls / "ca.pem", True,
        out=lines.append, environ={"MAXIMO_APIKEY": APIKEY},
    )  # fmt: skip
    assert run() == 0
    assert deploy(
        ROOT, manage.base_url, "MAXIMO_APIKEY", tls / "ca.pem", False,
        out=lines.append, environ={"MAXIMO_APIKEY": APIKEY},
    ) == 0  # fmt: skip
    ((rid, script),) = [
        (rid, record)
        for rid, record in manage.store.records["mxscript"].items()
        if record.get("scriptlaunchpoint")
    ][:1]
    script["scriptlaunchpoint"].append({"launchpointname": "L" * 1_000_000})
    lines.clear()
    assert run() == 0
    assert lines and max(len(line) for line in lines) <= 4000
    assert any("[truncated, " in line for line in lines), show(lines)
