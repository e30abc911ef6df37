"""The client certificate store of the fake HTTPHandler (its CLIENTCERT* keys).

Manage's HTTPHandler has the keys CLIENTCERTSTORE, CLIENTCERTTYPE,
CLIENTCERTPASS and CLIENTCERTALG (class constants in IBM's class library, as
the Manage class facade of naviam-io/vscode-autoscript-deploy declares them).
How the class reads them is not public. The fake reads them as the Java
key-store API takes them, which is inferred: the store is a file path, the
type a ``java.security.KeyStore`` type (PKCS12), the password the store's
password in clear text (Maximo decrypts an encrypted system property before a
script reads it), the algorithm a ``javax.net.ssl.KeyManagerFactory``
algorithm (SunX509: the JDK's ``ssl.KeyManagerFactory.algorithm``).

``open_store`` opens the store the same way in both runtimes, in the order
Java would fail: the type, the file, the password, the algorithm, a key. A
failure raises ``ClientCertFailure`` with one of the texts below (never the
password), so that both runtimes give the same message. In CPython the store
is read with ``cryptography``; in Jython with ``KeyStore`` and
``KeyManagerFactory``.
"""

import os

from maxfake.compat import JYTHON
from maxfake.errors import FakeMaximoError

MODELLED_TYPES = ("PKCS12",)
# Real Java key-store types the fake does not read: a loud failure, not a
# message, since the fake cannot tell what Manage would answer.
UNMODELLED_TYPES = ("JKS", "JCEKS", "PKCS11", "DKS", "BCFKS")
# What OpenJDK's KeyManagerFactory offers (names are case-insensitive).
ALGORITHMS = ("SUNX509", "PKIX", "NEWSUNX509")

NO_FILE = "there is no such file"
BAD_PASSWORD = "the password is wrong or the file is not a store of that type"
UNKNOWN_TYPE = "%s is not a key store type"
UNKNOWN_ALGORITHM = "%s is not a key manager algorithm"
NO_KEY = "the store holds no private key"


class ClientCertFailure(Exception):
    """The store could not be opened; the text says why (no secret in it)."""


def open_store(path, kind, password, algorithm):
    """The client identity of the store: what the transport presents.

    CPython: ``(key, certificate, chain)`` of ``cryptography`` objects;
    Jython: the ``KeyManager[]`` of a ``KeyManagerFactory``.
    """
    if kind.upper() in UNMODELLED_TYPES:
        raise FakeMaximoError(
            "CLIENTCERTTYPE %s: the fake reads only %s stores"
            % (kind, ", ".join(MODELLED_TYPES))
        )
    if JYTHON:  # pragma: no cover - exercised under Jython
        return _open_java(path, kind, password, algorithm)
    return _open_python(path, kind, password, algorithm)


def _open_python(path, kind, password, algorithm):
    from cryptography.hazmat.primitives.serialization import pkcs12

    if kind.upper() not in MODELLED_TYPES:
        raise ClientCertFailure(UNKNOWN_TYPE % kind)
    if not os.path.isfile(path):
        raise ClientCertFailure(NO_FILE)
    with open(path, "rb") as stream:
        data = stream.read()
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8")
        )
    except ValueError:
        raise ClientCertFailure(BAD_PASSWORD)
    if algorithm.upper() not in ALGORITHMS:
        raise ClientCertFailure(UNKNOWN_ALGORITHM % algorithm)
    if key is None or certificate is None:
        raise ClientCertFailure(NO_KEY)
    return key, certificate, list(chain)


def _open_java(path, kind, password, algorithm):  # pragma: no cover - Jython
    from java.io import FileInputStream, IOException
    from java.lang import String
    from java.security import (
        GeneralSecurityException,
        KeyStore,
        KeyStoreException,
        NoSuchAlgorithmException,
    )
    from javax.net.ssl import KeyManagerFactory

    try:
        store = KeyStore.getInstance(kind)
    except KeyStoreException:
        raise ClientCertFailure(UNKNOWN_TYPE % kind)
    if not os.path.isfile(path):
        raise ClientCertFailure(NO_FILE)
    secret = String(password).toCharArray()
    stream = FileInputStream(path)
    try:
        store.load(stream, secret)
    except IOException:
        raise ClientCertFailure(BAD_PASSWORD)
    finally:
        stream.close()
    try:
        factory = KeyManagerFactory.getInstance(algorithm)
    except NoSuchAlgorithmException:
        raise ClientCertFailure(UNKNOWN_ALGORITHM % algorithm)
    aliases = store.aliases()
    keys = 0
    while aliases.hasMoreElements():
        if store.isKeyEntry(aliases.nextElement()):
            keys += 1
    if not keys:
        raise ClientCertFailure(NO_KEY)
    try:
        factory.init(store, secret)
    except GeneralSecurityException:  # a key with a password of its own
        raise ClientCertFailure(BAD_PASSWORD)
    return factory.getKeyManagers()
