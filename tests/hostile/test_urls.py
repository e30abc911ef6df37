"""The one URL check and the one redaction, on any text (property-based)."""

from __future__ import annotations

from urllib.parse import urlsplit

from hostile_helpers import SECRET
from hypothesis import given, settings
from hypothesis import strategies as st

from maxkit.errors import UsageError
from maxkit.urls import CREDENTIALS, check_url, redact

ANY_CHAR = st.characters(codec=None, categories=None)
pieces = st.sampled_from(
    ["http://", "https://", "127.0.0.1", "[::1]", "[::1", ":", "99999", "0", "443",
     "/api", "?q=1", "#f", "@", f"u:{SECRET}@", " ", "\r\n", "%40", "é", "h"]
)  # fmt: skip
urls = st.one_of(
    st.lists(pieces, max_size=6).map("".join), st.text(ANY_CHAR, max_size=30)
)


@settings(deadline=None)
@given(urls, st.sampled_from([("http", "https"), ("https",)]))
def test_check_url_accepts_only_clean_base_urls(url, schemes):
    try:
        check_url("--flag", url, schemes)
    except UsageError as error:
        message = str(error)
        assert message.startswith("--flag") and message.isprintable()
        assert SECRET not in message
        if "@" in url:
            assert CREDENTIALS in message and url not in message
        return
    parts = urlsplit(url)
    assert parts.scheme in schemes and parts.hostname
    assert 1 <= (parts.port or 1) <= 65535
    assert not (set("@?# ") & set(url)) and url.isascii() and url.isprintable()


@settings(deadline=None)
@given(st.text(ANY_CHAR, max_size=20), st.text(ANY_CHAR, max_size=20))
def test_redact_removes_userinfo_and_secrets(before, after):
    text = f"{before} https://user:{SECRET}@host/x {after} key={SECRET}"
    assert SECRET not in redact(text, [SECRET])
    assert SECRET not in redact(f"{before}http://{SECRET}@h{after}")
