"""Fixtures of the hostile battery (helpers: hostile_helpers.py)."""

from __future__ import annotations

import pytest
from hostile_helpers import APIKEY


@pytest.fixture
def write(tmp_path):
    """write(text_or_bytes) -> the path of a new file holding it."""
    count = iter(range(10**6))

    def make(content) -> str:
        path = tmp_path / f"input{next(count)}.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        return str(path)

    return make


@pytest.fixture
def manage(tls):
    """A fresh Manage stand-in over HTTPS that accepts only APIKEY."""
    from testkit.manage_standin import ManageStandin

    server = tls / "server.pem"
    with ManageStandin(server, server, apikeys={APIKEY}) as standin:
        yield standin
