"""How the fake HTTPHandler reaches a server.

``world.http`` decides, per world:
- ``None``: nobody set HTTP up, so any request fails loudly;
- ``{"mode": "answer", "answers": [...]}``: in-process answers, in order (the
  last one repeats); a body of ``"auto"`` answers each user of a bulk request
  with a per-user success, like a MAS that accepts everything;
  ``body_base64`` gives the body as raw bytes instead (any bytes at all);
- ``{"mode": "real", "ca_file"}``: a real HTTP(S) request over a socket, TLS
  verified against ``ca_file`` (never disabled). The client certificate for
  mutual TLS is the one the script gave HTTPHandler (its CLIENTCERT* keys,
  opened by ``maxfake.clientcert``): the world has none of its own. Under
  Jython the request is made by Java (``maxfake.javahttp``).
"""

import base64
import json
import os

from maxfake.compat import JYTHON
from maxfake.errors import ConnectFailure, FakeMaximoError

REFUSED = "java.net.ConnectException: Connection refused"
RESET = "java.net.SocketException: Connection reset"
CONNECT_TIMEOUT = "java.net.SocketTimeoutException: connect timed out"
READ_TIMEOUT = "java.net.SocketTimeoutException: Read timed out"
TLS_FAILED = "javax.net.ssl.SSLHandshakeException: "
REAL_KEYS = ("mode", "ca_file")


def send(world, method, url, headers, body, connect_ms, read_ms, identity=None):
    """Return ``(status, reason, body_bytes, headers)`` or raise ConnectFailure.

    ``identity`` is the opened client certificate store, or None.
    """
    http = world.http
    if not http:
        raise FakeMaximoError(
            "HTTP %s %s: no HTTP behaviour was set up for this run" % (method, url)
        )
    mode = http.get("mode")
    if mode == "answer":
        return _answer(http, body)
    if mode == "real":
        unknown = [key for key in http if key not in REAL_KEYS]
        if unknown:
            raise FakeMaximoError(
                "HTTP real mode does not know %s (a client certificate is the"
                " script's CLIENTCERT* setting)" % ", ".join(sorted(unknown))
            )
        return _real(http, method, url, headers, body, connect_ms, read_ms, identity)
    raise FakeMaximoError("unknown HTTP mode %r" % mode)


ANSWER_KEYS = ("status", "reason", "headers", "body", "body_base64", "connect_failure")


def _answer(http, body):
    answers = http.get("answers") or []
    if not answers:
        raise FakeMaximoError("HTTP answer mode has no answers")
    index = http.get("_next", 0)
    answer = answers[min(index, len(answers) - 1)]
    http["_next"] = index + 1
    unknown = sorted(set(answer) - set(ANSWER_KEYS))
    if unknown:
        raise FakeMaximoError(
            "an HTTP answer has unknown key(s) %s (known: %s)"
            % (", ".join(unknown), ", ".join(ANSWER_KEYS))
        )
    if answer.get("connect_failure"):
        raise ConnectFailure(answer["connect_failure"])
    payload = answer.get("body")
    if payload == "auto":
        payload = _accept_all(body)
    if answer.get("body_base64") is not None:
        data = base64.b64decode(answer["body_base64"])
    elif payload is None:
        data = b""
    elif isinstance(payload, (dict, list)):
        data = json.dumps(payload).encode("utf-8")
    else:
        data = payload.encode("utf-8")
    status = answer.get("status", 200)
    return status, answer.get("reason", "OK"), data, answer.get("headers") or {}


def _accept_all(body):
    try:
        sent = json.loads(body.decode("utf-8"))
    except ValueError:
        return None
    users = sent.get("users") if isinstance(sent, dict) else sent
    results = [{"id": user.get("id")} for user in users or [] if isinstance(user, dict)]
    return {"users": results} if isinstance(sent, dict) else results


def _real(http, method, url, headers, body, connect_ms, read_ms, identity):
    # Imported here, as below: in Jython urlparse, socket and httplib cost a JVM
    # start a good part of a second, and only real requests need them.
    try:  # CPython 3
        from urllib.parse import urlsplit
    except ImportError:  # pragma: no cover - Jython 2.7
        from urlparse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ConnectFailure("unsupported URL scheme in %s" % url)
    if JYTHON:  # pragma: no cover - Maximo's HTTP stack is Java: so is ours there
        from maxfake import javahttp

        return javahttp.send(
            http, method, url, headers, body, connect_ms, read_ms, identity
        )
    import http.client as httplib
    import socket
    import ssl

    connect_s = (connect_ms or 60000) / 1000.0
    read_s = (read_ms or 60000) / 1000.0
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if parts.scheme == "https":
        conn = httplib.HTTPSConnection(
            parts.hostname,
            parts.port or 443,
            timeout=connect_s,
            context=_tls_context(http, identity),
        )
    else:
        conn = httplib.HTTPConnection(
            parts.hostname, parts.port or 80, timeout=connect_s
        )
    try:
        _connect(conn)
        try:
            conn.sock.settimeout(read_s)
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            data = response.read()
        except socket.timeout:
            raise ConnectFailure(READ_TIMEOUT)
        except ssl.SSLError as exc:
            # A TLS 1.3 server refuses a client certificate after the
            # handshake seems done: Java reports it as a handshake failure too.
            raise ConnectFailure(TLS_FAILED + str(exc))
        except (socket.error, httplib.HTTPException) as exc:
            raise ConnectFailure("%s (%s)" % (RESET, exc))
        return response.status, response.reason, data, dict(response.getheaders())
    finally:
        conn.close()


def _connect(conn):
    import socket
    import ssl

    try:
        conn.connect()
    except socket.timeout:
        raise ConnectFailure(CONNECT_TIMEOUT)
    except ssl.SSLError as exc:
        raise ConnectFailure(TLS_FAILED + str(exc))
    except socket.error as exc:
        if "refused" in str(exc).lower():
            raise ConnectFailure("%s (%s)" % (REFUSED, exc))
        raise ConnectFailure("%s (%s)" % (RESET, exc))


def _tls_context(http, identity):
    import ssl

    context = ssl.create_default_context(cafile=http.get("ca_file"))
    if identity is not None:
        _load_identity(context, identity)
    return context


def _load_identity(context, identity):
    """Give ``context`` the client key and chain of an opened store.

    Python's ssl reads a client certificate only from files: they are written
    to a private temporary folder and removed as soon as they are loaded.
    """
    import shutil
    import tempfile

    from cryptography.hazmat.primitives import serialization

    key, certificate, chain = identity
    folder = tempfile.mkdtemp(prefix="maxfake-client-")  # mode 0700
    try:
        cert_path = os.path.join(folder, "chain.pem")
        key_path = os.path.join(folder, "key.pem")
        with open(cert_path, "wb") as stream:
            for item in [certificate] + chain:
                stream.write(item.public_bytes(serialization.Encoding.PEM))
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
        context.load_cert_chain(cert_path, key_path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
