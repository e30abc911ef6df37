"""CPython stand-ins for the ``java.util.concurrent`` classes scripts use.

A single-thread executor whose ``Future.get(timeout, unit)`` waits at most
that long, as Java's does: the scripts use it to bound an HTTP call by a
deadline. The worker is a daemon thread; ``cancel`` and ``shutdownNow``
cannot stop it (Java's interrupt does not stop a blocked socket read either),
they only stop waiting for it. Only for CPython: Jython uses the real classes.
"""

import threading

from java.lang import Exception as JavaException
from java.util import ArrayList
from maxfake.errors import not_implemented


class TimeoutException(JavaException):
    pass


class RejectedExecutionException(JavaException):
    pass


class ExecutionException(JavaException):
    def __init__(self, cause):
        JavaException.__init__(self, str(cause))
        self._cause = cause

    def getCause(self):
        return self._cause


class Callable(object):
    """The interface: a subclass gives ``call()``."""

    def call(self):
        raise not_implemented("java.util.concurrent.Callable", "call")


class TimeUnit(object):
    _MILLIS = {"MILLISECONDS": 1.0, "SECONDS": 1000.0}

    def __init__(self, name):
        self._name = name

    def toMillis(self, duration):
        return int(duration * self._MILLIS[self._name])

    def __repr__(self):
        return "TimeUnit." + self._name


TimeUnit.MILLISECONDS = TimeUnit("MILLISECONDS")
TimeUnit.SECONDS = TimeUnit("SECONDS")


class _Future(object):
    def __init__(self, task):
        if not isinstance(task, Callable):
            raise TypeError("submit() takes a Callable, not %r" % (task,))
        self._task = task
        self._done = threading.Event()
        self._result = None
        self._error = None
        self._cancelled = False
        thread = threading.Thread(target=self._run, name="maxfake-executor")
        thread.daemon = True
        thread.start()

    def _run(self):
        try:
            self._result = self._task.call()
        except BaseException as error:  # handed to get(), as Java does
            self._error = error
        finally:
            self._done.set()

    def get(self, timeout=None, unit=None):
        if timeout is None:
            self._done.wait()
        else:
            if not isinstance(unit, TimeUnit):
                raise TypeError("get(timeout, unit) needs a TimeUnit")
            if not self._done.wait(unit.toMillis(timeout) / 1000.0):
                raise TimeoutException()
        if self._error is not None:
            raise ExecutionException(self._error)
        return self._result

    def cancel(self, mayInterruptIfRunning):
        self._cancelled = not self._done.is_set()
        return self._cancelled

    def isDone(self):
        return self._done.is_set() or self._cancelled

    def __getattr__(self, name):
        raise not_implemented("java.util.concurrent.Future", name)


class _Executor(object):
    def __init__(self):
        self._shutdown = False

    def submit(self, task):
        if self._shutdown:
            raise RejectedExecutionException("the executor was shut down")
        return _Future(task)

    def shutdownNow(self):
        self._shutdown = True
        return ArrayList()

    def __getattr__(self, name):
        raise not_implemented("java.util.concurrent.ExecutorService", name)


class Executors(object):
    @staticmethod
    def newSingleThreadExecutor():
        return _Executor()
