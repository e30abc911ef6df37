"""``invoke deploy``: the bundle onto a Manage server over REST (plan, apply, verify).

:func:`deploy` is the one entry: it reads the API key from the environment,
reads what the server has, prints the plan, and unless ``dry_run`` applies
it and prints exactly what was done. Returns the exit code (0 all done or
nothing to do, 1 a write failed); raises :class:`DeployError` when it could
not start (no write happened).
"""

from __future__ import annotations

import os
from pathlib import Path

from maxkit.bundle import load_bundle
from maxkit.deploy.apply import apply_plan
from maxkit.deploy.client import ManageClient
from maxkit.deploy.errors import DeployError, MaximoError, TransportError
from maxkit.deploy.plan import read_plan
from maxkit.deploy.report import NOT_BY_REST, format_plan, format_result
from maxkit.errors import UsageError
from maxkit.package.settings import load_settings

__all__ = ["DeployError", "MaximoError", "TransportError", "deploy"]


def deploy(
    root: Path,
    url: str,
    apikey_env: str = "MAXIMO_APIKEY",
    ca_bundle=None,
    dry_run: bool = False,
    out=print,
    environ=None,
) -> int:
    environ = os.environ if environ is None else environ
    if not url.startswith("https://"):
        raise UsageError(
            f"--url {url!r}: deploy talks to Manage over https only;"
            " give https://HOST/maximo"
        )
    apikey = environ.get(apikey_env, "").strip()
    if not apikey:
        raise UsageError(
            f"the environment variable {apikey_env} holds no API key; export it"
            " (Administration > API Keys in Manage) or name another with --apikey-env"
        )
    settings = load_settings(root)
    bundle = load_bundle(root)
    client = ManageClient(url, apikey, apikey_env, ca_bundle)
    steps = read_plan(client, bundle, settings)
    for line in format_plan(steps, client.url, f"{settings.name} {settings.version}"):
        out(line)
    if dry_run:
        out("Dry run: nothing was written.")
        return 0
    if all(s.action == "unchanged" for s in steps):
        out("Nothing to do: the server already has this bundle. No write was sent.")
        out(NOT_BY_REST)
        return 0
    outcomes = apply_plan(client, steps, out)
    unchanged = sum(1 for s in steps if s.action == "unchanged")
    for line in format_result(outcomes, unchanged):
        out(line)
    out(NOT_BY_REST)
    return 1 if any(o.result == "failed" for o in outcomes) else 0
