"""Hostile MAS answers, settings and dialog values, and the invariants every
run of the action must keep whatever they are.

The hypothesis strategies drive the CPython runs; ``fixed_sample`` draws the
same shapes from a seeded random source, so real Jython runs a sample that
does not change from run to run.
"""

from __future__ import annotations

import base64
import json
import random

from hypothesis import strategies as st

from maxkit.bundle import load_bundle
from testkit.scenarios import sample_person
from maxkit.simulate import action_job, summarize
from maxkit.worldspec import world_spec

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = load_bundle(ROOT)
# The bundle's messages, and Maximo's own for a dialog value longer than its field.
DECLARED = {(m["msgGroup"], m["msgKey"]) for m in BUNDLE.messages()}
DECLARED.add(("system", "maxlength"))
DEADLINE_MS = 2000
SLACK_S = 1.0

STATUSES = [200, 201, 204, 207, 301, 302, 400, 401, 403, 404, 409, 413, 422, 429]
STATUSES += [500, 502, 503, 504, 599, 100, 0, -1]
RETRY_AFTERS = [None, "0", "1", "\u00b2", "-1", "1.5", "9" * 30, "", " 1 "]
RETRY_AFTERS += ["Wed, 21 Oct 2015 07:28:00 GMT", "\u0661", "1\n2"]
WEIRD_TEXTS = [
    "", " ", "<html>proxy</html>", "{", "[1,]", '{"users": "x"}', "null", "5",
    '"text"', "[" * 500 + "]" * 500, '{"a":' * 70 + "1" + "}" * 70,
    '[{"id": "JDOE", "status": "201"}]', '[{"id": "JDOE", "status": "\u00b2"}]',
    '{"exception": {"id": "AIUI1002E"}, "message": "exists"}',
    '[{"id": "JDOE", "error": "nope"}]', '[{"id": 5}]', "[[[]]]", "\ufeff[]",
    '[{"id": "JDOE", "status": 201}]', '{"users": [{"id": "OTHER"}]}',
]  # fmt: skip
BYTES = [b"\xff\xfe", b"caf\xe9", b"\x00" * 8, "caf\u00e9".encode("utf-16")]
# Long texts wherever the answer is read: an error's message, a per-user
# result's message and id in a 2xx answer, a text that is not JSON, a wide
# (not deep) answer with many brackets, and one over MASUSERHTTP's
# MAX_ANSWER_CHARS. What is shown stays bounded (SHOWN_LIMIT) and the
# deadline holds (the issue: a million characters had a run end after minutes).
LONG = 1_000_000
MAX_ANSWER_CHARS = 4_000_000  # MASUSERHTTP's
LONG_TEXTS = [
    json.dumps({"exception": {"id": "AIUX"}, "message": "m" * LONG}),
    json.dumps([{"id": "JDOE", "status": 400, "message": "m" * LONG}]),
    json.dumps([{"id": "J" * LONG, "status": 201}]),
    json.dumps({"users": [{"id": "JDOE", "error": "e" * LONG}]}),
    "<html>" + "x" * LONG + "</html>",
    "[" + "[]," * 50_000 + "[]]",  # the CPython JSON4J stand-in: 10 us a value
    "x" * (MAX_ANSWER_CHARS + 1),
]
# What one message parameter and one log line may hold (MASUSERTEXT's
# MAX_SHOWN_CHARS; a log line holds a few of them).
SHOWN_LIMIT = 1000
LOG_LIMIT = 4 * SHOWN_LIMIT
VALUES = ["Concurrent", "Authorized", "BASE", "PREMIUM", "", " ", "x;where=1=1"]
VALUES += ["BASE\x00", "\u00a0BASE", "Concurrent\u2028", "Ｂase", "base"]
SETTINGS = {
    "masuser.api.attempts": ["1", "4", "10", "0", "11", "\u00b2", "-1", "", "4.0"],
    "masuser.api.backoff": ["0", "5", "30000", "30001", "\u0663"],
    "masuser.api.envelope": ["array", "users", "USERS", "", "dict"],
    "masuser.api.url": [
        "https://mas.example.test", "https://u:p@mas.example.test",
        "https://mas.example.test/x?y=1", "https://mas.example.test:0",
        "http://[::1", "ftp://mas.example.test", "https://", "https://h:65536",
    ],
}  # fmt: skip


def _json_values():
    leaves = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "status", "users"]), inner, max_size=3
        ),
        max_leaves=10,
    )


