"""Names fit the Maximo columns they are stored in.

The lengths come from the project's data dictionary,
``tools/maxkit/data/maximo.json``, whose ``lengthNote`` says how each length
is known; most are recollection, so every finding names the column and the
file to correct.
"""

from __future__ import annotations

from typing import Iterator

from maxkit.dictionary import Attribute, data_dictionary
from maxkit.lint.context import Context
from maxkit.lint.registry import Finding, check, rule

TABLE = "tools/maxkit/data/maximo.json"
ML206 = rule(
    "ML206",
    "scriptConfig",
    f"names fit Maximo's column lengths ({TABLE}): script, launch point, action, "
    "variable, message, property and domain names",
)

# scriptConfig array (or None for the top level), key, column.
CONFIG_COLUMNS = (
    (None, "autoscript", "AUTOSCRIPT.AUTOSCRIPT"),
    (None, "description", "AUTOSCRIPT.DESCRIPTION"),
    ("scriptLaunchPoints", "launchPointName", "SCRIPTLAUNCHPOINT.LAUNCHPOINTNAME"),
    ("scriptLaunchPoints", "actionName", "ACTION.ACTION"),
    ("scriptLaunchPoints", "objectName", "SCRIPTLAUNCHPOINT.OBJECTNAME"),
    ("scriptLaunchPoints", "attributeName", "SCRIPTLAUNCHPOINT.ATTRIBUTENAME"),
    ("autoScriptVars", "varname", "AUTOSCRIPTVARS.VARNAME"),
    ("messages", "msgGroup", "MAXMESSAGES.MSGGROUP"),
    ("messages", "msgKey", "MAXMESSAGES.MSGKEY"),
    ("messages", "value", "MAXMESSAGES.VALUE"),
    ("properties", "propName", "MAXPROP.PROPNAME"),
)


def _column(column: str) -> Attribute:
    name, attribute = column.split(".")
    return data_dictionary()[name].attributes[attribute]


def _describe(column: str) -> str:
    entry = _column(column)
    return f"{column} holds {entry.length} ({entry.note}; {TABLE})"


@check("lengths")
def lengths(context: Context) -> Iterator[Finding]:
    for script in context.scripts:
        if script.config is None:
            continue
        for array, key, column in CONFIG_COLUMNS:
            items = [script.config] if array is None else script.items(array)
            for item in items:
                value = item.get(key)
                limit = _column(column).length
                if isinstance(value, str) and len(value) > limit:
                    yield ML206.at(
                        script.rel,
                        script.config_at(item.line_of(key)),
                        f"{key} {value[:40]!r} has {len(value)} characters; "
                        + _describe(column),
                    )
    domains, _ = context.domains
    column = "MAXDOMAIN.DOMAINID"
    for domain in domains.values():
        if len(domain.domainid) > _column(column).length:
            yield ML206.at(
                context.rel(domain.path),
                _domain_line(domain.path, domain.domainid),
                f"DOMAINID {domain.domainid} has {len(domain.domainid)} characters; "
                + _describe(column),
            )


def _domain_line(path, domainid: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if f">{domainid}<" in line:
            return number
    return 1
