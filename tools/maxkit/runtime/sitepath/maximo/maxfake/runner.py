"""Runs automation scripts the way Maximo does: implicit variables injected,
library functions reached through ``service.invokeScript``."""

from maxfake import world as _world
from maxfake.compat import string_types
from maxfake.errors import FakeMaximoError
from maxfake.javaenv import world_environment
from maxfake.service import ScriptService
from psdi import mbo as _mbo
from psdi.security import UserInfo
from psdi.util import MXException

# Compiled scripts by (file name, source), shared by every world of a process:
# Maximo too compiles a script once, and in Jython compiling costs far more
# than running (it generates Java bytecode).
_COMPILED = {}


def compiled(source, filename):
    key = (filename, source)
    code = _COMPILED.get(key)
    if code is None:
        code = _COMPILED[key] = compile(source, filename, "exec")
    return code


class Runner(object):
    def __init__(self, world):
        self.world = world
        # How many invokeScript calls are under way: a call made while one
        # runs is a library calling another library (library_calls), not a
        # launch point script calling its entry (invocations).
        self._depth = 0

    def _code(self, name):
        script = self.world.script(name)
        return compiled(script["source"], script.get("path") or name)

    def _execute(self, name, variables):
        namespace = {"__name__": "__maximo_script__"}
        namespace.update(variables)
        with world_environment():
            exec(self._code(name), namespace)
        return namespace

    def run_action(self, script, launch_point, mbo, app=None, interactive=True):
        """Run an ACTION launch point; returns the MXException that stopped it, or None."""
        previous = _world.activate(self.world)
        try:
            variables = {
                "mbo": mbo,
                "mboname": mbo.getName() if mbo is not None else None,
                "app": app,
                "user": self.world.user,
                "interactive": interactive,
                "scriptName": script,
                "launchPoint": launch_point,
                "action": launch_point,
                "service": ScriptService(self.world, self, script, launch_point, mbo),
            }
            return self._run_stopping_on_mx(script, variables)
        finally:
            _world.restore(previous)

    def run_object(self, script, launch_point, mbo, event, app=None):
        """Run an OBJECT launch point of a save (``event`` add, update or delete) on
        ``mbo``, before the save writes it.

        Implicit variables (IBM's Maximo Autoscripting Guide): ``mbo``,
        ``mboname``, ``user``, ``app``, ``onadd``, ``onupdate``, ``ondelete``,
        ``interactive``, ``scriptName``, ``launchPoint``, ``service``. An
        MXException it raises fails the save, as in Maximo.
        """
        self._run_launch_point(
            script,
            launch_point,
            mbo,
            app,
            onadd=event == "add",
            onupdate=event == "update",
            ondelete=event == "delete",
        )

    def run_attribute(self, script, launch_point, mbo, attribute, app=None):
        """Run an ATTRIBUTE launch point's Run action event on ``mbo`` after
        ``attribute`` was set. Implicit variables (IBM docs, "Implicit and
        explicit variables"): ``mbo`` (the attribute's owner), ``mboname``,
        ``app``, ``user``, ``interactive``, ``scriptName``, ``launchPoint``,
        ``service``; the MboValue variables (``mbovalue``) are not modelled,
        so a script reading one fails loudly. An MXException it raises
        refuses the value, as in Maximo."""
        self._run_launch_point(script, launch_point, mbo, app)

    def _run_launch_point(self, script, launch_point, mbo, app, **extra):
        """Run a launch point's script on ``mbo`` with the implicit variables
        every launch point has, and ``extra`` (an OBJECT launch point's
        onadd, onupdate, ondelete)."""
        previous = _world.activate(self.world)
        try:
            variables = {
                "mbo": mbo,
                "mboname": mbo.getName(),
                "app": app,
                "user": self.world.user,
                "interactive": app is not None,
                "scriptName": script,
                "launchPoint": launch_point,
                "service": ScriptService(self.world, self, script, launch_point, mbo),
            }
            variables.update(extra)
            self._execute(script, variables)
        finally:
            _world.restore(previous)

    def run_cron(self, script, instance, arg=None):
        """Run ``script`` as the ScriptCrontask instance ``instance`` does.

        Implicit variables: ``scriptName``, ``qName`` and ``runAsUserInfo``
        (IBM's documented list), ``instanceName`` and ``arg`` (the instance's
        SCRIPTARG; seen in public cron scripts, not in IBM's list), ``service``.
        There is no ``mbo``. Returns the MXException that stopped it, or None.
        """
        previous = _world.activate(self.world)
        try:
            variables = {
                "scriptName": script,
                "qName": instance,
                "instanceName": instance,
                "runAsUserInfo": UserInfo(self.world, self.world.user),
                "arg": arg,
                "service": ScriptService(self.world, self, script, None, None),
            }
            return self._run_stopping_on_mx(script, variables)
        finally:
            _world.restore(previous)

    def _run_stopping_on_mx(self, script, variables):
        """Execute; an MXException ends the run as it ends one in Maximo."""
        try:
            self._execute(script, variables)
        except MXException as error:
            return error
        return None

    def call_function(self, name, function, arguments, mbo=None):
        """``service.invokeScript(name, function, args)``: load the library, call it.

        The invocation is recorded with what the function returned (``result``,
        when it is plain data: the library's outcome dicts), so a caller of the
        run reads the script's result as data, not from its log line. A call a
        library makes while it runs (one library obtaining another's functions)
        is recorded apart, in ``library_calls``: the hops a run costs.
        """
        invocation = {"script": name, "function": function, "result": None}
        recorder = self.world.recorder
        if self._depth:
            recorder.library_calls.append({"script": name, "function": function})
        else:
            recorder.invocations.append(invocation)
        self._depth += 1
        try:
            namespace = self._execute(
                name,
                {
                    "scriptName": name,
                    "service": ScriptService(self.world, self, name, None, mbo),
                },
            )
            target = namespace.get(function)
            if not callable(target):
                raise FakeMaximoError("script %s has no function %s" % (name, function))
            with world_environment():
                result = target(*arguments)
        finally:
            self._depth -= 1
        invocation["result"] = plain_data(result)
        return result


def plain_data(value):
    """``value`` when it is JSON-able data (dicts, lists, text, numbers), else None."""
    if value is None or isinstance(value, (bool, int, float, string_types)):
        return value
    if isinstance(value, (list, tuple)):
        items = [plain_data(item) for item in value]
        return (
            items
            if all(i is not None or v is None for i, v in zip(items, value))
            else None
        )
    if isinstance(value, dict) and all(isinstance(k, string_types) for k in value):
        items = dict((k, plain_data(v)) for k, v in value.items())
        if all(items[k] is not None or value[k] is None for k in value):
            return items
    return None


# The launch points psdi.mbo fires (a save, a field set) run through this
# runner: the record layer sits below the runner and never imports it.
_mbo._use_runner(Runner)
