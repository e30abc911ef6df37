"""Look-alike of ``psdi.iface.router.HTTPHandler``.

``invoke(metaData, data)`` takes the handler's keys and returns the response
body as bytes. After the call the map holds RESPONSE_STATUS and
RESPONSE_STATUS_TEXT, and so does a map the caller put under RESPONSE_HEADERS
(public sources differ on which one Maximo fills, so both are filled); that
map also gets the response headers. With ERRORONSTATUS true (the default) a
status outside 200-299 raises; a failure to connect always raises.

The values, strictly (a wrong one is a FakeMaximoError, not a request):
- URL, HTTPMETHOD: text. HEADERS: comma-separated ``Name:value`` entries, the
  form public working scripts use (``Content-Type:application/json``).
- ERRORONSTATUS, ALLRESPONSEHEADERS: booleans (a Python bool arrives as a
  java.lang.Boolean), as public working scripts pass ERRORONSTATUS. [Inferred:
  that the real class refuses the text "false"; the fake does, so that the
  script keeps to the proven form. A space after the colon of a header is
  refused on the same grounds: one public script writes one.]
- CONNECTTIMEOUT, READTIMEOUT: milliseconds, as digits or an integer.
- RESPONSE_HEADERS: a java.util.Map.
- CLIENTCERTSTORE, CLIENTCERTTYPE, CLIENTCERTPASS, CLIENTCERTALG (keys of
  Manage's class): text, all four or none (inferred, see maxfake.clientcert).
  The store is opened before anything is sent: a missing file, a wrong
  password, an unknown type or algorithm raise MXSystemException("iface",
  "clientcertstore", [store, reason]) (the group/key are the fake's own:
  Manage's are not public) and no request is recorded or sent.

Each request's record has ``meta``: every key the caller set, with its kind
(string, boolean, integer, map) and its value, except the password's value
and the maps, which are never recorded.
"""

import json

from java.util import HashMap
from maxfake import world as _world
from maxfake.clientcert import ClientCertFailure, open_store
from maxfake.compat import byte_string, integer_types, java_bytes, string_types
from maxfake.compat import to_text
from maxfake.errors import ConnectFailure, FakeMaximoError
from maxfake.strict import Strict as _Strict
from maxfake.transport import send
from psdi.util import MXApplicationException, MXSystemException

CERT_KEYS = ("CLIENTCERTSTORE", "CLIENTCERTTYPE", "CLIENTCERTPASS", "CLIENTCERTALG")
SECRET_KEYS = ("CLIENTCERTPASS",)
_TEXT_KEYS = ("URL", "HTTPMETHOD", "HEADERS") + CERT_KEYS
_BOOLEAN_KEYS = ("ERRORONSTATUS", "ALLRESPONSEHEADERS")
_MILLIS_KEYS = ("CONNECTTIMEOUT", "READTIMEOUT")
_MAP_KEYS = ("RESPONSE_HEADERS",)
# Set by the handler after the call; a caller's own value is overwritten.
_ANSWER_KEYS = ("RESPONSE_STATUS", "RESPONSE_STATUS_TEXT")
_KNOWN_KEYS = _TEXT_KEYS + _BOOLEAN_KEYS + _MILLIS_KEYS + _MAP_KEYS + _ANSWER_KEYS


def _kind(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, string_types):
        return "string"
    if isinstance(value, integer_types):
        return "integer"
    if hasattr(value, "keySet"):
        return "map"
    return type(value).__name__


def _check_value(key, value):
    kind = _kind(value)
    wanted = None
    if key in _TEXT_KEYS and kind != "string":
        wanted = "text"
    elif key in _BOOLEAN_KEYS and kind != "boolean":
        wanted = "a boolean (True or False), not text"
    elif key in _MILLIS_KEYS and not (
        kind == "integer" or (kind == "string" and value.isdigit())
    ):
        wanted = "milliseconds (digits or an integer)"
    elif key in _MAP_KEYS and kind != "map":
        wanted = "a java.util.Map"
    if wanted:
        shown = "(hidden)" if key in SECRET_KEYS else repr(value)
        raise FakeMaximoError(
            "HTTPHandler %s must be %s; got %s %s" % (key, wanted, kind, shown)
        )


