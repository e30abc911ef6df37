"""Mutual TLS: the client certificate is required, verified and recorded."""

from __future__ import annotations

import http.client
import shutil
import socket
import ssl
import subprocess
import time

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12

from maxkit.emulator import Emulator


def _await_handshake_failures(emu, expected):
    """The server thread counts a failed handshake after the client already
    saw its error, so the count is awaited rather than read at once."""
    deadline = time.monotonic() + 5
    while emu.counters.tls_handshake_failures < expected:
        assert time.monotonic() < deadline, "handshake failure never recorded"
        time.sleep(0.01)
    assert emu.counters.tls_handshake_failures == expected


def test_request_with_client_cert_is_served_and_subject_recorded(tls_client, tls_emu):
    assert tls_emu.base_url.startswith("https://127.0.0.1:")
    assert tls_client.get("/v3/users/u1").status == 404
    subject = tls_emu.requests.last().client_subject
    assert subject.startswith("CN=maxkit-emulator-client,")
    assert "O=maxkit emulator" in subject


def test_handshake_fails_without_client_cert_tls12(tls_emu):
    ctx = tls_emu.client_ssl_context(with_client_cert=False)
    # TLS 1.2 settles client authentication inside the handshake itself.
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    with socket.create_connection((tls_emu.host, tls_emu.port), timeout=5) as raw:
        with pytest.raises(ssl.SSLError):
            ctx.wrap_socket(raw, server_hostname="127.0.0.1")
    _await_handshake_failures(tls_emu, 1)
    assert len(tls_emu.requests) == 0


def test_no_client_cert_tls13_gets_no_answer(tls_emu, client_for):
    # In TLS 1.3 the client finishes first; the server's alert (certificate
    # required) arrives on the first read, and no request reaches a handler.
    with pytest.raises((ssl.SSLError, ConnectionResetError)):
        client_for(tls_emu, with_client_cert=False).get("/v3/users/u1")
    _await_handshake_failures(tls_emu, 1)
    assert len(tls_emu.requests) == 0


def test_client_cert_from_another_ca_is_refused(tls_emu, tmp_path):
    other = trustme.CA().issue_cert("intruder", common_name="intruder")
    other.private_key_and_cert_chain_pem.write_to_path(str(tmp_path / "c.pem"))
    ctx = tls_emu.client_ssl_context(with_client_cert=False)
    ctx.load_cert_chain(tmp_path / "c.pem")
    conn = http.client.HTTPSConnection(
        tls_emu.host, tls_emu.port, context=ctx, timeout=5
    )
    with pytest.raises((ssl.SSLError, ConnectionResetError)):
        conn.request("GET", "/v3/users/u1")
        conn.getresponse()
    conn.close()
    assert len(tls_emu.requests) == 0


def test_plain_http_to_tls_port_fails(tls_emu):
    conn = http.client.HTTPConnection(tls_emu.host, tls_emu.port, timeout=5)
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        conn.request("GET", "/v3/users/u1")
        conn.getresponse()
    conn.close()
    assert len(tls_emu.requests) == 0


def test_silent_client_does_not_block_others(tls_emu, tls_client):
    with socket.create_connection((tls_emu.host, tls_emu.port)):
        # No ClientHello sent: the handshake waits on its own thread.
        assert tls_client.get("/v3/users/u1").status == 404


def test_files_and_pkcs12_keystore(tls_emu):
    for path in (
        tls_emu.ca_pem,
        tls_emu.client_cert_pem,
        tls_emu.client_key_pem,
        tls_emu.client_pem,
        tls_emu.client_p12,
    ):
        assert path.is_file()
    assert tls_emu.client_key_pem.stat().st_mode & 0o077 == 0
    key, cert, extra = pkcs12.load_key_and_certificates(
        tls_emu.client_p12.read_bytes(), tls_emu.p12_password.encode()
    )
    assert cert == x509.load_pem_x509_certificate(tls_emu.client_cert_pem.read_bytes())
    assert key.public_key() == cert.public_key()
    assert extra == [x509.load_pem_x509_certificate(tls_emu.ca_pem.read_bytes())]
    info = tls_emu.describe()
    assert info["client_p12"] == str(tls_emu.client_p12) and info["tls"] is True


@pytest.mark.jvm
@pytest.mark.skipif(shutil.which("keytool") is None, reason="no Java keytool")
def test_java_reads_the_keystore(tls_emu):
    out = subprocess.run(
        [
            "keytool",
            "-list",
            "-storetype",
            "PKCS12",
            "-keystore",
            str(tls_emu.client_p12),
            "-storepass",
            tls_emu.p12_password,
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "PrivateKeyEntry" in out.stdout


def test_files_removed_at_stop_unless_dir_given(tmp_path):
    with Emulator(tls=True) as emu:
        where = emu.ca_pem.parent
    assert not where.exists()
    with Emulator(tls=True, tls_dir=tmp_path, p12_password="changeit") as emu:
        assert emu.p12_password == "changeit"
    assert (tmp_path / "client.p12").is_file()


def test_plain_emulator_has_no_files(emu):
    assert emu.ca_pem is None and emu.p12_password is None
    assert emu.describe() == {"base_url": emu.base_url, "tls": False}
    with pytest.raises(RuntimeError):
        emu.client_ssl_context()
