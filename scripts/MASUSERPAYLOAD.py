# Library of the "Create or Update MAS User" bundle: the MAS user payload,
# built from a person (buildUser), the body of a bulk upsert (buildBody) and
# the digest of what a person was sent (personDigest). It calls MASUSERCONF
# (and through it MASUSERTEXT).
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERPAYLOAD",
    "description": "MAS user bundle: the MAS user payload",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true
}"""

import hashlib
from com.ibm.json.java import JSON, JSONArray, JSONObject

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERCONF's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERCONF", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
PERSON_ATTRIBUTES = _BELOW["PERSON_ATTRIBUTES"]
displayName = _BELOW["displayName"]


def entry(value, kind):
    item = JSONObject()
    item.put("value", value)
    item.put("type", kind)
    item.put("primary", True)
    return item


def address(person):
    fields = (
        ("streetAddress", "ADDRESSLINE1"),
        ("locality", "CITY"),
        ("region", "STATEPROVINCE"),
        ("postalCode", "POSTALCODE"),
        ("country", "COUNTRY"),
    )
    item = JSONObject()
    parts = []
    for field, attribute in fields:
        if person[attribute]:
            item.put(field, person[attribute])
            parts.append(person[attribute])
    if not parts:
        return None
    item.put("formatted", ", ".join(parts))
    item.put("type", "Work")
    item.put("primary", True)
    return item


def buildUser(person, accessType, entitlement, settings):
    """The MAS v3 user for a validated person: no password or token (SAML)."""
    user = JSONObject()
    user.put("id", person["PERSONID"])
    user.put("username", person["PERSONID"])
    user.put("owner", settings["masuser.user.owner"])
    user.put("issuer", settings["masuser.user.issuer"])
    user.put("displayName", displayName(person))
    if person["FIRSTNAME"]:
        user.put("givenName", person["FIRSTNAME"])
    if person["LASTNAME"]:
        user.put("familyName", person["LASTNAME"])
    if person["TITLE"]:
        user.put("title", person["TITLE"])
    emails = JSONArray()
    emails.add(entry(person["PRIMARYEMAIL"], settings["masuser.user.emailtype"]))
    user.put("emails", emails)
    if person["PRIMARYPHONE"]:
        phones = JSONArray()
        phones.add(entry(person["PRIMARYPHONE"], "Work"))
        user.put("phoneNumbers", phones)
    place = address(person)
    if place is not None:
        addresses = JSONArray()
        addresses.add(place)
        user.put("addresses", addresses)
    status = JSONObject()
    status.put("active", True)
    user.put("status", status)
    licence = JSONObject()
    licence.put("application", entitlement)
    licence.put("admin", "NONE")
    licence.put("alwaysReserveLicense", accessType == "Authorized")
    user.put("entitlement", licence)
    permissions = JSONObject()
    for name in ("systemAdmin", "userAdmin", "apikeyAdmin"):
        permissions.put(name, False)
    user.put("permissions", permissions)
    return user


def buildBody(users, settings):
    array = JSONArray()
    for user in users:
        array.add(user)
    if settings["masuser.api.envelope"] == "users":
        body = JSONObject()
        body.put("users", array)
        return body
    return array


# Part of each person's hash: bump it when buildUser sends something new, and
# every person is sent again on the next run.
PAYLOAD_VERSION = "1"
# The settings a Manage user written by the manage route depends on.
MANAGE_USER_SETTINGS = (
    "masuser.user.type",
    "masuser.idp.id",
    "masuser.idp.type",
    "masuser.idp.loginattribute",
)


def personDigest(person, accessType, entitlement, settings, groups=None, login=""):
    """SHA-256 of everything that decides the user sent for a person or, given
    the groups and the identity provider login (the manage route), the Manage
    user written for it."""
    parts = [
        PAYLOAD_VERSION,
        accessType,
        entitlement,
        settings["masuser.user.owner"],
        settings["masuser.user.issuer"],
        settings["masuser.user.emailtype"],
    ]
    parts.extend([person[attribute] for attribute in PERSON_ATTRIBUTES])
    if groups is not None:
        parts.append(",".join(groups))
        parts.extend([settings[name] for name in MANAGE_USER_SETTINGS])
        parts.append(login or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
