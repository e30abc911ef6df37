# Library of the "Create or Update MAS User" bundle: the transport to the
# MAS internal API. One request through Maximo's HTTPHandler under a deadline,
# retried only when that is safe, and MAS's answer read per user (upsertChunk
# sends a bulk request and reads it). It calls MASUSERPAYLOAD (and through it
# MASUSERCONF and MASUSERTEXT).
#
# Jython 2.7 code: Python 2/3-compatible subset, no f-strings, no annotations.

scriptConfig = """{
    "autoscript": "MASUSERHTTP",
    "description": "MAS user bundle: the MAS internal API call",
    "version": "0.1.0",
    "active": true,
    "logLevel": "ERROR",
    "allowInvokingScriptFunctions": true,
    "messages": [
        {"msgGroup": "masuser", "msgKey": "userUpserted", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was created or updated (access type {1}, entitlement {2}); MAS syncs it to Manage."},
        {"msgGroup": "masuser", "msgKey": "userCreated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was created (access type {1}, entitlement {2}); MAS syncs it to Manage."},
        {"msgGroup": "masuser", "msgKey": "userUpdated", "displayMethod": "MSGBOX", "suffix": "I",
         "value": "MAS user {0} was updated (access type {1}, entitlement {2}); MAS syncs it to Manage."},
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
        {"msgGroup": "masuser", "msgKey": "clientCertUnreadable", "displayMethod": "MSGBOX", "suffix": "E",
         "value": "The client certificate store {0} (type {1}) could not be opened: {2}. Check the system properties masuser.api.clientcert.*; nothing was sent."}
    ]
}"""

from com.ibm.json.java import JSON, JSONArray, JSONObject
from java.lang import Exception as JavaException
from java.lang import String, System, Thread
from java.util import HashMap
from java.util.concurrent import Callable, Executors, TimeoutException, TimeUnit
from psdi.iface.router import HTTPHandler
from psdi.util import MXApplicationException, MXException

# What this library uses of the libraries below it, obtained once per
# invocation: MASUSERPAYLOAD's exports hold its own names and those of every
# library below it (see exports at the end).
_BELOW = service.invokeScript("MASUSERPAYLOAD", "exports", [])
# MASUSERTEXT
publicNames = _BELOW["publicNames"]
REPLACEMENT_CHARACTER = _BELOW["REPLACEMENT_CHARACTER"]
asciiLower = _BELOW["asciiLower"]
exceptionText = _BELOW["exceptionText"]
excerpt = _BELOW["excerpt"]
isNumber = _BELOW["isNumber"]
outcome = _BELOW["outcome"]
trimmed = _BELOW["trimmed"]
unicode_text = _BELOW["unicode_text"]
# MASUSERCONF
CERT_STORE_SETTING = _BELOW["CERT_STORE_SETTING"]
CLIENT_CERT_KEYS = _BELOW["CLIENT_CERT_KEYS"]
MAX_BACKOFF_MS = _BELOW["MAX_BACKOFF_MS"]
# MASUSERPAYLOAD
buildBody = _BELOW["buildBody"]
UPSERT_PATH = "/v2/bulk/users/upsert"
# Retried: statuses that mean "not now", and failures before the request left.
RETRY_STATUSES = (429, 502, 503, 504)
RETRYABLE_FAILURES = (
    "java.net.ConnectException",
    "Connection reset",
    "connect timed out",
)
# How a store that cannot be opened shows: the fake's (inferred) iface message,
# or the Java exception texts of KeyStore and KeyManagerFactory.
CERT_FAILURE_KEY = ("iface", "clientcertstore")
CERT_FAILURE_MARKERS = ("keystore", "UnrecoverableKey", "KeyManagerFactory")
SUCCESS_KEYS = {
    "created": "userCreated",
    "updated": "userUpdated",
    "upserted": "userUpserted",
}
# An answer larger or deeper than this is not parsed: MAS answers a bulk
# request of 1000 users in far less, and a parser must not exhaust the stack.
MAX_ANSWER_CHARS = 4000000
MAX_ANSWER_DEPTH = 64
SCAN_CHUNK = 65536
WATCHDOG_GRACE_MS = 250


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


SYNC_ERROR_LENGTH = 500


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


def exports():
    """This library's names and those of the libraries below it, for the
    library above (MASUSERTEXT's publicNames)."""
    return publicNames(globals(), _BELOW)
