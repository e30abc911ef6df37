"""The Manage stand-in leaves no API key or server key behind when it is stopped."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_removes_the_key_folder(signum):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"))
    process = subprocess.Popen(
        [sys.executable, "-m", "testkit.manage_standin"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Ctrl-C"):
                break
        folder = Path(re.search(r"\$\(cat (.+)/apikey\)", "".join(lines)).group(1))
        assert (folder / "apikey").is_file() and (folder / "server.pem").is_file()
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert not folder.exists(), f"{folder} is left behind"
    assert process.returncode == 0, err
    assert "Traceback" not in err and "Stopped; removed" in out
