"""What the checks read: the bundle's sources, parsed leniently.

The bundle loader stops at the first broken file; the lint must go on and
report every problem, so each part is parsed here on its own and a part that
cannot be read is recorded (with ``path:line``) instead of raised.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from maxkit.bundle.load import load_domains, load_support
from maxkit.bundle.model import Domain, DialogSupport
from maxkit.bundle.scriptconfig import find_configs
from maxkit.errors import BundleError
from maxkit.lint import located

DATA = Path(__file__).resolve().parent.parent / "data"
SUPPORT_SUFFIX = ".support.xml"


@dataclass
class Problem:
    """A part of the bundle that could not be read: where and why."""

    path: str
    line: int
    message: str


@dataclass
class ScriptSource:
    path: Path
    rel: str
    text: str
    tree: ast.Module | None = None
    syntax_error: SyntaxError | None = None
    configs: list[tuple[str, int]] = field(default_factory=list)
    config: located.LocatedDict | None = None
    config_line: int = 1
    config_problem: Problem | None = None

    @property
    def name(self) -> str:
        """The AUTOSCRIPT name: scriptConfig's ``autoscript``, else the file name."""
        if self.config is not None and isinstance(self.config.get("autoscript"), str):
            return self.config["autoscript"]
        return self.path.stem

    def config_at(self, line: int) -> int:
        """A line of the scriptConfig JSON as a line of the file."""
        return self.config_line + line - 1

    def items(self, key: str) -> list[located.LocatedDict]:
        """The objects of a scriptConfig array (``messages``, ...), ignoring junk."""
        if self.config is None or not isinstance(self.config.get(key), list):
            return []
        return [i for i in self.config[key] if isinstance(i, located.LocatedDict)]


def _where(error: BundleError) -> tuple[str, int]:
    path, _, line = str(error.where).rpartition(":")
    return path, int(line) if line.isdigit() else 1


class Context:
    """The bundle at ``root`` as the checks see it; each part is read once."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def rel(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def data(self, name: str) -> dict:
        return json.loads((DATA / name).read_text(encoding="utf-8"))

    @cached_property
    def scripts(self) -> list[ScriptSource]:
        return [self._script(p) for p in sorted((self.root / "scripts").glob("*.py"))]

    def _script(self, path: Path) -> ScriptSource:
        text = path.read_text(encoding="utf-8")
        script = ScriptSource(path=path, rel=self.rel(path), text=text)
        try:
            script.tree = ast.parse(text, str(path))
        except SyntaxError as error:
            script.syntax_error = error
        script.configs = find_configs(text)
        if len(script.configs) == 1:
            config_text, script.config_line = script.configs[0]
            self._parse_config(script, config_text)
        return script

    def _parse_config(self, script: ScriptSource, text: str) -> None:
        try:
            value = located.loads(text)
        except json.JSONDecodeError as error:
            comma = located.trailing_comma(text, error)
            if comma is not None:
                line = text.count("\n", 0, comma) + 1
                message = "trailing comma: strict JSON (and the deploy tools) reject it"
            else:
                line, message = error.lineno, error.msg
                python = re.match(r"True|False|None", text[error.pos :])
                if python:
                    spelled = {"True": "true", "False": "false", "None": "null"}
                    message += f" (Python's {python.group()} is JSON's {spelled[python.group()]})"
            script.config_problem = Problem(
                script.rel,
                script.config_at(line),
                f"scriptConfig is not strict JSON: {message}",
            )
            return
        if not isinstance(value, located.LocatedDict):
            script.config_problem = Problem(
                script.rel, script.config_line, "scriptConfig must be a JSON object"
            )
            return
        script.config = value

    @cached_property
    def script_names(self) -> dict[str, ScriptSource]:
        return {s.name: s for s in self.scripts}

    @cached_property
    def declared_messages(self) -> set[tuple[object, object]]:
        return {
            (m.get("msgGroup"), m.get("msgKey"))
            for s in self.scripts
            for m in s.items("messages")
        }

    @cached_property
    def declared_properties(self) -> set[object]:
        return {p.get("propName") for s in self.scripts for p in s.items("properties")}

    @cached_property
    def action_names(self) -> dict[str, ScriptSource]:
        """actionName of every ACTION launch point, with its script."""
        return {
            lp["actionName"]: s
            for s in self.scripts
            for lp in s.items("scriptLaunchPoints")
            if lp.get("launchPointType") == "ACTION"
            and isinstance(lp.get("actionName"), str)
        }

    @cached_property
    def domains(self) -> tuple[dict[str, Domain], list[Problem]]:
        domains: dict[str, Domain] = {}
        problems = []
        for path in sorted((self.root / "domains").glob("*.xml")):
            try:
                for domain in load_domains(path):
                    domains[domain.domainid] = domain
            except BundleError as error:
                where, line = _where(error)
                problems.append(Problem(self.rel(where), line, _message(error)))
        return domains, problems

    @cached_property
    def supports(self) -> tuple[list[DialogSupport], list[Problem]]:
        """The dialogs/*.support.xml files that are valid, and the others' problems."""
        supports = []
        problems = []
        for path in sorted((self.root / "dialogs").glob("*" + SUPPORT_SUFFIX)):
            try:
                supports.append(load_support(path))
            except BundleError as error:
                where, line = _where(error)
                problems.append(Problem(self.rel(where), line, _message(error)))
        return supports, problems


def _message(error: BundleError) -> str:
    text = str(error)
    prefix = f"{error.where}: "
    return text[len(prefix) :] if text.startswith(prefix) else text
