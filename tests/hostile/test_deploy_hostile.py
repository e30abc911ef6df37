"""``invoke deploy`` against bad keys, bad URLs and a server that echoes the key.

The key and any credentials must never be printed, in a line, an error or a
traceback; a key that cannot travel in a header stops deploy before any call.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hostile_helpers import APIKEY, SECRET, run_cli, show

from maxkit.deploy import deploy
from maxkit.errors import MaxkitError, UsageError
from testkit.manage_standin import Fault

ROOT = Path(__file__).resolve().parents[2]

BAD_KEYS = {
    "crlf-header-injection": APIKEY + "\r\nX-Injected: 1",
    "lf": APIKEY + "\n" + SECRET,
    "nul": APIKEY + "\x00",
    "tab-inside": APIKEY + "\t" + SECRET,
    "space-inside": APIKEY + " " + SECRET,
    "delete-char": APIKEY + "\x7f",
    "non-ascii": APIKEY + "ключ",
    "non-latin1": APIKEY + "\u2028" + SECRET,
}

BAD_URLS = {
    "userinfo": f"https://admin:{SECRET}@127.0.0.1:1/maximo",
    "user-only": f"https://{SECRET}@127.0.0.1:1/maximo",
    "port-out-of-range": "https://127.0.0.1:99999/maximo",
    "port-zero": "https://127.0.0.1:0/maximo",
    "unclosed-ipv6": "https://[::1/maximo",
    "query": "https://127.0.0.1:1/maximo?tenant=1",
    "fragment": "https://127.0.0.1:1/maximo#x",
    "plain-http": "http://127.0.0.1:1/maximo",
    "no-host": "https:///maximo",
    "newline": "https://127.0.0.1:1/maximo\nHost: evil",
}


def _deploy(url, key, lines, ca=None):
    return deploy(
        ROOT, url, "MAXIMO_APIKEY", ca, False, out=lines.append,
        environ={"MAXIMO_APIKEY": key},
    )  # fmt: skip


@pytest.mark.parametrize("key", BAD_KEYS.values(), ids=BAD_KEYS)
def test_a_key_that_cannot_be_a_header_is_refused_before_any_call(manage, tls, key):
    lines: list[str] = []
    with pytest.raises(UsageError) as error:
        _deploy(manage.base_url, key, lines, tls / "ca.pem")
    message = str(error.value)
    assert "MAXIMO_APIKEY" in message and "\n" not in message
    assert APIKEY not in message and SECRET not in message
    assert manage.calls == [] and lines == []


@pytest.mark.parametrize("url", BAD_URLS.values(), ids=BAD_URLS)
def test_a_bad_url_is_a_usage_error_naming_the_flag(url):
    with pytest.raises(UsageError) as error:
        _deploy(url, APIKEY, [])
    message = str(error.value)
    assert message.startswith("--url") and "\n" not in message, show(message)
    assert SECRET not in message


@pytest.mark.parametrize("where", ["reason", "message", "both"])
def test_a_key_echoed_by_the_server_is_never_printed(manage, tls, where):
    echo = f"{APIKEY} at https://admin:{SECRET}@manage.example/maximo"
    manage.faults.add(
        Fault(
            method="GET", status=401,
            reason=echo if where != "message" else "BMXAA9549E",
            message=echo if where != "reason" else "bad key",
        )
    )  # fmt: skip
    lines: list[str] = []
    with pytest.raises(MaxkitError) as error:
        _deploy(manage.base_url, APIKEY, lines, tls / "ca.pem")
    text = str(error.value) + "\n".join(lines)
    assert APIKEY not in text and SECRET not in text, show(text)
    assert "***" in text


def test_a_key_echoed_in_a_failed_write_is_never_printed(manage, tls):
    manage.faults.add(
        Fault(method="POST", writes_only=True, reason=APIKEY, message="k=" + APIKEY)
    )
    lines: list[str] = []
    assert _deploy(manage.base_url, APIKEY, lines, tls / "ca.pem") == 1
    text = "\n".join(lines)
    assert "FAILED" in text and APIKEY not in text, show(text)


@pytest.mark.parametrize("key", ["a\r\nb", "ab\x01"], ids=["crlf", "control"])
def test_the_task_exits_2_with_one_line_and_no_key(monkeypatch, key):
    monkeypatch.setenv("MAXIMO_APIKEY", SECRET + key)
    code, out, err = run_cli("deploy", "--url", "https://127.0.0.1:1/maximo")
    assert code == 2, show(out, err)
    assert len(err.strip().splitlines()) == 1 and "MAXIMO_APIKEY" in err
    assert SECRET not in out + err and "Traceback" not in out + err


def test_the_task_refuses_credentials_in_url_without_echoing(monkeypatch):
    monkeypatch.setenv("MAXIMO_APIKEY", APIKEY)
    code, out, err = run_cli("deploy", "--url", f"https://me:{SECRET}@h/maximo")
    assert code == 2
    assert "credentials in the URL are not accepted" in err
    assert SECRET not in out + err


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    key=st.text(st.characters(codec=None, categories=None), min_size=1, max_size=12),
    echo=st.sampled_from(["reason", "message", "none"]),
)
def test_any_key_is_refused_or_used_and_never_printed(manage, tls, key, echo):
    key = "K" + key + "K"  # never blank after strip, so the key itself is tested
    manage.faults.clear()
    manage.reset_calls()
    if echo != "none":
        said = {"reason": key} if echo == "reason" else {"message": "x " + key}
        manage.faults.add(Fault(method="GET", status=400, **said))
    lines: list[str] = []
    try:
        _deploy(manage.base_url, key, lines, tls / "ca.pem")
    except UsageError as error:
        assert manage.calls == [] and key not in str(error)
    except MaxkitError as error:  # the stand-in refuses any key but APIKEY
        assert key not in str(error) + "\n".join(lines)
    else:
        raise AssertionError("deploy with a wrong key went through")
