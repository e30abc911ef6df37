"""The project's packaging settings, read from pyproject.toml.

Name and version come from ``[project]`` so the zip is named after what is
released. Site choices that no source file states (which groups get the
signature options, the DBC product name, which object structures to use) live
in ``[tool.maxkit]``: a Maximo administrator changes them there, not in code.
Grants are never given to everyone: without ``grant-groups`` packaging stops.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from maxkit.errors import MaxkitError

MAXIMO_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,29}$")

# Object structures of the REST route. MXSCRIPT and MXAPIDOMAIN are the ones
# the Naviam deploy tool uses; MXAPICRONTASKDEF is used by public REST calls
# that create a cron task with its instances and parameters; MXAPIMESSAGE and
# the property one are guesses a site may need to create (see IMPORT.md).
DEFAULT_OBJECT_STRUCTURES = {
    "domain": "MXAPIDOMAIN",
    "script": "MXSCRIPT",
    "message": "MXAPIMESSAGE",
    "property": "MXAPIMAXPROP",
    "crontask": "MXAPICRONTASKDEF",
    # deploy only. [V] MXAPIACTION is a stock one (Maximo's own apps read
    # actions through it); [V] MXAPIMAXATTRIBUTE is read by public REST
    # clients (oslc.where on objectname/classname). The others are [I]: no
    # stock object structure is known for these objects; a site creates each
    # over its one object (IMPORT.md, docs/install.md) or names its own here.
    "logger": "MXAPILOGGER",
    "action": "MXAPIACTION",
    "sigoption": "MXAPISIGOPTION",
    "grant": "MXAPIAPPAUTH",
    "menu": "MXAPIMAXMENU",
    "query": "MXAPIQUERY",
    "presentation": "MXAPIMAXPRESENTATION",
    "attribute": "MXAPIMAXATTRIBUTE",
}
# A cron task schedule: the interval (number and unit) and nine more fields,
# e.g. 1d,0,0,2,*,*,*,*,*,* (the shape public REST calls and the Cron Task
# Setup application use; which field is which is inferred).
SCHEDULE = re.compile(r"^[0-9]+[smhdwMy](,[^,\s]+){9}$")
USER_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,30}$")


@dataclass(frozen=True)
class CronTask:
    """A cron task shipped with the bundle: ScriptCrontask running ``script``.

    Its one instance ships inactive; schedule, SCRIPTARG and run-as user are
    the site's (``[tool.maxkit.crontasks.<SCRIPT>]``), set on create and never
    overwritten by a later deploy.
    """

    script: str
    instance: str
    schedule: str
    run_as: str
    scriptarg: str


class SettingsError(MaxkitError):
    """pyproject.toml lacks or mis-states a packaging setting."""

    def __init__(self, path: Path, key: str, problem: str, fix: str):
        super().__init__(f"{path}: {key}: {problem}; {fix}")


@dataclass(frozen=True)
class Settings:
    name: str
    version: str
    product: str
    grant_groups: tuple[str, ...]
    object_structures: dict = field(default_factory=dict)
    crontasks: tuple[CronTask, ...] = ()

    @property
    def dist_name(self) -> str:
        return f"{self.name}-{self.version}"

    @property
    def dbc_version(self) -> str:
        """``V0100`` for 0.1.0: Maximo's four-digit script version prefix."""
        parts = (self.version.split(".") + ["0", "0", "0"])[:3]
        return "V" + "".join(parts) + "0"


def _require(table: dict, key: str, path: Path, where: str):
    if key not in table:
        raise SettingsError(path, f"{where}.{key}", "is missing", f"add {key} = ...")
    return table[key]


def load_settings(root: Path) -> Settings:
    """The settings of the project at ``root``; errors name the key to fix."""
    path = Path(root) / "pyproject.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MaxkitError(f"{path}: cannot read it: {exc}") from None
    project = data.get("project", {})
    name = _require(project, "name", path, "[project]")
    version = _require(project, "version", path, "[project]")
    if not re.fullmatch(r"\d\.\d(\.\d)?", version):
        raise SettingsError(
            path,
            "[project].version",
            f"{version!r} does not map to a DBC script version",
            "use one-digit parts like 0.1.0 (DBC file V0100_01.dbc)",
        )
    tool = data.get("tool", {}).get("maxkit", {})
    product = tool.get("product", "masuser")
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,17}", product):
        raise SettingsError(
            path,
            "[tool.maxkit].product",
            f"{product!r} is not a usable DBC product folder name",
            "use lower-case letters, digits and _ (at most 18)",
        )
    groups = tool.get("grant-groups")
    if not groups or not isinstance(groups, list):
        raise SettingsError(
            path,
            "[tool.maxkit].grant-groups",
            "no security groups are named for the signature options",
            'add grant-groups = ["MAXADMIN"] (the groups allowed to create MAS users);'
            " granting to everyone is not offered",
        )
    for group in groups:
        if not isinstance(group, str) or not MAXIMO_NAME.match(group):
            raise SettingsError(
                path,
                "[tool.maxkit].grant-groups",
                f"{group!r} is not a Maximo group name",
                "use upper-case names such as MAXADMIN",
            )
    structures = dict(DEFAULT_OBJECT_STRUCTURES)
    for kind, value in tool.get("object-structures", {}).items():
        if kind not in structures or not MAXIMO_NAME.match(str(value)):
            raise SettingsError(
                path,
                f"[tool.maxkit.object-structures].{kind}",
                f"{kind} = {value!r} is not understood",
                "keys are " + ", ".join(sorted(structures)) + "; values upper-case",
            )
        structures[kind] = value
    return Settings(
        name=name,
        version=version,
        product=product,
        grant_groups=tuple(groups),
        object_structures=structures,
        crontasks=_crontasks(tool.get("crontasks", {}), path),
    )


_CRON_KEYS = ("instance", "schedule", "run-as-user", "scriptarg")


def _crontasks(table: dict, path: Path) -> tuple[CronTask, ...]:
    tasks = []
    for script, spec in sorted(table.items()):
        where = f"[tool.maxkit.crontasks.{script}]"
        if not MAXIMO_NAME.match(script) or not isinstance(spec, dict):
            raise SettingsError(
                path, where, "is not a table named after a script", "e.g. MASUSERBULK"
            )
        unknown = sorted(set(spec) - set(_CRON_KEYS))
        if unknown:
            raise SettingsError(
                path,
                f"{where}.{unknown[0]}",
                "is not known",
                "keys: " + ", ".join(_CRON_KEYS),
            )
        values = {k: _require(spec, k, path, where) for k in _CRON_KEYS}
        for key, value in values.items():
            if not isinstance(value, str) or not value.strip():
                raise SettingsError(path, f"{where}.{key}", "is empty", "give a value")
        checks = (
            ("instance", MAXIMO_NAME, "upper-case letters, digits and _ (at most 30)"),
            (
                "schedule",
                SCHEDULE,
                "an interval and nine fields, e.g. 1d,0,0,2,*,*,*,*,*,*",
            ),
            ("run-as-user", USER_ID, "a Maximo user id, e.g. MAXADMIN"),
        )
        for key, pattern, fix in checks:
            if not pattern.match(values[key]):
                raise SettingsError(
                    path,
                    f"{where}.{key}",
                    f"{values[key]!r} is not valid",
                    f"use {fix}",
                )
        tasks.append(
            CronTask(
                script=script,
                instance=values["instance"],
                schedule=values["schedule"],
                run_as=values["run-as-user"],
                scriptarg=values["scriptarg"].strip(),
            )
        )
    return tuple(tasks)
