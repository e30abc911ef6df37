"""Shared pieces of the deploy tests: the key, the runner, small bundle sources."""

from __future__ import annotations

import shutil
from pathlib import Path

from maxkit.deploy import deploy

ROOT = Path(__file__).resolve().parents[2]
APIKEY = "k3y-" + "x" * 28


class Run:
    """Calls deploy like the task does and keeps what it printed."""

    def __init__(self, manage, ca: Path):
        self.manage = manage
        self.ca = ca
        self.lines: list[str] = []

    def __call__(
        self, root=ROOT, key=APIKEY, dry_run=False, ca=True, url=None, uninstall=False
    ):
        self.lines = []
        return deploy(
            root,
            url or self.manage.base_url,
            "MAXIMO_APIKEY",
            self.ca if ca else None,
            dry_run,
            out=self.lines.append,
            environ={"MAXIMO_APIKEY": key},
            uninstall=uninstall,
        )

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def copy_bundle(target: Path) -> Path:
    for name in ("scripts", "domains", "dialogs"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


SMALL_LIB = '''
scriptConfig = """{
    "autoscript": "SMALLLIB",
    "description": "library",
    "messages": [{"msgGroup": "small", "msgKey": "hello", "value": "Hello {0}"}],
    "properties": [{"propName": "small.url", "description": "url", "initialPropValue": "x"}]
}"""

def greet(name):
    return name
'''

SMALL_ACTION = '''
scriptConfig = """{
    "autoscript": "SMALLACT",
    "description": "action with variables",
    "autoScriptVars": [
        {"varname": "target", "varBindingType": "LITERAL", "varType": "IN",
         "varBindingValue": "A", "allowOverride": true}
    ],
    "scriptLaunchPoints": [
        {"launchPointName": "SMALLACT", "launchPointType": "ACTION",
         "actionName": "SMALLACT", "objectName": "PERSON",
         "launchPointVars": [{"varName": "target", "varBindingValue": "B"}]}
    ]
}"""

service.log_info(target)
'''

SMALL_DOMAIN = """<?xml version="1.0" encoding="UTF-8"?>
<SyncMXDOMAIN xmlns="http://www.ibm.com/maximo"><MXDOMAINSet>
  <MAXDOMAIN action="AddChange"><DOMAINID>SMALLDOM</DOMAINID>
    <DESCRIPTION>small</DESCRIPTION><DOMAINTYPE>ALN</DOMAINTYPE>
    <MAXTYPE>ALN</MAXTYPE><LENGTH>4</LENGTH>
    <ALNDOMAIN><VALUE>ONE</VALUE><DESCRIPTION>one</DESCRIPTION></ALNDOMAIN>
  </MAXDOMAIN></MXDOMAINSet></SyncMXDOMAIN>
"""
