"""``python -m testkit.manage_standin``: a stand-in to try ``invoke deploy`` by hand.

Makes a throw-away CA and server certificate, prints the URL, the CA file
and the API key to use, and serves until interrupted. Loopback only. The
folder holding the API key and the server's private key is removed however
it stops: Ctrl-C, SIGTERM, SIGHUP, or a normal exit.
"""

from __future__ import annotations

import secrets
import signal
import tempfile
import time
from pathlib import Path

import trustme

from testkit.manage_standin import ManageStandin

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(Exception):
    """A stop signal arrived."""


def _stop(signum, frame):
    raise Stopped(signal.Signals(signum).name)


def serve(directory: Path) -> None:
    ca = trustme.CA()
    server = directory / "server.pem"
    ca.issue_cert("127.0.0.1").private_key_and_cert_chain_pem.write_to_path(str(server))
    ca.cert_pem.write_to_path(str(directory / "ca.pem"))
    key = secrets.token_urlsafe(24)
    (directory / "apikey").write_text(key)
    with ManageStandin(server, server, apikeys={key}) as standin:
        print(f"Manage stand-in at {standin.base_url}")
        print(f"  export MAXIMO_APIKEY=$(cat {directory / 'apikey'})")
        print(
            f"  invoke deploy --url {standin.base_url}"
            f" --ca-bundle {directory / 'ca.pem'}"
        )
        print("Ctrl-C stops it.", flush=True)
        while True:
            time.sleep(3600)


def main() -> None:
    previous = {s: signal.signal(s, _stop) for s in STOP_SIGNALS}
    try:
        # TemporaryDirectory removes the folder on the way out of the block,
        # and at interpreter exit if anything skipped that.
        with tempfile.TemporaryDirectory(prefix="manage-standin-") as folder:
            try:
                serve(Path(folder))
            except (Stopped, KeyboardInterrupt):
                pass
            finally:  # a second Ctrl-C must not cut the clean-up short
                for signum in STOP_SIGNALS:
                    signal.signal(signum, signal.SIG_IGN)
        print(f"Stopped; removed {folder} (its API key and server key).", flush=True)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    main()
