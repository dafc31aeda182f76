"""zipsite: site.zip holds the built site in one top folder, byte for byte the same on every run."""
from __future__ import annotations

import zipfile

import pytest

from arshif.site.zipsite import TOP, ZipError, zip_site


def _site(root):
    site = root / "site"
    (site / "search" / "terms").mkdir(parents=True)
    (site / "index.html").write_text("<p>أرشيف</p>", encoding="utf-8")
    (site / "search" / "terms" / "0.js").write_text('__arshifSearch("terms/0",{});', encoding="utf-8")
    (site / "font.woff2").write_bytes(b"\x00wOF2" * 10)
    return site


def test_zip_holds_every_file_under_one_folder(tmp_path):
    site = _site(tmp_path)
    summary = zip_site(site, tmp_path / "site.zip")
    with zipfile.ZipFile(summary.path) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert set(names) == {f"{TOP}/index.html", f"{TOP}/search/terms/0.js", f"{TOP}/font.woff2"}
        assert archive.read(f"{TOP}/index.html").decode("utf-8") == "<p>أرشيف</p>"
        assert archive.getinfo(f"{TOP}/font.woff2").compress_type == zipfile.ZIP_STORED
    assert summary.files == 3


def test_zip_is_reproducible(tmp_path):
    site = _site(tmp_path)
    first = zip_site(site, tmp_path / "a.zip").path.read_bytes()
    (site / "index.html").touch()  # a new mtime changes nothing
    assert zip_site(site, tmp_path / "b.zip").path.read_bytes() == first


def test_no_site_no_zip(tmp_path):
    with pytest.raises(ZipError, match="arshif build"):
        zip_site(tmp_path / "missing", tmp_path / "site.zip")
    assert not (tmp_path / "site.zip").exists()
