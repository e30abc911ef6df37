# Library of the "Create or Update MAS User" bundle: the text rules (defined
# once, because CPython 3 and Jython 2.7 disagree on regex \s, strip, isdigit
# and case for non-ASCII text), the outcome a library hands its caller, and
# the checks of a person (status, id, email, names, the chosen access type
# and entitlement) made before anything is sent or written. It calls no other
# library: every other library of the bundle builds on it.
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERTEXT",
    "description": "MAS user bundle: text rules, outcomes and the person's checks",
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
         "value": "{0} {1} is not allowed: choose exactly one of {2}."}
    ]
}"""

import re
from psdi.util import MXApplicationException, MXException

GROUP = "masuser"
ACCESS_TYPE_DOMAIN = "ACCESSTYPE"
ENTITLEMENT_DOMAIN = "ENTITLEMENT"

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
# A text from MAS (or any other text of a message) is shown in a dialog and
# written to the log: longer ones are cut to this many characters, marked.
MAX_SHOWN_CHARS = 1000
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
    # Most texts have none: two looks, no walk.
    if text == "" or (
        ord(text[0]) not in WHITESPACE and ord(text[-1]) not in WHITESPACE
    ):
        return text
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
    # One look at all of them when they are printable ASCII (most persons).
    if not PRINTABLE_ASCII.match(" ".join([person[a] for a in PERSON_ATTRIBUTES])):
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


def exceptionText(problem):
    try:
        return unicode_text(problem.getMessage())
    except AttributeError:
        return unicode_text(problem)


def quoted(text):
    return "'" + unicode_text(text).replace("'", "''") + "'"


def groupsText(groups):
    if groups:
        return ", ".join(groups)
    return "none"


# Implicit variables and a library's own plumbing: not for other scripts.
NOT_EXPORTED = (
    "service",
    "scriptName",
    "scriptConfig",
    "exports",
    "_BELOW",
    "NOT_EXPORTED",
)


def publicNames(namespace, below):
    """What a library hands the library above it: the names of the libraries
    below it (``below``), then its own (``namespace``, its globals()) but the
    implicit variables and its plumbing. The library above obtains them with
    one service.invokeScript per invocation and calls the functions directly
    (Maximo documents invokeScript calling a library's function; that a
    function handed back this way can be called by the caller is inferred
    [I])."""
    names = dict(below)
    for name, value in namespace.items():
        if name not in NOT_EXPORTED and not name.startswith("__"):
            names[name] = value
    return names


def exports():
    """This library's names, for the library above it (publicNames)."""
    return publicNames(globals(), {})
