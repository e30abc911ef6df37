"""``python -m maxkit.manage_standin``: a stand-in to try ``invoke deploy`` by hand.

Makes a throw-away CA and server certificate, prints the URL, the CA file
and the API key to use, and serves until interrupted. Loopback only.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

import trustme

from maxkit.manage_standin import ManageStandin


def main() -> None:
    directory = Path(tempfile.mkdtemp(prefix="manage-standin-"))
    ca = trustme.CA()
    ca.issue_cert("127.0.0.1").private_key_and_cert_chain_pem.write_to_path(
        str(directory / "server.pem")
    )
    ca.cert_pem.write_to_path(str(directory / "ca.pem"))
    key = secrets.token_urlsafe(24)
    (directory / "apikey").write_text(key)
    server = directory / "server.pem"
    with ManageStandin(server, server, apikeys={key}) as standin:
        print(f"Manage stand-in at {standin.base_url}")
        print(f"  export MAXIMO_APIKEY=$(cat {directory / 'apikey'})")
        print(
            f"  invoke deploy --url {standin.base_url}"
            f" --ca-bundle {directory / 'ca.pem'}"
        )
        print("Ctrl-C stops it.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
