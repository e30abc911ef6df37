"""The bundle as Maximo records: one dict per object, attribute names lower-case.

Every route (MIF XML, REST JSON, DBC, deploy) is generated from these records,
so the routes cannot drift apart and each output can be compared with them.
Child objects are lists under the relationship name Maximo uses for them
(``autoscriptvars``, ``scriptlaunchpoint``, ``launchpointvars``, ``alndomain``).
"""

from __future__ import annotations

import zlib

from maxkit.bundle.model import Bundle, Domain, Script, property_default
from maxkit.errors import BundleError

# OBJECT launch point events: the bit values Maximo stores in OBJECTEVENT.
_OBJECT_EVENTS = (
    ("initializeValue", 1),
    ("validateApplication", 1024),
    ("allowObjectCreation", 2048),
    ("allowObjectDeletion", 4096),
)
_SAVE_BITS = {
    "beforeSave": {"add": 2, "update": 4, "delete": 8},
    "afterSave": {"add": 16, "update": 32, "delete": 64},
    "afterCommit": {"add": 128, "update": 256, "delete": 512},
}
_ATTRIBUTE_EVENTS = (
    ("validate", 0),
    ("runAction", 1),
    ("initializeValue", 2),
    ("initializeAccessRestriction", 8),
    ("retrieveList", 64),
)
MESSAGE_OK_BUTTON = 2
SCRIPT_ACTION_CLASS = "com.ibm.tivoli.maximo.script.ScriptAction"
SCRIPT_CRONTASK_CLASS = "com.ibm.tivoli.maximo.script.ScriptCrontask"
# The prefix of a message without one of its own ("prefix" in scriptConfig):
# BMXZZ is the prefix Naviam's scriptConfig schema defaults to.
MESSAGE_PREFIX = "BMXZZ"
# The base language the bundle's rows are written in (LANGCODE; HASLD false:
# no long description), as Sharptree's autoscript-dbc writes its ACTION rows.
BASE_LANGUAGE = "EN"


def _where(script: Script) -> str:
    return f"{script.path}:{script.config_line}"


def _object_event(script: Script, lp: dict) -> int:
    for flag, bit in _OBJECT_EVENTS:
        if lp.get(flag):
            return bit
    if lp.get("save"):
        for context, bits in _SAVE_BITS.items():
            if lp.get(context):
                total = sum(bit for op, bit in bits.items() if lp.get(op))
                if total:
                    return total
        raise BundleError(
            _where(script),
            f"launch point {lp.get('launchPointName')}: save needs add/update/delete"
            " and one of beforeSave, afterSave, afterCommit",
        )
    raise BundleError(
        _where(script),
        f"launch point {lp.get('launchPointName')}: an OBJECT launch point needs an"
        " event (initializeValue, validateApplication, allowObjectCreation,"
        " allowObjectDeletion or save)",
    )


def _launch_point(script: Script, lp: dict) -> dict:
    kind = lp.get("launchPointType")
    record = {
        "launchpointname": lp["launchPointName"],
        "launchpointtype": kind,
        "description": lp.get("description", ""),
        "active": bool(lp.get("active", True)),
        "objectname": lp.get("objectName", ""),
    }
    if lp.get("condition"):
        record["condition"] = lp["condition"]
    if kind == "OBJECT":
        record["objectevent"] = _object_event(script, lp)
    elif kind == "ATTRIBUTE":
        record["attributename"] = lp.get("attributeName", "")
        record["objectevent"] = next(
            (bit for flag, bit in _ATTRIBUTE_EVENTS if lp.get(flag)), 0
        )
    elif kind == "ACTION":
        if not lp.get("actionName"):
            raise BundleError(
                _where(script),
                f"launch point {lp['launchPointName']}: ACTION needs actionName",
            )
        record["actionname"] = lp["actionName"]
    elif kind != "CUSTOMCONDITION":
        raise BundleError(
            _where(script),
            f"launch point {lp.get('launchPointName')}: type {kind!r} cannot be"
            " packaged (OBJECT, ATTRIBUTE, ACTION or CUSTOMCONDITION)",
        )
    record["launchpointvars"] = [
        {"varname": v["varName"], "varbindingvalue": str(v["varBindingValue"])}
        for v in lp.get("launchPointVars", [])
    ]
    return record


