"""The scale bench's recorded runs: the figures the docs show, and the estimate
the bench prints first, both come from one file in the repository.

``invoke bench --scale --record`` writes its run into :data:`RECORD` (one
entry per route, replacing that route's earlier one) with the machine, the
date and the command; ``invoke docs`` writes the scale table of
docs/toolkit.md from it, and ``invoke docs --check`` fails when the two
disagree. So a figure in the docs is always one a run printed.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import platform
from dataclasses import asdict
from pathlib import Path
from typing import Sequence

from maxkit.errors import MaxkitError

RECORD = Path("docs/bench/scale.json")

#: When nothing is recorded for a route: seconds per person of the whole run
#: (warm-up, repeats and heap samples included), and the JVM start.
FALLBACK_RUN_US_PER_PERSON = 1000.0
FIXED_SECONDS = 5.0


def machine() -> dict:
    """What the run ran on, as far as the run can tell."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count() or 1,
        "os": f"{platform.system()} {platform.release()}",
    }


def driver_module():
    """The scale driver (Jython code in the 2/3 subset, loadable here): its
    warm-up and repeats decide how many persons a run runs."""
    from maxkit.bench.scale import DRIVER

    spec = importlib.util.spec_from_file_location("maxkit_jython_scale", DRIVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def persons_run(sizes: Sequence[int], repeats: int = 0) -> int:
    """Persons the driver runs for these sizes: its warm-up, then each size
    as often as it repeats it (jython_scale.warm_up and .repeats)."""
    driver = driver_module()
    return driver.warm_up(list(sizes)) + sum(
        size * driver.repeats(size, repeats) for size in sizes
    )


def load(root: Path) -> dict:
    """The recorded runs by route ({} when nothing is recorded)."""
    path = Path(root) / RECORD
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return dict(data["runs"])
    except (ValueError, KeyError, TypeError) as error:
        raise MaxkitError(f"{RECORD}: not a record of scale runs ({error})") from error


def entry(
    route: str,
    rows: Sequence,
    *,
    chunk: int,
    sizes: Sequence[int],
    repeats: int,
    seconds: float,
    versions: dict,
    command: str,
) -> dict:
    """One route's recorded run."""
    return {
        "date": datetime.date.today().isoformat(),
        "command": command,
        "machine": {**machine(), **versions},
        "chunk": chunk,
        "sizes": list(sizes),
        "repeats": repeats,
        "seconds": round(seconds, 1),
        "persons_run": persons_run(sizes, repeats),
        "rows": [_rounded(asdict(row)) for row in rows],
    }


def _rounded(row: dict) -> dict:
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in row.items()}


def save(root: Path, route: str, recorded: dict) -> Path:
    """Write ``recorded`` as the route's run, keeping the other routes'."""
    path = Path(root) / RECORD
    runs = load(root)
    runs[route] = recorded
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "about": "invoke bench --scale --record writes this; invoke docs shows it"
        " in docs/toolkit.md",
        "runs": dict(sorted(runs.items())),
    }
    path.write_text(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def estimate_seconds(
    runs: dict, route: str, sizes: Sequence[int], repeats: int = 0
) -> float:
    """How long a scale run should take: the recorded run's seconds per person
    run (everything included but the JVM start) times the persons this one
    runs, plus the JVM start."""
    recorded = runs.get(route)
    per_person = FALLBACK_RUN_US_PER_PERSON / 1e6
    if recorded:
        per_person = (recorded["seconds"] - FIXED_SECONDS) / recorded["persons_run"]
    return FIXED_SECONDS + persons_run(sizes, repeats) * max(per_person, 0.0)


def growth(rows: Sequence[dict]) -> float:
    """cpu µs/person at the largest size over that at the smallest."""
    return rows[-1]["us_per_person"] / rows[0]["us_per_person"]


def docs_table(runs: dict) -> str:
    """The scale table of docs/toolkit.md: one row per route and size."""
    if not runs:
        return "No scale run is recorded yet: `invoke bench --scale --record`."
    lines = [
        "| route | persons | cpu µs/p | wall µs/p | requests | saves | done"
        " | deactivated | heap held MB (median / most) | records held | table MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for route, run in sorted(runs.items()):
        for row in run["rows"]:
            lines.append(
                f"| {route} | {row['persons']} | {row['us_per_person']:.1f}"
                f" | {row['wall_us_per_person']:.1f} | {row['requests']}"
                f" | {row['saves']} | {row['done']} | {row['deactivated']}"
                f" | {row['held_bytes'] / 1e6:.1f} / {row['held_max_bytes'] / 1e6:.1f}"
                f" | {row['peak_held_mbos']} | {row['table_bytes'] / 1e6:.1f} |"
            )
    lines.append("")
    for route, run in sorted(runs.items()):
        box = run["machine"]
        lines.append(
            f"- {route}: `{run['command']}` on {run['date']}, {box['cpu']}"
            f" ({box['cores']} cores), Jython {box.get('jython', '?')}, Java"
            f" {box.get('java', '?')}; {run['seconds']:.0f} s for"
            f" {run['persons_run']} persons run (warm-up and repeats included);"
            f" cpu µs/person at {run['rows'][-1]['persons']} is"
            f" {growth(run['rows']):.2f}x that at {run['rows'][0]['persons']}."
        )
    return "\n".join(lines)
