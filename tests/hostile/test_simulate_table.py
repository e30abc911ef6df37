"""The named bad inputs of the issue, each a usage error: exit 2, one line naming the field.

Every case runs ``invoke simulate`` in process (the real task, the real
argument parsing); nothing is sent for any of them.
"""

from __future__ import annotations

import pytest
from hostile_helpers import SECRET, check_invariants, run_cli, show

JDOE = "tools/samples/persons/jdoe.json"
OK = '{"PERSONID": "JDOE", "PRIMARYEMAIL": "jdoe@example.com"}'
DEEP = '{"PERSONID": "A", "TITLE": ' + "[" * 100_000 + "]" * 100_000 + "}"
BIG_INT = '{"PERSONID": "A", "VIP": ' + "9" * 5000 + "}"

# id -> (person file content, the field the one-line message must name)
PERSON_FILES = {
    "deeply-nested": (DEEP, "nested"),
    "nested-object-value": ('{"PERSONID": "A", "TITLE": {"a": 1}}', "TITLE"),
    "array-value": ('{"PERSONID": "A", "TITLE": ["a"]}', "TITLE"),
    "lone-surrogate-value": ('{"PERSONID": "A", "TITLE": "x\\ud800"}', "TITLE"),
    "lone-surrogate-key": ('{"PERSONID": "A", "TITLE\\udfff": "x"}', "surrogate"),
    "personid-twice-any-case": ('{"PERSONID": "A", "personid": "B"}', "PERSONID"),
    "same-key-twice": ('{"PERSONID": "A", "TITLE": "a", "TITLE": "b"}', "TITLE"),
    "numeric-personid": ('{"PERSONID": 12}', "PERSONID"),
    "boolean-personid": ('{"PERSONID": true}', "PERSONID"),
    "nan": ('{"PERSONID": "A", "VIP": NaN}', "VIP"),
    "infinity": ('{"PERSONID": "A", "VIP": -Infinity}', "VIP"),
    "float-overflow": ('{"PERSONID": "A", "VIP": 1e999}', "VIP"),
    "int-too-many-digits": (BIG_INT, "VIP"),
    "title-longer-than-column": ('{"PERSONID": "A", "TITLE": "' + "t" * 63 + '"}', "TITLE"),
    "title-one-megabyte": ('{"PERSONID": "A", "TITLE": "' + "t" * 2**20 + '"}', "TITLE"),
    "number-longer-than-text-column": ('{"PERSONID": "A", "TITLE": ' + "1" * 63 + "}", "TITLE"),
    "personid-longer-than-column": ('{"PERSONID": "' + "P" * 31 + '"}', "PERSONID"),
    "bundle-attribute-too-long": ('{"PERSONID": "A", "MASSYNCSTATE": "' + "S" * 11 + '"}', "MASSYNCSTATE"),
    "not-an-object": ("[]", "--person"),
    "empty-file": ("", "--person"),
    "not-utf8": (b'{"PERSONID": "\xff"}', "--person"),
    "unknown-attribute": ('{"PERSONID": "A", "NICKNAME": "x"}', "NICKNAME"),
    "empty-attribute-name": ('{"PERSONID": "A", "": 1}', "'' is not an attribute"),
    "attribute-typo-hint": ('{"PERSONID": "A", "FIRSTNAM": "x"}', "did you mean FIRSTNAME"),
    "record-separator-key": ('{"PERSONID": "A", "\\u001e": 1}', "not an attribute"),
    "line-separator-key": ('{"PERSONID": "A", "TITLE\\u2028": 1}', "not an attribute"),
}  # fmt: skip