def _script_var(var: dict) -> dict:
    record = {
        "varname": var["varname"],
        "description": var.get("description", ""),
        "varbindingtype": var.get("varBindingType", "LITERAL").upper(),
        "vartype": var.get("varType", "IN").upper(),
        "allowoverride": bool(var.get("allowOverride", False)),
    }
    if var.get("literalDataType"):
        record["literaldatatype"] = var["literalDataType"].upper()
    if var.get("varBindingValue") is not None:
        record["varbindingvalue"] = str(var["varBindingValue"])
    return record


def script_record(script: Script) -> dict:
    """AUTOSCRIPT with its variables before its launch points (Maximo's order)."""
    config = script.config
    names = [v.get("varname") for v in config.get("autoScriptVars", [])]
    for lp in config.get("scriptLaunchPoints", []):
        for var in lp.get("launchPointVars", []):
            if var.get("varName") not in names:
                raise BundleError(
                    _where(script),
                    f"launch point {lp.get('launchPointName')} binds variable"
                    f" {var.get('varName')}, which autoScriptVars does not declare",
                )
    return {
        "autoscript": script.name,
        "description": config.get("description", ""),
        "version": config.get("version", ""),
        "scriptlanguage": "python",
        "loglevel": config.get("logLevel", "ERROR"),
        "active": bool(config.get("active", True)),
        "interface": bool(config.get("allowInvokingScriptFunctions", False)),
        "source": script.source,
        "autoscriptvars": [_script_var(v) for v in config.get("autoScriptVars", [])],
        "scriptlaunchpoint": [
            _launch_point(script, lp) for lp in config.get("scriptLaunchPoints", [])
        ],
    }


def domain_record(domain: Domain) -> dict:
    too_long = [v.value for v in domain.values if len(v.value) > domain.length]
    if too_long:
        raise BundleError(
            f"{domain.path}:1",
            f"domain {domain.domainid}: value(s) {', '.join(too_long)} longer than"
            f" LENGTH {domain.length}; raise LENGTH",
        )
    return {
        "domainid": domain.domainid,
        "description": domain.description,
        "domaintype": domain.domaintype,
        "maxtype": domain.maxtype,
        "length": domain.length,
        "alndomain": [
            {"value": v.value, "description": v.description} for v in domain.values
        ],
    }


def message_record(message: dict) -> dict:
    return {
        "msggroup": message["msgGroup"],
        "msgkey": message["msgKey"],
        "value": message["value"],
        "displaymethod": message.get("displayMethod", "MSGBOX"),
        "msgidprefix": message.get("prefix", MESSAGE_PREFIX),
        "msgidsuffix": message.get("suffix", "E"),
        "options": MESSAGE_OK_BUTTON,
    }


def property_record(prop: dict) -> dict:
    """MAXPROP; the value is kept apart because a site owns it once set."""
    secure = prop.get("secureLevel", "PRIVATE")
    default = property_default(prop)
    record = {
        "propname": prop["propName"],
        "description": prop.get("description", ""),
        "maxtype": prop.get("maxType", "ALN"),
        "securelevel": str(secure).upper(),
        "globalonly": bool(prop.get("globalOnly", False)),
        "liverefresh": bool(prop.get("liveRefresh", True)),
        "nullsallowed": bool(prop.get("nullsAllowed", default is None)),
        "onlinechanges": bool(prop.get("onlineChanges", True)),
        "encrypted": bool(prop.get("encrypted", False)),
        "masked": bool(prop.get("masked", False)),
    }
    if default is not None:
        record["maxpropvalue"] = [{"servername": "COMMON", "propvalue": default}]
    return record


# Maximo's logger of every automation script, and its key: a script's own
# logger is its child, LOGGER = the script's name, LOGKEY = the parent's key
# and the name ([V] IBM "Automation scripts loggers"; the key from Sharptree's
# "Automation Script Logging", 2021).
SCRIPT_LOGGER_KEY = "log4j.logger.maximo.script"
LOG_LEVELS = ("DEBUG", "INFO", "WARN", "ERROR", "FATAL")