def _meta_record(metaData):
    meta = {}
    for key in sorted(metaData.keySet()):
        value = metaData.get(key)
        entry = {"type": _kind(value)}
        if key not in SECRET_KEYS and entry["type"] != "map":
            entry["value"] = value
        meta[key] = entry
    return meta


def _parse_headers(text):
    headers = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, colon, value = part.strip().partition(":")
        if not colon or not name or name != name.strip() or value != value.lstrip():
            raise FakeMaximoError(
                "HEADERS entry %r is not Name:value (no space around the colon)" % part
            )
        headers[name] = value.strip()
    return headers


def _millis(value):
    if value is None or value == "":
        return None
    return int(str(value))


def _flag(value, default):
    return default if value is None else bool(value)


def _body_for_record(data):
    if data is None:
        return None
    text = to_text(data)
    try:
        return json.loads(text)
    except ValueError:
        return text


def _client_identity(metaData):
    """The opened client certificate store, None without one; raises when it
    cannot be opened (nothing is sent then)."""
    given = [key for key in CERT_KEYS if metaData.get(key) is not None]
    if not given:
        return None
    if len(given) != len(CERT_KEYS):
        missing = [key for key in CERT_KEYS if key not in given]
        raise FakeMaximoError(
            "HTTPHandler got %s without %s" % (", ".join(given), ", ".join(missing))
        )
    store = metaData.get("CLIENTCERTSTORE")
    try:
        return open_store(
            store,
            metaData.get("CLIENTCERTTYPE"),
            metaData.get("CLIENTCERTPASS"),
            metaData.get("CLIENTCERTALG"),
        )
    except ClientCertFailure as failure:
        raise MXSystemException("iface", "clientcertstore", [store, str(failure)])


class HTTPHandler(_Strict):
    def invoke(self, metaData, data=None):
        world = _world.current()
        for key in metaData.keySet():
            if key not in _KNOWN_KEYS:
                raise FakeMaximoError("HTTPHandler does not know the key %s" % key)
            if metaData.get(key) is not None:
                _check_value(key, metaData.get(key))
        url = metaData.get("URL")
        if not url:
            raise FakeMaximoError("HTTPHandler.invoke without URL")
        method = (metaData.get("HTTPMETHOD") or "POST").upper()
        headers = _parse_headers(metaData.get("HEADERS"))
        body = None if data is None else byte_string(data)
        identity = _client_identity(metaData)
        record = {
            "method": method,
            "url": url,
            "headers": headers,
            "body": _body_for_record(body),
            "status": None,
            "meta": _meta_record(metaData),
        }
        world.recorder.requests.append(record)
        try:
            status, reason, answer, response_headers = send(
                world,
                method,
                url,
                headers,
                body,
                _millis(metaData.get("CONNECTTIMEOUT")),
                _millis(metaData.get("READTIMEOUT")),
                identity,
            )
        except ConnectFailure as exc:
            raise MXSystemException("iface", "remoteerror", [url, str(exc)])
        record["status"] = status
        self._set_status(metaData, status, reason, response_headers)
        if not 200 <= status < 300 and _flag(metaData.get("ERRORONSTATUS"), True):
            raise MXApplicationException("iface", "httperror", [url, status, reason])
        return java_bytes(answer)

    def _set_status(self, metaData, status, reason, response_headers):
        nested = metaData.get("RESPONSE_HEADERS")
        if nested is None:
            nested = HashMap()
            metaData.put("RESPONSE_HEADERS", nested)
        for name, value in response_headers.items():
            nested.put(name, value)
        for target in (metaData, nested):
            target.put("RESPONSE_STATUS", status)
            target.put("RESPONSE_STATUS_TEXT", reason)
