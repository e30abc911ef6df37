"""Each published user rule, passing and failing, directly and over HTTP."""

from __future__ import annotations

import pytest

from maxkit.emulator.rules import primary_email, validate_user


def fields(user, **kw):
    return [v.field for v in validate_user(user, **kw)]


def test_valid_user_passes(make_user):
    assert validate_user(make_user("jane.doe@x-1_A")) == []


def test_minimal_user_passes():
    assert validate_user({"id": "a", "username": "a"}) == []


@pytest.mark.parametrize("field", ["id", "username"])
def test_identifier_required(field, make_user):
    user = make_user("u1")
    del user[field]
    assert fields(user) == [field]


@pytest.mark.parametrize("field", ["id", "username"])
@pytest.mark.parametrize(
    "value, ok",
    [
        ("a", True),
        ("x" * 100, True),
        ("", False),
        ("x" * 101, False),
        ("Ab9_-@.", True),
        ("has space", False),
        ("semi;colon", False),
        ("slash/", False),
        ("accént", False),
        (42, False),
    ],
)
def test_identifier_length_and_characters(field, value, ok, make_user):
    user = make_user("u1")
    user[field] = value
    assert (fields(user) == []) is ok


def test_allow_special_chars_lifts_character_rule_only(make_user):
    user = make_user("u1", username="has space")
    assert fields(user, allow_special_chars=True) == []
    user["username"] = "x" * 101
    assert fields(user, allow_special_chars=True) == ["username"]


@pytest.mark.parametrize(
    "field, limit", [("givenName", 30), ("familyName", 50), ("displayName", 82)]
)
def test_name_lengths(field, limit, make_user):
    assert fields(make_user("u1", **{field: "n" * limit})) == []
    assert fields(make_user("u1", **{field: "n" * (limit + 1)})) == [field]
    assert fields(make_user("u1", **{field: 7})) == [field]


@pytest.mark.parametrize(
    "value", ["NONE", "SELF_SERVICE", "LIMITED", "BASE", "PREMIUM"]
)
def test_application_entitlement_allowed(value, make_user):
    user = make_user("u1", entitlement={"application": value, "admin": "NONE"})
    assert fields(user) == []


@pytest.mark.parametrize("value", ["premium", "FULL", "", 3])
def test_application_entitlement_refused(value, make_user):
    user = make_user("u1", entitlement={"application": value})
    assert fields(user) == ["entitlement.application"]


@pytest.mark.parametrize("value", ["NONE", "ADMIN_BASE", "ADMIN_PREMIUM"])
def test_admin_entitlement_allowed(value, make_user):
    assert fields(make_user("u1", entitlement={"admin": value})) == []


@pytest.mark.parametrize("value", ["ADMIN", "PREMIUM", "none"])
def test_admin_entitlement_refused(value, make_user):
    assert fields(make_user("u1", entitlement={"admin": value})) == [
        "entitlement.admin"
    ]


def test_entitlement_and_emails_shapes(make_user):
    assert fields(make_user("u1", entitlement="BASE")) == ["entitlement"]
    assert fields(make_user("u1", emails="a@b")) == ["emails"]
    assert fields(make_user("u1", emails=[{"primary": True}])) == ["emails"]


def test_all_violations_reported_at_once():
    user = {"id": "bad id", "givenName": "g" * 31}
    assert fields(user) == ["id", "username", "givenName"]


def test_not_an_object():
    assert fields(["u1"]) == ["user"]


def test_primary_email_is_casefolded_and_needs_primary_flag(make_user):
    user = make_user("u1", email="Jane@Example.COM")
    assert primary_email(user) == "jane@example.com"
    user["emails"][0]["primary"] = False
    assert primary_email(user) is None


# -- the same rules over HTTP -------------------------------------------------


def test_invalid_user_400_body_shape(client, emu, make_user):
    ans = client.post("/v3/users", make_user("u1", givenName="g" * 31))
    assert ans.status == 400
    body = ans.json
    assert body["exception"]["id"] == "AIUCO1001E"
    assert body["exception"]["properties"] == ["u1", "givenName"]
    assert body["message"].startswith("AIUCO1001E: ")
    assert "u1" not in emu.users


def test_primary_email_unique_across_users(client, emu, make_user):
    assert client.post("/v3/users", make_user("u1", "same@x.com")).status == 201
    ans = client.post("/v3/users", make_user("u2", "SAME@x.com"))
    assert ans.status == 409
    assert ans.json["exception"] == {"id": "AIUCO1005E", "properties": ["u2"]}
    assert ans.json["message"].startswith("AIUCO1005E: ")
    # The owner may keep (re-send) its own email.
    assert client.put("/v3/users/u1", make_user("u1", "same@x.com")).status == 200


def test_id_cannot_change(client, make_user):
    client.post("/v3/users", make_user("u1"))
    ans = client.put("/v3/users/u1", make_user("u2"))
    assert ans.status == 400
    assert ans.json["exception"] == {"id": "AIUCO1002E", "properties": ["u1", "u2"]}
    ans = client.patch("/v3/users/u1", {"id": "u3"})
    assert ans.status == 400
    assert ans.json["exception"]["id"] == "AIUCO1002E"
