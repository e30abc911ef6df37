"""Build the spec of a fake Maximo world from the bundle: what Manage would hold
once the bundle is deployed (attributes, domains, messages, properties, scripts)."""

from __future__ import annotations

from maxkit import dictionary
from maxkit.bundle.model import Bundle


def stock_maximo() -> dict:
    """The stock data dictionary and synonym domains the fake knows."""
    return {
        "objects": dictionary.flat_objects(),
        "synonyms": dictionary.raw()["synonyms"],
    }


def deployed_properties(bundle: Bundle) -> dict[str, str]:
    """System properties as deploying the bundle creates them (declared defaults)."""
    return {
        p["propName"]: str(p["propValue"])
        for p in bundle.properties()
        if p.get("propValue") is not None
    }


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
    with_defaults: bool = True,
) -> dict:
    """The spec; ``user`` is who the scripts run as. ``system_user``
    (MXServer.getSystemUserInfo), ``people`` (login -> PERSONID, for
    UserInfo.getPersonId) and ``java_properties`` (System.getProperty) are
    left out unless given: the fake then fails loudly when a script asks."""
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
    props = deployed_properties(bundle) if with_defaults else {}
    props.update(properties or {})
    return {
        "objects": objects,
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
            s.name: {"source": s.source, "path": str(s.path)}
            for s in bundle.scripts.values()
        },
        "properties": props,
        "http": http,
        "tables": tables or {},
        "env": env or {},
        "user": user,
        "system_user": system_user,
        "people": people or {},
        "java_properties": java_properties or {},
    }
