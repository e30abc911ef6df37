"""``invoke simulate``: run the "Create or Update MAS User" action on a person file.

The result is one JSON object on stdout (outcome, message, requests, log) and
an exit code: 0 success, 1 rejected or failed, 2 usage error.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path

from maxkit.bundle import load_bundle
from maxkit.errors import MaxkitError, UsageError
from maxkit.personfile import check_text, load_json, person_values
from maxkit.tlsenv import check_ca_file
from maxkit.urls import check_url, redact, redact_tree
from maxkit.worldspec import world_spec

URL_PROPERTY = "masuser.api.url"
# Used only when no endpoint is given: the in-process answer needs some URL.
SIMULATED_URL = "https://internalapi.mas-simulated-core.svc"
RUNTIMES = ("cpython", "jython")
# The CA that signed the server's certificate for --endpoint https://... (the
# Manage pod's trust store). The client certificate is the script's own
# setting (the masuser.api.clientcert.* system properties, --property).
CA_ENV = "MAXKIT_CA_BUNDLE"
# Read no more: a client certificate no longer comes from the environment.
RETIRED_ENV = ("MAXKIT_CLIENT_CERT", "MAXKIT_CLIENT_KEY")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def read_person(path: str, attributes: dict[str, dict]) -> dict:
    """The person of a ``--person`` file, by the rules of :mod:`maxkit.personfile`."""
    data = load_json(path, "--person")
    return person_values(data, f"--person {path}", attributes)


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


def unknown_property(name: str, declared: list[str]) -> str:
    close = difflib.get_close_matches(name, declared, n=1)
    hint = (
        f"did you mean {close[0]}?"
        if close
        else "the bundle declares " + ", ".join(sorted(declared))
    )
    return f"not a property the bundle declares; {hint}"


def http_behaviour(endpoint: str | None) -> dict:
    if endpoint is None:
        return {"mode": "answer", "answers": [{"status": 200, "body": "auto"}]}
    check_url("--endpoint", endpoint, example="http(s)://HOST[:PORT][/PATH]")
    retired = [name for name in RETIRED_ENV if os.environ.get(name)]
    if retired:
        raise UsageError(
            f"{', '.join(retired)} is no longer read: give the client certificate"
            " as the script's settings, --property masuser.api.clientcert.store=FILE"
            " (PKCS12) and masuser.api.clientcert.password=..."
        )
    http = {"mode": "real"}
    if os.environ.get(CA_ENV):
        http["ca_file"] = os.environ[CA_ENV]
        check_ca_file(http["ca_file"], CA_ENV)
    return http


def simulation_spec(root, properties, endpoint) -> dict:
    """The world a simulation runs in: the deployed bundle, the given properties,
    and the endpoint (or the in-process answer)."""
    bundle = load_bundle(root)
    props = parse_properties(properties, [p["propName"] for p in bundle.properties()])
    if endpoint is not None:
        props[URL_PROPERTY] = endpoint
    else:
        props.setdefault(URL_PROPERTY, SIMULATED_URL)
    return world_spec(bundle, properties=props, http=http_behaviour(endpoint))


def check_runtime(runtime: str) -> None:
    if runtime not in RUNTIMES:
        raise UsageError(f"--runtime {runtime}: choose one of {', '.join(RUNTIMES)}")


def check_flags(runtime: str, access_type: str, entitlement: str) -> None:
    """What every simulate run checks of its flags before reading anything."""
    check_runtime(runtime)
    check_text("--access-type", access_type)
    check_text("--entitlement", entitlement)


def printable(result: dict) -> dict:
    """The result as it may be printed: no URL in it carries credentials."""
    return redact_tree(result)


def build_spec(root, person_path, properties, endpoint):
    spec = simulation_spec(root, properties, endpoint)
    return spec, read_person(person_path, spec["objects"]["PERSON"])


def run_cpython(spec: dict, person: dict, access_type: str, entitlement: str) -> dict:
    """Run the action in this process; what it recorded, as a dict."""
    from maxkit.runtime import run_action_job

    return run_action_job(action_job(spec, person, access_type, entitlement))


def run_jython(spec: dict, person: dict, access_type: str, entitlement: str) -> dict:
    """Run the action in real Jython 2.7 (one JVM); what it recorded, as a dict.

    The same job and record as :func:`run_cpython`; a real request (``--endpoint``)
    is made by Java's HttpURLConnection inside the JVM.
    """
    from maxkit.jython.runner import JythonRunError, run_jobs_in_jython

    record = run_jobs_in_jython([action_job(spec, person, access_type, entitlement)])[0]
    if "driver_error" in record:
        raise JythonRunError("the Jython driver failed:\n" + record["driver_error"])
    return record


def action_job(spec: dict, person: dict, access_type: str, entitlement: str) -> dict:
    return {
        "spec": spec,
        "person": person,
        "dialog": {"ACCESSTYPE": access_type, "ENTITLEMENT": entitlement},
    }


def summarize(record: dict) -> dict:
    """The contract's JSON object from what the run recorded (the same for
    every runtime: request bodies are compared and printed with sorted keys)."""
    messages = record["messages"]
    errors = [m for m in messages if m["kind"] == "error"]
    if record.get("crashed"):
        outcome = "failed"
    elif errors:
        outcome = "failed" if record["requests"] else "rejected"
    else:
        outcome = "success"
    shown = errors[-1] if errors else (messages[-1] if messages else None)
    message = None
    if shown is not None and not record.get("crashed"):
        message = {k: shown[k] for k in ("group", "key", "params", "text")}
    return {
        "outcome": outcome,
        "message": message,
        "requests": request_summaries(record),
        "log": record["log"],
    }


def request_summaries(record: dict) -> list[dict]:
    """The requests as the contract prints them, bodies with sorted keys.

    A JSON4J object's key order on the wire is the JVM's hash order, so both
    runtimes print bodies sorted to give the same text.
    """
    return [
        {
            **{k: r[k] for k in ("method", "url", "headers", "status")},
            "body": sorted_keys(r["body"]),
        }
        for r in record["requests"]
    ]


def sorted_keys(value):
    """``value`` with every object's keys sorted.

    A JSON4J ``JSONObject`` is a ``java.util.HashMap``: the order of the keys
    on the wire is the hash order of the JVM, not the script's. Sorted, the
    output is the same in every runtime.
    """
    if isinstance(value, dict):
        return {key: sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_keys(item) for item in value]
    return value


def simulate(
    root,
    person: str,
    access_type: str,
    entitlement: str,
    endpoint: str | None = None,
    properties: list[str] | None = None,
    runtime: str = "cpython",
) -> tuple[int, dict]:
    """Run the action; returns (exit code, the JSON object to print)."""
    check_flags(runtime, access_type, entitlement)
    spec, values = build_spec(root, person, properties, endpoint)
    run = run_jython if runtime == "jython" else run_cpython
    record = run(spec, values, access_type, entitlement)
    if record.get("usage_error"):
        raise UsageError(f"--person {person}: {record['usage_error']}")
    if record.get("crashed"):
        sys.stderr.write(redact(record["crashed"]))
    result = printable(summarize(record))
    return (EXIT_OK if result["outcome"] == "success" else EXIT_FAILED), result


def main(argv=None, root=None) -> int:
    """Entry point shared by ``invoke simulate`` and ``python -m maxkit.simulate``."""
    import argparse

    parser = argparse.ArgumentParser(prog="simulate", description=__doc__)
    whom = parser.add_mutually_exclusive_group(required=True)
    whom.add_argument("--person")
    whom.add_argument("--persons", help="JSON array of persons: run the cron task")
    parser.add_argument("--access-type", required=True)
    parser.add_argument("--entitlement", required=True)
    parser.add_argument("--where", help="with --persons: the cron task's where clause")
    parser.add_argument("--endpoint")
    parser.add_argument("--property", action="append", default=[])
    parser.add_argument("--runtime", default="cpython")
    args = parser.parse_args(argv)
    if args.where is not None and args.persons is None:
        parser.error("--where needs --persons")
    try:
        if args.persons is not None:
            from maxkit.bulksim import simulate_bulk

            code, result = simulate_bulk(
                root or Path.cwd(),
                args.persons,
                args.access_type,
                args.entitlement,
                args.where,
                args.endpoint,
                args.property,
                args.runtime,
            )
        else:
            code, result = simulate(
                root or Path.cwd(),
                args.person,
                args.access_type,
                args.entitlement,
                args.endpoint,
                args.property,
                args.runtime,
            )
    except MaxkitError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return code


if __name__ == "__main__":
    sys.exit(main())
