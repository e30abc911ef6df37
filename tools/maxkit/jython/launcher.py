"""Start scripts in real Jython 2.7 with extra Java classes on the classpath.

Debian's ``/usr/bin/jython`` runs ``java -jar jython.jar``, which ignores
``-cp``/``CLASSPATH``, so the ``java`` command is built here instead::

    java <fast JVM flags> -Dpython.cachedir.skip=true \\
        -cp jython.jar:<extra classpath> org.python.util.jython -B script args

Every :func:`run_jython` call starts one JVM (about a second); batch many
scenarios into one script rather than calling it per scenario. Most of that
second is the JVM loading and verifying Jython's classes, so
:func:`class_archive` dumps them once into a class-data-sharing archive in
the cache (``-XX:ArchiveClassesAtExit``, Java 13 and later) and every later
start maps it (``-XX:SharedArchiveFile``): a start then takes about half the
time. Without Java support for it, or with ``MAXKIT_JYTHON_CDS=0``, starts
are as before.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from maxkit.errors import ToolchainError
from maxkit.jython.javabuild import default_cache_dir, find_javac, find_jdk_tool

__all__ = [
    "DEFAULT_JYTHON_JAR",
    "class_archive",
    "FAST_JVM_FLAGS",
    "JYTHON_MAIN_CLASS",
    "JythonNotFoundError",
    "JavaNotFoundError",
    "find_java",
    "find_jython",
    "jython_command",
    "missing_toolchain",
    "run_jython",
    "start_jython",
]

#: Where Debian's ``jython`` package puts the jar.
DEFAULT_JYTHON_JAR = Path("/usr/share/java/jython.jar")

#: Environment variable naming another jython.jar.
JYTHON_JAR_ENV = "MAXKIT_JYTHON_JAR"

JYTHON_MAIN_CLASS = "org.python.util.jython"

#: JVM flags for quick start-up: C1 only, class-data sharing when available,
#: and the serial collector: these JVMs are short and their heaps small, where
#: a collector's threads of its own cost more CPU than they save.
FAST_JVM_FLAGS: tuple[str, ...] = (
    "-XX:TieredStopAtLevel=1",
    "-Xshare:auto",
    "-XX:+UseSerialGC",
)

#: System properties: no package cache written anywhere, UTF-8 I/O.
JYTHON_PROPERTIES: tuple[str, ...] = (
    "-Dpython.cachedir.skip=true",
    "-Dfile.encoding=UTF-8",
    "-Dpython.console.encoding=UTF-8",
)


#: Set to 0 to start every JVM without the class-data-sharing archive.
CDS_ENV = "MAXKIT_JYTHON_CDS"

#: What the archive is dumped from: Jython started, with the modules the
#: drivers import loaded, so their classes are in it too.
_ARCHIVE_WARMUP = "import io, json, os, re, sys, traceback, hashlib"


class JythonNotFoundError(ToolchainError):
    """No jython.jar could be found."""


class JavaNotFoundError(ToolchainError):
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
        f"Install it with `bash tools/setup.sh` (it runs `apt-get install jython`), "
        f"or set {JYTHON_JAR_ENV} to a jython.jar (standalone jars work too)"
    )


def find_java() -> str:
    """Path of java, or JavaNotFoundError saying how to get one."""
    found = find_jdk_tool("java")
    if found:
        return found
    raise JavaNotFoundError(
        "java was not found on PATH or in $JAVA_HOME/bin; install a JRE/JDK "
        "(`bash tools/setup.sh` does, or `apt-get install default-jdk-headless`)"
        " or set JAVA_HOME"
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
        except ToolchainError as exc:
            return str(exc)
    return None


def _archive_path(jar: Path, java: str) -> Path:
    """Where the archive of this jython.jar under this java lives in the cache."""
    key = hashlib.sha256()
    for path in (jar, Path(java)):
        real = Path(os.path.realpath(path))
        stat = real.stat()
        key.update(f"{real}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return default_cache_dir() / "cds" / f"jython-{key.hexdigest()[:16]}.jsa"


def class_archive(jython_jar: str | os.PathLike, java: str) -> Path | None:
    """The class-data-sharing archive of jython.jar for ``java``, made on first use.

    None when it cannot be made (a Java before 13, a read-only cache) or
    ``MAXKIT_JYTHON_CDS=0``; a failed attempt is remembered, not retried. The
    archive is written to a temporary name and renamed, so parallel test
    workers never map a half-written one.
    """
    if os.environ.get(CDS_ENV) == "0":
        return None
    archive = _archive_path(Path(jython_jar), java)
    failed = archive.with_suffix(".failed")
    if archive.is_file():
        return archive
    if failed.exists():
        return None
    try:
        archive.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=archive.parent, suffix=".jsa.tmp")
        os.close(fd)
        os.unlink(temporary)
        done = subprocess.run(
            [
                java,
                *FAST_JVM_FLAGS,
                f"-XX:ArchiveClassesAtExit={temporary}",
                *JYTHON_PROPERTIES,
                "-cp",
                os.fspath(jython_jar),
                JYTHON_MAIN_CLASS,
                "-c",
                _ARCHIVE_WARMUP,
            ],
            capture_output=True,
            timeout=120,
        )
        if done.returncode != 0 or not os.path.isfile(temporary):
            failed.write_text(done.stderr.decode("utf-8", "replace"), "utf-8")
            return None
        os.replace(temporary, archive)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return archive


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
    archive: str | os.PathLike | None = None,
) -> list[str]:
    """The argv that runs ``script`` with ``args`` in Jython.

    ``extra_classpath`` (one path or several) is appended after jython.jar.
    ``jvm_args`` go before the main class (e.g. ``-Xmx512m``, ``-Dkey=value``).
    ``jython_jar`` and ``java`` default to :func:`find_jython` and :func:`find_java`.
    ``archive`` is a class-data-sharing archive (:func:`class_archive`) to map;
    with -Xshare:auto a stale one is ignored, and its log stays silent.
    """
    jar = os.fspath(jython_jar) if jython_jar is not None else os.fspath(find_jython())
    classpath = os.pathsep.join([jar, *_as_list(extra_classpath)])
    sharing = []
    if archive is not None:
        sharing = [f"-XX:SharedArchiveFile={os.fspath(archive)}", "-Xlog:cds*=off"]
    return [
        java or find_java(),
        *FAST_JVM_FLAGS,
        *sharing,
        *JYTHON_PROPERTIES,
        *jvm_args,
        "-cp",
        classpath,
        JYTHON_MAIN_CLASS,
        "-B",  # never write foo$py.class files next to imported modules
        os.fspath(script),
        *(os.fspath(arg) for arg in args),
    ]


def _archived_command(script, args, extra_classpath, jython_jar, java, jvm_args):
    """:func:`jython_command` with the defaults found and the class archive made."""
    jar = jython_jar if jython_jar is not None else find_jython()
    java = java or find_java()
    return jython_command(
        script,
        args,
        extra_classpath,
        jython_jar=jar,
        java=java,
        jvm_args=jvm_args,
        archive=class_archive(jar, java),
    )


def start_jython(
    script: str | os.PathLike,
    args: Sequence[str | os.PathLike] = (),
    extra_classpath: str | os.PathLike | Iterable[str | os.PathLike] | None = (),
    *,
    jvm_args: Sequence[str] = (),
) -> subprocess.Popen[str]:
    """Start ``script`` in Jython and return at once, stdout and stderr piped
    as UTF-8 text: for a caller that reports the lines as they come."""
    cmd = _archived_command(script, args, extra_classpath, None, None, jvm_args)
    return subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )


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
    cmd = _archived_command(script, args, extra_classpath, jython_jar, java, jvm_args)
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
