"""simulate --endpoint https://...: the TLS files the environment names
(MAXKIT_CA_BUNDLE, MAXKIT_CLIENT_CERT, MAXKIT_CLIENT_KEY) are loaded before
any request, so a missing or broken file is a usage error naming the
variable, never a traceback halfway through the run. The message names the
variable only: not the path, nothing of the file.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from maxkit.errors import UsageError


def check_tls_files(http: dict, variables: dict[str, str]) -> None:
    """The TLS files of ``http`` (``ca_file``, ``cert_file``, ``key_file``, each
    named by the environment variable ``variables[key]``) must load."""
    named = {key: var for key, var in variables.items() if key in http}
    for key, variable in named.items():
        if not Path(http[key]).is_file():
            raise UsageError(f"{variable}: the file it names does not exist")
    if "key_file" in http and "cert_file" not in http:
        raise UsageError(
            f"{variables['key_file']} needs {variables['cert_file']}; set both"
        )
    context = ssl.create_default_context()
    if "ca_file" in http:
        _load(named["ca_file"], context.load_verify_locations, http["ca_file"])
    if "cert_file" in http:
        what = "/".join(named[k] for k in ("cert_file", "key_file") if k in named)
        # an encrypted key gets an empty password: refused, never a prompt
        key = http.get("key_file")
        _load(what, context.load_cert_chain, http["cert_file"], key, lambda: b"")


def _load(what: str, load, *args) -> None:
    try:
        load(*args)
    except (ssl.SSLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or type(exc).__name__
        raise UsageError(
            f"{what}: not a usable PEM file ({reason}); give a CA file, or a"
            " certificate with its unencrypted key"
        ) from None
