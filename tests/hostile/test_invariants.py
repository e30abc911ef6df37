"""Property-based: any person file and any flags keep the battery's invariants.

Exactly one JSON object on stdout when the run gets that far (and valid
UTF-8, as a real stdout needs), exit codes per the contract, ``rejected``
sends nothing, no traceback, no secret. Runs ``invoke simulate`` in process;
every endpoint is loopback on a closed port, so nothing leaves the machine.
"""

from __future__ import annotations

import json
import os

from hostile_helpers import SECRET, check_invariants, run_cli
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

ATTRIBUTES = ["PERSONID", "STATUS", "PRIMARYEMAIL", "FIRSTNAME", "LASTNAME",
              "TITLE", "CITY", "VIP", "MASSYNCSTATE", "DISPLAYNAME"]  # fmt: skip
ANY_CHAR = st.characters(codec=None, categories=None)  # surrogates and controls too
texts = st.one_of(
    st.text(ANY_CHAR, max_size=40),
    st.sampled_from(["", " ", "ACTIVE", "JDOE", "a@b.co", "x" * 63, "A1 ", "a;b=c"]),
)
scalars = st.one_of(
    st.none(), st.booleans(), texts, st.integers(), st.floats(allow_nan=True)
)
values = st.one_of(
    scalars, st.lists(scalars, max_size=2), st.dictionaries(texts, scalars, max_size=2)
)
names = st.one_of(
    st.sampled_from(ATTRIBUTES).flatmap(
        lambda n: st.sampled_from([n, n.lower(), n.title(), n + " "])
    ),
    st.text(ANY_CHAR, max_size=12),
)
# pairs, not dicts: the same key twice is one of the inputs. Half start from
# a person that passes, so that runs get past the usage checks too.
good_person = st.builds(
    lambda pid, status, extra: [("PERSONID", pid), ("STATUS", status),
                                ("PRIMARYEMAIL", pid.lower() + "@example.com"), *extra],
    st.from_regex(r"[A-Z0-9_]{1,12}", fullmatch=True),
    st.sampled_from(["ACTIVE", "ACTIVE", "INACTIVE"]),
    st.lists(st.tuples(st.sampled_from(ATTRIBUTES[3:]), st.one_of(texts, scalars)), max_size=2),
)  # fmt: skip
person_pairs = st.one_of(
    good_person, good_person, st.lists(st.tuples(names, values), max_size=6)
)


def person_json(pairs) -> str:
    return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"


mangle = st.sampled_from(
    [
        lambda t: t,
        lambda t: t[: len(t) // 2],
        lambda t: "[" * 3000 + t,
        lambda t: "\ufeff" + t,
    ]
)
BASE = "http://127.0.0.1:9"
endpoints = st.one_of(
    st.none(),
    st.none(),
    st.none(),
    st.sampled_from([
        BASE, f"http://u:{SECRET}@127.0.0.1:9", f"http://{SECRET}@127.0.0.1:9", BASE + "/a?x=1",
        BASE + "/#f", "http://127.0.0.1:99999", "http://[::1", "http://127.0.0.1:0",
        "ftp://127.0.0.1", BASE + "\r\n", "http://127.0.0.1 :9", "", "127.0.0.1:9",
    ]),
    st.text(ANY_CHAR, max_size=20).map(lambda t: BASE + t),
)  # fmt: skip
property_items = st.one_of(st.just([]), st.just([]), st.lists(
    st.one_of(
        st.sampled_from([
            "masuser.api.envelope=users", "masuser.api.ulr=x", "masuser.bulk.chunksize=0",
            f"masuser.api.url=https://a:{SECRET}@h", "masuser.api.url=https://h?x",
            "masuser.api.url=", "masuser.api.attempts=abc", "=x", "novalue",
            "masuser.api.readtimeout=-1", "other.prop=1",
        ]),
        st.builds(lambda v: "masuser.user.issuer=" + v, texts),
    ),
    max_size=3,
))  # fmt: skip
GOOD_ACCESS = st.sampled_from(["Concurrent", "Authorized"])
GOOD_ENTITLEMENT = st.sampled_from(["BASE", "PREMIUM", "SELF_SERVICE"])
access_types = st.one_of(GOOD_ACCESS, GOOD_ACCESS, GOOD_ACCESS, texts)
entitlements = st.one_of(GOOD_ENTITLEMENT, GOOD_ENTITLEMENT, GOOD_ENTITLEMENT, texts)
wheres = st.one_of(
    st.none(),
    st.none(),
    st.sampled_from(["status = 'ACTIVE'", "personid in ('A', 'B')", "title is null",
                     "status =", "nosuch = 'x'", "a = 'b';entitlement=X", ""]),
    texts,
)  # fmt: skip
FAST = ["--property", "masuser.api.attempts=1", "--property", "masuser.api.backoff=0"]
SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _flags(access_type, entitlement, endpoint, properties) -> list[str]:
    argv = ["--access-type", access_type, "--entitlement", entitlement, *FAST]
    if endpoint is not None:
        argv += ["--endpoint", endpoint]
    for item in properties:
        argv += ["--property", item]
    return argv


def _check(code, out, err):
    out.encode("utf-8")  # what a real stdout would have to write
    err.encode("utf-8")
    result = check_invariants(code, out, err)
    event(f"exit {code}")
    if code == 2:
        assert "--" in err or "simulate" in err, err
    return result


@SETTINGS
@given(person_pairs, mangle, access_types, entitlements, endpoints, property_items)
def test_any_person_file_and_flags(
    write, pairs, how, access, entitlement, endpoint, props
):
    path = write(how(person_json(pairs)))
    argv = ["simulate", "--person", path, *_flags(access, entitlement, endpoint, props)]
    _check(*run_cli(*argv))


@SETTINGS
@given(
    st.one_of(st.lists(good_person, min_size=1, max_size=4), st.lists(person_pairs, max_size=4)),
    mangle, access_types, entitlements, endpoints,
    property_items, wheres,
)  # fmt: skip
def test_any_persons_file_and_flags(
    write, persons, how, access, entitlement, endpoint, props, where
):
    text = "[" + ", ".join(person_json(p) for p in persons) + "]"
    argv = ["simulate", "--persons", write(how(text))]
    argv += _flags(access, entitlement, endpoint, props)
    if where is not None:
        argv += ["--where", where]
    result = _check(*run_cli(*argv))
    if result is not None:
        ids = [p["personid"] for p in result["persons"]]
        assert len({i.strip().upper() for i in ids}) == len(ids)
