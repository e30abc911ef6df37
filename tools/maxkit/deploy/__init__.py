"""``invoke deploy``: the bundle onto a Manage server over REST (plan, apply, verify).

:func:`deploy` is the one entry: it reads the API key from the environment,
reads what the server has, prints the plan, and unless ``dry_run`` applies
it and prints exactly what was done. With ``uninstall`` the plan removes
what the bundle adds (records found by their own keys, reverse order). Returns the exit code (0 all done or
nothing to do, 1 a write failed); raises :class:`DeployError` when it could
not start (no write happened). Every line it prints and every error it
raises goes through one redaction (the key, and credentials in any URL),
whatever the server put in its answers.
"""

from __future__ import annotations

import os
from pathlib import Path

from maxkit.bundle import load_bundle
from maxkit.deploy.apply import apply_plan
from maxkit.deploy.client import ManageClient
from maxkit.deploy.errors import DeployError, MaximoError, TransportError
from maxkit.deploy.plan import IDLE, read_plan
from maxkit.deploy.report import (
    archive_lines,
    cache_reload_lines,
    format_plan,
    format_result,
)
from maxkit.errors import MaxkitError, UsageError
from maxkit.bundle.settings import load_settings
from maxkit.urls import check_url, excerpt, redact

# A printed line is bounded: a line may carry a server's words (a key, a
# message), and a server may answer with a text of any length.
MAX_LINE = 4000

__all__ = ["DeployError", "MaximoError", "TransportError", "deploy"]


def deploy(
    root: Path,
    url: str,
    apikey_env: str = "MAXIMO_APIKEY",
    ca_bundle=None,
    dry_run: bool = False,
    out=print,
    environ=None,
    uninstall: bool = False,
) -> int:
    environ = os.environ if environ is None else environ
    if not url:
        raise UsageError(
            "deploy needs --url https://HOST/maximo (see invoke --help deploy)"
        )
    check_url("--url", url, schemes=("https",), example="https://HOST/maximo")
    apikey = read_apikey(environ, apikey_env)
    try:
        return _deploy(
            root, url, apikey, apikey_env, ca_bundle, dry_run, out, uninstall
        )
    except MaxkitError as exc:
        # The one way out of deploy for an error: its text, redacted. Errors
        # while applying are reported per object (exit 1), so one that gets
        # here stopped deploy before its first write.
        text = excerpt(redact(str(exc), [apikey]), MAX_LINE)
        exc.args = (
            text if isinstance(exc, UsageError) else f"{text} (nothing was written)",
        )
        raise


def read_apikey(environ, apikey_env: str) -> str:
    """The API key from ``apikey_env``; a key that could not travel in an HTTP
    header (a CR, LF or other control character, a space, non-ASCII) is refused
    before any request, and never shown."""
    apikey = environ.get(apikey_env, "").strip()
    if not apikey:
        raise UsageError(
            f"the environment variable {apikey_env} holds no API key; export it"
            " (Administration > API Keys in Manage) or name another with --apikey-env"
        )
    if not all("!" <= c <= "~" for c in apikey):
        raise UsageError(
            f"the environment variable {apikey_env} holds a control character, space"
            " or non-ASCII character; an API key is printable ASCII. Export the key"
            " again, exactly as Manage shows it (the value is not shown here)"
        )
    return apikey


def _deploy(
    root, url, apikey, apikey_env, ca_bundle, dry_run, print_line, uninstall
) -> int:
    def out(line: str) -> None:
        print_line(excerpt(redact(line, [apikey]), MAX_LINE))

    settings = load_settings(root)
    bundle = load_bundle(root)
    with ManageClient(url, apikey, apikey_env, ca_bundle) as client:
        return _plan_and_apply(client, bundle, settings, dry_run, out, uninstall)


def _plan_and_apply(client, bundle, settings, dry_run, out, uninstall) -> int:
    steps = read_plan(client, bundle, settings, uninstall)
    title = f"{settings.name} {settings.version}" + (", uninstall" if uninstall else "")
    for line in format_plan(steps, client.url, title):
        out(line)
    if dry_run:
        out("Dry run: nothing was written.")
        return 0
    if all(s.action in IDLE for s in steps):
        out(
            "Nothing to do: the server has nothing of this bundle to remove."
            if uninstall
            else "Nothing to do: the server already has this bundle."
        )
        out("No write was sent.")
        for line in archive_lines(bundle, settings, uninstall):
            out(line)
        return 0
    outcomes = apply_plan(client, steps, out)
    idle = sum(1 for s in steps if s.action in IDLE)
    for line in format_result(outcomes, idle) + cache_reload_lines(outcomes):
        out(line)
    for line in archive_lines(bundle, settings, uninstall):
        out(line)
    return 1 if any(o.result == "failed" for o in outcomes) else 0
