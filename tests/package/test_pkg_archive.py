"""The zip: byte-identical builds, fixed metadata, same content as the tree."""

from __future__ import annotations

import hashlib
import json
import zipfile

from maxkit.package import build_package

from pkg_helpers import ROOT


def test_two_builds_are_byte_identical(tmp_path):
    first = build_package(ROOT, dist=tmp_path / "a")
    second = build_package(ROOT, dist=tmp_path / "b")
    assert first.zip_path.name == second.zip_path.name
    assert first.zip_path.read_bytes() == second.zip_path.read_bytes()


def test_zip_name_and_version_come_from_pyproject(bundle_copy, tmp_path):
    pyproject = bundle_copy / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace('version = "', 'version = "9.9.9" #', 1)
    )
    result = build_package(bundle_copy, dist=tmp_path)
    assert result.zip_path.name == "mas-user-bundle-9.9.9.zip"
    assert "dbc/tools/maximo/en/masuser/V9990_01.dbc" in result.files


def test_entries_are_sorted_with_fixed_time_and_mode(tmp_path, settings):
    result = build_package(ROOT, dist=tmp_path)
    with zipfile.ZipFile(result.zip_path) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert all(n.startswith(settings.dist_name + "/") for n in names)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        for info in infos:
            relative = info.filename[len(settings.dist_name) + 1 :]
            assert archive.read(info) == (result.tree / relative).read_bytes()
    on_disk = {
        p.relative_to(result.tree).as_posix()
        for p in result.tree.rglob("*")
        if p.is_file()
    }
    assert on_disk == set(result.files)


def test_manifest_lists_every_file_and_source_with_sha256(files, bundle):
    manifest = json.loads(files["manifest.json"])
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert set(listed) == set(files) - {"manifest.json"}
    for path, digest in listed.items():
        assert hashlib.sha256(files[path]).hexdigest() == digest
    sources = {s["path"] for s in manifest["sources"]}
    assert {f"scripts/{s.path.name}" for s in bundle.scripts.values()} <= sources


def test_a_rebuild_replaces_stale_files(tmp_path):
    result = build_package(ROOT, dist=tmp_path)
    (result.tree / "stale.txt").write_text("old")
    build_package(ROOT, dist=tmp_path)
    assert not (result.tree / "stale.txt").exists()
