"""Scenarios of the dialog action, written once as data and run in any runtime.

A scenario file (``tests/scenarios/*.json``) holds a list of objects:

- ``name``: what the scenario shows;
- ``person``: a sample person name (``tools/samples/persons/<name>.json``) or
  an object of PERSON attributes; ``person_changes`` overrides attributes;
- ``dialog``: ACCESSTYPE and ENTITLEMENT (default Concurrent, BASE);
- ``script``: the action script (default MASUSERUPSERT, the dialog's OK;
  ``MASUSERRESYNC``, Resync MAS User, runs with no dialog: the person's
  MASACCESSTYPE and MASENTITLEMENT, e.g. in ``person_changes``, decide);
- ``properties``, ``synonyms``, ``env``: the Maximo the action runs in;
- ``identity_providers`` (the suite's, default ``["default-saml"]``) and
  ``maxvars`` (default NEWUSERGROUP MAXEVERYONE): Manage's set-up values;
  ``null`` leaves one not set up;
- ``tables``: records Manage holds before the action (``{"MAXGROUP":
  [{"GROUPNAME": "MAINT"}], ...}``); the person then is a PERSON record too;
- ``sync``: MAXUSER records MAS's user sync creates after the action (the
  launch points on MAXUSER fire);
- ``answers``: the in-process HTTP answers (default: one 200 accepting all);
  an answer's ``"nested": N`` makes its body N arrays inside each other;
- ``expect``: ``outcome``; ``message`` (``key`` and, when given, ``params``);
  ``requests`` (how many); ``user`` (fields the first user sent must have);
  ``user_absent`` (fields it must not have); ``envelope`` (array or users);
  ``dialog_closed``; ``dialog_fields`` (attributes of the dialog's record,
  e.g. MASAPPPOINTS, with the values the dialog shows); ``audit`` (text the audit line must contain); ``log``
  (text one log line must contain); ``saved``
  and ``synced`` (``{OBJECT: [row, ...]}``: the records the action, and the
  sync after it, added or changed, each row giving the attributes it must
  have; ``{}``: nothing saved); ``deleted`` likewise, the records the
  action's saves deleted (a GROUPUSER of an old entitlement).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from maxkit.bundle.model import Bundle
from maxkit.simulate import action_job, summarize
from maxkit.simulate.spec import RESYNC_SCRIPT, resync_job
from maxkit.worldspec import STOCK_SUITE, world_spec

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "persons"
DEFAULT_DIALOG = {"ACCESSTYPE": "Concurrent", "ENTITLEMENT": "BASE"}
DEFAULT_ANSWERS = [{"status": 200, "body": "auto"}]
DEFAULT_URL = {"masuser.api.url": "https://internalapi.mas-test-core.svc"}
# The script refuses http:// unless the site allows it (a test system): the
# tests that talk to a plain-HTTP emulator say so, like such a site would.
ALLOW_HTTP = "masuser.api.allowhttp"


def plain_http(url: str | None) -> dict[str, str]:
    """{masuser.api.allowhttp: 1} for an http:// URL, else nothing."""
    return {ALLOW_HTTP: "1"} if url and url.startswith("http://") else {}


@dataclass(frozen=True)
class Scenario:
    name: str
    source: str
    data: dict

    @property
    def id(self) -> str:
        return f"{self.source}:{self.name}"


def load_scenarios(directory: Path) -> list[Scenario]:
    scenarios = []
    for path in sorted(Path(directory).glob("*.json")):
        for data in json.loads(path.read_text(encoding="utf-8")):
            scenarios.append(Scenario(data["name"], path.stem, data))
    return scenarios