def logger_records(bundle: Bundle) -> list[dict]:
    """MAXLOGGER rows: a child of ``autoscript`` for each script whose
    scriptConfig ``logLevel`` is more verbose than the parent's ERROR, at that
    level, so the lines the script writes at it (audit, summary) are written.
    No appender of its own: the child inherits the parent's."""
    rows = []
    for script in sorted(bundle.scripts.values(), key=lambda s: s.name):
        level = script.config.get("logLevel", "ERROR")
        if level not in LOG_LEVELS:
            raise BundleError(
                _where(script),
                f"logLevel {level!r} is not one of {', '.join(LOG_LEVELS)}",
            )
        if LOG_LEVELS.index(level) < LOG_LEVELS.index("ERROR"):
            rows.append(
                {
                    "logger": script.name,
                    "logkey": f"{SCRIPT_LOGGER_KEY}.{script.name}",
                    "loglevel": level,
                    "active": True,
                    "internal": False,
                }
            )
    return rows


def logger_tree(bundle: Bundle) -> list[dict]:
    """The script loggers for MIF and REST (structures.KINDS["parentlogger"]):
    one record naming Maximo's automation script logger by its LOGKEY only,
    so its own values stay as the site has them, with the bundle's loggers as
    its ``childloggers``; none when no script has a logger of its own."""
    children = logger_records(bundle)
    if not children:
        return []
    return [{"logkey": SCRIPT_LOGGER_KEY, "childloggers": children}]


def action_records(bundle: Bundle) -> list[dict]:
    """The ACTION rows an ACTION launch point runs through (ScriptAction)."""
    rows = []
    for script in bundle.scripts.values():
        for lp in script_record(script)["scriptlaunchpoint"]:
            if lp["launchpointtype"] == "ACTION":
                rows.append(
                    {
                        "action": lp["actionname"],
                        "description": lp["description"] or lp["launchpointname"],
                        "objectname": lp["objectname"],
                        "type": "CUSTOM",
                        "value": SCRIPT_ACTION_CLASS,
                        "parameter": f"{script.name},{lp['launchpointname']},"
                        f"{lp['actionname']}",
                        "usewith": "ALL",
                        "langcode": BASE_LANGUAGE,
                        "hasld": False,
                    }
                )
    return rows


def scripts_in_order(bundle: Bundle) -> list[Script]:
    """Libraries (their scriptConfig allows invoking their functions) first,
    then scripts without launch points (a cron task's), so nothing runs that
    calls a missing one."""
    return sorted(
        bundle.scripts.values(),
        key=lambda s: (
            not s.config.get("allowInvokingScriptFunctions"),
            bool(s.launch_points),
            s.name,
        ),
    )


def message_ids(messages: list[dict]) -> dict[tuple[str, str], str]:
    """MAXMESSAGES.MSGID of each (msggroup, msgkey): prefix, 4 digits, suffix.

    The number comes from the group and key (CRC-32, 1000-9999), so adding a
    message never renumbers another; a clash takes the next free number, in
    (group, key) order. Only the DBC needs it: the MIF and REST routes go
    through the MAXMESSAGES object, which numbers a message itself.
    """
    used: set[int] = set()
    ids = {}
    for m in sorted(messages, key=lambda m: (m["msggroup"], m["msgkey"])):
        key = f"{m['msggroup']}.{m['msgkey']}".encode("utf-8")
        number = 1000 + zlib.crc32(key) % 9000
        while number in used:
            number = 1000 + (number - 999) % 9000
        used.add(number)
        ids[(m["msggroup"], m["msgkey"])] = (
            f"{m['msgidprefix']}{number:04d}{m['msgidsuffix']}"
        )
    return ids


def crontask_record(bundle: Bundle, task) -> dict:
    """CRONTASKDEF with its instance and the instance's parameters."""
    script = bundle.scripts.get(task.script)
    if script is None:
        raise BundleError(
            "pyproject.toml:1",
            f"[tool.maxkit.crontasks.{task.script}] names no script in scripts/",
        )
    if script.launch_points:
        raise BundleError(
            _where(script),
            f"{task.script} has launch points; a cron task script has none"
            " (ScriptCrontask runs it by name)",
        )
    description = script.config.get("description", "")
    return {
        "crontaskname": task.script,
        "description": description,
        "classname": SCRIPT_CRONTASK_CLASS,
        "accesslevel": "FULL",
        "crontaskinstance": [
            {
                "instancename": task.instance,
                "description": description,
                "schedule": task.schedule,
                "active": False,
                "runasuserid": task.run_as,
                "keephistory": True,
                "maxhistory": 1000,
                "crontaskparam": [
                    {"parameter": "SCRIPTARG", "value": task.scriptarg},
                    {"parameter": "SCRIPTNAME", "value": task.script},
                ],
            }
        ],
    }


