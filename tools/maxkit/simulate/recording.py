"""What a simulate run prints: the contract's JSON object, from the run's record.

The outcome is the data the scripts' library returned to them (recorded by the
fake with each ``service.invokeScript`` call), the same in every runtime;
request bodies and saved records are printed with sorted keys (a record's
attributes come in the JVM's hash order in Jython), and no URL in the result
carries credentials.
"""

from __future__ import annotations

from maxkit.urls import redact_tree

ACTION_FUNCTION = "upsertPerson"
# What the action scripts call: the dialog's OK, and Resync MAS User.
ACTION_FUNCTIONS = (ACTION_FUNCTION, "resyncPerson")
BULK_FUNCTION = "runBulk"
RESULT_ATTRIBUTES = {
    "state": "MASSYNCSTATE",
    "date": "MASSYNCDATE",
    "error": "MASSYNCERROR",
    # What a drift run (--drift) found, else what an earlier one did.
    "drift": "MASDRIFT",
}


def library_result(record: dict, function: str | tuple) -> dict | None:
    """What the library's ``function`` (or any of a tuple of them) returned in
    this run, or None when it did not return (the run stopped before it or
    crashed in it)."""
    functions = function if isinstance(function, tuple) else (function,)
    for invocation in reversed(record.get("invocations") or []):
        if invocation["function"] in functions and invocation.get("result"):
            return invocation["result"]
    return None


def summarize(record: dict) -> dict:
    """The JSON object of an action run: outcome, message, apppoints (what
    the choice costs), requests, saved (what the action's saves added or
    changed), deleted (what they deleted), then, when MAS's user sync
    played after it, synced and sync_error, and log."""
    result = library_result(record, ACTION_FUNCTIONS)
    if record.get("crashed"):
        outcome = "failed"
    elif result is not None:
        outcome = result["outcome"]
    else:  # the dialog's field refused a value before the script ran
        outcome = "rejected" if not record["requests"] else "failed"
    summary = {
        "outcome": outcome,
        "message": shown_message(record),
        # What the choice costs (masuser.apppoints), as the dialog shows it.
        "apppoints": result.get("apppoints") if result else None,
        "requests": request_summaries(record),
        "saved": sorted_keys(record["saved"]),
        "deleted": sorted_keys(record.get("deleted") or {}),
    }
    if "synced" in record:
        summary["synced"] = sorted_keys(record["synced"])
        summary["sync_error"] = record["sync_error"]
    summary["log"] = record["log"]
    return summary


def summarize_save(record: dict) -> dict:
    """The JSON object of a person's save (``--status-change``), shaped as an
    action run's: success when Maximo saved it, rejected when it refused the
    change (nothing saved), failed when a script crashed."""
    messages = record["messages"]
    if record.get("crashed"):
        outcome = "failed"
    elif any(m["kind"] == "error" for m in messages):
        outcome = "rejected"
    else:
        outcome = "success"
    return {
        "outcome": outcome,
        "message": shown_message(record),
        "requests": request_summaries(record),
        "saved": sorted_keys(record["saved"]),
        "log": record["log"],
    }


def shown_message(record: dict) -> dict | None:
    """The message the user sees: the last error, else the last message; none
    after a crash (the stack trace is what Maximo shows)."""
    messages = record["messages"]
    errors = [m for m in messages if m["kind"] == "error"]
    shown = errors[-1] if errors else (messages[-1] if messages else None)
    if shown is None or record.get("crashed"):
        return None
    return {k: shown[k] for k in ("group", "key", "params", "text")}


def summarize_bulk(record: dict, persons: list[dict]) -> dict:
    """The JSON object of a cron run: outcome, counts, summary, per person,
    requests, saved (the records the run changed), log."""
    result = library_result(record, BULK_FUNCTION)
    if record.get("crashed") or record.get("simulated_crash") or result is None:
        outcome = "failed"
    else:
        outcome = result["outcome"]
    counts = {}
    if result is not None:
        counts = {name: result["counts"][name] for name in result["countNames"]}
    rows = {row.get("PERSONID"): row for row in record["tables"].get("PERSON", [])}
    results = []
    for person in persons:
        row = rows.get(person["PERSONID"], {})
        entry = {"personid": person["PERSONID"]}
        for field, attribute in RESULT_ATTRIBUTES.items():
            entry[field] = row.get(attribute)
        results.append(entry)
    return {
        "outcome": outcome,
        "counts": counts,
        "summary": result["summary"] if result is not None else None,
        # The AppPoints of the users the run made (done x the choice's cost).
        "apppoints": result.get("apppoints") if result is not None else None,
        "persons": results,
        "requests": request_summaries(record),
        "saved": sorted_keys(record["saved"]),
        "deleted": sorted_keys(record.get("deleted") or {}),
        "log": record["log"],
    }


def request_summaries(record: dict) -> list[dict]:
    """The requests as the contract prints them, bodies with sorted keys."""
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


def printable(result: dict) -> dict:
    """The result as it may be printed: no URL in it carries credentials."""
    return redact_tree(result)