PERSONS_FILES = {
    "numeric-personid": ('[{"PERSONID": 7}]', "PERSONID"),
    "personid-twice-after-trim": ('[{"PERSONID": "A1"}, {"PERSONID": "A1 "}]', "PERSONID"),
    "personid-twice-any-case": ('[{"PERSONID": "a1"}, {"PERSONID": " A1"}]', "PERSONID"),
    "blank-personid": ('[{"PERSONID": "   "}]', "PERSONID"),
    "key-twice-any-case": ('[{"PERSONID": "A", "Title": "a", "TITLE": "b"}]', "TITLE"),
    "deeply-nested": ("[" + DEEP + "]", "nested"),
    "lone-surrogate": ('[{"PERSONID": "A\\udc00"}]', "PERSONID"),
    "nan": ('[{"PERSONID": "A", "VIP": NaN}]', "VIP"),
    "title-longer-than-column": ('[{"PERSONID": "A"}, {"PERSONID": "B", "TITLE": "' + "t" * 63 + '"}]', "person 2"),
    "nested-value": ('[{"PERSONID": "A", "CITY": {"x": []}}]', "CITY"),
    "not-an-array": ('{"PERSONID": "A"}', "--persons"),
}  # fmt: skip

PERSON_FLAGS = {
    "flag-without-value": (["--access-type", "--endpoint"], "--access-type"),
    "port-out-of-range": (["--endpoint", "http://127.0.0.1:99999"], "--endpoint"),
    "port-zero": (["--endpoint", "http://127.0.0.1:0"], "--endpoint"),
    "port-not-a-number": (["--endpoint", "http://127.0.0.1:http"], "--endpoint"),
    "unclosed-ipv6": (["--endpoint", "http://[::1"], "--endpoint"),
    "userinfo": (["--endpoint", f"http://mas:{SECRET}@127.0.0.1:9"], "--endpoint"),
    "user-only": (["--endpoint", f"http://{SECRET}@127.0.0.1:9"], "--endpoint"),
    "query": (["--endpoint", "http://127.0.0.1:9/api?tenant=1"], "--endpoint"),
    "fragment": (["--endpoint", "http://127.0.0.1:9/api#x"], "--endpoint"),
    "no-host": (["--endpoint", "http:///api"], "--endpoint"),
    "other-scheme": (["--endpoint", "ftp://127.0.0.1"], "--endpoint"),
    "newline-in-url": (["--endpoint", "http://127.0.0.1:9\r\nX: y"], "--endpoint"),
    "property-url-userinfo": (["--property", f"masuser.api.url=https://u:{SECRET}@h"], "masuser.api.url"),
    "property-url-query": (["--property", "masuser.api.url=https://h/api?tenant=1"], "masuser.api.url"),
    "property-url-bad-port": (["--property", "masuser.api.url=https://h:65536"], "masuser.api.url"),
    "property-unknown": (["--property", "masuser.api.ulr=https://h"], "did you mean masuser.api.url"),
    "property-unknown-far": (["--property", "masuser.zzz=1"], "masuser.zzz"),
    "property-no-equals": (["--property", "masuser.api.url"], "--property"),
    "runtime": (["--runtime", "pypy"], "--runtime"),
    "where-without-persons": (["--where", "status = 'ACTIVE'"], "--where"),
}  # fmt: skip

PERSONS_FLAGS = {
    "where-unparsable": (["--where", "status ="], "--where"),
    "where-like": (["--where", "status like 'A%'"], "--where"),
    "where-or": (["--where", "status = 'A' or 1 = 1"], "--where"),
    "where-unknown-attribute": (["--where", "nosuch = 'x'"], "NOSUCH"),
    "where-unclosed-quote": (["--where", "personid = 'A"], "--where"),
    "access-type-semicolon": (["--access-type", "Concurrent;where=1=1"], "--access-type"),
    "access-type-equals": (["--access-type", "a=b"], "--access-type"),
    "access-type-newline-semicolon": (["--access-type", "a\n;b"], "--access-type"),
    "access-type-surrogate": (["--access-type", "a\udc80"], "--access-type"),
    "entitlement-semicolon": (["--entitlement", "BASE;query=ALL"], "--entitlement"),
    "endpoint-query": (["--endpoint", "http://127.0.0.1:9/api?tenant=1"], "--endpoint"),
    "property-chunk-typo": (["--property", "masuser.bulk.chunksise=5"], "masuser.bulk.chunksize"),
}  # fmt: skip


def _assert_usage_error(code, out, err, field):
    check_invariants(code, out, err)
    assert code == 2, show(code, out[:500], err[:500])
    assert field in err, show(err)