def bundle_records(bundle: Bundle, settings) -> dict[str, list[dict]]:
    """All records by kind, in the order they must reach Maximo."""
    return {
        "domain": [domain_record(bundle.domains[k]) for k in sorted(bundle.domains)],
        "property": sorted(
            (property_record(p) for p in bundle.properties()),
            key=lambda r: r["propname"],
        ),
        "message": sorted(
            (message_record(m) for m in bundle.messages()),
            key=lambda r: (r["msggroup"], r["msgkey"]),
        ),
        "parentlogger": logger_tree(bundle),
        "script": [script_record(s) for s in scripts_in_order(bundle)],
        "crontask": [crontask_record(bundle, t) for t in settings.crontasks],
    }


# MAXMENU of a Select Action entry: the application's action menu, one OPTION
# element keyed by the signature option ([I] the values the stock
# additional_app_menu DBC statement writes; MAXMENU's columns are [V] in the
# data dictionary).
APP_MENU = "APPMENU"
MENU_OPTION = "OPTION"


def _supports(bundle: Bundle):
    return [bundle.dialogs[k].support for k in sorted(bundle.dialogs)]


def sigoption_records(bundle: Bundle) -> list[dict]:
    """SIGOPTION with its SIGOPTFLAG WFACTION row when the option is one."""
    return [
        {
            "app": support.app,
            "optionname": option.name,
            "description": option.description,
            "esigenabled": False,
            "visible": True,
            "langcode": BASE_LANGUAGE,
            "hasld": False,
            "sigoptflag": ([{"flagname": "WFACTION"}] if option.wfaction else []),
        }
        for support in _supports(bundle)
        for option in support.sigoptions
    ]


def grant_records(bundle: Bundle, groups) -> list[dict]:
    """APPLICATIONAUTH: each option to each group of ``grant-groups``."""
    return [
        {"groupname": group, "app": support.app, "optionname": option.name}
        for support in _supports(bundle)
        for group in groups
        for option in support.sigoptions
    ]


def menu_records(bundle: Bundle) -> list[dict]:
    """MAXMENU: the Select Action entries."""
    return [
        {
            "menutype": APP_MENU,
            "moduleapp": support.app,
            "elementtype": MENU_OPTION,
            "keyvalue": menu.sigoption,
            "position": menu.position,
            "subposition": menu.subposition,
            "visible": True,
            "tabdisplay": menu.tabdisplay,
        }
        for support in _supports(bundle)
        for menu in sorted(support.menus, key=lambda m: (m.position, m.subposition))
    ]


def query_records(bundle: Bundle) -> list[dict]:
    """QUERY: the public saved queries a support file declares (``<query>``)."""
    return [
        {
            "app": support.app,
            "clausename": query.name,
            "owner": query.owner,
            "description": query.description,
            "clause": query.clause,
            "ispublic": True,
        }
        for support in _supports(bundle)
        for query in getattr(support, "queries", ())
    ]


def presentation_records(bundle: Bundle) -> list[dict]:
    """MAXPRESENTATION per application the dialogs go into; the XML itself is
    the server's, merged with the bundle's parts when deploy reads it."""
    return [{"app": app} for app in sorted({s.app for s in _supports(bundle)})]


def deploy_records(bundle: Bundle, settings) -> dict[str, list[dict]]:
    """What ``invoke deploy`` writes, by kind: the package's REST records and
    the parts the package carries in its DBC (all but the PERSON attributes)."""
    records = bundle_records(bundle, settings)
    # Deploy reads the parent's id and writes each logger row alone.
    del records["parentlogger"]
    records.update(
        logger=logger_records(bundle),
        action=sorted(action_records(bundle), key=lambda r: r["action"]),
        sigoption=sigoption_records(bundle),
        grant=grant_records(bundle, settings.grant_groups),
        menu=menu_records(bundle),
        query=query_records(bundle),
        presentation=presentation_records(bundle),
    )
    return records
