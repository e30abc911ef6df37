"""The implicit ``service`` variable (ScriptService) of the fake runtime."""

from maxfake import world as _world
from maxfake.compat import text_type
from maxfake.errors import FakeMaximoError, not_implemented
from psdi.util import MXApplicationException


def _params(params):
    if params is None:
        return []
    return [text_type(p) for p in params]


class ScriptService(object):
    def __init__(self, world, runner, script_name, launch_point=None, mbo=None):
        self._world = world
        self._runner = runner
        self._script = script_name
        self._launch_point = launch_point
        self._mbo = mbo

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise not_implemented("service", name)

    def _message(self, kind, group, key, params):
        params = _params(params)
        text = _world.message_text(group, key, params)
        self._world.recorder.messages.append(
            {
                "kind": kind,
                "group": group,
                "key": key,
                "params": params,
                "text": text,
                "script": self._script,
            }
        )
        return params

    def error(self, group, key, params=None):
        """Throw at once, as Maximo does; the message is recorded first."""
        params = self._message("error", group, key, params)
        raise MXApplicationException(group, key, params)

    def setWarning(self, group, key, params):
        if self._mbo is None:
            raise FakeMaximoError("service.setWarning needs an mbo in context")
        self._message("warning", group, key, params)

    def closeDialog(self):
        self._world.recorder.dialog_closed = True

    def getScriptName(self):
        return self._script

    def _log(self, level, message):
        """Written only at or above the script's logger level, as in Maximo."""
        if _world.LOG_LEVELS.index(level) < self._world.log_threshold(self._script):
            return
        self._world.recorder.log.append(
            {"level": level, "script": self._script, "text": text_type(message)}
        )

    def log(self, message):
        self._log("INFO", message)

    def log_debug(self, message, throwable=None):
        self._log("DEBUG", message)

    def log_info(self, message, throwable=None):
        self._log("INFO", message)

    def log_warn(self, message, throwable=None):
        self._log("WARN", message)

    def log_error(self, message, throwable=None):
        self._log("ERROR", message)

    def log_fatal(self, message, throwable=None):
        self._log("FATAL", message)

    def invokeScript(self, name, *args):
        if len(args) == 2:
            function, arguments = args
            return self._runner.call_function(
                name, function, list(arguments), mbo=self._mbo
            )
        raise not_implemented("service", "invokeScript(%d arguments)" % (len(args) + 1))
