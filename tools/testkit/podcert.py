"""The client certificate as a Manage pod has it, and the store docs/install.md makes of it.

A Manage pod holds its internal certificate as three PEM files in
``/etc/pki/tls/certs/internal-manage-tls/``: ``tls.crt``, ``tls.key`` and
``ca.crt`` (IBM's CLI calls the internal API with them from a Manage pod:
ibm-mas/cli ``python/src/mas/cli/must_gather/mas/network_tests.py``,
``testManageToCoreConnectivity`` [V]). Maximo's HTTPHandler takes a key store,
so docs/install.md gives one ``openssl pkcs12 -export`` command to make it.

The command is read from the page itself (the fenced block after the
``masuser:keystore-command`` marker) and run as it stands, with ``CERTS``,
``OUT`` and ``MASUSER_P12_PASSWORD`` in its environment as the page tells the
administrator to set them: what the tests prove is what the page says, with
no copy to drift.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import trustme

ROOT = Path(__file__).resolve().parents[2]
INSTALL_PAGE = ROOT / "docs" / "install.md"
POD_CERT_DIR = "/etc/pki/tls/certs/internal-manage-tls"
MARKER = "<!-- masuser:keystore-command"
BLOCK = re.compile(r"```sh\n(.*?)\n\s*```", re.DOTALL)


@dataclass(frozen=True)
class PodCert:
    """A directory laid out as the pod's ``internal-manage-tls`` mount."""

    directory: Path

    @property
    def tls_crt(self) -> Path:
        return self.directory / "tls.crt"

    @property
    def tls_key(self) -> Path:
        return self.directory / "tls.key"

    @property
    def ca_crt(self) -> Path:
        return self.directory / "ca.crt"


def documented_command(page: Path = INSTALL_PAGE) -> str:
    """The keystore command of the page, its lines as written (indent removed)."""
    text = page.read_text(encoding="utf-8")
    at = text.find(MARKER)
    if at < 0:
        raise AssertionError(f"{page}: no {MARKER} marker before the keystore command")
    found = BLOCK.search(text, at)
    if found is None:
        raise AssertionError(f"{page}: no sh block after the {MARKER} marker")
    lines = [line.strip() for line in found.group(1).splitlines()]
    return "\n".join(line for line in lines if line)


def write_pod_cert(directory: Path, key_pem: bytes, cert_pem: bytes, ca_pem: bytes):
    """The three files under the names the pod gives them."""
    directory.mkdir(parents=True, exist_ok=True)
    pod = PodCert(directory)
    pod.tls_crt.write_bytes(cert_pem)
    pod.tls_key.write_bytes(key_pem)
    os.chmod(pod.tls_key, 0o600)
    pod.ca_crt.write_bytes(ca_pem)
    return pod


def other_ca_pod_cert(directory: Path, common_name: str) -> PodCert:
    """A well-formed pod certificate from a CA the internal API does not trust."""
    ca = trustme.CA(organization_name="another cluster")
    leaf = ca.issue_cert(common_name, common_name=common_name)
    return write_pod_cert(
        directory,
        leaf.private_key_pem.bytes(),
        leaf.cert_chain_pems[0].bytes(),
        ca.cert_pem.bytes(),
    )


def openssl_missing() -> str | None:
    """Why the documented command cannot run here, or None."""
    if shutil.which("openssl") is None:
        return "openssl is not on PATH: the documented keystore command cannot be run"
    if shutil.which("sh") is None:
        return "sh is not on PATH: the documented keystore command cannot be run"
    return None


def make_store(pod: PodCert, out: Path, password: str, command: str | None = None):
    """Run the page's command on ``pod``, writing the store ``out``."""
    script = documented_command() if command is None else command
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "CERTS": str(pod.directory),
        "OUT": str(out),
        "MASUSER_P12_PASSWORD": password,
    }
    done = subprocess.run(
        ["sh", "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        raise AssertionError(
            f"the documented keystore command failed ({done.returncode}): "
            f"{done.stderr.strip()}"
        )
    return out