def sample_person(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def scenario_job(bundle: Bundle, scenario: Scenario) -> dict:
    data = scenario.data
    person = data.get("person", "jdoe")
    person = sample_person(person) if isinstance(person, str) else dict(person)
    person.update(data.get("person_changes") or {})
    properties = dict(DEFAULT_URL)
    properties.update(data.get("properties") or {})
    spec = world_spec(
        bundle,
        properties={k: v for k, v in properties.items() if v is not None},
        http={"mode": "answer", "answers": _answers(data.get("answers"))},
        synonyms=data.get("synonyms"),
        env=data.get("env"),
        identity_providers=data.get(
            "identity_providers", STOCK_SUITE["identity_providers"]
        ),
        maxvars=data.get("maxvars", STOCK_SUITE["maxvars"]),
    )
    for name, value in properties.items():
        if value is None:  # a property the site never created
            spec["properties"].pop(name, None)
    if "tables" in data:
        tables = {
            name: [dict(r) for r in rows] for name, rows in data["tables"].items()
        }
        tables.setdefault("PERSON", []).append(dict(person))
        spec = {**spec, "tables": tables}
    dialog = dict(DEFAULT_DIALOG)
    dialog.update(data.get("dialog") or {})
    if data.get("script") == RESYNC_SCRIPT:
        job = resync_job(spec, person)
    else:
        job = action_job(spec, person, dialog["ACCESSTYPE"], dialog["ENTITLEMENT"])
    if data.get("sync"):
        job["sync"] = data["sync"]
    return job


def _answers(answers: list[dict] | None) -> list[dict]:
    expanded = []
    for answer in answers or DEFAULT_ANSWERS:
        answer = dict(answer)
        depth = answer.pop("nested", None)
        if depth is not None:
            answer["body"] = "[" * depth + "]" * depth
        expanded.append(answer)
    return expanded


def check(scenario: Scenario, record: dict) -> list[str]:
    """What differs between the scenario's expectations and a run's record."""
    expect = scenario.data["expect"]
    problems = []
    if record.get("crashed"):
        return ["the script crashed:\n" + record["crashed"]]
    summary = summarize(record)

    def differ(field, wanted, got):
        if wanted != got:
            problems.append(f"{field}: expected {wanted!r}, got {got!r}")

    differ("outcome", expect["outcome"], summary["outcome"])
    message = summary["message"] or {}
    for field in ("key", "params"):
        if field in expect.get("message", {}):
            differ(f"message.{field}", expect["message"][field], message.get(field))
    if "requests" in expect:
        differ("requests", expect["requests"], len(summary["requests"]))
    for field, wanted in (expect.get("dialog_fields") or {}).items():
        differ(f"dialog_fields.{field}", wanted, record["dialog_fields"].get(field))
    if "dialog_closed" in expect:
        differ("dialog_closed", expect["dialog_closed"], record["dialog_closed"])
    if "audit" in expect:
        audits = [e["text"] for e in record["log"] if "audit" in e["text"]]
        if len(audits) != 1 or expect["audit"] not in audits[0]:
            problems.append(
                f"audit: expected one line with {expect['audit']!r}, got {audits}"
            )
    if "log" in expect and not any(expect["log"] in e["text"] for e in record["log"]):
        problems.append(f"log: no line with {expect['log']!r}")
    for field in ("saved", "synced", "deleted"):
        if field in expect:
            problems.extend(_rows_differ(field, expect[field], record.get(field)))
    body = summary["requests"][0]["body"] if summary["requests"] else None
    if "envelope" in expect:
        shape = "users" if isinstance(body, dict) else "array"
        differ("envelope", expect["envelope"], shape)
    if "user" in expect or "user_absent" in expect:
        users = body.get("users") if isinstance(body, dict) else body
        user = users[0] if users else {}
        for field, wanted in (expect.get("user") or {}).items():
            differ(f"user.{field}", wanted, user.get(field))
        for field in expect.get("user_absent") or []:
            if field in user:
                problems.append(f"user.{field}: expected absent, got {user[field]!r}")
    return problems


def _rows_differ(field: str, wanted: dict, got: dict | None) -> list[str]:
    """Where the saved records differ from the expected ones (same objects,
    same number of rows, each row with the attributes given)."""
    got = got or {}
    if sorted(wanted) != sorted(got):
        return [f"{field}: expected objects {sorted(wanted)}, got {got!r}"]
    problems = []
    for name, rows in wanted.items():
        if len(rows) != len(got[name]):
            problems.append(f"{field}.{name}: expected {rows!r}, got {got[name]!r}")
            continue
        for index, (row, saved) in enumerate(zip(rows, got[name])):
            for attribute, value in row.items():
                if saved.get(attribute) != value:
                    problems.append(
                        f"{field}.{name}[{index}].{attribute}: expected {value!r},"
                        f" got {saved.get(attribute)!r}"
                    )
    return problems
