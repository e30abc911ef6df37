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

# Cron tasks last: an instance names its script.
ORDER = ("domain", "property", "message", "script", "crontask")


def mif_structure(kind: str, settings) -> str:
    """MXDOMAIN and MXSCRIPT for MIF; the other kinds use the REST ones."""
    return KINDS[kind].mif_structure or settings.object_structures[kind]
