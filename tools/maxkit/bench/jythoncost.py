"""The payload build cost per person in real Jython 2.7 (one JVM).

``jython_payload.py`` runs in Jython with the fake runtime's ``sitepath/maximo``
on ``sys.path`` (psdi.*, the world) and, on the class path, the JSON4J
look-alikes compiled with javac: java.* and com.ibm.json.java are real classes,
as in Maximo (``sitepath/java``, the CPython stand-ins, is not used).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from maxkit.docgen.scriptsource import defining_script
from maxkit.errors import JythonRunError
from maxkit.runtime import MAXIMO_PATH
from maxkit.worldspec import world_spec

DRIVER = Path(__file__).resolve().parent / "jython_payload.py"


@dataclass
class JythonCost:
    persons: int
    us_per_person: float
    jython: str
    java: str


def jython_payload_cost(bundle, persons: int, timeout: float = 150) -> JythonCost:
    """Run the driver once; raises JythonRunError with its output if it fails."""
    from maxkit.jython import javabuild, launcher

    classes = javabuild.compile_java()
    # The library that builds the payload, read from the sources.
    library = defining_script(bundle, "buildUser").name
    spec = world_spec(
        bundle,
        properties={"masuser.api.url": "https://internalapi.mas-bench-core.svc"},
        http=None,
    )
    with tempfile.TemporaryDirectory(prefix="maxkit-bench-") as work:
        spec_path = Path(work) / "spec.json"
        result_path = Path(work) / "result.json"
        spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        done = launcher.run_jython(
            DRIVER,
            [
                str(MAXIMO_PATH),
                str(spec_path),
                str(persons),
                str(result_path),
                library,
            ],
            extra_classpath=[classes],
            timeout=timeout,
        )
        if done.returncode != 0 or not result_path.exists():
            raise JythonRunError(
                f"the Jython payload driver failed (exit {done.returncode}):\n"
                + done.stdout
                + done.stderr
            )
        result = json.loads(result_path.read_text(encoding="utf-8"))
    return JythonCost(
        result["persons"], result["us_per_person"], result["jython"], result["java"]
    )
