"""The fake Maximo runtime, seen from CPython.

The look-alike modules live under ``sitepath/``: ``maximo/`` (psdi.* and the
fake's internals, shared with Jython) and ``java/`` (java.* and
com.ibm.json.java stand-ins, CPython only: Jython has the real Java classes).
Importing this package puts both on ``sys.path``, as Maximo's class path would.
"""

import sys
from pathlib import Path

SITEPATH = Path(__file__).resolve().parent / "sitepath"
MAXIMO_PATH = SITEPATH / "maximo"
JAVA_PATH = SITEPATH / "java"
JAVA_SOURCES = Path(__file__).resolve().parent / "java"

for _path in (str(JAVA_PATH), str(MAXIMO_PATH)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from maxfake.errors import FakeMaximoError  # noqa: E402
from maxfake.jobs import run_action_job, run_cron_job, run_save_job  # noqa: E402
from maxfake.runner import Runner  # noqa: E402
from maxfake.world import World  # noqa: E402
from psdi.mbo import Mbo, MboConstants  # noqa: E402

__all__ = [
    "FakeMaximoError",
    "JAVA_SOURCES",
    "MAXIMO_PATH",
    "Mbo",
    "MboConstants",
    "Runner",
    "SITEPATH",
    "World",
    "run_action_job",
    "run_cron_job",
    "run_save_job",
]
