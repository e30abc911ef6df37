"""Person ids a URL path cannot carry as themselves, in the action and the bulk path.

MAS addresses a user as the path segment of /v3/users/{id}. Of the characters
MAS allows in an id (letters, digits, _ - @ .), a segment of only dots is the
one that does not survive a URL: "." and ".." are dot-segments (RFC 3986
5.2.4), which urljoin, like any URL normaliser, removes or climbs. Whatever
the id, it is refused with idInvalid before anything is sent, or it is sent
as itself and a URL path keeps it. The same rule holds in Jython: the
scenarios of tests/scenarios/validation.json (".", "..", "....") run there.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin

from battery import BUNDLE, job
from hypothesis import given, settings
from hypothesis import strategies as st

from maxkit.runtime import run_action_job
from maxkit.simulate import summarize
from tests.bulk import bulk_site

BASE = "https://mas.example.test/v3/users/"
ids = st.text(alphabet="..._-@A9", min_size=1, max_size=6) | st.sampled_from(
    [".", "..", "...", "./", "../A", "%2e", "%2E%2E", "A/..", ".\u2024"]
)


def _person(personid: str) -> dict:
    return {"PERSONID": personid, "STATUS": "ACTIVE", "PRIMARYEMAIL": "a@b.example"}


@settings(max_examples=60, deadline=None)
@given(ids)
def test_an_id_is_refused_or_a_url_path_carries_it_as_itself(personid):
    spec_job = job([{"status": 200, "body": "auto"}], {}, "Concurrent", "BASE")
    spec_job["person"] = {**spec_job["person"], "PERSONID": personid}
    result = summarize(run_action_job(spec_job))
    if result["outcome"] == "rejected":
        assert result["message"]["key"] == "idInvalid", result["message"]
        assert result["requests"] == []
        unsafe = quote(personid, safe="-._@") != personid or not personid.strip(".")
        assert unsafe, f"{personid!r} was refused, yet a path carries it"
        return
    assert result["outcome"] == "success", result
    [sent] = result["requests"][0]["body"]
    assert sent["id"] == personid.upper() or sent["id"] == personid
    assert urljoin(BASE, quote(sent["id"], safe="@")) == BASE + sent["id"]


def test_the_bulk_path_records_an_id_of_dots_invalid_and_sends_nothing(bundle):
    site = bulk_site.Site(bundle, [_person(".."), _person("."), bulk_site.person(1)])
    record = site.run()
    states = site.states()
    assert states["."] == states[".."] == "INVALID"
    assert "idInvalid" not in site.row("..")["MASSYNCERROR"]  # the text, not the key
    assert "not only dots" in site.row("..")["MASSYNCERROR"]
    sent = [user["id"] for r in record["requests"] for user in r["body"]]
    assert sent == ["P001"]


def test_the_message_says_the_rule():
    [message] = [m for m in BUNDLE.messages() if m["msgKey"] == "idInvalid"]
    assert "not only dots" in message["value"]
