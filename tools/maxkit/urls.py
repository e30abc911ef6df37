"""The one check for every URL the toolkit takes, and the one way to print one.

``simulate --endpoint``, ``simulate --property masuser.api.url=...`` and
``deploy --url`` all go through :func:`check_url`: a scheme the caller allows,
a host, a port 1-65535, and nothing that does not belong in a base URL (user
name or password, query, fragment, spaces, control characters). Credentials
are refused, never echoed: the message names the flag only.

:func:`redact` is what any text that may hold a URL or a server's words goes
through before it is printed: it masks the userinfo of every URL in it and
every secret it is given; :func:`excerpt` then bounds its length.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from maxkit.errors import UsageError

CREDENTIALS = "credentials in the URL are not accepted"
MASK = "***"
# scheme://userinfo@ : everything between :// and an @ within one token. A
# match is tried only where a run of scheme characters starts (the
# look-behind), the scheme being that run from its first letter: tried at every
# position, each one scanned the run to its end, and a server's text of a
# million letters took minutes instead of milliseconds.
_USERINFO = re.compile(
    r"(?i)(?<![a-z0-9+.-])([0-9+.-]*)([a-z][a-z0-9+.-]*://)[^\s/?#]*@"
)
_HOST = re.compile(
    r"^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?|\[[0-9A-Fa-f:.]+\])$"
)


def _host_and_port(netloc: str) -> tuple[str, str | None]:
    """``host[:port]`` or ``[v6][:port]`` split as written (port None if absent)."""
    if netloc.startswith("["):
        host, _, rest = netloc.partition("]")
        if rest.startswith(":"):
            return host + "]", rest[1:]
        return host + "]" + rest, None
    host, sep, port = netloc.partition(":")
    return host, (port if sep else None)


def _fail(flag: str, url: str, rule: str):
    raise UsageError(f"{flag} {url!r}: {rule}")


def check_url(flag: str, url: str, schemes=("http", "https"), example="") -> str:
    """``url`` when it is an acceptable base URL for ``flag``; else UsageError."""
    shown = " or ".join(f"{s}://" for s in schemes)
    example = example or f"{schemes[-1]}://HOST[:PORT][/PATH]"
    if "@" in url:
        raise UsageError(
            f"{flag}: {CREDENTIALS} (no user name or password before the host);"
            " give " + example
        )
    if any(c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in url):
        _fail(flag, url, "spaces and control characters are not allowed in a URL")
    if not url.isascii():
        _fail(flag, url, "only ASCII is allowed (percent-encode, or punycode the host)")
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        _fail(flag, url, f"not a valid URL ({exc}); give {example}")
    scheme = parts.scheme.lower()
    if scheme not in schemes or not url.lower().startswith(scheme + "://"):
        _fail(
            flag,
            url,
            f"{' or '.join(schemes)} only: the URL must start with {shown}; give {example}",
        )
    host, port = _host_and_port(parts.netloc)
    if not _HOST.match(host):
        _fail(flag, url, f"the URL has no valid host; give {example}")
    if port is not None and not (port.isdigit() and 1 <= int(port) <= 65535):
        _fail(flag, url, "the port must be a number from 1 to 65535")
    if parts.query or "?" in url:
        _fail(flag, url, "a query (?...) is not allowed in a base URL")
    if parts.fragment or "#" in url:
        _fail(flag, url, "a fragment (#...) is not allowed in a base URL")
    return url


def redact(text: str, secrets=()) -> str:
    """``text`` with the userinfo of every URL and every secret masked."""
    text = _USERINFO.sub(lambda m: m.group(1) + m.group(2) + MASK + "@", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


def excerpt(text: str, limit: int = 1000) -> str:
    """``text``, or when longer than ``limit`` its start and a marker saying how
    long it was, in at most ``limit`` characters: a server's words are shown
    bounded, whatever their length (the scripts' excerpt, of MASUSERTEXT, in the
    toolkit)."""
    if len(text) <= limit:
        return text
    marker = f"... [truncated, {len(text)} characters]"
    return text[: max(0, limit - len(marker))] + marker


def redact_tree(value, secrets=()):
    """:func:`redact` on every text inside a JSON-like value (keys included)."""
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return {
            redact_tree(k, secrets): redact_tree(v, secrets) for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact_tree(v, secrets) for v in value]
    return value