bodies = st.one_of(
    st.just({"body": "auto"}),
    st.sampled_from(WEIRD_TEXTS).map(lambda t: {"body": t}),
    st.sampled_from(LONG_TEXTS).map(lambda t: {"body": t}),
    st.text(max_size=40).map(lambda t: {"body": t}),
    _json_values().map(lambda v: {"body": json.dumps(v)}),
    st.integers(1, 300).map(lambda n: {"body": "[" * n + "]" * n}),
    (st.binary(max_size=40) | st.sampled_from(BYTES)).map(
        lambda b: {"body_base64": base64.b64encode(b).decode("ascii")}
    ),
)
answers = st.builds(
    lambda status, retry, body: {
        "status": status,
        "headers": {} if retry is None else {"Retry-After": retry},
        **body,
    },
    st.sampled_from(STATUSES) | st.integers(100, 599),
    st.sampled_from(RETRY_AFTERS) | st.text(max_size=4),
    bodies,
)
# A long text as the answer, with any status: what the invariants must bound.
long_answers = st.builds(
    lambda status, text: {"status": status, "body": text},
    st.sampled_from(STATUSES),
    st.sampled_from(LONG_TEXTS),
)
settings = st.fixed_dictionaries(
    {}, optional={name: st.sampled_from(values) for name, values in SETTINGS.items()}
)
dialog_values = st.sampled_from(VALUES) | st.text(max_size=12)


def job(answer_list, properties, access_type, entitlement) -> dict:
    props = {
        "masuser.api.url": "https://mas.example.test",
        "masuser.api.backoff": "0",
        "masuser.api.deadline": str(DEADLINE_MS),
    }
    props.update(properties)
    spec = world_spec(
        BUNDLE, properties=props, http={"mode": "answer", "answers": answer_list}
    )
    return action_job(spec, sample_person("jdoe"), access_type, entitlement)


def problems(record: dict, secrets=("u:p@", ":p@")) -> list[str]:
    """Every invariant the run broke, named."""
    found = []
    if record.get("crashed"):
        return ["crashed:\n" + record["crashed"]]
    result = summarize(record)
    message = result["message"]
    if result["outcome"] not in ("success", "rejected", "failed"):
        found.append(f"outcome {result['outcome']!r}")
    if message is None:
        found.append("no message")
    elif (message["group"], message["key"]) not in DECLARED:
        found.append(f"undeclared message {message['group']}/{message['key']}")
    if result["outcome"] == "rejected" and result["requests"]:
        found.append("rejected, yet a request was sent")
    if message is not None:
        for param in message["params"]:
            if len(str(param)) > SHOWN_LIMIT:
                found.append(f"a message parameter of {len(str(param))} characters")
    for line in record["log"]:
        if len(line["text"]) > LOG_LIMIT:
            found.append(f"a log line of {len(line['text'])} characters")
    shown = json.dumps([message, record["log"]], ensure_ascii=False)
    for marker in ("Traceback (most recent call last)", "\tat ", "\\tat "):
        if marker in shown:
            found.append(f"a stack trace is shown ({marker!r})")
    for secret in secrets:
        if secret in shown:
            found.append(f"a secret is shown ({secret!r})")
    if record["seconds"] > DEADLINE_MS / 1000.0 + SLACK_S:
        found.append(f"took {record['seconds']:.2f} s")
    return found


def fixed_sample(count: int, seed: int = 20261201) -> list[dict]:
    """``count`` jobs of the same shapes as the strategies, the same every run;
    the last ones answer each long text twice (as a 400, and as a 200)."""
    rng = random.Random(seed)
    jobs = []
    for _ in range(count - 2 * len(LONG_TEXTS)):
        body = rng.choice(
            [
                {"body": "auto"},
                {"body": rng.choice(WEIRD_TEXTS)},
                {"body": "[" * rng.randint(1, 300) + "]" * 300},
                {"body_base64": base64.b64encode(rng.choice(BYTES)).decode("ascii")},
            ]
        )
        retry = rng.choice(RETRY_AFTERS)
        answer = {
            "status": rng.choice(STATUSES),
            "headers": {} if retry is None else {"Retry-After": retry},
            **body,
        }
        properties = {
            name: rng.choice(values)
            for name, values in SETTINGS.items()
            if rng.random() < 0.3
        }
        jobs.append(
            job(
                [answer] * rng.randint(1, 3),
                properties,
                rng.choice(VALUES),
                rng.choice(VALUES),
            )
        )
    for text in LONG_TEXTS:
        for status in (400, 200):
            answer = {"status": status, "body": text}
            jobs.append(job([answer], {}, "Concurrent", "BASE"))
    return jobs
