"""Real HTTP(S) from the JVM, for the fake HTTPHandler under Jython.

Maximo's HTTP handler is Java code, so under Jython the request goes through
``java.net.HttpURLConnection`` as Maximo's would, not Python's ``httplib``.
TLS is always verified: the trust store holds the CA of ``ca_file`` (the JVM's
default CAs when there is none) and the host name is checked. The client
certificate for mutual TLS is the ``KeyManager[]`` of the store the script
gave HTTPHandler (``maxfake.clientcert``). A failure without an HTTP answer
raises ``ConnectFailure`` with the Java exception's own text
(``java.net.ConnectException: Connection refused``).

Jython only: it imports Java classes.
"""

import re

import jarray
from java.io import ByteArrayInputStream, ByteArrayOutputStream, IOException
from java.net import URL
from java.security import GeneralSecurityException, KeyStore
from java.security.cert import CertificateFactory
from java.util import Base64
from javax.net.ssl import HttpsURLConnection, SSLContext, TrustManagerFactory
from maxfake.compat import java_bytes
from maxfake.errors import ConnectFailure, FakeMaximoError

DEFAULT_TIMEOUT_MS = 60000
_PEM = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\s*(.*?)\s*-----END \1-----", re.DOTALL)


def _pem_blocks(path, kind):
    with open(path, "rb") as stream:
        text = stream.read().decode("ascii")
    return [
        Base64.getMimeDecoder().decode(body)
        for label, body in _PEM.findall(text)
        if label == kind
    ]


def _certificates(path):
    factory = CertificateFactory.getInstance("X.509")
    certificates = [
        factory.generateCertificate(ByteArrayInputStream(der))
        for der in _pem_blocks(path, "CERTIFICATE")
    ]
    if not certificates:
        raise FakeMaximoError("%s holds no PEM certificate" % path)
    return certificates


def _ssl_context(http, key_managers):
    trust = None
    if http.get("ca_file"):
        trust = KeyStore.getInstance("PKCS12")
        trust.load(None, None)
        for index, certificate in enumerate(_certificates(http["ca_file"])):
            trust.setCertificateEntry("ca-%d" % index, certificate)
    trust_factory = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm()
    )
    trust_factory.init(trust)  # None: the JVM's default CAs
    context = SSLContext.getInstance("TLS")
    context.init(key_managers, trust_factory.getTrustManagers(), None)
    return context


def _read_all(stream):
    if stream is None:
        return b""
    out = ByteArrayOutputStream()
    buffer = jarray.zeros(8192, "b")
    try:
        while True:
            count = stream.read(buffer)
            if count < 0:
                break
            out.write(buffer, 0, count)
    finally:
        stream.close()
    return out.toByteArray().tostring()


def _headers(connection):
    headers = {}
    fields = connection.getHeaderFields()
    for name in fields.keySet():
        if name is not None:  # the status line
            headers[name] = ", ".join(fields.get(name))
    return headers


def _failure_text(error):
    """The Java exception's text, and its cause's (a TLS alert hides there)."""
    text = error.toString()
    cause = error.getCause()
    if cause is not None and cause is not error:
        text = "%s (%s)" % (text, cause.toString())
    return text


def send(http, method, url, headers, body, connect_ms, read_ms, key_managers=None):
    """Return ``(status, reason, body_bytes, headers)`` or raise ConnectFailure."""
    try:
        connection = URL(url).openConnection()
    except IOException as error:
        raise ConnectFailure(error.toString())
    try:
        if isinstance(connection, HttpsURLConnection):
            try:
                connection.setSSLSocketFactory(
                    _ssl_context(http, key_managers).getSocketFactory()
                )
            except (GeneralSecurityException, IOException) as error:
                raise FakeMaximoError("TLS set-up failed: %s" % error.toString())
        connection.setConnectTimeout(connect_ms or DEFAULT_TIMEOUT_MS)
        connection.setReadTimeout(read_ms or DEFAULT_TIMEOUT_MS)
        connection.setInstanceFollowRedirects(False)
        connection.setUseCaches(False)
        connection.setRequestMethod(method)
        for name, value in sorted(headers.items()):
            connection.setRequestProperty(name, value)
        if body is not None:
            connection.setDoOutput(True)
            connection.setFixedLengthStreamingMode(len(body))
        try:
            connection.connect()
            if body is not None:
                # No close() in a finally: after a failed write it would mask
                # the real failure with "insufficient data written".
                out = connection.getOutputStream()
                out.write(java_bytes(body))
                out.close()
            status = connection.getResponseCode()
            reason = connection.getResponseMessage() or ""
            if status >= 400:
                data = _read_all(connection.getErrorStream())
            else:
                data = _read_all(connection.getInputStream())
        except IOException as error:
            raise ConnectFailure(_failure_text(error))
        return status, reason, data, _headers(connection)
    finally:
        connection.disconnect()
