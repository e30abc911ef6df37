# Library of the "Create or Update MAS User" bundle: validation, the MAS user
# payload and the call to the MAS internal API. Launch point scripts call its
# functions with service.invokeScript("MASUSERLIB", function, args), so the
# dialog action and any bulk path share one implementation.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERLIB",
    "description": "MAS user bundle: validation, payload and MAS internal API call",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "personNotActive", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Person {0} has status {1}; only an active person (status ACTIVE or a synonym of it) can get a MAS user."},
        {"msgGroup": "masuser", "msgKey": "emailMissing", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Person {0} has no primary email; MAS needs a primary email to create a user."},
        {"msgGroup": "masuser", "msgKey": "emailInvalid", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The primary email of person {0}, {1}, is not a valid email address (expected name@domain.tld)."},
        {"msgGroup": "masuser", "msgKey": "idInvalid", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Person ID {0} cannot be a MAS user ID: it must be 1 to 100 characters of letters, digits or _ - @ . and not only dots (MAS puts the ID in URL paths, where . and .. mean the folder itself and the one above)."},
        {"msgGroup": "masuser", "msgKey": "fieldTooLong", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "{0} of person {1} has {2} characters; MAS allows at most {3}. Shorten it on the person record."},
        {"msgGroup": "masuser", "msgKey": "fieldInvalid", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "{0} of person {1} contains the control character {2}, which MAS does not accept. Remove it on the person record."},
        {"msgGroup": "masuser", "msgKey": "fieldRequired", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "{0} is required: choose one of {1}."},
        {"msgGroup": "masuser", "msgKey": "valueNotAllowed", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "{0} {1} is not allowed: choose exactly one of {2}."},
        {"msgGroup": "masuser", "msgKey": "configMissing", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The MAS internal API URL is not set: set the system property {0} (or the MXE_MASINTERNALAPI environment variable of the Manage server)."},
        {"msgGroup": "masuser", "msgKey": "configInvalid", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The system property {0} has the value {1}, which is not valid: {2}."},
        {"msgGroup": "masuser", "msgKey": "userUpserted", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was created or updated (access type {1}, entitlement {2}); MAS syncs it to Manage."},
        {"msgGroup": "masuser", "msgKey": "userCreated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was created (access type {1}, entitlement {2}); MAS syncs it to Manage."},
        {"msgGroup": "masuser", "msgKey": "userUpdated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was updated (access type {1}, entitlement {2}); MAS syncs it to Manage."},
        {"msgGroup": "masuser", "msgKey": "userDeactivated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was deactivated (person status {1}); MAS syncs it to Manage."},
        {"msgGroup": "masuser", "msgKey": "manageUserDeactivated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "Manage user {0} was deactivated (user status {1}, person status {2}); MAS takes the change from Manage."},
        {"msgGroup": "masuser", "msgKey": "manageUserVerified", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "Manage made user(s) {0} of person {1} inactive when the person became inactive (person status {2}); MASUSERBULK verified it."},
        {"msgGroup": "masuser", "msgKey": "manageNotDeactivated", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Manage did not deactivate the user(s) of person {0}: {1}. Nothing of the users was changed; the next MASUSERBULK run tries again."},
        {"msgGroup": "masuser", "msgKey": "masRejected", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "MAS refused user {0} (HTTP {1}): {2} {3}"},
        {"msgGroup": "masuser", "msgKey": "masUnreachable", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "MAS could not be reached at {0} after {2} attempt(s): {1}. The user may or may not exist; running the action again is safe."},
        {"msgGroup": "masuser", "msgKey": "masThrottled", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "MAS is throttling requests (HTTP 429) and refused user {0} after {1} attempt(s); the user was not changed. Run the action again in a few minutes."},
        {"msgGroup": "masuser", "msgKey": "masUnavailable", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "MAS was unavailable (HTTP {1}) for user {0} after {2} attempt(s). The user may or may not be up to date; running the action again is safe."},
        {"msgGroup": "masuser", "msgKey": "masUnclearAnswer", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "MAS answered HTTP {1} for user {0}, but the answer could not be read ({2}). The user may or may not be up to date; running the action again is safe."},
        {"msgGroup": "masuser", "msgKey": "userNotConfirmed", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "MAS answered HTTP {1} to the bulk request but did not confirm user {0}; the person is sent again on the next run."},
        {"msgGroup": "masuser", "msgKey": "bulkArgInvalid", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The SCRIPTARG parameter of cron task instance {0} is not valid: {1}. Write it as accesstype=Concurrent;entitlement=BASE;where=<where clause on PERSON>, or query=<saved query of the People application> instead of where; where or query comes last."},
        {"msgGroup": "masuser", "msgKey": "savedQueryMissing", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Cron task instance {0} names the saved query {1}, but the People application (PERSON) has no saved query of that name."},
        {"msgGroup": "masuser", "msgKey": "clientCertIncomplete", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The system property {0} is set but {1} is empty: set both (the client certificate store and its password) or neither. Nothing was sent."},
        {"msgGroup": "masuser", "msgKey": "userGroupsAdded", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was created or updated (access type {1}, entitlement {2}); security groups added in Manage: {3}."},
        {"msgGroup": "masuser", "msgKey": "userGroupsPending", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was created or updated (access type {1}, entitlement {2}); its Manage user does not exist yet, so the security groups {3} are recorded on the person and added when MAS syncs the user to Manage."},
        {"msgGroup": "masuser", "msgKey": "groupsNotSaved", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "MAS user {0} was created or updated, but Manage did not save its security groups: {1}. Nothing of the groups was saved; running the action again is safe."},
        {"msgGroup": "masuser", "msgKey": "manageUserCreated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "Manage user {0} was created (access type {1}, entitlement {2}); security groups added: {3}."},
        {"msgGroup": "masuser", "msgKey": "manageUserUpdated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "Manage user {0} was updated (access type {1}, entitlement {2}); security groups added: {3}."},
        {"msgGroup": "masuser", "msgKey": "manageNotSaved", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Manage did not save user {0}: {1}. Nothing was saved; correct the cause and run the action again."},
        {"msgGroup": "masuser", "msgKey": "userOwnedByOther", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "User {0} exists in Manage for person {1}, not for person {2}; nothing was written or sent. Give person {2} a user of its own or correct user {0}."},
        {"msgGroup": "masuser", "msgKey": "groupNotAssignable", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "User {0} may not add users to the security group(s) {1}: Manage has no group reassignment authority (GRPREASSIGNAUTH) of {0} for them; nothing was written or sent. Authorize {0} to reassign these groups (Authorize Group Reassignment, Users application) or change {2}."},
        {"msgGroup": "masuser", "msgKey": "loginTaken", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The login ID {0} belongs to Manage user {1}, so person {2} cannot get a new user with it; nothing was written. Correct user {1} or give person {2} another person ID."},
        {"msgGroup": "masuser", "msgKey": "idpLoginMissing", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Person {0} has no {1}, the identity provider login of its user (system property {2}); nothing was saved. Fill in {1} on the person record or change {2}."},
        {"msgGroup": "masuser", "msgKey": "groupUnknown", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The system property {0} names the security group(s) {1}, which do not exist in Manage (MAXGROUP); nothing was written or sent."},
        {"msgGroup": "masuser", "msgKey": "resyncNoChoice", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Person {0} has no access type and entitlement on record from an earlier Create or Update MAS User, so there is nothing to resync. Use Select Action > Create or Update MAS User and choose them; Resync MAS User reruns that choice afterwards."},
        {"msgGroup": "masuser", "msgKey": "groupNotRemovable", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "User {0} may not remove user {1} from the security group(s) {2} of its old entitlement: Manage has no group reassignment authority (GRPREASSIGNAUTH) of {0} for them; nothing was written or sent. Authorize {0} to reassign these groups or set {3} to 0."},
        {"msgGroup": "masuser", "msgKey": "appPointsOverCeiling", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "Access type {0} with entitlement {1} costs {2} AppPoints, more than the ceiling of {3} (system property {4}); nothing was written or sent. Choose a lower entitlement or access type, or raise the ceiling."},
        {"msgGroup": "masuser", "msgKey": "clientCertUnreadable", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The client certificate store {0} (type {1}) could not be opened: {2}. Check the system properties masuser.api.clientcert.*; nothing was sent."}
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

import hashlib
import re

from com.ibm.json.java import JSON, JSONArray, JSONObject
from java.lang import Exception as JavaException
from java.lang import String, System, Thread
from java.util import HashMap
from java.util.concurrent import Callable, Executors, TimeoutException, TimeUnit
from psdi.iface.router import HTTPHandler
from psdi.mbo import MboConstants
from psdi.server import MXServer
from psdi.util import MXApplicationException, MXException

GROUP = "masuser"
UPSERT_PATH = "/v2/bulk/users/upsert"
ACCESS_TYPE_DOMAIN = "ACCESSTYPE"
ENTITLEMENT_DOMAIN = "ENTITLEMENT"

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
# Retried: statuses that mean "not now", and failures before the request left.
RETRY_STATUSES = (429, 502, 503, 504)
RETRYABLE_FAILURES = (
    "java.net.ConnectException",
    "Connection reset",
    "connect timed out",
)
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
# How a store that cannot be opened shows: the fake's (inferred) iface message,
# or the Java exception texts of KeyStore and KeyManagerFactory.
CERT_FAILURE_KEY = ("iface", "clientcertstore")
CERT_FAILURE_MARKERS = ("keystore", "UnrecoverableKey", "KeyManagerFactory")
ROUTE_SETTING = "masuser.route"
MANAGE_ROUTE = "manage"
ROUTES = ("internalapi", MANAGE_ROUTE)
GROUPS_SETTING = "masuser.groups."
PROTECTED_SETTING = "masuser.groups.protected"
PENDING_GROUPS = "MASPENDINGGROUPS"
# MAXUSER STATUS is synonym-domain driven: its values are read through the
# translator by internal value (ACTIVE, INACTIVE, ...).
USER_STATUS_DOMAIN = "MAXUSERSTATUS"
# The internal statuses of a user that has no login any more.
USER_GONE = ("INACTIVE", "DELETED")
# MAXUSER.STATUS is read-only [V IBM data dictionary remark: changed with the
# Change Status action]. How the manage route changes an existing user's
# status (masuser.user.statuspath): the stateful MBO's changeStatus (as the
# Users application does), or setValue past the read-only field with
# NOACCESSCHECK (as public MAS-era scripts do); which one MAS 9.1 accepts is
# not public [I]. A new user gets its status with NOACCESSCHECK, as IBM's own
# code for a new user sets it [V third-party copies].
STATUS_PATH_SETTING = "masuser.user.statuspath"
STATUS_PATHS = ("changestatus", "noaccesscheck")
# What a new MAXUSER of the manage route gets beyond its ids, status and
# licence: the data dictionary's required columns with Maximo's usual defaults
# (TYPE comes from masuser.user.type). No PASSWORD: users log in through the
# MAS identity provider. LOGINTYPE "0" is what IBM's python-devops writes for
# an identity provider record; that SAML takes the same value is inferred.
NEW_USER_DEFAULTS = (
    ("QUERYWITHSITE", True),
    ("FORCEEXPIRATION", False),
    ("FAILEDLOGINS", 0),
    ("SYSUSER", False),
    ("INACTIVESITES", False),
    ("SCREENREADER", False),
    ("ISCONSULTANT", False),
    ("SIDENAV", 0),
)
IDP_LOGIN_TYPE = "0"
IDP_SETTING = "masuser.idp.id"
IDP_LOGIN_SETTING = "masuser.idp.loginattribute"
# The suite's default SAML provider is registered as default-saml (third-party
# MAS 9.1.4 test kit lfDev28/mas_iam_operator): named in the reason only, never
# assumed, as a site's provider may have any id.
IDP_EXAMPLE = "default-saml"
# An attribute name, as Maximo spells one.
ATTRIBUTE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,29}\Z")
# MAXUSER.OWNER of a new user comes from masuser.user.owner (default local, as
# IBM's python-devops writes on 9.1), the owner the internal API route sends.
OWNER_SETTING = "masuser.user.owner"
SUCCESS_KEYS = {
    "created": "userCreated",
    "updated": "userUpdated",
    "upserted": "userUpserted",
}

# MAS rules for user ids (IBM docs, "Importing users") and name lengths (v3 API).
# \Z, not $: $ also matches before a final newline. MAS addresses a user as a
# path segment (/v3/users/{id}); of the allowed characters, letters, digits
# and _ - . are unreserved there and @ is a pchar (RFC 3986 3.3) [V], so each
# is carried as itself; but a segment of only dots is not: "." and ".." are
# dot-segments, removed or climbed by every URL normaliser (RFC 3986 5.2.4,
# java.net.URI.normalize) [V], and longer runs of dots are trimmed by some
# servers [I]. An id of only dots is refused.
ID_PATTERN = re.compile(r"^[A-Za-z0-9_\-@.]{1,100}\Z")
ONLY_DOTS = re.compile(r"^\.+\Z")
# Whitespace and control characters are refused before this pattern is tried.
EMAIL_PATTERN = re.compile(r"^[^@]+@[^@.]+(\.[^@.]+)+\Z")
NAME_LIMITS = (("givenName", 30), ("familyName", 50), ("displayName", 82))

# Text rules, defined here once because CPython 3 and Jython 2.7 disagree on
# regex \s, unicode.strip(), isdigit() and lower() for non-ASCII text.
# Whitespace: Unicode's White_Space property. A control character: any other
# C0 or C1 control, a format character that hides or reorders text
# (zero-width, bidi controls, the BOM) or a surrogate.
WHITESPACE = frozenset(
    [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680]
    + list(range(0x2000, 0x200B))
    + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
)
FORMAT_CHARACTERS = frozenset(
    list(range(0x200B, 0x2010))
    + list(range(0x202A, 0x202F))
    + list(range(0x2060, 0x2065))
    + [0xFEFF]
)
ASCII_DIGITS = "0123456789"
# Text of printable ASCII only (space to tilde, an explicit class, not \s, so
# the same in both runtimes): no control character and no whitespace but the
# space. Most text is, and is answered without a look at each character.
PRINTABLE_ASCII = re.compile(r"^[ -~]*\Z")
# An answer larger or deeper than this is not parsed: MAS answers a bulk
# request of 1000 users in far less, and a parser must not exhaust the stack.
MAX_ANSWER_CHARS = 4000000
MAX_ANSWER_DEPTH = 64
SCAN_CHUNK = 65536
# A text from MAS (or any other text of a message) is shown in a dialog and
# written to the log: longer ones are cut to this many characters, marked.
MAX_SHOWN_CHARS = 1000
WATCHDOG_GRACE_MS = 250
ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"

# PERSON attributes read for the payload.
PERSON_ATTRIBUTES = (
    "PERSONID",
    "STATUS",
    "FIRSTNAME",
    "LASTNAME",
    "DISPLAYNAME",
    "TITLE",
    "PRIMARYEMAIL",
    "PRIMARYPHONE",
    "ADDRESSLINE1",
    "CITY",
    "STATEPROVINCE",
    "POSTALCODE",
    "COUNTRY",
)


def outcome(kind, key, params):
    """A result for the calling script: success, rejected or failed, with its
    message. Every parameter is bounded (excerpt): a dialog shows it, a log
    keeps it, and MAS may answer with a text of any length."""
    return {
        "outcome": kind,
        "group": GROUP,
        "key": key,
        "params": [excerpt(p) for p in params],
    }


def excerpt(value, limit=MAX_SHOWN_CHARS):
    """The text of value, or when longer than limit its start and a marker
    saying how long it was, in at most limit characters in all."""
    text = unicode_text(value)
    if len(text) <= limit:
        return text
    marker = "... [truncated, %d characters]" % len(text)
    return text[: max(0, limit - len(marker))] + marker


try:
    REPLACEMENT_CHARACTER = unichr(0xFFFD)  # noqa: F821 - Jython
except NameError:
    REPLACEMENT_CHARACTER = chr(0xFFFD)


def unicode_text(value):
    if value is None:
        return ""
    try:
        return unicode(value)  # noqa: F821 - Jython
    except NameError:
        return str(value)


def isWhitespace(char):
    return ord(char) in WHITESPACE


def isControl(char):
    code = ord(char)
    if code in WHITESPACE:
        return False
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or code in FORMAT_CHARACTERS
        or 0xD800 <= code <= 0xDFFF
    )


def trimmed(text):
    """text without leading and trailing whitespace (the WHITESPACE set)."""
    start, end = 0, len(text)
    while start < end and isWhitespace(text[start]):
        start += 1
    while end > start and isWhitespace(text[end - 1]):
        end -= 1
    return text[start:end]


def isNumber(text):
    """True for one or more ASCII digits: "\u00b2" is a digit to isdigit(), not here."""
    if text == "":
        return False
    for char in text:
        if char not in ASCII_DIGITS:
            return False
    return True


def asciiLower(text):
    """Lower-case A-Z only, the same in both runtimes."""
    return _shiftCase(text, ASCII_UPPER, 32)


def asciiUpper(text):
    """Upper-case a-z only, the same in both runtimes (CPython 3 makes "SS" of
    a sharp s, Jython 2.7 leaves it)."""
    return _shiftCase(text, ASCII_LOWER, -32)


def _shiftCase(text, letters, shift):
    chars = []
    for char in text:
        if char in letters:
            char = chr(ord(char) + shift)
        chars.append(char)
    return "".join(chars)


def controlCharacter(text):
    """The first control character of text as U+XXXX, or None."""
    if PRINTABLE_ASCII.match(text):
        return None
    for char in text:
        if isControl(char):
            return "U+%04X" % ord(char)
    return None


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


def idpLogin(mbo, personid, settings):
    """(login, problem): the person's login at the identity provider, from the
    PERSON attribute masuser.idp.loginattribute names."""
    attribute = settings[IDP_LOGIN_SETTING]
    try:
        login = trimmed(unicode_text(mbo.getString(attribute)))
    except MXException:
        return None, loginAttributeInvalid(settings)
    if login == "":
        return None, outcome(
            "rejected", "idpLoginMissing", [personid, attribute, IDP_LOGIN_SETTING]
        )
    return login, None


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


def domainValues(mbo, domainid):
    """The values of an ALN domain, read from Maximo so that there is one list."""
    values = []
    domain = mbo.getMboSet(
        "$MASUSER_" + domainid, "ALNDOMAIN", "domainid = '" + domainid + "'"
    )
    value = domain.moveFirst()
    while value is not None:
        values.append(unicode_text(value.getString("VALUE")))
        value = domain.moveNext()
    return values


def readPerson(mbo):
    person = {}
    for attribute in PERSON_ATTRIBUTES:
        person[attribute] = trimmed(unicode_text(mbo.getString(attribute)))
    return person


def internalStatus(mbo, status):
    """The PERSONSTATUS internal value STATUS translates to (site synonyms count), or None."""
    if status == "":
        return None
    try:
        internal = mbo.getTranslator().toInternalString("PERSONSTATUS", status, mbo)
    except MXException:
        return None
    return unicode_text(internal)


def isActive(mbo, status):
    """True when STATUS translates to the internal value ACTIVE."""
    return internalStatus(mbo, status) == "ACTIVE"


def displayName(person):
    if person["DISPLAYNAME"]:
        return person["DISPLAYNAME"]
    return " ".join([n for n in (person["FIRSTNAME"], person["LASTNAME"]) if n])


def checkChoice(label, value, allowed):
    if value == "":
        return outcome("rejected", "fieldRequired", [label, ", ".join(allowed)])
    if value not in allowed:
        return outcome(
            "rejected", "valueNotAllowed", [label, value, ", ".join(allowed)]
        )
    return None


def validate(mbo, person, accessType, entitlement):
    """None when the person can become a MAS user, else the rejected outcome."""
    problem = checkChoice(
        "Access Type", accessType, domainValues(mbo, ACCESS_TYPE_DOMAIN)
    ) or checkChoice("Entitlement", entitlement, domainValues(mbo, ENTITLEMENT_DOMAIN))
    if problem:
        return problem
    return validatePerson(mbo, person)


def validatePerson(mbo, person):
    """None when the person's record can become a MAS user, else the rejected outcome."""
    personid = person["PERSONID"]
    if not idIsValid(personid):
        return outcome("rejected", "idInvalid", [personid])
    if not isActive(mbo, person["STATUS"]):
        return outcome("rejected", "personNotActive", [personid, person["STATUS"]])
    email = person["PRIMARYEMAIL"]
    if email == "":
        return outcome("rejected", "emailMissing", [personid])
    if not emailIsValid(email):
        return outcome("rejected", "emailInvalid", [personid, email])
    for attribute in PERSON_ATTRIBUTES:
        found = controlCharacter(person[attribute])
        if found is not None:
            return outcome("rejected", "fieldInvalid", [attribute, personid, found])
    names = {
        "givenName": person["FIRSTNAME"],
        "familyName": person["LASTNAME"],
        "displayName": displayName(person),
    }
    for field, limit in NAME_LIMITS:
        if len(names[field]) > limit:
            return outcome(
                "rejected",
                "fieldTooLong",
                [field, personid, len(names[field]), limit],
            )
    return None


def idIsValid(personid):
    """The person id can be a MAS user id, sent as itself in a URL path."""
    return ID_PATTERN.match(personid) is not None and not ONLY_DOTS.match(personid)


def emailIsValid(email):
    """name@domain.tld with no whitespace or control character anywhere."""
    if not PRINTABLE_ASCII.match(email) or " " in email:
        for char in email:
            if isWhitespace(char) or isControl(char):
                return False
    return EMAIL_PATTERN.match(email) is not None


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


def retryAfterMillis(headers):
    """Retry-After in milliseconds (delta-seconds form), or None."""
    if headers is None:
        return None
    for name in headers.keySet():
        if asciiLower(unicode_text(name)) == "retry-after":
            value = trimmed(unicode_text(headers.get(name)))
            if isNumber(value):
                return int(value) * 1000
    return None


class DeadlineReached(Exception):
    """No answer before masuser.api.deadline: the call was abandoned."""


class TimedCall(Callable):
    """One HTTPHandler call on a thread of its own, so that a deadline bounds it.

    A read timeout is per read: a server that sends a byte now and then holds
    a plain call for ever. The outcome is kept here rather than thrown across
    threads, so the caller re-raises exactly what HTTPHandler raised.
    """

    def __init__(self, meta, data):
        self.meta = meta
        self.data = data
        self.answer = None
        self.failure = None

    def call(self):
        try:
            self.answer = HTTPHandler().invoke(self.meta, self.data)
        except (MXException, JavaException) as problem:
            self.failure = problem
        except BaseException as problem:  # a fault of the script: raised as it is
            self.failure = problem
        return None


def invokeWithin(meta, data, remaining):
    """HTTPHandler().invoke(meta, data), or DeadlineReached after remaining ms."""
    call = TimedCall(meta, data)
    executor = Executors.newSingleThreadExecutor()
    try:
        future = executor.submit(call)
        try:
            # A little past the deadline: the call's own timeouts, cut to
            # what is left, answer first when they can (with their own text).
            future.get(max(1, remaining) + WATCHDOG_GRACE_MS, TimeUnit.MILLISECONDS)
        except TimeoutException:
            future.cancel(True)
            raise DeadlineReached()
    finally:
        executor.shutdownNow()
    if call.failure is not None:
        raise call.failure
    return call.answer


def postOnce(settings, data, readTimeout, remaining):
    """One POST, bounded by remaining ms. Returns (status, reason, text,
    retry-after ms); raises on no response."""
    meta = HashMap()
    headers = HashMap()
    meta.put("URL", settings["masuser.api.url"] + UPSERT_PATH)
    meta.put("HTTPMETHOD", "POST")
    # Name:value, and booleans as booleans: the forms public working scripts use.
    meta.put("HEADERS", "Content-Type:application/json")
    connectTimeout = min(int(settings["masuser.api.connecttimeout"]), remaining)
    meta.put("CONNECTTIMEOUT", unicode_text(max(1, connectTimeout)))
    meta.put("READTIMEOUT", unicode_text(readTimeout))
    meta.put("ERRORONSTATUS", False)
    meta.put("ALLRESPONSEHEADERS", True)
    meta.put("RESPONSE_HEADERS", headers)
    if settings[CERT_STORE_SETTING] != "":
        for key, name in CLIENT_CERT_KEYS:
            meta.put(key, settings[name])
    answer = invokeWithin(meta, data, remaining)
    status = meta.get("RESPONSE_STATUS")
    if status is None:
        status = headers.get("RESPONSE_STATUS")
    reason = meta.get("RESPONSE_STATUS_TEXT") or headers.get("RESPONSE_STATUS_TEXT")
    text = ""
    if answer is not None:
        text = unicode_text(String(answer, "UTF-8"))
    status = int(unicode_text(status))
    return status, unicode_text(reason), text, retryAfterMillis(headers)


def isClientCertFailure(problem, text):
    """The client certificate store could not be opened: nothing was sent."""
    if errorKey(problem) == CERT_FAILURE_KEY:
        return True
    for marker in CERT_FAILURE_MARKERS:
        if asciiLower(marker) in asciiLower(text):
            return True
    return False


def errorKey(problem):
    """(group, key) of a Maximo exception, else None."""
    try:
        return (
            unicode_text(problem.getErrorGroup()),
            unicode_text(problem.getErrorKey()),
        )
    except AttributeError:
        return None


def clientCertReason(problem, text):
    """Why the store could not be opened, from the exception (never the password)."""
    if errorKey(problem) == CERT_FAILURE_KEY:
        params = problem.getParameters()
        return unicode_text(params[len(params) - 1])
    return text


def isRetryableFailure(problem):
    """No response and the request was not sent: refused, reset, connect timeout."""
    for marker in RETRYABLE_FAILURES:
        if asciiLower(marker) in asciiLower(problem):  # "Connect timed out", Java 13+
            return True
    return False


def callDeadline(settings):
    """When a call that starts now must be over (masuser.api.deadline), in
    System.currentTimeMillis() terms: sending, and reading the answer."""
    return System.currentTimeMillis() + int(settings["masuser.api.deadline"])


def send(settings, body, deadline=None):
    """POST the body under the transport policy.

    Retries only what is safe and transient (no connection, 429, 502, 503,
    504) with exponential backoff that honours Retry-After, within
    masuser.api.attempts and the masuser.api.deadline of the whole call; the
    upsert is idempotent, so a retry cannot create a second user. Returns
    ("answer", status, reason, text, attempts), ("unreachable", problem,
    attempts), or ("clientcert", reason, attempts) when the client certificate
    store cannot be opened (never retried: nothing was sent). deadline:
    callDeadline(settings) when the caller reads the answer within it too.
    """
    data = String(body.serialize()).getBytes("UTF-8")
    if deadline is None:
        deadline = callDeadline(settings)
    delay = int(settings["masuser.api.backoff"])
    readTimeout = int(settings["masuser.api.readtimeout"])
    attempts = 0
    while True:
        attempts += 1
        remaining = deadline - System.currentTimeMillis()
        try:
            status, reason, text, retryAfter = postOnce(
                settings, data, max(1, min(readTimeout, remaining)), remaining
            )
            result = ("answer", status, reason, text, attempts)
            retryable = status in RETRY_STATUSES
        except DeadlineReached:
            text = "no answer within masuser.api.deadline (%s ms)" % (
                settings["masuser.api.deadline"]
            )
            return ("unreachable", text, attempts)
        except (MXException, JavaException) as problem:
            text = exceptionText(problem)
            if isClientCertFailure(problem, text):
                return ("clientcert", clientCertReason(problem, text), attempts)
            result = ("unreachable", text, attempts)
            retryable = isRetryableFailure(text)
            retryAfter = None
        wait = delay if retryAfter is None else retryAfter
        if (
            not retryable
            or attempts >= int(settings["masuser.api.attempts"])
            or System.currentTimeMillis() + wait >= deadline
        ):
            return result
        Thread.sleep(wait)
        delay = min(delay * 2, MAX_BACKOFF_MS)


def exceptionText(problem):
    try:
        return unicode_text(problem.getMessage())
    except AttributeError:
        return unicode_text(problem)


def masError(item):
    """(error id, text) of a MAS error body or per-user result, or None."""
    if not isinstance(item, JSONObject):
        return None
    exception = item.get("exception")
    failed = exception is not None or item.get("error") is not None
    status = resultStatus(item)
    if not failed and status is not None:
        failed = status >= 400
    if not failed:
        return None
    errorId = ""
    if isinstance(exception, JSONObject) and exception.get("id") is not None:
        errorId = unicode_text(exception.get("id"))
    message = item.get("message") or item.get("error") or ""
    return errorId, unicode_text(message)


def resultStatus(item):
    status = item.get("status")
    if status is None:
        return None
    text = unicode_text(status)
    return int(text) if isNumber(text) else None


def parseAnswer(text, deadline=None):
    """A MAS answer as JSON4J objects; ValueError names why it cannot be read.

    Checked before parsing: its size, its nesting (a recursive parser would
    exhaust the stack: RecursionError in CPython, StackOverflowError, not even
    an Exception, in Java) and its encoding (Java decodes bad UTF-8 bytes to
    U+FFFD). The nesting scan costs about a microsecond a character in
    Jython: it stops at the deadline (callDeadline), checked every SCAN_CHUNK
    characters, so that reading a long answer cannot outlast the call.
    """
    if len(text) > MAX_ANSWER_CHARS:
        raise ValueError("the answer has more than %d characters" % MAX_ANSWER_CHARS)
    if REPLACEMENT_CHARACTER in text:
        raise ValueError("the answer is not valid UTF-8")
    # The scan below costs about a microsecond a character in Jython (a long
    # text took seconds): an answer with no more brackets than the depth
    # allowed cannot nest deeper, and is not scanned.
    if text.count("[") + text.count("{") <= MAX_ANSWER_DEPTH:
        return JSON.parse(text)
    depth, inString, escaped = 0, False, False
    for start in range(0, len(text), SCAN_CHUNK):
        if deadline is not None and System.currentTimeMillis() > deadline:
            raise ValueError("reading it took longer than masuser.api.deadline")
        for char in text[start : start + SCAN_CHUNK]:
            if inString:
                if escaped:
                    escaped = False
                elif char == "\\":
                    escaped = True
                elif char == '"':
                    inString = False
            elif char == '"':
                inString = True
            elif char in "[{":
                depth += 1
                if depth > MAX_ANSWER_DEPTH:
                    raise ValueError(
                        "the answer nests deeper than %d levels" % MAX_ANSWER_DEPTH
                    )
            elif char in "]}":
                depth -= 1
    return JSON.parse(text)


def perUserResults(text, deadline=None):
    """The list of per-user results in a bulk answer (array, or users/results)."""
    if trimmed(text) == "":
        return []
    parsed = parseAnswer(text, deadline)
    if isinstance(parsed, JSONArray):
        return list(parsed)
    for name in ("users", "results"):
        if isinstance(parsed.get(name), JSONArray):
            return list(parsed.get(name))
    return [parsed]


def userResults(ids, status, text, deadline=None):
    """Per-user results of a 2xx answer: {id: (kind, errorId, message)}.

    kind is created (201), updated (200), upserted (MAS did not say which) or
    failed. A user the answer does not name counts as upserted: the request as a
    whole succeeded. Raises when the answer cannot be read.
    """
    results = {}
    for userId in ids:
        results[userId] = ("upserted", "", "")
    items = perUserResults(text, deadline)
    for item in items:
        if not isinstance(item, JSONObject):
            raise ValueError("a per-user result is not a JSON object")
        error = masError(item)
        userId = unicode_text(item.get("id"))
        if userId not in results and len(ids) == 1:
            userId = ids[0]
        if error is not None:
            results[userId] = ("failed", error[0], error[1])
        elif resultStatus(item) == 201:
            results[userId] = ("created", "", "")
        elif resultStatus(item) == 200:
            results[userId] = ("updated", "", "")
    return results


def refusal(sent, deadline=None):
    """(error id, text) of an answer that refused the request (not 2xx, not
    retried), read once for every user of the request; None for any other."""
    if sent[0] != "answer":
        return None
    status, reason, text = sent[1], sent[2], sent[3]
    if 200 <= status < 300 or status == 429 or status in RETRY_STATUSES:
        return None
    error = None
    try:
        error = masError(parseAnswer(text, deadline)) if trimmed(text) else None
    except (JavaException, MXException, ValueError):
        error = None
    if error is None:
        error = ("", reason or text[:200])
    return error


def requestFailure(personid, sent, settings, refused=None):
    """The failed outcome of a request that got no usable 2xx answer, or None.
    refused: refusal(sent), when the caller has read it already (a bulk
    request's answer is read once, not once per user: a long answer read a
    hundred times took seconds past the deadline)."""
    if sent[0] == "clientcert":
        store, kind = settings[CERT_STORE_SETTING], settings[CLIENT_CERT_KEYS[1][1]]
        return outcome("rejected", "clientCertUnreadable", [store, kind, sent[1]])
    if sent[0] == "unreachable":
        return outcome(
            "failed",
            "masUnreachable",
            [settings["masuser.api.url"], sent[1], sent[2]],
        )
    status, attempts = sent[1], sent[4]
    if 200 <= status < 300:
        return None
    if status == 429:
        return outcome("failed", "masThrottled", [personid, attempts])
    if status in RETRY_STATUSES:
        return outcome("failed", "masUnavailable", [personid, status, attempts])
    error = refused or refusal(sent)
    return outcome("failed", "masRejected", [personid, status, error[0], error[1]])


def makeUser(mbo, accessType, entitlement):
    """Validate the person and make its user: through the MAS internal API
    (one request, retried only when that is safe) or, on the manage route,
    as Manage's own records. Every check runs before anything is written or
    sent: the person, the settings, the security groups, the user's owner."""
    accessType = trimmed(unicode_text(accessType))
    entitlement = trimmed(unicode_text(entitlement))
    person = readPerson(mbo)
    problem = validate(mbo, person, accessType, entitlement)
    if problem:
        return problem
    settings, problem = readSettings()
    if not problem and settings[ROUTE_SETTING] == MANAGE_ROUTE:
        problem = manageSettingsProblem(settings)
    if problem:
        return problem
    personid = person["PERSONID"]
    userInfo = mbo.getUserInfo()
    groups = mappedGroups(settings, entitlement)
    drop = groupsToDrop(settings, entitlement, lastChoice(mbo)[1])
    problem = (
        ceilingProblem(settings, accessType, entitlement)
        or unknownGroups(userInfo, entitlement, groups)
        or unassignableProblem(userInfo, entitlement, groups)
        or ownerProblem(userInfo, personid)
        or unremovableProblem(userInfo, personid, heldGroups(userInfo, personid, drop))
    )
    if problem:
        return problem
    if settings[ROUTE_SETTING] == MANAGE_ROUTE:
        login, problem = idpLogin(mbo, personid, settings)
        if problem:
            return problem
        problem = loginTaken(userInfo, personid)
        if problem:
            return problem
        return saveManageUser(
            userInfo, personid, accessType, entitlement, groups, settings, login, drop
        )
    user = buildUser(person, accessType, entitlement, settings)
    deadline = callDeadline(settings)
    sent = send(settings, buildBody([user], settings), deadline)
    failure = requestFailure(personid, sent, settings, refusal(sent, deadline))
    if failure:
        return failure
    try:
        results = userResults([personid], sent[1], sent[3], deadline)
        kind, errorId, message = results[personid]
    except (JavaException, MXException, ValueError) as problem:
        return outcome(
            "failed", "masUnclearAnswer", [personid, sent[1], exceptionText(problem)]
        )
    if kind == "failed":
        return outcome("failed", "masRejected", [personid, sent[1], errorId, message])
    done = outcome("success", SUCCESS_KEYS[kind], [personid, accessType, entitlement])
    if not groups and not drop:
        return done
    return addGroupsAfterUpsert(
        userInfo, personid, accessType, entitlement, groups, drop
    )


# -- The outcome on the person, and Resync MAS User ---------------------------
# What the action last did for a person is where the administrator looks: on
# the person (the MAS User section of the People application shows the
# MASSYNC* attributes). A success of the dialog, of Resync MAS User or of the
# MASUSERBULK cron task records the access type and entitlement it made the
# user with (MASACCESSTYPE, MASENTITLEMENT): Resync MAS User reruns exactly
# that. Neither MAS's answer nor Manage's MAXUSER holds the entitlement, so it
# is kept on the person. A failure records nothing: the person's record
# stays as it was and the message says what went wrong.

LAST_ACCESS_TYPE = "MASACCESSTYPE"
LAST_ENTITLEMENT = "MASENTITLEMENT"


def upsertPerson(mbo, accessType, entitlement):
    """The dialog's OK (and Resync MAS User): make the person's user
    (makeUser); on success record it on the person (rememberOutcome)."""
    result = makeUser(mbo, accessType, entitlement)
    # What the choice costs, as the dialog's MASAPPPOINTS field showed it.
    result["apppoints"] = choiceCost(mbo, accessType, entitlement)
    if result["outcome"] == "success":
        problem = rememberOutcome(mbo, accessType, entitlement)
        if problem:
            result["unrecorded"] = problem
    return result


def lastChoice(mbo):
    """(access type, entitlement) the person's user was last made with; empty
    text for what was never recorded."""
    return (
        trimmed(unicode_text(mbo.getString(LAST_ACCESS_TYPE))),
        trimmed(unicode_text(mbo.getString(LAST_ENTITLEMENT))),
    )


def writeChoice(person, accessType, entitlement):
    """Set the access type and entitlement a user was made with on its person."""
    person.setValue(LAST_ACCESS_TYPE, accessType, RECORD_FLAGS)
    person.setValue(LAST_ENTITLEMENT, entitlement, RECORD_FLAGS)


def rememberOutcome(mbo, accessType, entitlement):
    """After a success of the action: the person's MASSYNC* record says DONE
    (error cleared; the hash the cron task compares, so it does not send the
    person again unchanged) and the choice is kept for Resync MAS User, in one
    save of the person's own set. A person not in PERSON (a record never
    saved) has nothing to record on. Returns None, or why the save failed:
    the user was made all the same."""
    accessType = trimmed(unicode_text(accessType))
    entitlement = trimmed(unicode_text(entitlement))
    person = readPerson(mbo)
    settings = readSettings()[0]
    groups = None
    if settings[ROUTE_SETTING] == MANAGE_ROUTE:
        groups = mappedGroups(settings, entitlement)
    digest = personDigest(person, accessType, entitlement, settings, groups)
    personid = person["PERSONID"]
    server = MXServer.getMXServer()
    people = server.getMboSet("PERSON", mbo.getUserInfo())
    try:
        people.setWhere("personid = " + quoted(personid))
        people.reset()
        found = people.moveFirst()
        if found is None:
            return None
        writeRecord(found, (personid, DONE, digest, None), server.getDate())
        writeChoice(found, accessType, entitlement)
        people.save()
    except (MXException, JavaException) as problem:
        return exceptionText(problem)
    finally:
        people.close()
    return None


def resyncPerson(mbo):
    """Resync MAS User: the action again with the person's last recorded
    access type and entitlement; resyncNoChoice when none is recorded."""
    accessType, entitlement = lastChoice(mbo)
    if not accessType or not entitlement:
        personid = trimmed(unicode_text(mbo.getString("PERSONID")))
        return outcome("rejected", "resyncNoChoice", [personid])
    return upsertPerson(mbo, accessType, entitlement)


# -- Security groups and the manage route -------------------------------------
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


def quoted(text):
    return "'" + unicode_text(text).replace("'", "''") + "'"


def groupNames(userInfo, objectName, where, groups):
    """The groups of the list that the records of objectName selected by
    ``where`` (and the list) name."""
    if not groups:
        return []
    found = MXServer.getMXServer().getMboSet(objectName, userInfo)
    try:
        clause = "groupname in (" + ", ".join([quoted(g) for g in groups]) + ")"
        found.setWhere(clause if where is None else where + " and " + clause)
        found.reset()
        names = []
        group = found.moveFirst()
        while group is not None:
            names.append(unicode_text(group.getString("GROUPNAME")))
            group = found.moveNext()
    finally:
        found.close()
    return [g for g in groups if g in names]


def existingGroups(userInfo, groups):
    """The groups of the list that MAXGROUP has."""
    return groupNames(userInfo, "MAXGROUP", None, groups)


def runningUser(userInfo):
    return asciiUpper(trimmed(unicode_text(userInfo.getUserName())))


def assignableGroups(userInfo, groups):
    """The groups of the list the running user may add other users to: those
    it holds a group reassignment authority (GRPREASSIGNAUTH) for, which
    Manage checks when a membership is added (IBM docs, "Authorizing users to
    assign other users to security groups")."""
    where = "userid = " + quoted(runningUser(userInfo))
    return groupNames(userInfo, "GRPREASSIGNAUTH", where, groups)


def unassignableProblem(userInfo, entitlement, groups):
    """groupNotAssignable when the running user (the action's user, the cron
    task's run-as user) may not add users to a mapped group, else None."""
    allowed = assignableGroups(userInfo, groups)
    refused = [g for g in groups if g not in allowed]
    if refused:
        return outcome(
            "rejected",
            "groupNotAssignable",
            [runningUser(userInfo), ", ".join(refused), GROUPS_SETTING + entitlement],
        )
    return None


def loginHolders(userInfo, logins):
    """{loginid: [userid, ...]} of the Manage users holding these login IDs,
    read in one query (the bulk run asks once per chunk)."""
    if not logins:
        return {}
    holders = {}  # type: dict
    users = MXServer.getMXServer().getMboSet("MAXUSER", userInfo)
    try:
        users.setWhere("loginid in (" + ", ".join([quoted(x) for x in logins]) + ")")
        users.reset()
        user = users.moveFirst()
        while user is not None:
            login = unicode_text(user.getString("LOGINID"))
            holders.setdefault(login, []).append(unicode_text(user.getString("USERID")))
            user = users.moveNext()
    finally:
        users.close()
    return holders


def loginTaken(userInfo, personid, holders=None):
    """loginTaken when another Manage user has the login ID a new user of
    this person would get (its person ID), else None; ``holders``
    (loginHolders) when they are read already. Manage refuses a second user
    of the same LOGINID; the check here gives the reason before anything is
    written. Compared as written: a login differing only in case is left to
    Manage's own refusal (manageNotSaved)."""
    if holders is None:
        holders = loginHolders(userInfo, [personid])
    for other in holders.get(personid, []):
        if other != personid:
            return outcome("rejected", "loginTaken", [personid, other, personid])
    return None


def unknownGroups(userInfo, entitlement, groups):
    """groupUnknown when a mapped group is not in MAXGROUP, else None."""
    existing = existingGroups(userInfo, groups)
    missing = [g for g in groups if g not in existing]
    if missing:
        return outcome(
            "rejected",
            "groupUnknown",
            [GROUPS_SETTING + entitlement, ", ".join(missing)],
        )
    return None


def userOwners(userInfo, userids):
    """{userid: PERSONID} of the Manage users of these ids that exist, read in
    one query (the bulk run asks once per chunk, not once per person)."""
    if not userids:
        return {}
    owners = {}
    users = MXServer.getMXServer().getMboSet("MAXUSER", userInfo)
    try:
        users.setWhere("userid in (" + ", ".join([quoted(u) for u in userids]) + ")")
        users.reset()
        user = users.moveFirst()
        while user is not None:
            userid = unicode_text(user.getString("USERID"))
            owners[userid] = unicode_text(user.getString("PERSONID"))
            user = users.moveNext()
    finally:
        users.close()
    return owners


def ownerProblem(userInfo, personid, owners=None):
    """userOwnedByOther when the Manage user of this id belongs to another
    person; ``owners`` (userOwners) when they are read already."""
    if owners is None:
        owners = userOwners(userInfo, [personid])
    owner = owners.get(personid)
    if owner is not None and owner != personid:
        return outcome("rejected", "userOwnedByOther", [personid, owner, personid])
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


def groupsToDrop(settings, entitlement, previous):
    """The groups a user given ``entitlement`` leaves, having had ``previous``
    (the person's MASENTITLEMENT, "" when none is recorded): the old
    mapping's groups the new one does not map, never a protected one; none
    when masuser.groups.remove is 0 or the entitlement did not change."""
    if settings.get(REMOVE_SETTING) != "1" or previous == entitlement:
        return []
    maps = entitlementMaps(settings)
    if previous in maps:
        candidates = maps[previous]
    else:
        candidates = []
        for other in sorted(maps):
            if other != entitlement:
                candidates.extend([g for g in maps[other] if g not in candidates])
    keep = maps.get(entitlement, []) + groupList(settings[PROTECTED_SETTING])
    return [g for g in candidates if g not in keep]


def heldGroups(userInfo, userid, groups):
    """The groups of the list the Manage user ``userid`` is a member of."""
    return groupNames(userInfo, "GROUPUSER", "userid = " + quoted(userid), groups)


def unremovableProblem(userInfo, userid, removing):
    """groupNotRemovable when the running user may not take ``userid`` out of
    a group it is to leave (the group reassignment authority, as for an
    addition [I: IBM documents it for assigning]), else None."""
    allowed = assignableGroups(userInfo, removing)
    refused = [g for g in removing if g not in allowed]
    if refused:
        return outcome(
            "rejected",
            "groupNotRemovable",
            [runningUser(userInfo), userid, ", ".join(refused), REMOVE_SETTING],
        )
    return None


def dropMemberships(user, userid, drop):
    """Mark the user's memberships of the groups in ``drop`` to be deleted
    with the user's save; the groups left, in drop's order."""
    if not drop:
        return []
    members = groupMembers(user, userid)[0]
    removed = []
    member = members.moveFirst()
    while member is not None:
        name = unicode_text(member.getString("GROUPNAME"))
        if name in drop and name not in removed and not member.isNew():
            member.delete()
            removed.append(name)
        member = members.moveNext()
    return [g for g in drop if g in removed]


def withRemoved(result, removed):
    """The outcome, carrying the groups removed for the audit line."""
    result["removed"] = list(removed)
    return result


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


def choiceCost(mbo, accessType, entitlement):
    """The AppPoints the dialog's choice costs (the MASAPPPOINTS field), or
    None while the choice or the settings do not give one."""
    settings = rawSettings()
    accessType = trimmed(unicode_text(accessType))
    entitlement = trimmed(unicode_text(entitlement))
    if accessType == "" or entitlement == "":
        return None
    if appPointTable(settings[APPPOINTS_SETTING])[0] is None:
        return None
    return appPoints(settings, accessType, entitlement)


def groupMembers(user, userid):
    """The GROUPUSER set of a MAXUSER record and the groups it holds already,
    saved or added (the set's name is MAXUSER's relationship to GROUPUSER, the
    set MaxUser.addGroupUser adds the default groups to)."""
    members = user.getMboSet("GROUPUSER", "GROUPUSER", "userid = " + quoted(userid))
    names = []
    member = members.moveFirst()
    while member is not None:
        names.append(unicode_text(member.getString("GROUPNAME")))
        member = members.moveNext()
    return members, names


def addMemberships(user, userid, groups):
    """Add the groups the user is not in yet (saved with the user); the added ones."""
    members, names = groupMembers(user, userid)
    added = []
    for group in groups:
        if group not in names:
            member = members.add()
            member.setValue("USERID", userid)
            member.setValue("GROUPNAME", group)
            added.append(group)
    return added


def groupsText(groups):
    if groups:
        return ", ".join(groups)
    return "none"


def withGroups(result, added):
    """The outcome, carrying the groups added for the audit line."""
    result["groups"] = list(added)
    return result


def addGroupsAfterUpsert(userInfo, personid, accessType, entitlement, groups, drop=()):
    """internalapi route, after MAS confirmed the upsert: add the groups to the
    Manage user when it exists, else record them on the person for the
    MASUSERGROUPS launch point to add when MAS's sync creates the user."""
    server = MXServer.getMXServer()
    users = server.getMboSet("MAXUSER", userInfo)
    try:
        users.setWhere("userid = " + quoted(personid))
        users.reset()
        user = users.moveFirst()
        if user is not None:
            added = addMemberships(user, personid, groups)
            removed = dropMemberships(user, personid, drop)
            users.save()
            return withRemoved(
                withGroups(
                    outcome(
                        "success",
                        "userGroupsAdded",
                        [personid, accessType, entitlement, groupsText(added)],
                    ),
                    added,
                ),
                removed,
            )
        people = server.getMboSet("PERSON", userInfo)
        try:
            people.setWhere("personid = " + quoted(personid))
            people.reset()
            person = people.moveFirst()
            if person is None:
                reason = "person %s is not in Manage's PERSON table" % personid
                return outcome("failed", "groupsNotSaved", [personid, reason])
            # Pending groups of the old entitlement are dropped with it.
            pending = groupList(person.getString(PENDING_GROUPS))
            pending = [g for g in pending if g not in drop]
            pending.extend([g for g in groups if g not in pending])
            if pending:
                person.setValue(PENDING_GROUPS, ",".join(pending), RECORD_FLAGS)
            else:
                person.setValueNull(PENDING_GROUPS, RECORD_FLAGS)
            people.save()
        finally:
            people.close()
        result = outcome(
            "success",
            "userGroupsPending",
            [personid, accessType, entitlement, groupsText(groups)],
        )
        result["pending"] = list(groups)
        return withGroups(result, [])
    except (MXException, JavaException) as problem:
        return outcome("failed", "groupsNotSaved", [personid, exceptionText(problem)])
    finally:
        users.close()


def saveManageUser(
    userInfo, personid, accessType, entitlement, groups, settings, login, drop=()
):
    """manage route (MAS 9.1 and later): the person's MAXUSER found or created
    (writeManageUser) and saved once: on any failure nothing is saved."""
    users = MXServer.getMXServer().getMboSet("MAXUSER", userInfo)
    try:
        users.setWhere("userid = " + quoted(personid))
        users.reset()
        created, added = writeManageUser(
            users, personid, accessType, groups, settings, login
        )
        removed = dropMemberships(users.moveFirst(), personid, drop)
        users.save()
    except (MXException, JavaException) as problem:
        return outcome("failed", "manageNotSaved", [personid, exceptionText(problem)])
    finally:
        users.close()
    return withRemoved(
        manageUserResult(personid, accessType, entitlement, created, added), removed
    )


def writeManageUser(users, personid, accessType, groups, settings, login):
    """Find or create the person's MAXUSER in a set of that USERID, with its
    licence (ISAUTHORIZED), its groups and its identity-provider record
    (``login``: its IDPLOGINID), all in the set's tree, so that whoever saves
    it writes them in one transaction. A new user first gets Manage's default
    groups (MaxUser.addGroupUser: DEFLTREG and the MAXVARS NEWUSERGROUP
    group), as IBM's own add-user code does after add(). Returns (created,
    mapped groups added); raises what Maximo raises when it refuses a value."""
    user = users.moveFirst()
    created = user is None
    if user is None:
        user = users.add()
        user.setValue("USERID", personid)
        user.setValue("LOGINID", personid)
        user.setValue("PERSONID", personid)
        user.setValue("TYPE", settings["masuser.user.type"])
        for attribute, value in NEW_USER_DEFAULTS:
            user.setValue(attribute, value)
        user.setValue("OWNER", settings[OWNER_SETTING])
        user.addGroupUser()
    translator = user.getTranslator()
    active = translator.toExternalDefaultValue(USER_STATUS_DOMAIN, "ACTIVE", user)
    if created:
        user.setValue("STATUS", active, MboConstants.NOACCESSCHECK)
    elif userStatus(user) != "ACTIVE":
        memo = "masuser: person %s gets its user back" % personid
        changeUserStatus(user, active, settings[STATUS_PATH_SETTING], memo)
    # 1/0, as IBM's python-devops writes MAXUSER.ISAUTHORIZED on 9.1.
    user.setValue("ISAUTHORIZED", 1 if accessType == "Authorized" else 0)
    added = addMemberships(user, personid, groups)
    addIdentityProvider(user, personid, settings, login)
    return created, added


def userStatus(user):
    """The internal MAXUSERSTATUS value of a user's STATUS; Maximo refuses a
    STATUS its domain does not have."""
    return unicode_text(
        user.getTranslator().toInternalString(
            USER_STATUS_DOMAIN, user.getString("STATUS"), user
        )
    )


def changeUserStatus(user, status, path, memo):
    """An existing user's STATUS changed the way masuser.user.statuspath says
    (STATUS_PATHS); raises what Maximo raises when it refuses the change."""
    if path == "noaccesscheck":
        user.setValue("STATUS", status, MboConstants.NOACCESSCHECK)
    else:
        user.changeStatus(status, MXServer.getMXServer().getDate(), memo)


def manageUserResult(personid, accessType, entitlement, created, added):
    """The outcome of a Manage user written, carrying the groups added."""
    key = "manageUserCreated" if created else "manageUserUpdated"
    return withGroups(
        outcome("success", key, [personid, accessType, entitlement, groupsText(added)]),
        added,
    )


def addIdentityProvider(user, userid, settings, login):
    """The user's record for the MAS identity provider (MASUSERIDP, the
    masuseridp child IBM's python-devops writes on 9.1), or its login kept
    up to date when it has one.
    Manage refuses an IDPID the suite has not registered (system#idpnotfound):
    the save then fails and nothing is written."""
    idpid = settings[IDP_SETTING]
    idps = user.getMboSet(
        "$MASUSER_MASUSERIDP",
        "MASUSERIDP",
        "userid = " + quoted(userid) + " and idpid = " + quoted(idpid),
    )
    idp = idps.moveFirst()
    if idp is not None:
        # The login follows the person (masuser.idp.loginattribute) [I: that
        # Manage lets IDPLOGINID change is not public].
        if unicode_text(idp.getString("IDPLOGINID")) != login:
            idp.setValue("IDPLOGINID", login)
        return
    idp = idps.add()
    idp.setValue("USERID", userid)
    idp.setValue("IDPID", idpid)
    idp.setValue("IDPTYPE", settings["masuser.idp.type"])
    idp.setValue("LOGINTYPE", IDP_LOGIN_TYPE)
    idp.setValue("IDPLOGINID", login)
    idp.setValue("ENABLED", True)
    idp.setValue("EMAILPASSWORD", False)


def landPendingGroups(user):
    """MAXUSER launch point (add, before save): the groups recorded on the
    user's person join the new user, in the same save, and the person's record
    of them is cleared. Protected groups and groups gone from MAXGROUP are
    left out. Returns (added, left out)."""
    userid = unicode_text(user.getString("USERID"))
    people = user.getMboSet(
        "$MASUSER_PERSON", "PERSON", "personid = " + quoted(user.getString("PERSONID"))
    )
    person = people.moveFirst()
    if person is None:
        return [], []
    pending = groupList(person.getString(PENDING_GROUPS))
    if not pending:
        return [], []
    protected = MXServer.getMXServer().getProperty(PROTECTED_SETTING)
    if protected is None or trimmed(unicode_text(protected)) == "":
        protected = settingDefaults()[PROTECTED_SETTING]
    groups = [g for g in pending if g not in groupList(protected)]
    groups = existingGroups(user.getUserInfo(), groups)
    # The user saving (MAS's sync) adds them: only groups it may assign.
    groups = assignableGroups(user.getUserInfo(), groups)
    added = addMemberships(user, userid, groups)
    person.setValueNull(PENDING_GROUPS, RECORD_FLAGS)
    return added, [g for g in pending if g not in groups]


# -- Many persons at once: the MASUSERBULK cron task ---------------------------
# A cron task instance (class com.ibm.tivoli.maximo.script.ScriptCrontask,
# SCRIPTNAME MASUSERBULK) calls runBulk. Persons go to MAS in chunks, one bulk
# request each; each person's outcome is written on the person (MASSYNC*
# attributes) only once MAS has answered for it, in one save per chunk (on the
# manage route, the save that writes the chunk's Manage users). A crash
# loses at most the outcomes of the chunk in flight: those persons are not DONE,
# so the next run sends them again, and the upsert is idempotent.

SYNC_STATE = "MASSYNCSTATE"
SYNC_DATE = "MASSYNCDATE"
SYNC_ERROR = "MASSYNCERROR"
SYNC_HASH = "MASSYNCHASH"
SYNC_ERROR_LENGTH = 500
DONE, FAILED, INVALID = "DONE", "FAILED", "INVALID"
CHUNK_SETTING = "masuser.bulk.chunksize"
MAX_CHUNK = 1000
# Part of each person's hash: bump it when buildUser sends something new, and
# every person is sent again on the next run.
PAYLOAD_VERSION = "1"
ARG_KEYS = ("mode", "accesstype", "entitlement", "where", "query")
LAST_KEYS = ("where", "query")
COUNT_NAMES = (
    "selected",
    "unchanged",
    "invalid",
    "sent",
    "done",
    "failed",
    "requests",
    "attempts",
    "unrecorded",
    "deactivated",
    "skipped",
    "verified",
)
RECORD_FLAGS = MboConstants.NOACCESSCHECK | MboConstants.NOVALIDATION_AND_NOACTION
# What a record of recordOutcomes writes after the personid, in its order.
SYNC_RECORD = (SYNC_STATE, SYNC_HASH, SYNC_ERROR, "MASSYNCBY")
# The settings a Manage user written by the manage route depends on.
MANAGE_USER_SETTINGS = (
    "masuser.user.type",
    "masuser.idp.id",
    "masuser.idp.type",
    "masuser.idp.loginattribute",
)


def parseBulkArg(instance, text):
    """The cron task instance's SCRIPTARG as {key: value}, or the rejected outcome.

    accesstype=...;entitlement=...;where=<where clause> (or query=<saved
    query>). Keys are case-insensitive; where or query comes last and takes the
    rest of the text, so the where clause itself may contain ';'.
    """
    values = {}
    rest = trimmed(unicode_text(text))
    while rest:
        part, _, tail = rest.partition(";")
        key, equals, value = part.partition("=")
        key = asciiLower(trimmed(key))
        if trimmed(part) == "":
            rest = trimmed(tail)
            continue
        if not equals or key not in ARG_KEYS:
            reason = "%s is not one of %s" % (trimmed(part), ", ".join(ARG_KEYS))
            return None, outcome("rejected", "bulkArgInvalid", [instance, reason])
        if key in values:
            reason = key + " is given twice"
            return None, outcome("rejected", "bulkArgInvalid", [instance, reason])
        if key in LAST_KEYS:
            value, tail = rest.partition("=")[2], ""
            for other in ARG_KEYS:
                if ";" + other + "=" in asciiLower(value).replace(" ", ""):
                    reason = key + " must come last"
                    return None, outcome(
                        "rejected", "bulkArgInvalid", [instance, reason]
                    )
        values[key] = trimmed(value)
        rest = trimmed(tail)
    if "where" in values and "query" in values:
        reason = "give where or query, not both"
        return None, outcome("rejected", "bulkArgInvalid", [instance, reason])
    return values, None


def serverDomainValues(userInfo, domainid):
    """The values of an ALN domain, read without a record to start from."""
    domain = MXServer.getMXServer().getMboSet("ALNDOMAIN", userInfo)
    try:
        domain.setFlag(MboConstants.DISCARDABLE, True)  # read once, forward
        domain.setWhere("domainid = '" + domainid + "'")
        domain.reset()
        values = []
        value = domain.moveFirst()
        while value is not None:
            values.append(unicode_text(value.getString("VALUE")))
            value = domain.moveNext()
        return values
    finally:
        domain.close()


def savedQueryClause(userInfo, name):
    """The where clause of a saved query of the People application, or None."""
    queries = MXServer.getMXServer().getMboSet("QUERY", userInfo)
    try:
        queries.setWhere(
            "app = 'PERSON' and clausename = '" + name.replace("'", "''") + "'"
        )
        queries.reset()
        query = queries.moveFirst()
        if query is None:
            return None
        return unicode_text(query.getString("CLAUSE"))
    finally:
        queries.close()


def readBulkSettings():
    """readSettings, plus the chunk size checked."""
    settings, problem = readSettings()
    if problem:
        return None, problem
    problem = deactivationSetting(settings[DEACTIVATE_SETTING])[1]
    if problem:
        return None, problem
    text = settings[CHUNK_SETTING]
    if not isNumber(text) or not 1 <= int(text) <= MAX_CHUNK:
        reason = "use a count from 1 to %d" % MAX_CHUNK
        return None, outcome("rejected", "configInvalid", [CHUNK_SETTING, text, reason])
    return settings, None


def routeSetting():
    """masuser.route as set, the default when empty (readSettings checks it)."""
    text = trimmed(unicode_text(MXServer.getMXServer().getProperty(ROUTE_SETTING)))
    return text or settingDefaults()[ROUTE_SETTING]


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


def outcomeText(result):
    """The text of an outcome's message, as Maximo resolves it from MAXMESSAGES."""
    error = MXApplicationException(result["group"], result["key"], result["params"])
    return excerpt(error.getMessage(), SYNC_ERROR_LENGTH)


def answeredIds(text, deadline=None):
    """The user ids a bulk answer names in its per-user results."""
    named = []
    for item in perUserResults(text, deadline):
        if isinstance(item, JSONObject) and item.get("id") is not None:
            named.append(unicode_text(item.get("id")))
    return named


def upsertChunk(settings, users, ids, accessType, entitlement):
    """One bulk request for built users: ({id: outcome}, attempts, request failed).

    A user is a success only when MAS confirmed it: a 2xx answer whose
    per-user result for it is not an error (an answer that names users but not
    this one does not confirm it). A request without a usable 2xx answer fails
    every user of the chunk.
    """
    deadline = callDeadline(settings)
    sent = send(settings, buildBody(users, settings), deadline)
    attempts = sent[-1]
    refused = refusal(sent, deadline)
    if requestFailure(ids[0], sent, settings, refused) is not None:
        results = {}
        for userId in ids:
            results[userId] = requestFailure(userId, sent, settings, refused)
        return results, attempts, True
    status, text = sent[1], sent[3]
    try:
        answers = userResults(ids, status, text, deadline)
        named = answeredIds(text, deadline)
    except (JavaException, MXException, ValueError) as problem:
        reason = exceptionText(problem)
        results = {}
        for userId in ids:
            results[userId] = outcome(
                "failed", "masUnclearAnswer", [userId, status, reason]
            )
        return results, attempts, False
    results = {}
    for userId in ids:
        kind, errorId, message = answers[userId]
        if kind == "failed":
            results[userId] = outcome(
                "failed", "masRejected", [userId, status, errorId, message]
            )
        elif named and userId not in named:
            results[userId] = outcome("failed", "userNotConfirmed", [userId, status])
        else:
            results[userId] = outcome(
                "success", SUCCESS_KEYS[kind], [userId, accessType, entitlement]
            )
    return results, attempts, False


def recordOutcomes(userInfo, records, choice=None):
    """Write (personid, state, hash, error[, by]) on each person, in one save;
    a DONE person also gets ``choice`` (access type, entitlement) when given."""
    people = MXServer.getMXServer().getMboSet("PERSON", userInfo)
    try:
        quoted = ["'" + record[0].replace("'", "''") + "'" for record in records]
        people.setWhere("personid in (" + ", ".join(quoted) + ")")
        people.reset()
        byId = {}
        for record in records:
            byId[record[0]] = record
        now = MXServer.getMXServer().getDate()
        person = people.moveFirst()
        while person is not None:
            record = byId.get(unicode_text(person.getString("PERSONID")))
            if record is not None:
                writeRecord(person, record, now)
                if choice is not None and record[1] == DONE:
                    writeChoice(person, choice[0], choice[1])
            person = people.moveNext()
        people.save()
    finally:
        people.close()


def writeRecord(person, record, now):
    """Set one (personid, state, hash, error[, by]) record on its person."""
    person.setValue(SYNC_DATE, now, RECORD_FLAGS)
    for attribute, value in zip(SYNC_RECORD, record[1:]):
        if value:
            person.setValue(attribute, value, RECORD_FLAGS)
        else:
            person.setValueNull(attribute, RECORD_FLAGS)


class BulkRun(object):
    """One run of the cron task: the pending chunk, the counts, the problems."""

    def __init__(self, userInfo, settings, accessType, entitlement):
        self.userInfo = userInfo
        self.settings = settings
        self.accessType = accessType
        self.entitlement = entitlement
        self.chunkSize = int(settings[CHUNK_SETTING])
        self.counts = {}
        for name in COUNT_NAMES:
            self.counts[name] = 0
        self.problems = []
        self.pending = []
        self.records = []
        self.stopped = None
        # Set by runBulk: the instance, and whether inactive persons lose
        # their MAS users (masuser.deactivate); see considerLeaver.
        self.instance = ""
        self.deactivating = False
        self.manage = False
        # manage route: the groups of the entitlement, None when the instance
        # gives no access type or entitlement (it only deactivates then).
        self.groups = None
        self.handled = set()
        self.audits = []
        # How many persons failed with each message key: the summary's errors.
        self.errors = {}
        # manage route: the queued persons recorded INVALID with their hash.
        self.knownInvalid = set()
        # manage route: the groups each person's user leaves (groupsToDrop),
        # and the mapped groups the running user may reassign (read once).
        self.drops = {}
        self.dropsByPrevious = {}
        self.reassignable = None

    def countError(self, result):
        """Count one person's failure under its message key."""
        self.errors[result["key"]] = self.errors.get(result["key"], 0) + 1

    def consider(self, mbo):
        """Queue one selected person: skipped, recorded invalid or to be sent."""
        self.counts["selected"] += 1
        person = readPerson(mbo)
        if self.deactivating and internalStatus(mbo, person["STATUS"]) == "INACTIVE":
            self.considerLeaver(mbo, person)
            return
        if self.manage and self.groups is None:
            self.counts["skipped"] += 1
            return
        personid = person["PERSONID"]
        login, loginProblem = None, None
        if self.manage:
            login, loginProblem = idpLogin(mbo, personid, self.settings)
        digest = personDigest(
            person, self.accessType, self.entitlement, self.settings, self.groups, login
        )
        state = unicode_text(mbo.getString(SYNC_STATE))
        same = unicode_text(mbo.getString(SYNC_HASH)) == digest
        if state == DONE and same:
            self.counts["unchanged"] += 1
            return
        problem = validatePerson(mbo, person)
        if not problem and self.manage:
            problem = loginProblem or self.dropProblem(mbo, personid)
        if problem:
            self.refuse(personid, digest, problem, state == INVALID and same)
            return
        if self.manage:
            # The user's owner and login are checked with the chunk's
            # (ownersChecked); what is queued is the identity provider login.
            if state == INVALID and same:
                self.knownInvalid.add(personid)
            user = login
        else:
            user = buildUser(person, self.accessType, self.entitlement, self.settings)
        self.queue((personid, digest, user, None))

    def refuse(self, personid, digest, problem, known, records=None):
        """Count a person not sent and record why, unless it is recorded
        INVALID with this hash already (known)."""
        self.counts["invalid"] += 1
        self.countError(problem)
        if not known:
            text = outcomeText(problem)
            if records is None:
                records = self.records
            records.append((personid, INVALID, digest, text))
            self.problems.append("person %s not sent: %s" % (personid, text))

    def ownersChecked(self, pending, records):
        """manage route: the chunk's persons whose Manage user, if any, is
        their own and whose login no other user has; each other one is
        refused (userOwnedByOther, loginTaken). The chunk's users and the
        holders of its logins are read in two queries, not two per person."""
        ids = [item[0] for item in pending]
        owners = userOwners(self.userInfo, ids)
        holders = loginHolders(self.userInfo, ids)
        kept = []
        for item in pending:
            problem = ownerProblem(self.userInfo, item[0], owners) or loginTaken(
                self.userInfo, item[0], holders
            )
            if problem:
                known = item[0] in self.knownInvalid
                self.refuse(item[0], item[1], problem, known, records)
            else:
                kept.append(item)
        self.knownInvalid = set()
        return kept

    def withUsers(self, pending):
        """The chunk without the leavers who never had a user: neither
        confirmed by MAS (MASSYNCSTATE) nor with a Manage user, read for the
        chunk's leavers in one query, not one per person. Each one dropped is
        skipped: no request, no save."""
        unsure = [i[0] for i in pending if i[3] is not None and not i[3]["confirmed"]]
        if not unsure:
            return pending
        found = personsWithUsers(self.userInfo, unsure)
        kept = []
        for item in pending:
            if item[0] in unsure and item[0] not in found:
                self.counts["skipped"] += 1
            else:
                kept.append(item)
        return kept

    def dropProblem(self, mbo, personid):
        """Note the groups the person's user leaves (its recorded
        MASENTITLEMENT against the instance's); groupNotRemovable when the
        user holds one the running user may not reassign, else None. Only a
        group outside the running user's authority costs a query."""
        previous = lastChoice(mbo)[1]
        drop = self.dropsByPrevious.get(previous)
        if drop is None:
            # The settings hold for the run: once per recorded entitlement.
            drop = groupsToDrop(self.settings, self.entitlement, previous)
            self.dropsByPrevious[previous] = drop
        self.drops[personid] = drop
        if not drop:
            return None
        if self.reassignable is None:
            mapped = []
            for groups in entitlementMaps(self.settings).values():
                mapped.extend([g for g in groups if g not in mapped])
            self.reassignable = assignableGroups(self.userInfo, mapped)
        outside = [g for g in drop if g not in self.reassignable]
        held = heldGroups(self.userInfo, personid, outside)
        return unremovableProblem(self.userInfo, personid, held)

    def removalAudit(self, personid, removed):
        """The audit line of the groups a person's user left in this run."""
        self.audits.append(
            "masuser audit: user=crontask:%s person=%s entitlement=%s removed=%s"
            % (self.instance, personid, self.entitlement, ",".join(removed))
        )

    def queue(self, item):
        """Add (personid, hash, user, leaver) to the chunk; send it when full."""
        for pending in self.pending:
            if pending[0] == item[0]:
                # One request never carries a user twice: MAS would answer
                # for one of them only.
                self.flush()
                break
        self.pending.append(item)
        if len(self.pending) >= self.chunkSize:
            self.flush()

    def flush(self):
        """Send the pending chunk (one request), or on the manage route write
        it in Manage (one save for its deactivations, one for its users), then
        record every outcome."""
        pending, records = self.withUsers(self.pending), self.records
        self.pending, self.records = [], []
        if pending and self.manage:
            leavers = [item for item in pending if item[3] is not None]
            if leavers:
                self.deactivateInManage(leavers, records)
            users = [item for item in pending if item[3] is None]
            if users:
                users = self.ownersChecked(users, records)
            if users:
                self.writeInManage(users, records)
        elif pending:
            ids = [item[0] for item in pending]
            results, attempts, requestFailed = upsertChunk(
                self.settings,
                [item[2] for item in pending],
                ids,
                self.accessType,
                self.entitlement,
            )
            self.counts["requests"] += 1
            self.counts["attempts"] += attempts
            self.counts["sent"] += len(pending)
            for item in pending:
                personid, digest, result = item[0], item[1], results[item[0]]
                if item[3] is not None:
                    if result["outcome"] == "success":
                        result = outcome(
                            "success",
                            "userDeactivated",
                            [personid, item[3]["status"]],
                        )
                    self.settleLeaver(item, result, records, False)
                elif result["outcome"] == "success":
                    self.counts["done"] += 1
                    records.append((personid, DONE, digest, None))
                else:
                    self.counts["failed"] += 1
                    self.countError(result)
                    text = outcomeText(result)
                    records.append((personid, FAILED, digest, text))
                    self.problems.append("person %s failed: %s" % (personid, text))
            if requestFailed:
                self.stopped = "a bulk request failed: " + outcomeText(results[ids[0]])
        if records:
            try:
                recordOutcomes(
                    self.userInfo, records, (self.accessType, self.entitlement)
                )
            except (MXException, JavaException) as problem:
                self.counts["unrecorded"] += len(records)
                self.problems.append(
                    "the outcomes of %d person(s) could not be saved (%s); they are"
                    " sent again on the next run"
                    % (len(records), exceptionText(problem))
                )

    def deactivateMarked(self):
        """Deactivate every person the MASUSERSTATUS launch point marked (or
        whose deactivation failed before), whatever the instance selects."""
        people = MXServer.getMXServer().getMboSet("PERSON", self.userInfo)
        try:
            people.setFlag(MboConstants.DISCARDABLE, True)  # read only, forward
            people.setWhere(
                "massyncstate in ('" + DEACT_PENDING + "', '" + DEACT_FAILED + "')"
            )
            people.setOrderBy("personid")
            people.reset()
            mbo = people.moveFirst()
            while mbo is not None and self.stopped is None:
                person = readPerson(mbo)
                if internalStatus(mbo, person["STATUS"]) == "INACTIVE":
                    self.considerLeaver(mbo, person)
                else:
                    # Active again before the deactivation was carried out
                    # (the launch point drops the mark itself when it runs).
                    self.handled.add(person["PERSONID"])
                    self.counts["skipped"] += 1
                    self.records.append(dropMark(mbo, person))
                mbo = people.moveNext()
        finally:
            people.close()

    def considerLeaver(self, mbo, person):
        """Queue the deactivation of an inactive person who has a MAS user; a
        person who never had one is skipped without a request."""
        personid = person["PERSONID"]
        if personid in self.handled:
            return
        self.handled.add(personid)
        state = unicode_text(mbo.getString(SYNC_STATE))
        if state == DEACT_DONE:
            self.counts["unchanged"] += 1
            return
        if not idIsValid(personid):
            self.counts["skipped"] += 1
            return
        by = ""
        if state in MARKED:
            by = unicode_text(mbo.getString(SYNC_BY))
        leaver = {"by": by or "crontask:" + self.instance, "status": person["STATUS"]}
        # Whether it has a user, when MASSYNCSTATE does not say so, is read
        # with the chunk's (withUsers).
        leaver["confirmed"] = state in USER_STATES
        digest = unicode_text(mbo.getString(SYNC_HASH))
        user = None
        if not self.manage:
            user = leaverUser(person, self.settings)
        self.queue((personid, digest, user, leaver))

    def settleLeaver(self, item, result, records, recorded):
        """Count one deactivation and write its audit line; its outcome joins
        the records unless the chunk's own save wrote it (recorded)."""
        personid, digest, leaver = item[0], item[1], item[3]
        if result["outcome"] == "success" and result["key"] == VERIFIED_KEY:
            self.counts["verified"] += 1
            state, text = DEACT_DONE, None
        elif result["outcome"] == "success":
            self.counts["deactivated"] += 1
            state, text = DEACT_DONE, None
        else:
            self.counts["failed"] += 1
            self.countError(result)
            state, text = DEACT_FAILED, outcomeText(result)
            self.problems.append(
                "person %s not deactivated (tried again on the next run): %s"
                % (personid, text)
            )
        if not recorded:
            records.append((personid, state, digest, text, leaver["by"]))
        self.audits.append(
            deactivationAudit(leaver["by"], personid, self.instance, result)
        )

    def deactivateInManage(self, pending, records):
        """manage route: the Manage users of a chunk of leavers verified
        inactive (Manage's cascade made them so) or made inactive through the
        status path, with each person's MASSYNC* record, in one save. When
        that save fails nothing of it is written, and every person of the
        chunk is recorded DEACTFAIL (MASSYNCERROR says why) for the next run."""
        path = self.settings[STATUS_PATH_SETTING]

        def deactivate(person, item, now):
            leaver = item[3]
            return deactivateManageUsers(person, leaver["by"], leaver["status"], path)

        results, saved = self.saveInManage(pending, deactivate, "manageNotDeactivated")
        for item in pending:
            result = results.get(item[0])
            if result is None:
                # No Manage user (or no person) left to deactivate.
                self.counts["skipped"] += 1
                continue
            self.settleLeaver(item, result, records, saved)

    def saveInManage(self, pending, change, failureKey):
        """The chunk's persons read in one set, ``change(person, item, now)``
        run on each (its outcome, or None when it had nothing to change),
        and the set saved once, with every set related to the persons.
        Returns ({personid: outcome}, saved); when Maximo refuses any of it
        nothing is written and every person's outcome is failureKey."""
        byId = {}
        for item in pending:
            byId[item[0]] = item
        results = {}
        people = MXServer.getMXServer().getMboSet("PERSON", self.userInfo)
        try:
            people.setWhere(
                "personid in (" + ", ".join([quoted(i) for i in sorted(byId)]) + ")"
            )
            people.reset()
            now = MXServer.getMXServer().getDate()
            person = people.moveFirst()
            while person is not None:
                item = byId.get(unicode_text(person.getString("PERSONID")))
                if item is not None:
                    result = change(person, item, now)
                    if result is not None:
                        results[item[0]] = result
                person = people.moveNext()
            people.save()
        except (MXException, JavaException) as problem:
            for personid in byId:
                results[personid] = outcome(
                    "failed", failureKey, [personid, exceptionText(problem)]
                )
            return results, False
        finally:
            people.close()
        return results, True

    def writeInManage(self, pending, records):
        """manage route: the Manage users of a chunk of persons found or
        created (writeManageUser) with each person's MASSYNC* record, in one
        save. When Maximo refuses any of it nothing of the chunk is written,
        and every person of the chunk is recorded FAILED (MASSYNCERROR says
        why) for the next run."""

        def write(person, item, now):
            personid = item[0]
            users = person.getMboSet(
                "$MASUSER_USER", "MAXUSER", "userid = " + quoted(personid)
            )
            created, added = writeManageUser(
                users, personid, self.accessType, self.groups, self.settings, item[2]
            )
            drop = self.drops.get(personid) or []
            removed = dropMemberships(users.moveFirst(), personid, drop)
            writeRecord(person, (personid, DONE, item[1], None), now)
            writeChoice(person, self.accessType, self.entitlement)
            return withRemoved(
                manageUserResult(
                    personid, self.accessType, self.entitlement, created, added
                ),
                removed,
            )

        results = self.saveInManage(pending, write, "manageNotSaved")[0]
        for item in pending:
            result = results.get(item[0])
            if result is None:
                # The person is gone from PERSON since the walk read it.
                self.counts["skipped"] += 1
            elif result["outcome"] == "success":
                self.counts["done"] += 1
                if result.get("removed"):
                    self.removalAudit(item[0], result["removed"])
            else:
                self.counts["failed"] += 1
                self.countError(result)
                text = outcomeText(result)
                records.append((item[0], FAILED, item[1], text))
                self.problems.append("person %s failed: %s" % (item[0], text))


def errorSummary(errors):
    """The summary's errors, most frequent first: (key, count) pairs and the
    text " errors: masRejected=3 emailInvalid=1" ("" when there are none)."""
    pairs = sorted(errors.items(), key=lambda pair: (-pair[1], pair[0]))
    if not pairs:
        return pairs, ""
    return pairs, " errors: " + " ".join(["%s=%d" % pair for pair in pairs])


def bulkResult(
    instance,
    counts,
    problems,
    message,
    stopped,
    audits=None,
    errors=None,
    apppoints=None,
):
    """What runBulk hands back: outcome, the one summary line (with the failed
    persons counted by message key), the problems, the audit line of each
    deactivation."""
    if message is not None:
        kind = "rejected"
    elif counts["failed"] or counts["unrecorded"] or stopped:
        kind = "failed"
    else:
        kind = "success"
    summary = "masuser bulk: instance=%s outcome=%s " % (instance, kind)
    summary += " ".join(["%s=%d" % (name, counts[name]) for name in COUNT_NAMES])
    if apppoints is not None:
        # The AppPoints of the users this run made (done x the choice's cost).
        summary += " apppoints=%d" % apppoints
    errorPairs, errorText = errorSummary(errors or {})
    summary += errorText
    text = None
    if message is not None:
        text = outcomeText(message)
        summary += " rejected: " + text
    elif stopped:
        summary += " stopped: " + stopped
    return {
        "outcome": kind,
        "message": message,
        "text": text,
        "summary": summary,
        "problems": problems,
        "counts": counts,
        # A dict's order is the JVM's hash order in Jython: this is the order
        # the summary line gives them in.
        "countNames": list(COUNT_NAMES),
        "audits": audits or [],
        # (key, count) pairs, most frequent first: a list, the same in Jython.
        "errors": [[key, count] for key, count in errorPairs],
        "apppoints": apppoints,
    }


def runBulk(userInfo, instance, scriptArg):
    """Upsert the persons the cron task instance selects, in chunks.

    Selection: its SCRIPTARG's where clause (or saved query) on PERSON, all
    persons when it gives neither. A person already DONE whose hash is
    unchanged is skipped; an invalid one is recorded INVALID without a request;
    the others go to MAS, one bulk request per chunk, or on the manage route
    get their Manage users written (an owner check first, as the action's), one
    save per chunk; there an instance that gives no access type or entitlement
    leaves active persons as they are. With masuser.deactivate
    on, the persons marked for deactivation come first, whatever the
    selection, and an inactive person of the selection is deactivated when it
    has a MAS user, skipped when it never had one. After a request that got no
    usable answer the run stops: the rest waits for the next run.
    """
    instance = unicode_text(instance)
    counts = {}
    for name in COUNT_NAMES:
        counts[name] = 0
    args, problem = parseBulkArg(instance, scriptArg)
    if problem:
        return bulkResult(instance, counts, [], problem, None)
    mode = asciiLower(args.get("mode", "sync"))
    if mode not in MODES or (
        mode == DRIFT_MODE and ("accesstype" in args or "entitlement" in args)
    ):
        reason = (
            "mode is sync (the default) or drift, and drift takes only where or query"
        )
        problem = outcome("rejected", "bulkArgInvalid", [instance, reason])
        return bulkResult(instance, counts, [], problem, None)
    accessType = args.get("accesstype", "")
    entitlement = args.get("entitlement", "")
    manage = routeSetting() == MANAGE_ROUTE
    # On the manage route an instance that gives neither only deactivates.
    creating = not manage or "accesstype" in args or "entitlement" in args
    if mode == DRIFT_MODE:
        creating = False
    problem = None
    if creating:
        problem = checkChoice(
            "Access Type", accessType, serverDomainValues(userInfo, ACCESS_TYPE_DOMAIN)
        ) or checkChoice(
            "Entitlement", entitlement, serverDomainValues(userInfo, ENTITLEMENT_DOMAIN)
        )
    settings = None
    if not problem:
        settings, problem = readBulkSettings()
    where = args.get("where") or None
    if not problem and args.get("query"):
        where = savedQueryClause(userInfo, args["query"])
        if where is None:
            problem = outcome(
                "rejected", "savedQueryMissing", [instance, args["query"]]
            )
    if not problem and mode == DRIFT_MODE:
        return runDrift(userInfo, instance, where, settings)
    groups = None
    if not problem and creating:
        problem = ceilingProblem(settings, accessType, entitlement)
    if not problem and manage and creating:
        problem = manageSettingsProblem(settings)
    if not problem and manage and creating:
        groups = mappedGroups(settings, entitlement)
        problem = unknownGroups(userInfo, entitlement, groups) or unassignableProblem(
            userInfo, entitlement, groups
        )
    if problem:
        return bulkResult(instance, counts, [], problem, None)
    run = BulkRun(userInfo, settings, accessType, entitlement)
    run.instance = instance
    run.deactivating = run.settings[DEACTIVATE_SETTING] == "1"
    run.manage = manage
    run.groups = groups
    people = MXServer.getMXServer().getMboSet("PERSON", userInfo)
    try:
        if run.deactivating:
            run.deactivateMarked()
        # The walk only reads: a DISCARDABLE set keeps just the current record
        # instead of caching every person it fetched (IBM, "Use of MboSet
        # DISCARDABLE Flag to Optimize JVM Garbage Collection: Caveats"), so the
        # JVM holds one chunk, not the whole selection. It is forward-only and
        # never saved: the outcomes go through a set of their own per chunk
        # (recordOutcomes), and this one is closed below.
        people.setFlag(MboConstants.DISCARDABLE, True)
        if where:
            people.setWhere(where)
        people.setOrderBy("personid")
        people.reset()
        mbo = people.moveFirst()
        while mbo is not None and run.stopped is None:
            run.consider(mbo)
            mbo = people.moveNext()
        if run.stopped is None:
            run.flush()
    except (MXException, JavaException) as problem:
        # E.g. a where clause the database refuses: the summary still says so.
        run.stopped = "Maximo refused the run: " + exceptionText(problem)
    finally:
        people.close()
    cost = None
    if creating:
        cost = appPoints(settings, accessType, entitlement)
    return bulkResult(
        instance,
        run.counts,
        run.problems,
        None,
        run.stopped,
        run.audits,
        run.errors,
        None if cost is None else cost * run.counts["done"],
    )


# -- Drift: MAS users and Manage out of step -----------------------------------
# A MASUSERBULK instance with SCRIPTARG mode=drift (and where= or query=)
# changes nothing of the persons, users or groups: it compares each selected
# person with its Manage user (on internalapi, the MAXUSER MAS's sync made)
# and records what differs on the person (MASDRIFT; empty when in step), one
# save per chunk, plus one summary line. MAS itself is not read: the internal
# API publishes no bulk read, and one GET per person would cost a request each.

DRIFT_FIELD = "MASDRIFT"
DRIFT_MODE = "drift"
MODES = ("sync", DRIFT_MODE)
DRIFT_COUNTS = ("selected", "drifted", "cleared", "unchanged", "unrecorded")
DRIFT_LENGTH = 500


def personUsers(userInfo, personid):
    """[(USERID, internal status, ISAUTHORIZED)] of the person's Manage users."""
    users = MXServer.getMXServer().getMboSet("MAXUSER", userInfo)
    found = []
    try:
        users.setWhere("personid = " + quoted(personid))
        users.reset()
        user = users.moveFirst()
        while user is not None:
            found.append(
                (
                    unicode_text(user.getString("USERID")),
                    userStatus(user),
                    user.getBoolean("ISAUTHORIZED"),
                )
            )
            user = users.moveNext()
    finally:
        users.close()
    return found


def driftFindings(mbo, userInfo, settings):
    """What differs between a person and its Manage user(s), as short
    key:detail texts (empty: in step)."""
    person = readPerson(mbo)
    personid = person["PERSONID"]
    internal = internalStatus(mbo, person["STATUS"])
    state = unicode_text(mbo.getString(SYNC_STATE))
    accessType, entitlement = lastChoice(mbo)
    users = personUsers(userInfo, personid)
    findings = []
    active = [u[0] for u in users if u[1] not in USER_GONE]
    if internal == "INACTIVE" and active:
        findings.append("userActivePersonInactive:" + ",".join(active))
    own = [u for u in users if u[0] == personid]
    if state == DONE and not own:
        findings.append("userMissing:" + personid)
    if not own:
        return findings
    user = own[0]
    if internal == "ACTIVE" and state == DONE and user[1] in USER_GONE:
        findings.append("userInactive:" + user[1])
    if settings[ROUTE_SETTING] == MANAGE_ROUTE and accessType:
        if user[2] != (accessType == "Authorized"):
            findings.append("licenceMismatch:ISAUTHORIZED")
    maps = entitlementMaps(settings)
    if entitlement in maps:
        mapped = maps[entitlement]
        others = []
        for name in sorted(maps):
            others.extend([g for g in maps[name] if g not in others])
        held = heldGroups(userInfo, personid, others + mapped)
        missing = [g for g in mapped if g not in held]
        extra = [g for g in held if g not in mapped]
        if missing:
            findings.append("groupsMissing:" + ",".join(missing))
        if extra:
            findings.append("groupsExtra:" + ",".join(extra))
    return findings


def recordDrift(userInfo, changes):
    """Write {personid: findings text or None} on MASDRIFT, in one save."""
    people = MXServer.getMXServer().getMboSet("PERSON", userInfo)
    try:
        people.setWhere(
            "personid in (" + ", ".join([quoted(p) for p in sorted(changes)]) + ")"
        )
        people.reset()
        person = people.moveFirst()
        while person is not None:
            personid = unicode_text(person.getString("PERSONID"))
            if personid in changes:
                text = changes[personid]
                if text:
                    person.setValue(DRIFT_FIELD, text, RECORD_FLAGS)
                else:
                    person.setValueNull(DRIFT_FIELD, RECORD_FLAGS)
            person = people.moveNext()
        people.save()
    finally:
        people.close()


def runDrift(userInfo, instance, where, settings):
    """The drift report of the persons ``where`` selects (all when None):
    findings recorded on each person whose MASDRIFT changes, the rest left as
    they are; one summary line counting the findings by key."""
    counts = {}
    for name in DRIFT_COUNTS:
        counts[name] = 0
    kinds = {}  # type: dict
    problems = []
    changes = {}  # type: dict
    chunk = int(settings[CHUNK_SETTING])
    stopped = None

    def flush():
        if not changes:
            return
        try:
            recordDrift(userInfo, changes)
        except (MXException, JavaException) as problem:
            counts["unrecorded"] += len(changes)
            problems.append(
                "drift of %d person(s) not recorded: %s"
                % (len(changes), exceptionText(problem))
            )
        changes.clear()

    # Read only, forward: a DISCARDABLE walk, as runBulk's.
    walk = MXServer.getMXServer().getMboSet("PERSON", userInfo)
    try:
        walk.setFlag(MboConstants.DISCARDABLE, True)
        if where:
            walk.setWhere(where)
        walk.setOrderBy("personid")
        walk.reset()
        mbo = walk.moveFirst()
        while mbo is not None:
            counts["selected"] += 1
            personid = unicode_text(mbo.getString("PERSONID"))
            findings = driftFindings(mbo, userInfo, settings)
            for finding in findings:
                key = finding.partition(":")[0]
                kinds[key] = kinds.get(key, 0) + 1
            text = "; ".join(findings)[:DRIFT_LENGTH] or None
            before = unicode_text(mbo.getString(DRIFT_FIELD)) or None
            if findings:
                counts["drifted"] += 1
            if text == before:
                counts["unchanged"] += 1
            else:
                if not findings:
                    counts["cleared"] += 1
                changes[personid] = text
                if len(changes) >= chunk:
                    flush()
            mbo = walk.moveNext()
        flush()
    except (MXException, JavaException) as problem:
        stopped = "Maximo refused the run: " + exceptionText(problem)
    finally:
        walk.close()
    kind = "failed" if stopped or counts["unrecorded"] else "success"
    summary = "masuser drift: instance=%s outcome=%s " % (instance, kind)
    summary += " ".join(["%s=%d" % (name, counts[name]) for name in DRIFT_COUNTS])
    pairs, text = errorSummary(kinds)
    summary += text.replace(" errors: ", " findings: ")
    if stopped:
        summary += " stopped: " + stopped
    return {
        "outcome": kind,
        "message": None,
        "text": None,
        "summary": summary,
        "problems": problems,
        "counts": counts,
        "countNames": list(DRIFT_COUNTS),
        "audits": [],
        "errors": [[key, count] for key, count in pairs],
        "apppoints": None,
    }


# -- A person who leaves: the MAS user deactivated ----------------------------
# The MASUSERSTATUS launch point (PERSON, before save) only marks a person
# whose status becomes inactive and who has a MAS user: MASSYNCSTATE DEACTPEND,
# MASSYNCBY the user who changed the status. The person's transaction never
# calls MAS: a call there, even after commit, would hold the user's (or the
# integration feed's) thread for up to masuser.api.deadline. Every MASUSERBULK
# run deactivates the marked persons first, whatever its selection, with the
# same bulk upsert and transport policy (status.active false); a deactivation
# MAS did not confirm is DEACTFAIL (MASSYNCERROR says why) and is tried again
# on each run until MAS confirms it (DEACTDONE).
#
# On the manage route Manage itself makes a person's users inactive when the
# person becomes inactive (IBM docs, People application, "Person statuses";
# reactivation leaves them inactive). MASUSERSTATUS only marks the person
# (DEACTPEND); MASUSERBULK reads the person's Manage users and records the
# cascade as verified, or, for a user the cascade missed (the person made
# inactive by SQL or before the bundle was installed), makes it inactive
# through masuser.user.statuspath, one save per chunk.

DEACT_PENDING, DEACT_FAILED, DEACT_DONE = "DEACTPEND", "DEACTFAIL", "DEACTDONE"
MARKED = (DEACT_PENDING, DEACT_FAILED)
# The states that show MAS has, or had, a user for the person.
USER_STATES = (DONE, DEACT_PENDING, DEACT_FAILED, DEACT_DONE)
SYNC_BY = "MASSYNCBY"
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


def hasMasUser(mbo, userInfo):
    """True when the person has (or had) a MAS user: MASSYNCSTATE says MAS
    confirmed one, or a MAXUSER of the person exists (MAS syncs its users to
    Manage, those the dialog created included)."""
    if unicode_text(mbo.getString(SYNC_STATE)) in USER_STATES:
        return True
    personid = unicode_text(mbo.getString("PERSONID"))
    return personid in personsWithUsers(userInfo, [personid])


def personsWithUsers(userInfo, personids):
    """The persons of the list that have a Manage user, read in one query (the
    bulk run asks once per chunk, not once per person)."""
    if not personids:
        return set()
    found = set()
    users = MXServer.getMXServer().getMboSet("MAXUSER", userInfo)
    try:
        users.setWhere(
            "personid in (" + ", ".join([quoted(p) for p in personids]) + ")"
        )
        users.reset()
        user = users.moveFirst()
        while user is not None:
            found.add(unicode_text(user.getString("PERSONID")))
            user = users.moveNext()
    finally:
        users.close()
    return found


def leaverUser(person, settings):
    """The user that deactivates a person's MAS user: who it is and
    status.active false. Nothing else: names, emails and entitlement stay as
    MAS holds them (the upsert changes what it is given)."""
    user = JSONObject()
    user.put("id", person["PERSONID"])
    user.put("username", person["PERSONID"])
    user.put("owner", settings["masuser.user.owner"])
    user.put("issuer", settings["masuser.user.issuer"])
    status = JSONObject()
    status.put("active", False)
    user.put("status", status)
    return user


def deactivationAudit(by, personid, run, result):
    """The audit line of one deactivation: who or what triggered it, where it
    ran (the cron task instance or the launch point), and how it ended."""
    action = "deactivate"
    if result["key"] == VERIFIED_KEY:
        action = "verify"
    return "masuser audit: user=%s person=%s action=%s run=%s result=%s key=%s" % (
        by,
        personid,
        action,
        run,
        result["outcome"],
        result["key"],
    )


def dropMark(mbo, person):
    """The record that takes a pending deactivation off a person who is active
    again: the MAS user was never touched, so nothing is sent."""
    return (
        person["PERSONID"],
        None,
        unicode_text(mbo.getString(SYNC_HASH)),
        None,
        unicode_text(mbo.getString(SYNC_BY)),
    )


def markDeactivation(mbo, state, by, error):
    """The person's record of its deactivation (MASSYNC*), saved with the person."""
    mbo.setValue(SYNC_STATE, state, RECORD_FLAGS)
    mbo.setValue(SYNC_BY, by, RECORD_FLAGS)
    mbo.setValue(SYNC_DATE, MXServer.getMXServer().getDate(), RECORD_FLAGS)
    if error:
        mbo.setValue(SYNC_ERROR, error, RECORD_FLAGS)
    else:
        mbo.setValueNull(SYNC_ERROR, RECORD_FLAGS)


def inactivateUsers(users, path, memo):
    """Give every user of the set that still has a login the inactive STATUS
    (MAXUSERSTATUS INACTIVE, as the site spells it) through the status path;
    a user already INACTIVE or DELETED is left as it is. Returns (user ids,
    ids changed, inactive value or None), or None for an empty set. Raises
    what Maximo raises when it refuses a change."""
    user = users.moveFirst()
    if user is None:
        return None
    ids, changed, inactive = [], [], None
    while user is not None:
        userid = unicode_text(user.getString("USERID"))
        if userStatus(user) not in USER_GONE:
            if inactive is None:
                inactive = unicode_text(
                    user.getTranslator().toExternalDefaultValue(
                        USER_STATUS_DOMAIN, "INACTIVE", user
                    )
                )
            changeUserStatus(user, inactive, path, memo)
            changed.append(userid)
        ids.append(userid)
        user = users.moveNext()
    return ids, changed, inactive


VERIFIED_KEY = "manageUserVerified"


def deactivateManageUsers(person, by, status, path):
    """manage route, from MASUSERBULK: the person's own Manage users
    (MAXUSER.PERSONID is the person; a user of another person is never in the
    set) read through a set related to the person. All inactive (Manage's
    cascade made them so): verified. A user still with a login (the person
    was made inactive by SQL, or before the bundle was installed): made
    inactive through the status path, so the person's save writes it with
    the person's MASSYNC* record, in one transaction. Returns the outcome, or
    None when the person has no Manage user.

    When Maximo refuses a change, the set is reset so that none of the users
    changes, and the person is marked DEACTFAIL (MASSYNCERROR says why): the
    chunk's save goes on, and each MASUSERBULK run tries again.
    """
    personid = unicode_text(person.getString("PERSONID"))
    users = person.getMboSet(
        "$MASUSER_OWNUSERS", "MAXUSER", "personid = " + quoted(personid)
    )
    memo = "masuser: person %s has status %s" % (personid, status)
    try:
        done = inactivateUsers(users, path, memo)
    except (MXException, JavaException) as problem:
        users.reset()
        result = outcome(
            "failed", "manageNotDeactivated", [personid, exceptionText(problem)]
        )
        markDeactivation(person, DEACT_FAILED, by, outcomeText(result))
        return result
    if done is None:
        return None
    ids, changed, inactive = done
    markDeactivation(person, DEACT_DONE, by, None)
    if not changed:
        return outcome("success", VERIFIED_KEY, [", ".join(ids), personid, status])
    return outcome(
        "success", "manageUserDeactivated", [", ".join(changed), inactive, status]
    )


def queueDeactivation(mbo, user):
    """Mark the person for the cron task, in the person's own transaction: it
    sends the deactivation (internalapi) or verifies Manage's (manage)."""
    markDeactivation(mbo, DEACT_PENDING, user, None)


def statusResult(action, level, line, audit=None):
    return {"action": action, "level": level, "line": line, "audit": audit}


def personStatusChanged(mbo, user):
    """What the MASUSERSTATUS launch point does when a person's STATUS changed:
    {"action": queued, deactivated, failed, cancelled, off, none or error,
    "level", "line", "audit"}.

    Inactive (PERSONSTATUS INACTIVE, synonyms included) with a user: the
    person is marked for the cron task; on the internalapi route the cron
    task deactivates the MAS user, on the manage route Manage's own cascade
    makes the users inactive and the cron task verifies it. Active again
    while still marked: the mark is dropped, and no login is given (the
    dialog does that). Never raises: the person's save must not fail because
    of the user.
    """
    personid = unicode_text(mbo.getString("PERSONID"))
    status = trimmed(unicode_text(mbo.getString("STATUS")))
    who = unicode_text(user)
    try:
        internal = internalStatus(mbo, status)
        if internal == "ACTIVE" and unicode_text(mbo.getString(SYNC_STATE)) in MARKED:
            mbo.setValueNull(SYNC_STATE, RECORD_FLAGS)
            mbo.setValueNull(SYNC_ERROR, RECORD_FLAGS)
            mbo.setValue(SYNC_BY, who, RECORD_FLAGS)
            line = "masuser: person %s is %s again (set by %s): its MAS user is not" % (
                personid,
                status,
                who,
            )
            return statusResult("cancelled", "info", line + " deactivated")
        if internal != "INACTIVE":
            return statusResult("none", None, None)
        text = trimmed(
            unicode_text(MXServer.getMXServer().getProperty(DEACTIVATE_SETTING))
        )
        on, problem = deactivationSetting(text)
        route = routeSetting()
        if route not in ROUTES:
            # Marked, so that nobody keeps a login by a typo: the cron task
            # refuses to run until the route is fixed.
            reason = "use " + " or ".join(ROUTES)
            problem = problem or outcome(
                "rejected", "configInvalid", [ROUTE_SETTING, route, reason]
            )
        if not on:
            line = "masuser: person %s has status %s; %s is 0, so its MAS user" % (
                personid,
                status,
                DEACTIVATE_SETTING,
            )
            return statusResult("off", "info", line + " stays as it is")
        if not hasMasUser(mbo, mbo.getUserInfo()):
            return statusResult("none", None, None)
        queueDeactivation(mbo, who)
        line = (
            "masuser: person %s has status %s (set by %s): the next MASUSERBULK run"
            " deactivates its MAS user" % (personid, status, who)
        )
        if route == MANAGE_ROUTE:
            line = (
                "masuser: person %s has status %s (set by %s): Manage's cascade"
                " makes its Manage user(s) inactive; the next MASUSERBULK run"
                " verifies it" % (personid, status, who)
            )
        if problem:
            return statusResult("queued", "warn", line + "; " + outcomeText(problem))
        return statusResult("queued", "info", line)
    except (MXException, JavaException) as problem:
        line = (
            "masuser: person %s has status %s but could not be marked for"
            " deactivation (%s); a MASUSERBULK run that selects the person"
            " deactivates its MAS user" % (personid, status, exceptionText(problem))
        )
        return statusResult("error", "error", line)
