"""Start scripts in real Jython 2.7 with extra Java classes on the classpath.

Debian's ``/usr/bin/jython`` runs ``java -jar jython.jar``, which ignores
``-cp``/``CLASSPATH``, so the ``java`` command is built here instead::

    java <fast JVM flags> -Dpython.cachedir.skip=true \\
        -cp jython.jar:<extra classpath> org.python.util.jython -B script args

Every :func:`run_jython` call starts one JVM (about a second); batch many
scenarios into one script rather than calling it per scenario.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from maxkit.jython.javabuild import find_javac, find_jdk_tool

__all__ = [
    "DEFAULT_JYTHON_JAR",
    "FAST_JVM_FLAGS",
    "JYTHON_MAIN_CLASS",
    "JythonNotFoundError",
    "JavaNotFoundError",
    "find_java",
    "find_jython",
    "jython_command",
    "missing_toolchain",
    "run_jython",
]

#: Where Debian's ``jython`` package puts the jar.
DEFAULT_JYTHON_JAR = Path("/usr/share/java/jython.jar")

#: Environment variable naming another jython.jar.
JYTHON_JAR_ENV = "MAXKIT_JYTHON_JAR"

JYTHON_MAIN_CLASS = "org.python.util.jython"

#: JVM flags for quick start-up: C1 only, class-data sharing when available.
FAST_JVM_FLAGS: tuple[str, ...] = ("-XX:TieredStopAtLevel=1", "-Xshare:auto")

#: System properties: no package cache written anywhere, UTF-8 I/O.
JYTHON_PROPERTIES: tuple[str, ...] = (
    "-Dpython.cachedir.skip=true",
    "-Dfile.encoding=UTF-8",
    "-Dpython.console.encoding=UTF-8",
)


class JythonNotFoundError(RuntimeError):
    """No jython.jar could be found."""


class JavaNotFoundError(RuntimeError):
    """No java launcher could be found."""


def find_jython() -> Path:
    """Path of jython.jar: $MAXKIT_JYTHON_JAR, else /usr/share/java/jython.jar."""
    env = os.environ.get(JYTHON_JAR_ENV)
    if env:
        jar = Path(env)
        if not jar.is_file():
            raise JythonNotFoundError(
                f"{JYTHON_JAR_ENV} is set to {env!r}, but no such file exists"
            )
        return jar
    if DEFAULT_JYTHON_JAR.is_file():
        return DEFAULT_JYTHON_JAR
    raise JythonNotFoundError(
        f"Jython not found: no {DEFAULT_JYTHON_JAR}. "
        f"Install it with `apt-get install jython`, "
        f"or set {JYTHON_JAR_ENV} to a jython.jar (standalone jars work too)"
    )


def find_java() -> str:
    """Path of java, or JavaNotFoundError saying how to get one."""
    found = find_jdk_tool("java")
    if found:
        return found
    raise JavaNotFoundError(
        "java was not found on PATH or in $JAVA_HOME/bin; install a JRE/JDK "
        "(e.g. `apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME"
    )


def missing_toolchain() -> str | None:
    """Why Jython scripts cannot run here, or None when they can.

    Checks java (:func:`find_java`), jython.jar (:func:`find_jython`) and javac
    (:func:`~maxkit.jython.javabuild.find_javac`, needed to compile the Java
    look-alike classes), in that order, and returns the error text of the first
    one missing. Tests skip with this text, and tools print it to explain why a
    Jython run is not possible, instead of each repeating the checks.
    """
    for finder in (find_java, find_jython, find_javac):
        try:
            finder()
        except RuntimeError as exc:
            return str(exc)
    return None


def _as_list(
    items: str | os.PathLike | Iterable[str | os.PathLike] | None,
) -> list[str]:
    if items is None:
        return []
    if isinstance(items, (str, os.PathLike)):
        return [os.fspath(items)]
    return [os.fspath(item) for item in items]


def jython_command(
    script: str | os.PathLike,
    args: Sequence[str | os.PathLike] = (),
    extra_classpath: str | os.PathLike | Iterable[str | os.PathLike] | None = (),
    *,
    jython_jar: str | os.PathLike | None = None,
    java: str | None = None,
    jvm_args: Sequence[str] = (),
) -> list[str]:
    """The argv that runs ``script`` with ``args`` in Jython.

    ``extra_classpath`` (one path or several) is appended after jython.jar.
    ``jvm_args`` go before the main class (e.g. ``-Xmx512m``, ``-Dkey=value``).
    ``jython_jar`` and ``java`` default to :func:`find_jython` and :func:`find_java`.
    """
    jar = os.fspath(jython_jar) if jython_jar is not None else os.fspath(find_jython())
    classpath = os.pathsep.join([jar, *_as_list(extra_classpath)])
    return [
        java or find_java(),
        *FAST_JVM_FLAGS,
        *JYTHON_PROPERTIES,
        *jvm_args,
        "-cp",
        classpath,
        JYTHON_MAIN_CLASS,
        "-B",  # never write foo$py.class files next to imported modules
        os.fspath(script),
        *(os.fspath(arg) for arg in args),
    ]


def run_jython(
    script: str | os.PathLike,
    args: Sequence[str | os.PathLike] = (),
    extra_classpath: str | os.PathLike | Iterable[str | os.PathLike] | None = (),
    *,
    jython_jar: str | os.PathLike | None = None,
    java: str | None = None,
    jvm_args: Sequence[str] = (),
    cwd: str | os.PathLike | None = None,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    timeout: float | None = 300,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in one Jython JVM and return the finished process.

    stdout and stderr are captured as UTF-8 text. With ``check=True`` a non-zero
    exit raises :class:`subprocess.CalledProcessError`.
    """
    cmd = jython_command(
        script,
        args,
        extra_classpath,
        jython_jar=jython_jar,
        java=java,
        jvm_args=jvm_args,
    )
    return subprocess.run(
        cmd,
        cwd=cwd,
        env=None if env is None else dict(env),
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=check,
    )
