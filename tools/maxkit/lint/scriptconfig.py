"""The scriptConfig of each script: one, strict JSON, fields the deploy tools know.

The field list is the one the Sharptree/Naviam deploy tools apply (their
``NAVIAM.AUTOSCRIPT.DEPLOY`` script and editor schema), written down here as
data; where their deploy script needs a field its schema leaves optional
(``varBindingType``, ``varType``), the deploy script wins.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterator

from maxkit.lint.context import Context, ScriptSource
from maxkit.lint.located import LocatedDict
from maxkit.lint.registry import Finding, check, rule

FAMILY = "scriptConfig"
ML201 = rule("ML201", FAMILY, 'exactly one scriptConfig = """{...}""" per script')
ML202 = rule(
    "ML202", FAMILY, "scriptConfig is strict JSON: no trailing comma, a JSON object"
)
ML203 = rule("ML203", FAMILY, "required fields present, every field of its JSON type")
ML204 = rule(
    "ML204",
    FAMILY,
    "launch point kind known (OBJECT, ATTRIBUTE, ACTION, CUSTOMCONDITION) and its "
    "keys present (ACTION needs actionName, ...)",
)
ML205 = rule(
    "ML205",
    FAMILY,
    "launch point variables are declared in the script's autoScriptVars",
)
ML207 = rule("ML207", FAMILY, "no unknown keys (with a did-you-mean hint)")
ML211 = rule(
    "ML211",
    FAMILY,
    "a property's default is initialPropValue (a non-empty string), never propValue:"
    " Naviam's deploy writes propValue on every deploy, over the site's setting",
)

STRING, BOOLEAN, ARRAY, INTEGER, SCALAR = (
    "string",
    "boolean",
    "array",
    "integer",
    "scalar",
)


@dataclass(frozen=True)
class Shape:
    """The keys one kind of scriptConfig object may have: name -> (type, required)."""

    what: str
    fields: dict[str, tuple[str, bool]]


def _shape(what: str, required: dict[str, str], optional: dict[str, str]) -> Shape:
    fields = {k: (t, True) for k, t in required.items()}
    fields.update({k: (t, False) for k, t in optional.items()})
    return Shape(what, fields)


LAUNCH_POINT_EVENTS = {
    "OBJECT": (
        "initializeValue",
        "validateApplication",
        "allowObjectCreation",
        "allowObjectDeletion",
        "save",
    ),
    "ATTRIBUTE": (
        "initializeAccessRestriction",
        "initializeValue",
        "validate",
        "retrieveList",
        "runAction",
    ),
}
SAVE_KINDS = ("add", "update", "delete")
SAVE_WHEN = ("beforeSave", "afterSave", "afterCommit")
LAUNCH_POINT_KEYS = {
    "ACTION": ("actionName",),
    "OBJECT": ("objectName",),
    "ATTRIBUTE": ("objectName", "attributeName"),
    "CUSTOMCONDITION": (),
}

TOP = _shape(
    "scriptConfig",
    {"autoscript": STRING},
    {
        "description": STRING,
        "version": STRING,
        "active": BOOLEAN,
        "logLevel": STRING,
        "allowInvokingScriptFunctions": BOOLEAN,
        "_delete": BOOLEAN,
        "autoScriptVars": ARRAY,
        "scriptLaunchPoints": ARRAY,
        "messages": ARRAY,
        "maxvars": ARRAY,
        "properties": ARRAY,
        "onDeploy": STRING,
        "onDeployScript": STRING,
        "deleteDeployScript": BOOLEAN,
    },
)
VARIABLE = _shape(
    "autoScriptVars item",
    {"varname": STRING, "varBindingType": STRING, "varType": STRING},
    {
        "description": STRING,
        "allowOverride": BOOLEAN,
        "noValidation": BOOLEAN,
        "noAccessCheck": BOOLEAN,
        "noAction": BOOLEAN,
        "literalDataType": STRING,
        "varBindingValue": SCALAR,
    },
)
_FLAGS = {
    name: BOOLEAN
    for names in LAUNCH_POINT_EVENTS.values()
    for name in names + SAVE_KINDS + SAVE_WHEN
}
LAUNCH_POINT = _shape(
    "scriptLaunchPoints item",
    {"launchPointName": STRING, "launchPointType": STRING},
    {
        "active": BOOLEAN,
        "description": STRING,
        "objectName": STRING,
        "condition": STRING,
        "attributeName": STRING,
        "actionName": STRING,
        "launchPointVars": ARRAY,
        **_FLAGS,
    },
)
LAUNCH_POINT_VARIABLE = _shape(
    "launchPointVars item", {"varName": STRING, "varBindingValue": SCALAR}, {}
)
MESSAGE = _shape(
    "messages item",
    {"msgGroup": STRING, "msgKey": STRING, "value": STRING},
    {"prefix": STRING, "suffix": STRING, "displayMethod": STRING, "delete": BOOLEAN},
)
MAXVAR = _shape(
    "maxvars item",
    {"varName": STRING, "varType": STRING},
    {
        "defaultValue": STRING,
        "description": STRING,
        "orgId": STRING,
        "siteId": STRING,
        "varValue": SCALAR,
        "delete": BOOLEAN,
    },
)
PROPERTY = _shape(
    "properties item",
    {"propName": STRING},
    {
        "secureLevel": INTEGER,
        "maxType": STRING,
        "description": STRING,
        "encrypted": BOOLEAN,
        "masked": BOOLEAN,
        "globalOnly": BOOLEAN,
        "onlineChanges": BOOLEAN,
        "liveRefresh": BOOLEAN,
        "domainId": STRING,
        "nullsAllowed": BOOLEAN,
        "propValue": SCALAR,
        "initialPropValue": SCALAR,
        "delete": BOOLEAN,
    },
)
ARRAYS = {
    "autoScriptVars": VARIABLE,
    "scriptLaunchPoints": LAUNCH_POINT,
    "messages": MESSAGE,
    "maxvars": MAXVAR,
    "properties": PROPERTY,
}


def _is(value: object, kind: str) -> bool:
    if kind == STRING:
        return isinstance(value, str) and value != ""
    if kind == BOOLEAN:
        return isinstance(value, bool)
    if kind == ARRAY:
        return isinstance(value, list)
    if kind == INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    return value is None or isinstance(value, (str, int, float, bool))


_DESCRIBED = {
    STRING: "a non-empty string",
    BOOLEAN: "true or false",
    ARRAY: "an array",
    INTEGER: "an integer",
    SCALAR: "a string, number, boolean or null",
}


@check("scriptconfig")
def scriptconfig(context: Context) -> Iterator[Finding]:
    for script in context.scripts:
        if not script.configs:
            yield ML201.at(
                script.rel,
                1,
                'no scriptConfig = """{...}""" found: the deploy tools need one',
            )
            continue
        if len(script.configs) > 1:
            yield ML201.at(
                script.rel,
                script.configs[1][1],
                f"scriptConfig is defined {len(script.configs)} times (first at line "
                f"{script.configs[0][1]}): the deploy tools need exactly one",
            )
            continue
        if script.config is None:
            problem = script.config_problem
            if problem is not None:
                yield ML202.at(problem.path, problem.line, problem.message)
            continue
        yield from _object(script, script.config, TOP, "scriptConfig")
        for key, shape in ARRAYS.items():
            for index, item in enumerate(script.items(key)):
                where = f"{key}[{index}]"
                yield from _object(script, item, shape, where)
        yield from _launch_points(script)
        yield from _property_defaults(script)


def _property_defaults(script: ScriptSource) -> Iterator[Finding]:
    """A shipped default must not overwrite a site's setting on redeploy.

    Naviam's deploy script (createOrUpdateProperty) sets MAXPROPVALUE from
    ``propValue`` on every deploy and from ``initialPropValue`` only when the
    property's value row is new; it skips an empty or falsy value, so a
    default of 0 or "" would never be written: give it as a string.
    """
    for index, prop in enumerate(script.items("properties")):
        where = f"properties[{index}]"
        if "propValue" in prop:
            yield ML211.at(
                script.rel,
                script.config_at(prop.line_of("propValue")),
                f"{where}.propValue is written on every deploy, resetting what the"
                " site set: declare the default as initialPropValue",
            )
        value = prop.get("initialPropValue")
        if value is not None and not (isinstance(value, str) and value != ""):
            yield ML211.at(
                script.rel,
                script.config_at(prop.line_of("initialPropValue")),
                f"{where}.initialPropValue must be a non-empty string (a deploy"
                " tool skips an empty or false value); leave it out (or null) for no default",
            )


def _items(
    script: ScriptSource, parent: LocatedDict, key: str
) -> Iterator[LocatedDict]:
    value = parent.get(key)
    if not isinstance(value, list):
        return
    for item in value:
        if isinstance(item, LocatedDict):
            yield item


def _object(
    script: ScriptSource, item: LocatedDict, shape: Shape, where: str
) -> Iterator[Finding]:
    for name, (kind, required) in shape.fields.items():
        if name not in item:
            if required:
                yield ML203.at(
                    script.rel,
                    script.config_at(item.line),
                    f"{where} has no {name} ({_DESCRIBED[kind]}), which is required",
                )
        elif not _is(item[name], kind):
            yield ML203.at(
                script.rel,
                script.config_at(item.line_of(name)),
                f"{where}.{name} must be {_DESCRIBED[kind]}",
            )
    for name in item:
        if name not in shape.fields:
            hint = difflib.get_close_matches(name, list(shape.fields), n=1)
            suggestion = f": did you mean '{hint[0]}'?" if hint else ""
            yield ML207.at(
                script.rel,
                script.config_at(item.line_of(name)),
                f"unknown key '{name}' in {where}{suggestion}",
            )


def _launch_points(script: ScriptSource) -> Iterator[Finding]:
    variables = {
        v["varname"].lower()
        for v in script.items("autoScriptVars")
        if isinstance(v.get("varname"), str)
    }
    for index, point in enumerate(script.items("scriptLaunchPoints")):
        where = f"scriptLaunchPoints[{index}]"
        line = script.config_at(point.line)
        kind = point.get("launchPointType")
        if isinstance(kind, str) and kind not in LAUNCH_POINT_KEYS:
            hint = difflib.get_close_matches(kind.upper(), list(LAUNCH_POINT_KEYS), n=1)
            suggestion = f": did you mean '{hint[0]}'?" if hint else ""
            yield ML204.at(
                script.rel,
                script.config_at(point.line_of("launchPointType")),
                f"{where}.launchPointType {kind!r} is not one of "
                f"{', '.join(LAUNCH_POINT_KEYS)}{suggestion}",
            )
        for key in LAUNCH_POINT_KEYS.get(str(kind), ()):
            if not isinstance(point.get(key), str) or not point.get(key):
                yield ML204.at(
                    script.rel,
                    line,
                    f"{where}: a launch point of type {kind} needs {key}",
                )
        yield from _events(script, point, kind, where, line)
        for var_index, variable in enumerate(_items(script, point, "launchPointVars")):
            var_where = f"{where}.launchPointVars[{var_index}]"
            yield from _object(script, variable, LAUNCH_POINT_VARIABLE, var_where)
            name = variable.get("varName")
            if isinstance(name, str) and name.lower() not in variables:
                yield ML205.at(
                    script.rel,
                    script.config_at(variable.line_of("varName")),
                    f"{var_where} binds {name}, which is not among the script's "
                    "autoScriptVars: declare it there",
                )


def _events(
    script: ScriptSource, point: LocatedDict, kind: object, where: str, line: int
) -> Iterator[Finding]:
    """OBJECT and ATTRIBUTE launch points fire on exactly one event."""
    events = LAUNCH_POINT_EVENTS.get(kind) if isinstance(kind, str) else None
    if events is None:
        return
    chosen = [e for e in events if point.get(e) is True]
    if len(chosen) != 1:
        yield ML204.at(
            script.rel,
            line,
            f"{where}: a launch point of type {kind} needs exactly one of "
            f"{', '.join(events)} set to true (found {len(chosen)})",
        )
    if chosen == ["save"] and kind == "OBJECT":
        if not any(point.get(k) is True for k in SAVE_KINDS):
            yield ML204.at(
                script.rel,
                line,
                f"{where}: a save launch point needs add, update or delete",
            )
        if sum(point.get(k) is True for k in SAVE_WHEN) != 1:
            yield ML204.at(
                script.rel,
                line,
                f"{where}: a save launch point needs one of {', '.join(SAVE_WHEN)}",
            )
