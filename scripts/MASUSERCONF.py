# Library of the "Create or Update MAS User" bundle: the system properties.
# It declares every masuser.* property, reads them all at once (readSettings:
# defaults, trimming, the checks of each value) and owns the tables the
# settings describe: the URL of the MAS internal API, the client certificate,
# the security groups of each entitlement and the AppPoints of each choice.
# It calls MASUSERTEXT.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERCONF",
    "description": "MAS user bundle: system properties, read and checked",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "configMissing", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The MAS internal API URL is not set: set the system property {0} (or the MXE_MASINTERNALAPI environment variable of the Manage server)."},
        {"msgGroup": "masuser", "msgKey": "configInvalid", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The system property {0} has the value {1}, which is not valid: {2}."},
        {"msgGroup": "masuser", "msgKey": "clientCertIncomplete", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The system property {0} is set but {1} is empty: set both (the client certificate store and its password) or neither. Nothing was sent."},
        {"msgGroup": "masuser", "msgKey": "appPointsOverCeiling", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Access type {0} with entitlement {1} costs {2} AppPoints, more than the ceiling of {3} (system property {4}); nothing was written or sent. Choose a lower entitlement or access type, or raise the ceiling."}
    ],
    "properties": [
        {"propName": "masuser.route", "maxType": "ALN", "initialPropValue": "internalapi", "globalOnly": true, "liveRefresh": true,
         "description": "How the action makes the user: internalapi (MAS 8.x to 9.0: the MAS internal API, MAS syncs the user to Manage) or manage (MAS 9.1 and later: the MAXUSER record in Manage itself)"},
        {"propName": "masuser.groups.NONE", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "Security groups (comma-separated GROUPNAME values) a user with entitlement NONE joins; empty: none"},
        {"propName": "masuser.groups.SELF_SERVICE", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "Security groups (comma-separated GROUPNAME values) a user with entitlement SELF_SERVICE joins; empty: none"},
        {"propName": "masuser.groups.LIMITED", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "Security groups (comma-separated GROUPNAME values) a user with entitlement LIMITED joins; empty: none"},
        {"propName": "masuser.groups.BASE", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "Security groups (comma-separated GROUPNAME values) a user with entitlement BASE joins; empty: none"},
        {"propName": "masuser.groups.PREMIUM", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "Security groups (comma-separated GROUPNAME values) a user with entitlement PREMIUM joins; empty: none"},
        {"propName": "masuser.groups.protected", "maxType": "ALN", "initialPropValue": "MAXADMIN", "globalOnly": true, "liveRefresh": true,
         "description": "Security groups the action never adds (comma-separated); a masuser.groups.* setting naming one is refused"},
        {"propName": "masuser.groups.remove", "maxType": "YORN", "initialPropValue": "1", "globalOnly": true, "liveRefresh": true,
         "description": "1: a user given a new entitlement leaves the groups mapped to its old one (the person's MASENTITLEMENT; when none is recorded, every other entitlement's mapping) that the new one does not map, in the same save as the additions; never a protected group or one no masuser.groups.<ENTITLEMENT> names; 0: groups are only added"},
        {"propName": "masuser.apppoints", "maxType": "ALN", "initialPropValue": "NONE=0,SELF_SERVICE=0,LIMITED=5,BASE=10,PREMIUM=15", "globalOnly": true, "liveRefresh": true,
         "description": "AppPoints a user costs, comma-separated ENTITLEMENT=N (both access types) or ACCESSTYPE.ENTITLEMENT=N (one access type, wins over the plain entry); every entitlement needs a figure. Defaults: LIMITED 5, BASE 10, PREMIUM 15 (IBM docs, Understanding Application Points); NONE and SELF_SERVICE 0 (no IBM figure)"},
        {"propName": "masuser.apppoints.max", "maxType": "INTEGER", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "Most AppPoints one user may be given (masuser.apppoints); a choice that costs more is refused before anything is written or sent; empty: no ceiling"},
        {"propName": "masuser.user.type", "maxType": "ALN", "initialPropValue": "TYPE 1", "globalOnly": true, "liveRefresh": true,
         "description": "MAXUSER.TYPE of the Manage users the manage route creates (a value of the USERTYPE domain)"},
        {"propName": "masuser.user.statuspath", "maxType": "ALN", "initialPropValue": "changestatus", "globalOnly": true, "liveRefresh": true,
         "description": "manage route: how the status of an existing Manage user is changed: changestatus (the user's changeStatus, as the Users application does) or noaccesscheck (setValue past the read-only STATUS field with NOACCESSCHECK); a new user always gets its status with NOACCESSCHECK"},
        {"propName": "masuser.idp.id", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "manage route, required: the id of an identity provider registered in the suite (MASUSERIDP.IDPID) the users log in through, e.g. default-saml; no default"},
        {"propName": "masuser.idp.type", "maxType": "ALN", "initialPropValue": "saml", "globalOnly": true, "liveRefresh": true,
         "description": "manage route: the type of that identity provider (MASUSERIDP.IDPTYPE), e.g. saml"},
        {"propName": "masuser.idp.loginattribute", "maxType": "ALN", "initialPropValue": "PRIMARYEMAIL", "globalOnly": true, "liveRefresh": true,
         "description": "manage route: the PERSON attribute whose value is the user's login at the identity provider (MASUSERIDP.IDPLOGINID); for SAML the NameID, usually the e-mail"},
        {"propName": "masuser.api.url", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "Base URL of the MAS internal API, e.g. https://internalapi.mas-INSTANCE-core.svc; empty: the MXE_MASINTERNALAPI environment variable"},
        {"propName": "masuser.api.allowhttp", "maxType": "YORN", "initialPropValue": "0", "globalOnly": true, "liveRefresh": true,
         "description": "1: masuser.api.url may be plain http:// (a test system only); 0: https:// only, as the internal API uses mutual TLS"},
        {"propName": "masuser.api.envelope", "maxType": "ALN", "initialPropValue": "array", "globalOnly": true, "liveRefresh": true,
         "description": "Body of the bulk upsert: array (a JSON array of users) or users (an object with a users array)"},
        {"propName": "masuser.api.connecttimeout", "maxType": "INTEGER", "initialPropValue": "5000", "globalOnly": true, "liveRefresh": true,
         "description": "Milliseconds to wait for a connection to the MAS internal API"},
        {"propName": "masuser.api.readtimeout", "maxType": "INTEGER", "initialPropValue": "30000", "globalOnly": true, "liveRefresh": true,
         "description": "Milliseconds to wait for the MAS internal API to answer"},
        {"propName": "masuser.api.deadline", "maxType": "INTEGER", "initialPropValue": "60000", "globalOnly": true, "liveRefresh": true,
         "description": "Milliseconds one action may spend on the MAS call, retries and waits included"},
        {"propName": "masuser.api.attempts", "maxType": "INTEGER", "initialPropValue": "4", "globalOnly": true, "liveRefresh": true,
         "description": "Most attempts of one request when MAS is unreachable, throttling (429) or unavailable (502, 503, 504)"},
        {"propName": "masuser.api.backoff", "maxType": "INTEGER", "initialPropValue": "500", "globalOnly": true, "liveRefresh": true,
         "description": "Milliseconds before the first retry; doubled at each retry, unless MAS sends Retry-After"},
        {"propName": "masuser.user.owner", "maxType": "ALN", "initialPropValue": "local", "globalOnly": true, "liveRefresh": true,
         "description": "owner of the MAS users created (local or scim)"},
        {"propName": "masuser.user.issuer", "maxType": "ALN", "initialPropValue": "local", "globalOnly": true, "liveRefresh": true,
         "description": "issuer of the MAS users created (local, saml, ...)"},
        {"propName": "masuser.user.emailtype", "maxType": "ALN", "initialPropValue": "Work", "globalOnly": true, "liveRefresh": true,
         "description": "type of the primary email sent to MAS (Work or Home)"},
        {"propName": "masuser.deactivate", "maxType": "YORN", "initialPropValue": "1", "globalOnly": true, "liveRefresh": true,
         "description": "1: a person whose status becomes inactive (PERSONSTATUS INACTIVE) loses the user (internalapi route: marked by MASUSERSTATUS, deactivated by the MASUSERBULK cron task; manage route: Manage's own cascade makes the person's users inactive, MASUSERSTATUS marks the person and the MASUSERBULK cron task verifies it, inactivating a user the cascade missed); 0: off, for a site that offboards elsewhere"},
        {"propName": "masuser.bulk.chunksize", "maxType": "INTEGER", "initialPropValue": "100", "globalOnly": true, "liveRefresh": true,
         "description": "Users per bulk request of the MASUSERBULK cron task (1 to 1000); one request per chunk"},
        {"propName": "masuser.api.clientcert.store", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "description": "Path, the same in every Manage pod, of the PKCS12 store of the pod's own certificate (/etc/pki/tls/certs/internal-manage-tls: tls.crt, tls.key, ca.crt) for mutual TLS with the MAS internal API (HTTPHandler CLIENTCERTSTORE); empty: none"},
        {"propName": "masuser.api.clientcert.type", "maxType": "ALN", "initialPropValue": "PKCS12", "globalOnly": true, "liveRefresh": true,
         "description": "Type of the client certificate store (HTTPHandler CLIENTCERTTYPE): PKCS12, as openssl pkcs12 -export makes it from internal-manage-tls"},
        {"propName": "masuser.api.clientcert.password", "maxType": "ALN", "nullsAllowed": true, "globalOnly": true, "liveRefresh": true,
         "encrypted": true, "masked": true,
         "description": "Password of the client certificate store (HTTPHandler CLIENTCERTPASS): the one given to openssl pkcs12 -export, or Manage's own key store password; encrypted and masked, never shipped with a value"},
        {"propName": "masuser.api.clientcert.alg", "maxType": "ALN", "initialPropValue": "SunX509", "globalOnly": true, "liveRefresh": true,
         "description": "Key manager algorithm for the client certificate (HTTPHandler CLIENTCERTALG): SunX509, the JDK's (PKIX also works)"}
    ]
}"""

import re
from com.ibm.json.java import JSON, JSONArray, JSONObject
from java.lang import String, System, Thread
from psdi.server import MXServer

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERTEXT's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERTEXT", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
asciiUpper = _BELOW["asciiUpper"]
isControl = _BELOW["isControl"]
isNumber = _BELOW["isNumber"]
isWhitespace = _BELOW["isWhitespace"]
outcome = _BELOW["outcome"]
trimmed = _BELOW["trimmed"]
unicode_text = _BELOW["unicode_text"]

ENVELOPES = ("array", "users")
# Plain HTTP cannot carry the client certificate the internal API asks for:
# refused unless a test system says otherwise.
ALLOW_HTTP_SETTING = "masuser.api.allowhttp"
# Settings with a closed list of values, each checked before anything is sent.
# owner: MAS's v3 user object knows local and scim users (python-devops);
# emailtype: the email types of MAS's user data model, Work and Home.
CHOICE_SETTINGS = (
    ("masuser.user.owner", ("local", "scim")),
    ("masuser.user.emailtype", ("Work", "Home")),
)
MAX_TIMEOUT_MS = 600000
MAX_BACKOFF_MS = 30000
NUMERIC_SETTINGS = (
    ("masuser.api.connecttimeout", 1, MAX_TIMEOUT_MS, "milliseconds"),
    ("masuser.api.readtimeout", 1, MAX_TIMEOUT_MS, "milliseconds"),
    ("masuser.api.deadline", 1, MAX_TIMEOUT_MS, "milliseconds"),
    ("masuser.api.attempts", 1, 10, "a count"),
    ("masuser.api.backoff", 0, MAX_BACKOFF_MS, "milliseconds"),
)
# The client certificate for mutual TLS (the internal API authenticates callers
# by client certificate): HTTPHandler key -> system property. A store set
# passes all four keys; none set passes none.
CERT_STORE_SETTING = "masuser.api.clientcert.store"
CLIENT_CERT_KEYS = (
    ("CLIENTCERTSTORE", CERT_STORE_SETTING),
    ("CLIENTCERTTYPE", "masuser.api.clientcert.type"),
    ("CLIENTCERTPASS", "masuser.api.clientcert.password"),
    ("CLIENTCERTALG", "masuser.api.clientcert.alg"),
)
ROUTE_SETTING = "masuser.route"
MANAGE_ROUTE = "manage"
ROUTES = ("internalapi", MANAGE_ROUTE)
GROUPS_SETTING = "masuser.groups."
PROTECTED_SETTING = "masuser.groups.protected"
# MAXUSER.STATUS is read-only [V IBM data dictionary remark: changed with the
# Change Status action]. How the manage route changes an existing user's
# status (masuser.user.statuspath): the stateful MBO's changeStatus (as the
# Users application does), or setValue past the read-only field with
# NOACCESSCHECK (as public MAS-era scripts do); which one MAS 9.1 accepts is
# not public [I]. A new user gets its status with NOACCESSCHECK, as IBM's own
# code for a new user sets it [V third-party copies].
STATUS_PATH_SETTING = "masuser.user.statuspath"
STATUS_PATHS = ("changestatus", "noaccesscheck")
IDP_SETTING = "masuser.idp.id"
IDP_LOGIN_SETTING = "masuser.idp.loginattribute"
# The suite's default SAML provider is registered as default-saml (third-party
# MAS 9.1.4 test kit lfDev28/mas_iam_operator): named in the reason only, never
# assumed, as a site's provider may have any id.
IDP_EXAMPLE = "default-saml"
# An attribute name, as Maximo spells one.
ATTRIBUTE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,29}\Z")


def declaredProperties():
    return JSONObject.parse(scriptConfig).get("properties")


def settingDefaults():
    # Each setting's default comes from the properties declared above.
    defaults = {}
    for declared in declaredProperties():
        value = declared.get("initialPropValue")
        defaults[unicode_text(declared.get("propName"))] = unicode_text(value)
    return defaults


def secretSettings():
    """The masked properties (a password): read as given, never trimmed or shown."""
    return [
        unicode_text(declared.get("propName"))
        for declared in declaredProperties()
        if declared.get("masked")
    ]


def rawSettings():
    """Every setting as set (trimmed, unless masked), its default when empty;
    not checked."""
    server = MXServer.getMXServer()
    values = {}
    secrets = secretSettings()
    for name, default in settingDefaults().items():
        value = server.getProperty(name)
        if value is None or trimmed(unicode_text(value)) == "":
            value = default
        values[name] = unicode_text(value)
        if name not in secrets:
            values[name] = trimmed(values[name])
    return values


def readSettings():
    """The settings from system properties, or the outcome naming the bad one."""
    values = rawSettings()
    route = values[ROUTE_SETTING]
    if route not in ROUTES:
        reason = "use " + " or ".join(ROUTES)
        return None, outcome(
            "rejected", "configInvalid", [ROUTE_SETTING, route, reason]
        )
    problem = protectedGroupProblem(values) or entitlementSettingsProblem(values)
    if problem:
        return None, problem
    if route == MANAGE_ROUTE:
        # The manage route writes Manage's own records: no MAS call to set up.
        path = values[STATUS_PATH_SETTING]
        if path not in STATUS_PATHS:
            reason = "use " + " or ".join(STATUS_PATHS)
            return None, outcome(
                "rejected", "configInvalid", [STATUS_PATH_SETTING, path, reason]
            )
        return values, None
    if values["masuser.api.url"] == "":
        values["masuser.api.url"] = trimmed(
            unicode_text(System.getenv("MXE_MASINTERNALAPI"))
        )
    url = values["masuser.api.url"]
    if url == "":
        return None, outcome("rejected", "configMissing", ["masuser.api.url"])
    problem = urlProblem(url)
    if problem:
        return None, outcome(
            "rejected", "configInvalid", ["masuser.api.url", redactedUrl(url), problem]
        )
    problem = plainHttpProblem(url, values[ALLOW_HTTP_SETTING])
    if problem:
        return None, problem
    values["masuser.api.url"] = url.rstrip("/")
    for name, allowed in CHOICE_SETTINGS:
        if values[name] not in allowed:
            return None, outcome(
                "rejected",
                "configInvalid",
                [name, values[name], "use " + " or ".join(allowed)],
            )
    if values["masuser.api.envelope"] not in ENVELOPES:
        return None, outcome(
            "rejected",
            "configInvalid",
            [
                "masuser.api.envelope",
                values["masuser.api.envelope"],
                "use " + " or ".join(ENVELOPES),
            ],
        )
    for name, low, high, unit in NUMERIC_SETTINGS:
        text = values[name]
        if not isNumber(text) or not low <= int(text) <= high:
            return None, outcome(
                "rejected",
                "configInvalid",
                [name, text, "use %s from %d to %d" % (unit, low, high)],
            )
    problem = checkClientCert(values)
    if problem:
        return None, problem
    return values, None


def manageSettingsProblem(values):
    """configInvalid when the settings the manage route writes a user with
    (before anything is written; a run that only deactivates needs none) are
    not usable: no identity provider id (there is no default: a guessed id would be
    refused by Manage, or worse, be another provider), or a login attribute
    that is not an attribute name."""
    if values[IDP_SETTING] == "":
        reason = (
            "the manage route needs it: set it to the id of an identity provider"
            " registered in the suite, e.g. " + IDP_EXAMPLE
        )
        return outcome("rejected", "configInvalid", [IDP_SETTING, "(empty)", reason])
    values[IDP_LOGIN_SETTING] = asciiUpper(values[IDP_LOGIN_SETTING])
    if not ATTRIBUTE_PATTERN.match(values[IDP_LOGIN_SETTING]):
        return loginAttributeInvalid(values)
    return None


def loginAttributeInvalid(values):
    reason = "name an attribute of PERSON, e.g. PRIMARYEMAIL"
    return outcome(
        "rejected",
        "configInvalid",
        [IDP_LOGIN_SETTING, values[IDP_LOGIN_SETTING], reason],
    )


def splitUrl(url):
    """(scheme, authority, rest) of an http(s) URL, or None."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            authority, slash, path = url[len(scheme) :].partition("/")
            return scheme, authority, slash + path
    return None


def redactedUrl(url):
    """The URL without its user:password@, if it has one: for messages and logs."""
    parts = splitUrl(url)
    if parts is None or "@" not in parts[1]:
        return url
    return parts[0] + "***@" + parts[1].rpartition("@")[2] + parts[2]


def urlProblem(url):
    """Why url cannot be the base of the API calls, or None."""
    parts = splitUrl(url)
    if parts is None:
        return "it must start with https:// or http://"
    authority, path = parts[1], parts[2]
    if "@" in authority:
        return "credentials in the URL are not accepted (the call uses mutual TLS)"
    if "?" in url or "#" in url:
        return "a query (?) or fragment (#) cannot precede the API path"
    for char in url:
        if isWhitespace(char) or isControl(char):
            return "it contains whitespace or a control character"
    host, colon, port = authority, "", ""
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            return "an IPv6 address needs its closing ]"
        host, port = authority[: end + 1], authority[end + 1 :]
        if port != "" and not port.startswith(":"):
            return "a port follows the host after :"
        colon, port = port[:1], port[1:]
    else:
        host, colon, port = authority.partition(":")
    if host in ("", "[]"):
        return "it names no host"
    if colon and not (isNumber(port) and 1 <= int(port) <= 65535):
        return "the port must be a number from 1 to 65535"
    return None


def plainHttpProblem(url, allowHttp):
    """The outcome refusing an http:// URL unless allowHttp is 1, or None."""
    if allowHttp not in SWITCH_VALUES:
        return outcome(
            "rejected",
            "configInvalid",
            [ALLOW_HTTP_SETTING, allowHttp, "use 1 (allow http) or 0 (https only)"],
        )
    if url.startswith("http://") and allowHttp != "1":
        reason = (
            "the MAS internal API is mutual TLS, so use https://"
            " (plain http only on a test system, with masuser.api.allowhttp = 1)"
        )
        return outcome(
            "rejected", "configInvalid", ["masuser.api.url", redactedUrl(url), reason]
        )
    return None


def checkClientCert(values):
    """None when the store and its password are both set or both empty."""
    password = CLIENT_CERT_KEYS[2][1]
    given = [name for name in (CERT_STORE_SETTING, password) if values[name] != ""]
    if len(given) == 1:
        missing = password if given[0] == CERT_STORE_SETTING else CERT_STORE_SETTING
        return outcome("rejected", "clientCertIncomplete", [given[0], missing])
    return None


# -- The security groups of each entitlement (masuser.groups.*) ---------------
# masuser.groups.<ENTITLEMENT> names the security groups a user of that
# entitlement joins. Groups are only ever added: a membership the user has
# already is kept as it is, and none is removed.


def groupList(text):
    """The group names of a comma-separated setting, upper case, each once."""
    names = []
    for part in unicode_text(text).split(","):
        name = asciiUpper(trimmed(part))
        if name and name not in names:
            names.append(name)
    return names


def mappedGroups(settings, entitlement):
    return groupList(settings.get(GROUPS_SETTING + entitlement, ""))


def protectedGroupProblem(values):
    """configInvalid when a masuser.groups.<ENTITLEMENT> setting names a
    protected group: the action never makes administrators."""
    protected = groupList(values[PROTECTED_SETTING])
    for name in sorted(values):
        if not name.startswith(GROUPS_SETTING) or name in GROUP_OPTIONS:
            continue
        named = [group for group in groupList(values[name]) if group in protected]
        if named:
            reason = "%s is a protected group (%s); the action never adds it" % (
                ", ".join(named),
                PROTECTED_SETTING,
            )
            return outcome("rejected", "configInvalid", [name, values[name], reason])
    return None


# -- An entitlement changed: groups left, and what the user costs -------------
# On MAS 9.1 the licence follows the security groups (IBM docs, "User
# synchronization in MAS 9.1"), so a user moved to a lower entitlement must
# leave the groups of the old one. Only the bundle's own groups leave: those
# masuser.groups.<ENTITLEMENT> maps to the old entitlement (the person's
# MASENTITLEMENT) and not to the new one; with no entitlement recorded (a user
# made before the bundle recorded it, or by hand) every other entitlement's
# mapping, the widest the maps allow and no wider. A group no mapping names
# (added by hand) and a protected group are never removed.

REMOVE_SETTING = "masuser.groups.remove"
APPPOINTS_SETTING = "masuser.apppoints"
APPPOINTS_MAX_SETTING = "masuser.apppoints.max"
# The masuser.groups.* settings that are not an entitlement's mapping.
GROUP_OPTIONS = (PROTECTED_SETTING, REMOVE_SETTING)


def entitlementMaps(settings):
    """{ENTITLEMENT: [group, ...]} of every masuser.groups.<ENTITLEMENT> setting."""
    maps = {}
    for name in settings:
        if name.startswith(GROUPS_SETTING) and name not in GROUP_OPTIONS:
            maps[name[len(GROUPS_SETTING) :]] = groupList(settings[name])
    return maps


def appPointTable(text):
    """({KEY: points}, None) of a masuser.apppoints value, or (None, reason)."""
    table = {}
    for part in unicode_text(text).split(","):
        if trimmed(part) == "":
            continue
        key, equals, value = part.partition("=")
        key, value = trimmed(key), trimmed(value)
        if not equals or key == "" or not isNumber(value):
            return None, "write ENTITLEMENT=N or ACCESSTYPE.ENTITLEMENT=N, not " + part
        if key in table:
            return None, key + " is given twice"
        table[key] = int(value)
    return table, None


def appPointsProblem(values):
    """configInvalid when masuser.apppoints cannot be read, lacks a figure for
    an entitlement the maps know, or masuser.apppoints.max is not a count."""
    text = values[APPPOINTS_SETTING]
    table, reason = appPointTable(text)
    if table is not None:
        missing = [e for e in sorted(entitlementMaps(values)) if e not in table]
        if missing:
            reason = "give a figure for " + ", ".join(missing)
    if reason:
        return outcome("rejected", "configInvalid", [APPPOINTS_SETTING, text, reason])
    ceiling = values[APPPOINTS_MAX_SETTING]
    if ceiling != "" and not isNumber(ceiling):
        reason = "use a count of AppPoints, or leave it empty for no ceiling"
        return outcome(
            "rejected", "configInvalid", [APPPOINTS_MAX_SETTING, ceiling, reason]
        )
    return None


def entitlementSettingsProblem(values):
    """configInvalid when masuser.groups.remove is not 1 or 0, or the
    AppPoint settings are not usable (appPointsProblem)."""
    if values[REMOVE_SETTING] not in SWITCH_VALUES:
        reason = "use 1 (leave the old entitlement's groups) or 0 (only add)"
        return outcome(
            "rejected",
            "configInvalid",
            [REMOVE_SETTING, values[REMOVE_SETTING], reason],
        )
    return appPointsProblem(values)


def appPoints(settings, accessType, entitlement):
    """The AppPoints a user of this access type and entitlement costs, or
    None when masuser.apppoints has no figure for it."""
    table = appPointTable(settings[APPPOINTS_SETTING])[0] or {}
    specific = table.get(accessType + "." + entitlement)
    if specific is not None:
        return specific
    return table.get(entitlement)


def ceilingProblem(settings, accessType, entitlement):
    """appPointsOverCeiling when the choice costs more than
    masuser.apppoints.max, else None."""
    ceiling = settings[APPPOINTS_MAX_SETTING]
    cost = appPoints(settings, accessType, entitlement)
    if ceiling == "" or cost is None or cost <= int(ceiling):
        return None
    return outcome(
        "rejected",
        "appPointsOverCeiling",
        [accessType, entitlement, cost, ceiling, APPPOINTS_MAX_SETTING],
    )


DEACTIVATE_SETTING = "masuser.deactivate"
SWITCH_VALUES = ("1", "0")


def deactivationSetting(text):
    """(on, problem) of a masuser.deactivate value: 1 on, 0 off, empty the default.

    A value that is neither is on, so that nobody keeps a login by a typo;
    the problem names it (the cron task refuses to run until it is fixed).
    """
    if text == "":
        text = settingDefaults()[DEACTIVATE_SETTING]
    if text not in SWITCH_VALUES:
        reason = "use 1 (on) or 0 (off)"
        return True, outcome(
            "rejected", "configInvalid", [DEACTIVATE_SETTING, text, reason]
        )
    return text == "1", None


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
