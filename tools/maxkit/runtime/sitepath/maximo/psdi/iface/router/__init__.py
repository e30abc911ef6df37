"""Look-alike of ``psdi.iface.router.HTTPHandler``.

``invoke(metaData, data)`` takes the handler's keys (URL, HTTPMETHOD, HEADERS
as comma-separated ``Name: value``, CONNECTTIMEOUT and READTIMEOUT in
milliseconds, ERRORONSTATUS) and returns the response body as bytes. After the
call the map holds RESPONSE_STATUS and RESPONSE_STATUS_TEXT, and so does a map
the caller put under RESPONSE_HEADERS (public sources differ on which one
Maximo fills, so both are filled); that map also gets the response headers. With ERRORONSTATUS true (the default) a
status outside 200-299 raises; a failure to connect always raises.
"""

import json

from java.util import HashMap
from maxfake import world as _world
from maxfake.compat import byte_string, java_bytes, to_text
from maxfake.errors import FakeMaximoError
from maxfake.transport import ConnectFailure, send
from psdi.mbo import _Strict
from psdi.util import MXApplicationException, MXSystemException

_KNOWN_KEYS = (
    "URL",
    "HTTPMETHOD",
    "HEADERS",
    "CONNECTTIMEOUT",
    "READTIMEOUT",
    "ERRORONSTATUS",
    "RESPONSE_HEADERS",
    "ALLRESPONSEHEADERS",
    "RESPONSE_STATUS",
    "RESPONSE_STATUS_TEXT",
)


def _parse_headers(text):
    headers = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        if ":" not in part:
            raise FakeMaximoError("HEADERS entry %r is not Name:value" % part)
        name, value = part.split(":", 1)
        headers[name.strip()] = value.strip()
    return headers


def _millis(value):
    if value is None or value == "":
        return None
    return int(str(value))


def _flag(value, default):
    if value is None:
        return default
    return str(value).strip().lower() not in ("false", "0", "n", "no")


def _body_for_record(data):
    if data is None:
        return None
    text = to_text(data)
    try:
        return json.loads(text)
    except ValueError:
        return text


class HTTPHandler(_Strict):
    def invoke(self, metaData, data=None):
        world = _world.current()
        for key in metaData.keySet():
            if key not in _KNOWN_KEYS:
                raise FakeMaximoError("HTTPHandler does not know the key %s" % key)
        url = metaData.get("URL")
        if not url:
            raise FakeMaximoError("HTTPHandler.invoke without URL")
        method = (metaData.get("HTTPMETHOD") or "POST").upper()
        headers = _parse_headers(metaData.get("HEADERS"))
        body = None if data is None else byte_string(data)
        record = {
            "method": method,
            "url": url,
            "headers": headers,
            "body": _body_for_record(body),
            "status": None,
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
