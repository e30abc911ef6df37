"""A simulate run, built from its flags and checked before anything runs.

Every input is a parameter, the environment included (the command passes
``os.environ``; :mod:`maxkit.demo` passes its CA file), so a :class:`RunSpec`
holds all a run depends on. Each refusal is a :class:`UsageError` naming the
flag, file or field.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from maxkit.bundle import load_bundle
from maxkit.errors import UsageError
from maxkit.simulate.bulk import bulk_job, check_where
from maxkit.simulate.persons import check_text, read_person, read_persons
from maxkit.simulate.records import (
    check_sync_route,
    read_data,
    read_sync,
    with_person,
    without_persons,
)
from maxkit.simulate.runtimes import check_runtime
from maxkit.simulate.statuschange import check_status, status_change_job
from maxkit.tlsenv import check_ca_file
from maxkit.urls import check_url
from maxkit.worldspec import STOCK_SUITE, world_spec

URL_PROPERTY = "masuser.api.url"
# Used only when no endpoint is given: the in-process answer needs some URL.
SIMULATED_URL = "https://internalapi.mas-simulated-core.svc"
# The CA that signed the server's certificate for --endpoint https://... (the
# Manage pod's trust store). The client certificate is the script's own
# setting (the masuser.api.clientcert.* system properties, --property).
CA_ENV = "MAXKIT_CA_BUNDLE"
# Refused with a pointer to the setting: the client certificate is the
# script's own setting, never an environment variable of the toolkit.
RETIRED_ENV = ("MAXKIT_CLIENT_CERT", "MAXKIT_CLIENT_KEY")


@dataclass(frozen=True)
class RunSpec:
    """One run: where (``runtime``), which job runner (``kind``: action,
    cron or save), the job, and for a cron run its persons in file order."""

    runtime: str
    kind: str
    job: dict
    persons: list = field(default_factory=list)


def run_spec(
    root,
    *,
    person: str | None = None,
    persons: str | None = None,
    access_type: str | None = None,
    entitlement: str | None = None,
    where: str | None = None,
    endpoint: str | None = None,
    properties: list[str] | None = None,
    runtime: str = "cpython",
    data: str | None = None,
    sync: str | None = None,
    status_change: str | None = None,
    resync: bool = False,
    drift: bool = False,
    ca_file: str | None = None,
    environ=None,
) -> RunSpec:
    """The run the flags ask for: ``--person`` runs the dialog action (then
    MAS's user sync of ``--sync``), ``--persons`` the MASUSERBULK cron task
    once, ``--person`` with ``--status-change`` a save of the person,
    ``--person`` with ``resync`` Resync MAS User; each on the records of
    ``--data``."""
    if drift:
        check_drift_flags(
            persons, access_type, entitlement, sync, status_change, resync
        )
    elif resync:
        check_resync_flags(
            person, persons, access_type, entitlement, status_change, where
        )
    else:
        check_flags(
            person, persons, access_type, entitlement, where, sync, status_change
        )
    check_runtime(runtime)
    for flag, text in (
        ("--access-type", access_type),
        ("--entitlement", entitlement),
        ("--status-change", status_change),
    ):
        if text is not None:
            check_text(flag, text)
    world = simulation_spec(
        root, properties, endpoint, ca_file=ca_file, environ=environ
    )
    objects = world["objects"]
    tables = read_data(data, objects) if data is not None else {}
    if persons is not None:
        people = read_persons(persons, objects["PERSON"])
        check_where(where, objects["PERSON"])
        world = dict(world, tables=without_persons(tables, data))
        if drift:
            job = bulk_job(world, people, "", "", where)
            job["arg"] = drift_arg(where)
        else:
            job = bulk_job(world, people, access_type, entitlement, where)
        return RunSpec(runtime, "cron", job, people)
    values = read_person(person, objects["PERSON"])
    tables = with_person(tables, values, data)
    if status_change is not None:
        personid = values.get("PERSONID")
        if personid is None or not personid.strip():
            raise UsageError(
                f"--status-change: the person of --person {person} has no PERSONID;"
                " a status change saves a PERSON record"
            )
        check_status(status_change, world["synonyms"])
        others = {k: v for k, v in tables.items() if k != "PERSON"}
        job = status_change_job(
            world, tables["PERSON"], personid, status_change, **others
        )
        return RunSpec(runtime, "save", job)
    if resync:
        job = resync_job(dict(world, tables=tables), values)
    else:
        job = action_job(dict(world, tables=tables), values, access_type, entitlement)
    if sync is not None:
        check_sync_route(world["properties"])
        job["sync"] = read_sync(sync, objects)
    return RunSpec(runtime, "action", job)


# Flags that belong to the dialog action or the cron task: a status change
# saves the person, with no dialog and no run after it.
NOT_WITH_STATUS_CHANGE = ("--persons", "--access-type", "--entitlement", "--sync")


def check_resync_flags(
    person, persons, access_type, entitlement, status_change, where=None
):
    """--resync runs Resync MAS User on --person: the person's recorded
    access type and entitlement decide, so no dialog values are given."""
    given = (
        ("--persons", persons),
        ("--access-type", access_type),
        ("--entitlement", entitlement),
        ("--status-change", status_change),
        ("--where", where),
    )
    for flag, value in given:
        if value is not None:
            raise UsageError(
                f"simulate: --resync does not go with {flag} (Resync MAS User reruns"
                " the person's MASACCESSTYPE and MASENTITLEMENT; no dialog)"
            )
    if person is None:
        raise UsageError("simulate --resync needs --person")


def check_flags(
    person, persons, access_type, entitlement, where, sync=None, status_change=None
) -> None:
    """Which flags go together, and which a run needs."""
    if persons is not None and person is not None:
        raise UsageError("simulate: give --person or --persons, not both")
    if persons is None and where is not None:
        raise UsageError("simulate: --where needs --persons")
    if status_change is not None:
        given = (persons, access_type, entitlement, sync)
        for flag, value in zip(NOT_WITH_STATUS_CHANGE, given):
            if value is not None:
                raise UsageError(
                    f"simulate: --status-change does not go with {flag} (a status"
                    " change saves the person of --person; no dialog runs)"
                )
        if person is None:
            raise UsageError("simulate --status-change needs --person")
        return
    if persons is not None and sync is not None:
        raise UsageError(
            "simulate: --sync goes with --person, not --persons (it plays MAS's"
            " user sync after the dialog action)"
        )
    needed = [("--access-type", access_type), ("--entitlement", entitlement)]
    if persons is None:
        needed.insert(0, ("--person", person))
    missing = [flag for flag, value in needed if value is None]
    if missing:
        command = "simulate --persons" if persons is not None else "simulate"
        raise UsageError(
            f"{command} needs {', '.join(missing)} (see invoke --help simulate)"
        )


def check_drift_flags(persons, access_type, entitlement, sync, status_change, resync):
    """--drift runs the MASUSERBULK drift report on --persons: nothing is
    made, so no dialog values."""
    given = (
        ("--access-type", access_type),
        ("--entitlement", entitlement),
        ("--sync", sync),
        ("--status-change", status_change),
        ("--resync", True if resync else None),
    )
    for flag, value in given:
        if value is not None:
            raise UsageError(
                f"simulate: --drift does not go with {flag} (the drift report"
                " compares the persons of --persons with their Manage users)"
            )
    if persons is None:
        raise UsageError("simulate --drift needs --persons")


def drift_arg(where: str | None) -> str:
    """The SCRIPTARG of a drift run (mode=drift, then the where clause)."""
    return "mode=drift" + (f";where={where}" if where else "")


RESYNC_SCRIPT = "MASUSERRESYNC"


def resync_job(spec: dict, person: dict) -> dict:
    """Resync MAS User's job: the person alone, no dialog (its MASACCESSTYPE
    and MASENTITLEMENT say what to make again)."""
    return {"spec": spec, "person": person, "dialog": {}, "script": RESYNC_SCRIPT}


def action_job(spec: dict, person: dict, access_type: str, entitlement: str) -> dict:
    """The dialog action's job: the person, the dialog's two values."""
    return {
        "spec": spec,
        "person": person,
        "dialog": {"ACCESSTYPE": access_type, "ENTITLEMENT": entitlement},
    }


def simulation_spec(root, properties, endpoint, *, ca_file=None, environ=None) -> dict:
    """The world a simulation runs in: the deployed bundle, the given properties,
    and the endpoint (or the in-process answer)."""
    bundle = load_bundle(root)
    props = parse_properties(properties, [p["propName"] for p in bundle.properties()])
    if endpoint is not None:
        props[URL_PROPERTY] = endpoint
    else:
        props.setdefault(URL_PROPERTY, SIMULATED_URL)
    http = http_behaviour(endpoint, ca_file, os.environ if environ is None else environ)
    return world_spec(bundle, properties=props, http=http, **STOCK_SUITE)


def parse_properties(items: list[str], declared: list[str]) -> dict[str, str]:
    """``--property NAME=VALUE`` items; a ``masuser.*`` name must be declared."""
    properties = {}
    for item in items or []:
        check_text("--property", item)
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--property {item!r}: expected NAME=VALUE")
        if name.startswith("masuser.") and name not in declared:
            raise UsageError(f"--property {name}: {unknown_property(name, declared)}")
        if name == URL_PROPERTY and value:
            check_url(f"--property {URL_PROPERTY}", value)
        properties[name] = value
    return properties


def unknown_property(name: str, declared: list[str]) -> str:
    close = difflib.get_close_matches(name, declared, n=1)
    hint = (
        f"did you mean {close[0]}?"
        if close
        else "the bundle declares " + ", ".join(sorted(declared))
    )
    return f"not a property the bundle declares; {hint}"


def http_behaviour(endpoint: str | None, ca_file: str | None, environ) -> dict:
    """How the world answers requests: in process, or over real HTTP(S) with
    ``ca_file`` (else the CA file ``environ`` names) as the trusted CA."""
    if endpoint is None:
        return {"mode": "answer", "answers": [{"status": 200, "body": "auto"}]}
    check_url("--endpoint", endpoint, example="http(s)://HOST[:PORT][/PATH]")
    retired = [name for name in RETIRED_ENV if environ.get(name)]
    if retired:
        raise UsageError(
            f"{', '.join(retired)} is no longer read: give the client certificate"
            " as the script's settings, --property masuser.api.clientcert.store=FILE"
            " (PKCS12) and masuser.api.clientcert.password=..."
        )
    http = {"mode": "real"}
    if ca_file is not None:
        http["ca_file"] = str(ca_file)
        check_ca_file(http["ca_file"], "the CA file")
    elif environ.get(CA_ENV):
        http["ca_file"] = environ[CA_ENV]
        check_ca_file(http["ca_file"], CA_ENV)
    return http


def client_cert_properties(
    store, password: str, kind: str = "PKCS12", algorithm: str = "SunX509"
) -> list[str]:
    """``--property`` items that give the script a client certificate store."""
    return [
        f"masuser.api.clientcert.store={store}",
        f"masuser.api.clientcert.type={kind}",
        f"masuser.api.clientcert.password={password}",
        f"masuser.api.clientcert.alg={algorithm}",
    ]
