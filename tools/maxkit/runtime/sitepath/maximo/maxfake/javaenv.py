"""The Manage server's environment as scripts see it, in real Jython too.

A script reads environment variables with ``java.lang.System.getenv``. In
CPython the ``java.lang`` stand-in reads the fake world's ``env``; in Jython
the script imports the real class, whose answer is the environment of the one
JVM that runs every scenario. So while a script runs under Jython, its
``from java.lang import System`` is given a view of the real ``System`` whose
``getenv`` reads the world, everything else being the real class. Nothing
else of ``java.*`` is replaced.
"""

from maxfake import world as _world
from maxfake.compat import JYTHON

if JYTHON:  # pragma: no cover - Jython
    # Once, here: an import in __enter__, which runs for every script run (an
    # OBJECT launch point fires per record saved), went through Jython's import
    # machinery each time, a look for maxfake.__builtin__ first (implicit
    # relative import): about 40% of a bulk run's CPU time (bench --scale).
    import __builtin__ as _builtins


class _SystemView(object):
    """``java.lang.System`` with ``getenv`` answered from the current world."""

    def __init__(self, system):
        self._system = system

    def getenv(self, name=None):
        env = _world.current().env
        if name is None:
            from java.util import HashMap

            copy = HashMap()
            for key, value in env.items():
                copy.put(key, value)
            return copy
        return env.get(name)

    def __getattr__(self, name):
        return getattr(self._system, name)


class _LangView(object):
    """The ``java.lang`` package with ``System`` replaced by its view."""

    def __init__(self, package):
        self._package = package

    def __getattr__(self, name):
        value = getattr(self._package, name)
        if name == "System":
            return _SystemView(value)
        return value


class world_environment(object):
    """Context manager: scripts run inside it see the world's environment."""

    def __enter__(self):
        if not JYTHON:
            return self
        self._builtins = _builtins  # pragma: no cover - Jython
        self._previous = _builtins.__import__
        previous = self._previous

        def scripts_import(name, globals=None, locals=None, fromlist=None, level=-1):
            module = previous(name, globals, locals, fromlist, level)
            if name == "java.lang" and fromlist and "System" in fromlist:
                return _LangView(module)
            return module

        _builtins.__import__ = scripts_import
        return self

    def __exit__(self, *exc_info):
        if JYTHON:  # pragma: no cover - Jython
            self._builtins.__import__ = self._previous
        return False
