"""The settings, messages and lint-rule tables, from the declarations they describe.

Settings and messages are declared once, in the scripts' scriptConfig; the
MSGID is the one the package writes; the rules are the lint's own registry.
"""

from __future__ import annotations

from maxkit.bundle.model import Bundle, property_default
from maxkit.docgen.scriptsource import library_constant
from maxkit.bundle.records import message_ids, message_record, property_record


def cell(text: str) -> str:
    """``text`` as one Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def settings_table(bundle: Bundle) -> str:
    """One row per declared property; the range is the one the library enforces."""
    ranges = {
        name: f"{low}–{high} ({unit})"
        for name, low, high, unit in library_constant(bundle, "NUMERIC_SETTINGS")
    }
    lines = [
        "| property | default | type | range | meaning | stored |",
        "|---|---|---|---|---|---|",
    ]
    for prop in bundle.properties():
        record = property_record(prop)
        value = property_default(prop)
        default = "*(empty)*" if value is None else f"`{value}`"
        stored = [record["securelevel"].lower()]
        stored += [flag for flag in ("encrypted", "masked") if record[flag]]
        stored += ["global"] if record["globalonly"] else []
        lines.append(
            f"| `{record['propname']}` | {default} | {record['maxtype']} |"
            f" {ranges.get(record['propname'], '')} |"
            f" {cell(record['description'])} | {', '.join(stored)} |"
        )
    return "\n".join(lines)


def messages_table(bundle: Bundle) -> str:
    records = [message_record(m) for m in bundle.messages()]
    ids = message_ids(records)
    lines = ["| group | key | MSGID | text |", "|---|---|---|---|"]
    for record in records:
        group, key = record["msggroup"], record["msgkey"]
        lines.append(
            f"| {group} | `{key}` | {ids[(group, key)]} | {cell(record['value'])} |"
        )
    return "\n".join(lines)


def lint_rules_table() -> str:
    from maxkit.lint.registry import CHECKS, RULES
    from maxkit.lint import runner  # noqa: F401 - registers every rule and check

    lines = ["| code | family | checks |", "|---|---|---|"]
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        lines.append(f"| {rule.code} | {rule.family} | {cell(rule.summary)} |")
    names = [
        f"`{c.name}`" + (" (starts another program)" if c.external else "")
        for c in CHECKS.values()
    ]
    lines += ["", "Checks, as `--only`/`--skip` name them: " + ", ".join(names) + "."]
    return "\n".join(lines)
