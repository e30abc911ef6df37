"""Compare what one job recorded in CPython with what it recorded in Jython.

The two runtimes must agree on what the user sees and what MAS receives: the
outcome, the message (group, key, parameters, text), whether the dialog
closed, and each request (method, URL, status, the body compared as parsed
JSON, since a JSON4J object is an unordered ``java.util.HashMap``, and the
HTTPHandler keys it was made with and the kinds of their values).
"""

from __future__ import annotations

from maxkit.simulate import summarize

MESSAGE_FIELDS = ("group", "key", "params", "text")
REQUEST_FIELDS = ("method", "url", "status", "body")


def differences(cpython: dict, jython: dict) -> list[str]:
    """One line per field that differs, naming it: ``message.params: ...``."""
    if "driver_error" in jython:
        return ["jython: the driver failed:\n" + jython["driver_error"]]
    problems = []

    def differ(field, expected, got):
        if expected != got:
            problems.append(f"{field}: cpython {expected!r}, jython {got!r}")

    for name, record in (("cpython", cpython), ("jython", jython)):
        if record.get("crashed"):
            problems.append(f"{name}: the script crashed:\n{record['crashed']}")
    left, right = summarize(cpython), summarize(jython)
    differ("outcome", left["outcome"], right["outcome"])
    left_message, right_message = left["message"] or {}, right["message"] or {}
    for field in MESSAGE_FIELDS:
        differ(f"message.{field}", left_message.get(field), right_message.get(field))
    differ("dialog_closed", cpython["dialog_closed"], jython["dialog_closed"])
    differ("usage_error", cpython.get("usage_error"), jython.get("usage_error"))
    for field in ("saved", "synced", "sync_error"):
        differ(field, undated(cpython.get(field)), undated(jython.get(field)))
    differ("requests", len(left["requests"]), len(right["requests"]))
    for index, (sent, also_sent) in enumerate(zip(left["requests"], right["requests"])):
        for field in REQUEST_FIELDS:
            differ(f"requests[{index}].{field}", sent[field], also_sent[field])
    for index, (sent, also_sent) in enumerate(
        zip(cpython["requests"], jython["requests"])
    ):
        differ(f"requests[{index}].meta", meta_kinds(sent), meta_kinds(also_sent))
    return problems


# Written with the time of the run (the person's outcome): never the same twice.
RUN_TIME_ATTRIBUTES = ("MASSYNCDATE",)


def undated(tables):
    """Saved tables ({OBJECT: [row, ...]}) without the run-time attributes."""
    if not isinstance(tables, dict):
        return tables
    return {
        name: [
            {k: v for k, v in row.items() if k not in RUN_TIME_ATTRIBUTES}
            for row in rows
        ]
        for name, rows in tables.items()
    }


def meta_kinds(request: dict) -> dict:
    """The HTTPHandler keys a request was made with and the kind of each value
    (values differ: the read timeout is what is left of the deadline)."""
    return {key: entry["type"] for key, entry in request.get("meta", {}).items()}
