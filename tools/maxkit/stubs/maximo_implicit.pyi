"""What an automation script finds defined without importing it.

Maximo binds these names before it runs a script (which ones depends on the
launch point: ``mbo`` and ``onadd`` only where there is a record, ``request``
only for a REST script, ...), and Jython 2.7 has builtins Python 3 lacks.
Type checkers do not know either: ``python -m maxkit.lint`` makes them visible
to mypy by importing this module into each script it checks, and
``python -m maxkit.stubs --builtins`` writes it as the ``__builtins__.pyi``
that Pyright and Pylance read from a project's root.
"""

from typing import Any

from com.ibm.tivoli.maximo.script import ScriptService
from psdi.mbo import MboRemote
from psdi.security import UserInfo

# Every launch point.
service: ScriptService
scriptName: str
launchPoint: str
userInfo: UserInfo

# Launch points with a record (object, attribute, action on an object).
mbo: MboRemote
mboname: str
app: str | None
user: str
interactive: bool
onadd: bool
onupdate: bool
ondelete: bool

# ACTION launch points.
action: str
wfinstance: Any

# Custom condition launch points.
evalresult: bool

# Deprecated output variables (Maximo 7.5 style errors).
errorgroup: str
errorkey: str
params: list[Any]

# Cron task scripts.
runAsUserInfo: UserInfo
qName: str
# The instance's SCRIPTARG; seen in public cron scripts, not in IBM's list.
arg: str | None
instanceName: str

# REST script handler (/api/script/NAME).
request: Any
requestBody: str
responseBody: str
httpMethod: str

# Jython 2.7 builtins absent from Python 3.
unicode = str
basestring = str
long = int
xrange = range

def unichr(code: int) -> str: ...
def raw_input(prompt: str = ...) -> str: ...
