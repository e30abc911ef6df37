"""Build the spec of a fake Maximo world from the bundle: what Manage would hold
once the bundle is deployed (attributes, domains, messages, properties, scripts)."""

from __future__ import annotations

from maxkit import dictionary
from maxkit.bundle.model import Bundle, property_default

ROOT_LOGGER = "autoscript"


def stock_maximo() -> dict:
    """The stock data dictionary, keys and synonym domains the fake knows."""
    raw = dictionary.raw()
    return {
        "objects": dictionary.flat_objects(),
        "keys": {
            name: {"uniqueId": spec.get("uniqueId"), "primaryKey": spec["primaryKey"]}
            for name, spec in raw["objects"].items()
        },
        "synonyms": raw["synonyms"],
    }


def object_launch_points(bundle: Bundle) -> list[dict]:
    """The OBJECT and ATTRIBUTE launch points the bundle declares, each with its
    script's name: the fake fires an OBJECT one when a record of its object is
    saved, an ATTRIBUTE one (runAction) when its attribute is set."""
    return [
        {**point, "script": script.name}
        for script in bundle.scripts.values()
        for point in script.launch_points
        if point.get("launchPointType") in ("OBJECT", "ATTRIBUTE")
    ]


def deployed_loggers(bundle: Bundle) -> dict[str, str]:
    """The loggers as deploying the bundle leaves them: Maximo's ``autoscript``
    at its shipped ERROR, and the bundle's child logger of each script that
    logs at a more verbose level (bundle.records.logger_records)."""
    from maxkit.bundle.records import logger_records

    loggers = {ROOT_LOGGER: "ERROR"}
    for record in logger_records(bundle):
        loggers[f"{ROOT_LOGGER}.{record['logger']}"] = record["loglevel"]
    return loggers


def deployed_properties(bundle: Bundle) -> dict[str, str]:
    """System properties as deploying the bundle creates them (declared defaults)."""
    return {
        p["propName"]: property_default(p)
        for p in bundle.properties()
        if property_default(p) is not None
    }


#: The suite and Manage as installed, for a world that stands for a stock
#: site (simulate, the bench, the tests): the default SAML identity provider
#: registered, its id ``default-saml`` (third-party MAS 9.1.4 test kit
#: lfDev28/mas_iam_operator), and Maximo's NEWUSERGROUP default (IBM docs,
#: "Security groups overview"). A site's own provider id is refused there as
#: Manage refuses an id the suite does not know.
STOCK_SUITE = {
    "identity_providers": ["default-saml"],
    "maxvars": {"NEWUSERGROUP": "MAXEVERYONE"},
}


class TablesError(ValueError):
    """Pre-existing records that name an object or attribute Maximo does not have."""


def check_tables(
    tables: dict[str, list[dict]], objects: dict[str, dict], *, exact_case=False
) -> None:
    """Refuse records the data dictionary cannot hold, naming the first problem.

    Each object is a list of records, each record an object of attribute
    values. ``exact_case``: names must be upper case, as Maximo spells them
    (for records a user writes, e.g. ``simulate --data``).
    """

    def known(word: str, names) -> bool:
        return (word == word.upper() or not exact_case) and word.upper() in names

    for name, rows in tables.items():
        if not known(name, objects):
            raise TablesError(
                f"{name} is not an object of the data dictionary"
                " (object names are upper case, e.g. MAXUSER)"
            )
        if not isinstance(rows, list):
            raise TablesError(f"{name}: give a list of records")
        for index, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise TablesError(f"{name} record {index}: give an object")
            for attribute in row:
                if not known(attribute, objects[name.upper()]):
                    raise TablesError(
                        f"{name} record {index}: {attribute} is not an attribute"
                        f" of {name} (attribute names are upper case)"
                    )


def world_spec(
    bundle: Bundle,
    *,
    properties: dict[str, str] | None = None,
    http: dict | None = None,
    tables: dict[str, list[dict]] | None = None,
    env: dict[str, str] | None = None,
    synonyms: dict[str, list[dict]] | None = None,
    user: str = "MAXADMIN",
    system_user: str | None = None,
    people: dict[str, str] | None = None,
    java_properties: dict[str, str] | None = None,
    identity_providers: list[str] | None = None,
    maxvars: dict[str, str] | None = None,
    with_defaults: bool = True,
    loggers: dict[str, str] | None = None,
) -> dict:
    """The spec; ``user`` is who the scripts run as. ``system_user``
    (MXServer.getSystemUserInfo), ``people`` (login -> PERSONID, for
    UserInfo.getPersonId), ``java_properties`` (System.getProperty),
    ``identity_providers`` (the ids of the suite's identity providers, which
    MASUSERIDP.IDPID is checked against) and ``maxvars`` (MAXVARS values,
    e.g. NEWUSERGROUP for MaxUser.addGroupUser) are left out unless given:
    the fake then fails loudly when a script asks."""
    stock = stock_maximo()
    objects = {name: dict(attrs) for name, attrs in stock["objects"].items()}
    for name in objects:
        for attribute in bundle.attributes(name):
            objects[name][attribute.name] = {
                "maxtype": attribute.maxtype,
                "length": attribute.length,
                "persistent": attribute.persistent,
                "domain": attribute.domain,
            }
    all_synonyms = dict(stock["synonyms"])
    for domainid, rows in (synonyms or {}).items():
        all_synonyms[domainid] = all_synonyms.get(domainid, []) + list(rows)
    check_tables(tables or {}, objects)
    props = deployed_properties(bundle) if with_defaults else {}
    props.update(properties or {})
    return {
        "objects": objects,
        "keys": stock["keys"],
        "launchpoints": object_launch_points(bundle),
        "synonyms": all_synonyms,
        "alndomains": {
            d.domainid: [
                {"value": v.value, "description": v.description} for v in d.values
            ]
            for d in bundle.domains.values()
        },
        "messages": [
            {"group": m["msgGroup"], "key": m["msgKey"], "text": m["value"]}
            for m in bundle.messages()
        ],
        "scripts": {
            s.name: {
                "source": s.source,
                "path": str(s.path),
                "loglevel": s.config.get("logLevel", "ERROR"),
            }
            for s in bundle.scripts.values()
        },
        "properties": props,
        "loggers": deployed_loggers(bundle) if loggers is None else loggers,
        "http": http,
        "tables": tables or {},
        "env": env or {},
        "user": user,
        "system_user": system_user,
        "people": people or {},
        "java_properties": java_properties or {},
        "identity_providers": identity_providers,
        "maxvars": maxvars or {},
    }
