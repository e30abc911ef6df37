"""The bulk path at scale: MASUSERBULK in real Jython 2.7 on 1k, 10k and 100k persons.

One JVM runs every size (``jython_scale.py``), each on a fresh world whose
PERSON table holds that many synthetic persons: mostly active ones to send,
a tenth with a Manage user already, a fifth inactive with a user to
deactivate (masuser.deactivate is on), the entitlement mapped to two groups
MAXGROUP has. On the internalapi route (the default) an in-process MAS
answers every user; on the manage route (masuser.route manage) the users are
written in Manage, no request. Per size it reports µs per person, requests,
saves, and the heap the run held beyond the tables (which stand for the
database). The script is linear when the cost per person at the largest size
stays within :data:`LINEAR_LIMIT` of the smallest, and bounded in memory when
what it holds depends on the chunk, not on the number of persons.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from maxkit.errors import JythonRunError
from maxkit.simulate import script_arg
from maxkit.runtime import MAXIMO_PATH
from maxkit.worldspec import STOCK_SUITE, world_spec

DRIVER = Path(__file__).resolve().parent / "jython_scale.py"
SIZES = (1_000, 10_000, 100_000)
LINEAR_LIMIT = 1.25
ACCESS_TYPE, ENTITLEMENT = "Authorized", "BASE"
ROUTES = ("internalapi", "manage")
#: The entitlement's groups (masuser.groups.BASE), each a MAXGROUP record.
GROUPS = ("MAINT", "TECHNICIANS")
#: GC readings are the live set only once soft references (Jython's caches)
#: are cleared at every collection. The cron task runs in Manage's server JVM,
#: with its optimizing JIT, for as long as the run lasts: the launcher's
#: start-up flag that stops at the first compiler (C1, right for tests that
#: last seconds) is overridden (a later -XX flag wins) with the full tiered
#: compilation a server runs.
JVM_ARGS = ("-XX:SoftRefLRUPolicyMSPerMB=0", "-XX:TieredStopAtLevel=4")


@dataclass
class ScaleRow:
    persons: int
    us_per_person: float  # CPU time of the thread running the cron task
    wall_us_per_person: float
    requests: int
    saves: int
    done: int
    deactivated: int
    held_bytes: int
    held_max_bytes: int
    growth_bytes: int
    table_bytes: int
    peak_held_mbos: int
    repeats: int
    gc_samples: int


def scale_spec(bundle, chunk: int, route: str = "internalapi") -> dict:
    """The world of every size: the bundle deployed, the route's settings, the
    entitlement's groups mapped and in MAXGROUP."""
    properties = {
        "masuser.route": route,
        "masuser.bulk.chunksize": str(chunk),
        "masuser.groups." + ENTITLEMENT: ", ".join(GROUPS),
    }
    if route == "internalapi":
        properties["masuser.api.url"] = "https://internalapi.mas-bench-core.svc"
    else:
        properties["masuser.idp.id"] = STOCK_SUITE["identity_providers"][0]
    return world_spec(
        bundle,
        properties=properties,
        http={"mode": "answer", "answers": [{"status": 200, "body": "auto"}]},
        tables={
            "MAXGROUP": [{"GROUPNAME": group} for group in GROUPS],
            # The cron task's run-as user may assign the mapped groups.
            "GRPREASSIGNAUTH": [
                {"USERID": "MAXADMIN", "GROUPNAME": group} for group in GROUPS
            ],
        },
        **STOCK_SUITE,
    )


def run_scale(
    bundle,
    sizes: Sequence[int] = SIZES,
    chunk: int = 100,
    on_row: Callable[[ScaleRow], None] = lambda row: None,
    repeats: int = 0,
    route: str = "internalapi",
    versions: dict | None = None,
) -> list[ScaleRow]:
    """Run every size in one JVM; ``on_row`` gets each row as soon as it is done,
    ``versions`` (when given) the Jython and Java versions that ran.

    Raises JythonRunError with the driver's stderr when it fails.
    """
    from maxkit.jython import javabuild, launcher

    classes = javabuild.compile_java()
    rows = []
    with tempfile.TemporaryDirectory(prefix="maxkit-scale-") as work:
        spec_path = Path(work) / "spec.json"
        spec = scale_spec(bundle, chunk, route)
        spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        arg = script_arg(ACCESS_TYPE, ENTITLEMENT, None)
        process = launcher.start_jython(
            DRIVER,
            [
                str(MAXIMO_PATH),
                str(spec_path),
                arg,
                ",".join(map(str, sizes)),
                str(repeats),
            ],
            extra_classpath=[classes],
            jvm_args=JVM_ARGS,
        )
        assert process.stdout is not None and process.stderr is not None
        for line in process.stdout:
            item = json.loads(line)
            if "versions" in item:
                if versions is not None:
                    versions.update(item["versions"])
                continue
            row = ScaleRow(**item)
            rows.append(row)
            on_row(row)
        errors = process.stderr.read()
        code = process.wait()
    if code != 0 or len(rows) != len(sizes):
        raise JythonRunError(f"the Jython scale driver failed (exit {code}):\n{errors}")
    return rows


def growth(rows: Sequence[ScaleRow]) -> float:
    """Cost per person at the largest size over that at the smallest."""
    return rows[-1].us_per_person / rows[0].us_per_person
