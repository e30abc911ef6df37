"""Throw-away PKI for mutual TLS: a test CA, a server and a client certificate.

The real internal API authenticates callers by client certificate only, so
the emulator must demand and verify one; clients need the CA and their own
certificate as files (curl, requests) or as a PKCS#12 keystore (Java, Maximo's
HTTP handler).  Everything is made fresh at start-up with ``trustme`` and
written to a private directory that is deleted at stop.
"""

from __future__ import annotations

import os
import secrets
import shutil
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from maxkit.loopback import server_context

CLIENT_COMMON_NAME = "maxkit-emulator-client"
CLIENT_ORG = "maxkit emulator"


@dataclass(frozen=True)
class TlsFiles:
    directory: Path
    ca_pem: Path
    server_cert_pem: Path  # leaf + chain
    server_key_pem: Path
    client_cert_pem: Path
    client_key_pem: Path
    client_pem: Path  # key + cert in one file, as python-devops passes to requests
    client_p12: Path
    p12_password: str

    def server_context(self) -> ssl.SSLContext:
        """Require a client certificate signed by the test CA."""
        return server_context(self.server_cert_pem, self.server_key_pem, self.ca_pem)

    def client_context(self, with_client_cert: bool = True) -> ssl.SSLContext:
        """A ready client context; ``with_client_cert=False`` to test refusal."""
        ctx = ssl.create_default_context(cafile=str(self.ca_pem))
        if with_client_cert:
            ctx.load_cert_chain(self.client_cert_pem, self.client_key_pem)
        return ctx

    def as_dict(self) -> dict:
        return {
            "ca_pem": str(self.ca_pem),
            "client_cert_pem": str(self.client_cert_pem),
            "client_key_pem": str(self.client_key_pem),
            "client_pem": str(self.client_pem),
            "client_p12": str(self.client_p12),
            "p12_password": self.p12_password,
        }


def _write(path: Path, data: bytes, private: bool = False) -> Path:
    # Create with the final mode so a key is never briefly world-readable.
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(path, flags, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def _p12(key_pem: bytes, cert_pem: bytes, ca_pem: bytes, password: str) -> bytes:
    key = cast(
        pkcs12.PKCS12PrivateKeyTypes,
        serialization.load_pem_private_key(key_pem, password=None),
    )
    cert = x509.load_pem_x509_certificate(cert_pem)
    ca = x509.load_pem_x509_certificate(ca_pem)
    # PBES2/AES-256 with a SHA-256 MAC: read by Java 11+ (and 8u301+) keytool
    # and KeyStore.getInstance("PKCS12"), unlike cryptography's legacy RC2.
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(10_000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(password.encode())
    )
    return pkcs12.serialize_key_and_certificates(b"client", key, cert, [ca], encryption)


def make_tls_files(
    directory: str | os.PathLike | None = None, p12_password: str | None = None
) -> TlsFiles:
    """Make the CA and both leaves; ``directory=None`` uses a new temp dir."""
    if directory is None:
        where = Path(tempfile.mkdtemp(prefix="maxkit-emulator-tls-"))
    else:
        where = Path(directory)
        where.mkdir(parents=True, exist_ok=True)
    password = p12_password if p12_password is not None else secrets.token_urlsafe(12)

    ca = trustme.CA(organization_name=CLIENT_ORG)
    server = ca.issue_cert("127.0.0.1", "localhost", common_name="localhost")
    # A SAN is given on purpose: Java refuses a certificate whose SAN
    # extension is empty, which is what trustme writes for a CN-only leaf.
    client = ca.issue_cert(
        CLIENT_COMMON_NAME, common_name=CLIENT_COMMON_NAME, organization_name=CLIENT_ORG
    )
    ca_pem = ca.cert_pem.bytes()
    client_key = client.private_key_pem.bytes()
    client_cert = client.cert_chain_pems[0].bytes()

    return TlsFiles(
        directory=where,
        ca_pem=_write(where / "ca.pem", ca_pem),
        server_cert_pem=_write(
            where / "server-cert.pem",
            b"".join(blob.bytes() for blob in server.cert_chain_pems),
        ),
        server_key_pem=_write(
            where / "server-key.pem", server.private_key_pem.bytes(), private=True
        ),
        client_cert_pem=_write(where / "client-cert.pem", client_cert),
        client_key_pem=_write(where / "client-key.pem", client_key, private=True),
        client_pem=_write(where / "client.pem", client_key + client_cert, private=True),
        client_p12=_write(
            where / "client.p12",
            _p12(client_key, client_cert, ca_pem, password),
            private=True,
        ),
        p12_password=password,
    )


def remove_tls_files(files: TlsFiles) -> None:
    shutil.rmtree(files.directory, ignore_errors=True)
