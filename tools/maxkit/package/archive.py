"""Writing the package: the unpacked tree and a byte-identical zip.

Two builds of the same sources must give the same bytes, so the zip uses a
fixed timestamp, fixed permissions, sorted entries and one compression
level, and nothing in the files depends on the clock or the machine. Both
outputs are written next to their final place and renamed into it, so an
interrupted build never leaves a half package that looks complete.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644


def manifest(name: str, version: str, files: dict[str, bytes], sources) -> bytes:
    """What is in the package and what it was built from (sha256 of each)."""
    data = {
        "name": name,
        "version": version,
        "files": [
            {
                "path": path,
                "bytes": len(files[path]),
                "sha256": hashlib.sha256(files[path]).hexdigest(),
            }
            for path in sorted(files)
        ],
        "sources": [
            {"path": rel, "sha256": hashlib.sha256(data).hexdigest()}
            for rel, data in sorted(sources)
        ],
    }
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def zip_bytes(files: dict[str, bytes], prefix: str = "") -> bytes:
    """A zip of ``files`` whose bytes depend on nothing but their names and content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(prefix + name, date_time=ZIP_TIME)
            info.create_system = 3
            info.external_attr = FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def zip_bytes_to(path: Path, prefix: str, files: dict[str, bytes]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(zip_bytes(files, prefix + "/"))
    os.replace(temporary, path)


def write_tree(directory: Path, files: dict[str, bytes]) -> None:
    temporary = directory.with_name("." + directory.name + ".tmp")
    if temporary.exists():
        shutil.rmtree(temporary)
    for name, data in files.items():
        target = temporary / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if directory.exists():
        shutil.rmtree(directory)
    os.replace(temporary, directory)
