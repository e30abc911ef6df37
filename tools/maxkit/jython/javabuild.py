"""Compile the look-alike Java classes (IBM JSON4J etc.) used by Jython tests.

The sources live in ``maxkit/runtime/java``. :func:`compile_java` compiles them
with ``javac --release 8`` into ``<cache>/java-<hash>``, where ``<hash>`` covers
the source files (names and bytes) and the compiler options, so an unchanged
tree is compiled once and reused afterwards. The default cache root is
``$MAXKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/maxkit``, else ``~/.cache/maxkit``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from maxkit.errors import ToolchainError

__all__ = [
    "JAVA_SOURCE_DIR",
    "JAVAC_OPTIONS",
    "JavaBuildError",
    "JavacNotFoundError",
    "compile_java",
    "default_cache_dir",
    "find_javac",
    "java_sources",
    "sources_hash",
]

#: Root of the Java source tree (package folders below it).
JAVA_SOURCE_DIR = Path(__file__).resolve().parent.parent / "runtime" / "java"

#: Options given to javac; part of the cache key.
JAVAC_OPTIONS: tuple[str, ...] = (
    "--release",
    "8",
    "-encoding",
    "UTF-8",
    "-g",
    "-Xlint:all",
)

#: Flags for the JVM javac runs in (not part of the cache key): a compile of
#: a few classes is over before C2 pays off, so C1 alone starts it faster.
JAVAC_JVM_FLAGS: tuple[str, ...] = ("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC")

# Bump to invalidate every cached build (e.g. if the folder layout changes).
_CACHE_FORMAT = "1"
_COMPLETE_MARKER = ".complete"


class JavaBuildError(ToolchainError):
    """javac failed; the message holds its output."""


class JavacNotFoundError(JavaBuildError):
    """No javac could be found."""


def default_cache_dir() -> Path:
    """Cache root: $MAXKIT_CACHE_DIR, $XDG_CACHE_HOME/maxkit or ~/.cache/maxkit."""
    env = os.environ.get("MAXKIT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "maxkit"


def find_jdk_tool(name: str) -> str | None:
    """Path of a JDK tool: $JAVA_HOME/bin/<name> if present, else <name> on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def find_javac() -> str:
    """Path of javac, or JavacNotFoundError saying how to get one."""
    found = find_jdk_tool("javac")
    if found:
        return found
    raise JavacNotFoundError(
        "javac (the Java compiler) was not found on PATH or in $JAVA_HOME/bin; "
        "install a JDK (`bash tools/setup.sh` does, or `apt-get install"
        " default-jdk-headless`) "
        "or set JAVA_HOME to one"
    )


def java_sources(source_dir: Path | None = None) -> list[Path]:
    """All .java files under ``source_dir`` (default :data:`JAVA_SOURCE_DIR`), sorted."""
    root = Path(source_dir) if source_dir is not None else JAVA_SOURCE_DIR
    sources = sorted(root.rglob("*.java"))
    if not sources:
        raise JavaBuildError(f"no .java files found under {root}")
    return sources


def sources_hash(sources: Sequence[Path], root: Path) -> str:
    """SHA-256 (hex) over the sources' relative paths and bytes and the javac options."""
    digest = hashlib.sha256()
    digest.update(f"maxkit-javabuild/{_CACHE_FORMAT}\0".encode())
    digest.update("\0".join(JAVAC_OPTIONS).encode() + b"\0\0")
    for path in sorted(sources):
        rel = Path(path).relative_to(root).as_posix()
        data = Path(path).read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _run_javac(javac: str, sources: Sequence[Path], out_dir: Path) -> None:
    """Run javac once; raise JavaBuildError with its output on failure."""
    cmd = [
        javac,
        *JAVAC_JVM_FLAGS,
        *JAVAC_OPTIONS,
        "-d",
        str(out_dir),
        *map(str, sources),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr).strip()
        raise JavaBuildError(
            f"javac failed with exit code {proc.returncode}:\n{output}"
        )


def compile_java(
    dest_dir: Path | str | None = None, *, source_dir: Path | str | None = None
) -> Path:
    """Compile the Java sources and return the classes folder (a classpath entry).

    ``dest_dir`` is the cache root (default :func:`default_cache_dir`); the
    classes go to ``dest_dir/java-<hash>``. If that folder is complete already,
    it is returned without running javac. ``source_dir`` overrides the source
    tree (default :data:`JAVA_SOURCE_DIR`).

    Raises :class:`JavacNotFoundError` when a compile is needed and no javac is
    found, :class:`JavaBuildError` when javac fails.
    """
    root = Path(source_dir) if source_dir is not None else JAVA_SOURCE_DIR
    sources = java_sources(root)
    digest = sources_hash(sources, root)
    cache_root = Path(dest_dir) if dest_dir is not None else default_cache_dir()
    out_dir = cache_root / f"java-{digest[:20]}"
    if (out_dir / _COMPLETE_MARKER).is_file():
        return out_dir

    javac = find_javac()
    cache_root.mkdir(parents=True, exist_ok=True)
    # Build in a private folder, then rename it into place, so a concurrent
    # or interrupted build never leaves a half-filled java-<hash> behind.
    work = Path(tempfile.mkdtemp(prefix=f".java-{digest[:20]}-", dir=cache_root))
    try:
        _run_javac(javac, sources, work)
        (work / _COMPLETE_MARKER).write_text(digest + "\n", encoding="ascii")
        if out_dir.exists():
            # Someone else finished first, or an incomplete leftover.
            if (out_dir / _COMPLETE_MARKER).is_file():
                return out_dir
            shutil.rmtree(out_dir, ignore_errors=True)
        try:
            os.replace(work, out_dir)
        except OSError:
            if (out_dir / _COMPLETE_MARKER).is_file():
                return out_dir
            raise
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return out_dir
