"""Naviam's property deploy, replayed over the Manage stand-in's store.

Naviam's deploy script (naviam-io/vscode-autoscript-deploy,
resources/naviam.autoscript.deploy.js, ``createOrUpdateProperty``) is what
the install guide recommends for the script files. [V] For each scriptConfig
property it finds MAXPROP by name (creating it when missing), sets the
definition's attributes that are given, takes the first MAXPROPVALUE row
(adding one when there is none), writes ``propValue`` into it when given and
non-empty, saves, and only when that value row was new writes
``initialPropValue``. It then reloads the MAXPROP cache, which the stand-in
does not have. This is a replay of those rules in our own words, so the tests
can show what a redeploy through that tool does to a site's value.
"""

from __future__ import annotations

STRUCTURE = "mxapimaxprop"
# scriptConfig key -> MAXPROP attribute, as the deploy script sets them.
DEFINITION = (
    ("maxType", "maxtype"),
    ("description", "description"),
    ("encrypted", "encrypted"),
    ("masked", "masked"),
    ("globalOnly", "globalonly"),
    ("onlineChanges", "onlinechanges"),
    ("liveRefresh", "liverefresh"),
    ("nullsAllowed", "nullsallowed"),
)


def _given(value) -> bool:
    """JavaScript truthiness, as the deploy script tests the two value keys."""
    return value not in (None, "", 0, False)


def deploy_property(store, prop: dict) -> str:
    """One property as Naviam deploys it; returns what happened to its value:
    "set" (propValue), "initial" (initialPropValue on a new row) or "kept"."""
    found = store.find(STRUCTURE, {"propname": prop["propName"]})
    record = {attribute: prop[key] for key, attribute in DEFINITION if key in prop}
    values = found[0][1].get("maxpropvalue") if found else []
    new_row = not values
    row = dict(values[0]) if values else {"servername": "COMMON"}
    what = "kept"
    if _given(prop.get("propValue")):
        row["propvalue"] = str(prop["propValue"])
        what = "set"
    elif new_row and _given(prop.get("initialPropValue")):
        row["propvalue"] = str(prop["initialPropValue"])
        what = "initial"
    record["maxpropvalue"] = [row]
    if found:
        store.update(STRUCTURE, found[0][0], record, merge=True)
    else:
        store.create(STRUCTURE, {"propname": prop["propName"], **record})
    return what


def deploy_properties(store, properties: list[dict]) -> dict[str, str]:
    return {p["propName"]: deploy_property(store, p) for p in properties}