def _with_defaults(flags: list[str], persons: bool) -> list[str]:
    args = dict(zip(flags[::2], flags[1::2]))
    base = {"--access-type": "Concurrent", "--entitlement": "BASE"}
    if not persons:
        base["--person"] = JDOE
    argv = []
    for flag, value in {**base, **args}.items():
        argv += [flag, value]
    return argv


@pytest.mark.parametrize("content, field", PERSON_FILES.values(), ids=PERSON_FILES)
def test_bad_person_file(write, content, field):
    code, out, err = run_cli(
        "simulate", "--person", write(content),
        "--access-type", "Concurrent", "--entitlement", "BASE",
    )  # fmt: skip
    _assert_usage_error(code, out, err, field)


@pytest.mark.parametrize("content, field", PERSONS_FILES.values(), ids=PERSONS_FILES)
def test_bad_persons_file(write, content, field):
    code, out, err = run_cli(
        "simulate", "--persons", write(content),
        "--access-type", "Concurrent", "--entitlement", "BASE",
    )  # fmt: skip
    _assert_usage_error(code, out, err, field)


@pytest.mark.parametrize("flags, field", PERSON_FLAGS.values(), ids=PERSON_FLAGS)
def test_bad_flag_with_person(flags, field):
    code, out, err = run_cli("simulate", *_with_defaults(flags, persons=False))
    _assert_usage_error(code, out, err, field)


@pytest.mark.parametrize("flags, field", PERSONS_FLAGS.values(), ids=PERSONS_FLAGS)
def test_bad_flag_with_persons(write, flags, field):
    persons = write('[{"PERSONID": "A", "STATUS": "ACTIVE"}]')
    code, out, err = run_cli(
        "simulate", "--persons", persons, *_with_defaults(flags, persons=True)
    )
    _assert_usage_error(code, out, err, field)


@pytest.mark.parametrize("path", ["/dev/zero", "tools", "/dev/null"])
def test_a_person_file_that_is_not_a_regular_file(path):
    """/dev/zero would be read forever, a FIFO would block."""
    code, out, err = run_cli(
        "simulate", "--person", path, "--access-type", "Concurrent",
        "--entitlement", "BASE",
    )  # fmt: skip
    _assert_usage_error(code, out, err, "not a regular file")


def test_credentials_are_refused_without_being_echoed():
    code, out, err = run_cli(
        "simulate", *_with_defaults(["--endpoint", f"https://me:{SECRET}@h"], False)
    )
    assert code == 2
    assert "credentials in the URL are not accepted" in err
    assert SECRET not in err and "me:" not in err


def test_the_values_that_pass_still_pass(write):
    """The edges of each rule, on the accepted side."""
    edge = write(
        '{"PERSONID": "' + "P" * 30 + '", "TITLE": "' + "t" * 62 + '",'
        ' "VIP": 1, "STATUS": "ACTIVE", "PRIMARYEMAIL": "p@example.com"}'
    )
    code, out, err = run_cli(
        "simulate", "--person", edge, "--access-type", "Concurrent",
        "--entitlement", "BASE", "--property", "masuser.api.url=https://h:65535/api",
    )  # fmt: skip
    result = check_invariants(code, out, err)
    assert code == 0, err
    assert result["requests"][0]["url"] == "https://h:65535/api/v2/bulk/users/upsert"


TLS_ENVS = {
    "ca-missing": {"MAXKIT_CA_BUNDLE": "/nonexistent/ca.pem"},
    "ca-not-pem": {"MAXKIT_CA_BUNDLE": "README.md"},
    "cert-not-pem": {"MAXKIT_CLIENT_CERT": "README.md"},
    "key-without-cert": {"MAXKIT_CLIENT_KEY": "README.md"},
}


@pytest.mark.parametrize("env", TLS_ENVS.values(), ids=TLS_ENVS)
def test_tls_files_that_do_not_load_are_usage_errors(monkeypatch, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_cli(
        "simulate", *_with_defaults(["--endpoint", "https://127.0.0.1:9"], False)
    )
    _assert_usage_error(code, out, err, "MAXKIT_")
    assert "/nonexistent" not in err
