"""``invoke package``: the bundle as files Maximo imports, zipped.

The public entry is :func:`build_package`; each route lives in its own
module (mif, restjson, dbc, presentation, importdoc) and all of them are
generated from :mod:`maxkit.bundle.records`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from maxkit.bundle import load_bundle
from maxkit.errors import MaxkitError, UsageError
from maxkit.package.archive import manifest, write_tree, zip_bytes_to
from maxkit.package.columns import dbc_problems, mif_problems, record_problems
from maxkit.package.dbc import dbc_files
from maxkit.package.importdoc import import_md
from maxkit.package.mif import mif_document
from maxkit.bundle.presentation import dialog_xml, merge_dialogs, section_xml
from maxkit.bundle.records import bundle_records
from maxkit.package.restjson import rest_files
from maxkit.bundle.settings import Settings, load_settings
from maxkit.bundle.structures import ORDER, mif_structure

__all__ = ["PackageResult", "build_package", "package_files"]


@dataclass(frozen=True)
class PackageResult:
    zip_path: Path
    tree: Path
    files: dict[str, bytes]


def _sources(bundle) -> list[tuple[str, bytes]]:
    paths = [s.path for s in bundle.scripts.values()]
    paths += sorted({d.path for d in bundle.domains.values()})
    for dialog in bundle.dialogs.values():
        paths += [dialog.path, dialog.support.path]
    return [(p.relative_to(bundle.root).as_posix(), p.read_bytes()) for p in paths]


def package_files(
    root: Path, settings: Settings | None = None, app_xml: Path | None = None
) -> dict[str, bytes]:
    """Every file of the package by its path inside the package."""
    root = Path(root)
    settings = settings or load_settings(root)
    bundle = load_bundle(root)
    records = bundle_records(bundle, settings)
    files: dict[str, bytes] = {}
    problems: list[str] = []
    for number, kind in enumerate(ORDER, 1):
        structure = mif_structure(kind, settings)
        name = f"mif/{number:02d}-{structure}.xml"
        files[name] = mif_document(kind, structure, records[kind])
        problems += mif_problems(kind, files[name], name)
        for record in records[kind]:
            problems += record_problems(kind, record, f"REST {kind} record")
    files.update(rest_files(records, settings))
    files.update(dbc_files(bundle, settings))
    for name in sorted(files):
        if name.endswith(".dbc"):
            problems += [f"{name} {p}" for p in dbc_problems(files[name])]
    if problems:
        raise MaxkitError(
            "the package does not fit Maximo's data dictionary"
            " (tools/maxkit/data/maximo.json):\n  " + "\n  ".join(problems)
        )
    for dialog_id, dialog in sorted(bundle.dialogs.items()):
        files[f"presentation/dialogs/{dialog_id}.xml"] = dialog_xml(dialog)
        for section in dialog.support.sections:
            files[f"presentation/sections/{section.id}.xml"] = section_xml(section)
    if app_xml is not None:
        app_xml = Path(app_xml)
        if not app_xml.is_file():
            raise UsageError(
                f"--app-xml {app_xml}: no such file; give an exported application XML"
            )
        dialogs = [bundle.dialogs[k] for k in sorted(bundle.dialogs)]
        if not dialogs:
            raise MaxkitError("dialogs/: no dialog to merge into the application")
        app = dialogs[0].support.app
        files[f"presentation/{app}.xml"] = merge_dialogs(app_xml, dialogs)
    files["IMPORT.md"] = import_md(bundle, settings, sorted(files))
    files["manifest.json"] = manifest(
        settings.name, settings.version, files, _sources(bundle)
    )
    return files


def build_package(
    root: Path, dist: Path | None = None, app_xml: Path | None = None
) -> PackageResult:
    """Write ``dist/<name>-<version>.zip`` and the same tree unpacked."""
    root = Path(root)
    settings = load_settings(root)
    files = package_files(root, settings, app_xml)
    dist = Path(dist) if dist else root / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    tree = dist / settings.dist_name
    zip_path = dist / f"{settings.dist_name}.zip"
    write_tree(tree, files)
    zip_bytes_to(zip_path, settings.dist_name, files)
    return PackageResult(zip_path=zip_path, tree=tree, files=files)
