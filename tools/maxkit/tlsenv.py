"""simulate --endpoint https://...: the CA file the environment names
(MAXKIT_CA_BUNDLE, the Manage pod's trust store) is loaded before any
request, so a missing or broken file is a usage error naming the variable,
never a traceback halfway through the run. The message names the variable
only: not the path, nothing of the file.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from maxkit.errors import UsageError


def check_ca_file(path: str, variable: str) -> None:
    """The CA file ``path``, named by ``variable``, must load."""
    if not Path(path).is_file():
        raise UsageError(f"{variable}: the file it names does not exist")
    try:
        ssl.create_default_context().load_verify_locations(path)
    except (ssl.SSLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or type(exc).__name__
        raise UsageError(
            f"{variable}: not a usable PEM file of CA certificates ({reason})"
        ) from None
