"""What each kind of record is in Maximo: main object, key, child objects.

One table serves the MIF writer (element names), the REST writer and deploy
(how to find a record and match its children). The child lists are what the
routes carry; which children the stock object structures really include is
recorded in IMPORT.md with how sure we are.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Child:
    name: str
    object: str
    key: tuple[str, ...]
    children: tuple["Child", ...] = ()


@dataclass(frozen=True)
class Kind:
    kind: str
    object: str
    key: tuple[str, ...]
    mif_structure: str | None
    children: tuple[Child, ...] = field(default=())
    # The [tool.maxkit.object-structures] key naming its object structure,
    # when another kind's (the default is its own kind).
    setting: str = ""

    def key_of(self, record: dict) -> tuple:
        return tuple(record.get(k) for k in self.key)

    def label(self, record: dict) -> str:
        return ".".join(str(v) for v in self.key_of(record))


KINDS = {
    "domain": Kind(
        "domain",
        "MAXDOMAIN",
        ("domainid",),
        "MXDOMAIN",
        (Child("alndomain", "ALNDOMAIN", ("value",)),),
    ),
    "property": Kind(
        "property",
        "MAXPROP",
        ("propname",),
        None,
        (Child("maxpropvalue", "MAXPROPVALUE", ("servername",)),),
    ),
    "message": Kind("message", "MAXMESSAGES", ("msggroup", "msgkey"), None),
    "script": Kind(
        "script",
        "AUTOSCRIPT",
        ("autoscript",),
        "MXSCRIPT",
        (
            Child("autoscriptvars", "AUTOSCRIPTVARS", ("varname",)),
            Child(
                "scriptlaunchpoint",
                "SCRIPTLAUNCHPOINT",
                ("launchpointname",),
                (Child("launchpointvars", "LAUNCHPOINTVARS", ("varname",)),),
            ),
        ),
    ),
    "crontask": Kind(
        "crontask",
        "CRONTASKDEF",
        ("crontaskname",),
        None,
        (
            Child(
                "crontaskinstance",
                "CRONTASKINSTANCE",
                ("instancename",),
                (Child("crontaskparam", "CRONTASKPARAM", ("parameter",)),),
            ),
        ),
    ),
}

# The script loggers as the MIF and REST routes send them: Maximo's
# automation script logger, found by its LOGKEY and left as it is, with the
# bundle's loggers as its children by MAXLOGGER's relationship CHILDLOGGERS
# ([V] IBM's data dictionary: parentloggerid=:maxloggerid, so the child's
# PARENTLOGGERID comes from the parent; [I] that the MIF/REST processing
# fills it through the relationship, and that the object structure named by
# the "logger" setting includes the child). A static file cannot know the
# parent's MAXLOGGERID; deploy reads it instead and writes each row alone.
KINDS["parentlogger"] = Kind(
    "parentlogger",
    "MAXLOGGER",
    ("logkey",),
    None,
    (Child("childloggers", "MAXLOGGER", ("logkey",)),),
    setting="logger",
)

# As deploy: loggers after the messages, before the scripts that log through
# them; cron tasks last: an instance names its script.
ORDER = ("domain", "property", "message", "parentlogger", "script", "crontask")

# What only deploy writes over REST (the package carries these in its DBC).
# Each main object is one row of Maximo's data dictionary (maximo.json).
KINDS.update(
    {
        "logger": Kind("logger", "MAXLOGGER", ("logkey",), None),
        "action": Kind("action", "ACTION", ("action",), None),
        "sigoption": Kind(
            "sigoption",
            "SIGOPTION",
            ("app", "optionname"),
            None,
            (Child("sigoptflag", "SIGOPTFLAG", ("flagname",)),),
        ),
        "grant": Kind(
            "grant", "APPLICATIONAUTH", ("groupname", "app", "optionname"), None
        ),
        "menu": Kind(
            "menu",
            "MAXMENU",
            ("menutype", "moduleapp", "elementtype", "keyvalue"),
            None,
        ),
        "query": Kind("query", "QUERY", ("app", "owner", "clausename"), None),
        "presentation": Kind("presentation", "MAXPRESENTATION", ("app",), None),
        # Read only: whether an attribute still uses a domain --uninstall removes.
        "attribute": Kind(
            "attribute", "MAXATTRIBUTE", ("objectname", "attributename"), None
        ),
    }
)

# deploy's order: loggers before the scripts that log through them; the
# ACTION after the script whose launch point runs it; a signature option
# (its WFACTION option names the ACTION) before the grants and the Select
# Action entry of it; the application's presentation last, once everything
# its dialog and sections show exists. --uninstall goes in reverse.
DEPLOY_ORDER = (
    "domain",
    "property",
    "message",
    "logger",
    "script",
    "action",
    "crontask",
    "sigoption",
    "grant",
    "menu",
    "query",
    "presentation",
)


def object_structure(kind: str, settings) -> str:
    """The REST object structure of ``kind``, as the site names it."""
    return settings.object_structures[KINDS[kind].setting or kind]


def mif_structure(kind: str, settings) -> str:
    """MXDOMAIN and MXSCRIPT for MIF; the other kinds use the REST ones."""
    return KINDS[kind].mif_structure or object_structure(kind, settings)
