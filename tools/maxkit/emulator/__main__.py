"""``python -m maxkit.emulator``: run the emulator until Ctrl-C or SIGTERM.

Prints one JSON line (base URL and, with ``--tls``, the certificate files and
keystore password) so a script or another process can parse it and connect.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading

from .emulator import Emulator


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m maxkit.emulator",
        description="Emulate the MAS internal API on loopback.",
    )
    parser.add_argument("--tls", action="store_true", help="HTTPS with mutual TLS")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="added to every request"
    )
    parser.add_argument(
        "--sync-polls", type=int, default=1, help="polls until sync state is SUCCESS"
    )
    parser.add_argument(
        "--tls-dir", default=None, help="keep certificate files here (not deleted)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    done = threading.Event()
    # SIGTERM ends the run like Ctrl-C, so supervisors get the same cleanup.
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    emu = Emulator(
        tls=args.tls,
        port=args.port,
        latency=args.latency_ms / 1000.0,
        sync_polls=args.sync_polls,
        tls_dir=args.tls_dir,
    )
    with emu:
        print(json.dumps(emu.describe()), flush=True)
        try:
            while not done.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
