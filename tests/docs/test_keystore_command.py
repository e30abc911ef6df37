"""The keystore command of docs/install.md, run as written on a pod-like certificate.

The page tells the administrator to turn the Manage pod's own certificate
(``internal-manage-tls``: tls.crt, tls.key, ca.crt) into a PKCS12 store with
one ``openssl pkcs12 -export`` command. These tests read that command from the
page (no copy to drift), check its form, run it and open what it wrote. The
real-Jython run against the emulator's mutual TLS is in
tests/jython/test_client_cert_jython.py.
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from maxkit.emulator.tlsfiles import make_tls_files, remove_tls_files
from testkit.podcert import (
    POD_CERT_DIR,
    documented_command,
    make_store,
    openssl_missing,
    write_pod_cert,
)

PASSWORD = "Store pass with spaces & $igns"


@pytest.fixture(scope="module")
def pod(tmp_path_factory):
    files = make_tls_files(tmp_path_factory.mktemp("emulator-tls"))
    try:
        yield write_pod_cert(
            tmp_path_factory.mktemp("internal-manage-tls"),
            files.client_key_pem.read_bytes(),
            files.client_cert_pem.read_bytes(),
            files.ca_pem.read_bytes(),
        )
    finally:
        remove_tls_files(files)


@pytest.fixture(scope="module")
def store(pod, tmp_path_factory):
    reason = openssl_missing()
    if reason:
        pytest.skip(reason)
    return make_store(pod, tmp_path_factory.mktemp("out") / "internalapi.p12", PASSWORD)


def test_the_page_gives_one_openssl_command_on_the_three_pod_files():
    command = documented_command()
    assert command.startswith("openssl pkcs12 -export")
    for part in (
        '-in "$CERTS/tls.crt"',
        '-inkey "$CERTS/tls.key"',
        '-certfile "$CERTS/ca.crt"',
        '-out "$OUT"',
        # The password comes from the environment, never the command line.
        "-passout env:MASUSER_P12_PASSWORD",
        # Named, so OpenSSL 1.1 and 3 write the same store Java reads.
        "-keypbe AES-256-CBC",
        "-certpbe AES-256-CBC",
        "-macalg SHA256",
    ):
        assert part in command
    assert "pass:" not in command


def test_page_and_setting_name_the_pods_certificate_directory(root):
    page = (root / "docs" / "install.md").read_text(encoding="utf-8")
    library = (root / "scripts" / "MASUSERCONF.py").read_text(encoding="utf-8")
    assert f"{POD_CERT_DIR}/" in page and f"CERTS={POD_CERT_DIR}" in page
    assert POD_CERT_DIR in library  # masuser.api.clientcert.store's description


def test_the_store_holds_the_pods_key_certificate_and_ca(pod, store):
    key, certificate, chain = pkcs12.load_key_and_certificates(
        store.read_bytes(), PASSWORD.encode()
    )
    pem = serialization.Encoding.PEM
    assert certificate.public_bytes(pem) == pod.tls_crt.read_bytes()
    assert [c.public_bytes(pem) for c in chain] == [pod.ca_crt.read_bytes()]
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    assert key.public_key().public_bytes(
        pem, public
    ) == certificate.public_key().public_bytes(pem, public)
    loaded = pkcs12.load_pkcs12(store.read_bytes(), PASSWORD.encode())
    assert loaded.cert.friendly_name == b"masuser-internalapi"


def test_the_store_is_refused_with_another_password(store):
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(store.read_bytes(), b"not-the-password")


def test_the_password_is_not_on_the_command_line_nor_in_the_store(store):
    assert PASSWORD.encode() not in store.read_bytes()
    assert PASSWORD not in documented_command()
