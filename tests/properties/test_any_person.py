"""Any person record yields a payload MAS accepts or a named validation message,
never an uncaught exception (property-based, hypothesis)."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maxkit.bundle import load_bundle
from maxkit.emulator.rules import validate_user
from maxkit.runtime import run_action_job
from maxkit.simulate import action_job, summarize
from maxkit.worldspec import world_spec

BUNDLE = load_bundle(Path(__file__).resolve().parents[2])
# The dialog field refuses a value longer than its attribute before any script.
FIELD_KEYS = {("system", "maxlength")}
VALIDATION_KEYS = {
    "fieldRequired",
    "valueNotAllowed",
    "idInvalid",
    "personNotActive",
    "emailMissing",
    "emailInvalid",
    "fieldTooLong",
    "fieldInvalid",
}
TEXT_ATTRIBUTES = [
    "FIRSTNAME",
    "LASTNAME",
    "DISPLAYNAME",
    "TITLE",
    "PRIMARYEMAIL",
    "PRIMARYPHONE",
    "ADDRESSLINE1",
    "CITY",
    "STATEPROVINCE",
    "POSTALCODE",
    "COUNTRY",
]
texts = st.one_of(
    st.none(),
    st.text(max_size=120),
    st.sampled_from(["", "  ", "John", "王", "Zoë", "a@b.co", "x" * 90]),
)
emails = st.one_of(
    texts,
    st.emails().map(str),
    st.builds(lambda a, b: f" {a}@{b}.com ", st.text(max_size=8), st.text(max_size=8)),
)
persons = st.fixed_dictionaries(
    {
        "PERSONID": st.one_of(
            st.from_regex(r"[A-Za-z0-9_\-@.]{1,100}", fullmatch=True), st.text()
        ),
        "STATUS": st.one_of(st.none(), st.sampled_from(["ACTIVE", "INACTIVE", "X"])),
        "PRIMARYEMAIL": emails,
    },
    optional={name: texts for name in TEXT_ATTRIBUTES if name != "PRIMARYEMAIL"},
)
access_types = st.one_of(st.sampled_from(["Concurrent", "Authorized"]), st.text())
entitlements = st.one_of(
    st.sampled_from(["NONE", "SELF_SERVICE", "LIMITED", "BASE", "PREMIUM"]), st.text()
)


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(person=persons, access_type=access_types, entitlement=entitlements)
def test_valid_payload_or_named_message(person, access_type, entitlement):
    spec = world_spec(
        BUNDLE,
        properties={"masuser.api.url": "https://internalapi.mas-test-core.svc"},
        http={"mode": "answer", "answers": [{"status": 200, "body": "auto"}]},
    )
    record = run_action_job(action_job(spec, person, access_type, entitlement))
    assert record["crashed"] is None, record["crashed"]
    result = summarize(record)
    if result["outcome"] == "success":
        (user,) = result["requests"][0]["body"]
        assert validate_user(user) == []
        assert "password" not in user and "token" not in user
    else:
        assert result["outcome"] == "rejected"
        assert result["requests"] == []
        message = result["message"]
        assert message["key"] in VALIDATION_KEYS or (
            (message["group"], message["key"]) in FIELD_KEYS
        )
        assert result["message"]["params"]
