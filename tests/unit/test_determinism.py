"""Same sources, same bytes: whatever the folder, time zone, locale, hash seed or day of the build.

Compares every file of docs/ and site/ from two builds in different folders and environments, checks that
no output names the folder it was built in or the day it was built, and that a second run rewrites nothing.
"""
from __future__ import annotations

import datetime as dt
import gzip
import struct
from pathlib import Path

import pytest

from sitebuild import BuiltSite, build_project, copy_project, run_arshif

ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
OTHER_ENV = {"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C", "PYTHONHASHSEED": "4242"}


def snapshot(root: Path) -> dict[str, bytes]:
    files = {}
    for part in ("docs", "site"):
        for path in sorted((root / part).rglob("*")):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A second build in another folder (with a space in its name) and another environment."""
    root = copy_project(tmp_path_factory.mktemp("determinism") / "second copy")
    return build_project(root, env=OTHER_ENV)


def test_two_builds_give_the_same_bytes(built_site: BuiltSite, second_build: BuiltSite):
    first, second = snapshot(built_site.root), snapshot(second_build.root)
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"files differ between two builds of the same sources: {differing}"
    assert any(name.startswith("site/articles/") for name in first)


def _today_strings() -> list[str]:
    days = {dt.date.today(), dt.datetime.now(dt.timezone.utc).date()}
    out = []
    for day in sorted(days):
        out += [day.isoformat(), day.strftime("%Y/%m/%d"), f"{day.day} {ARABIC_MONTHS[day.month - 1]} {day.year}"]
    return out


def test_output_names_neither_the_build_folder_nor_the_build_day(built_site: BuiltSite, second_build: BuiltSite):
    today = _today_strings()
    problems = []
    for build in (built_site, second_build):
        root_forms = {str(build.root), str(build.root.resolve()), build.root.as_uri()}
        for name, data in snapshot(build.root).items():
            if name.endswith(".gz"):
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="replace")
            problems += [f"{name}: contains the build folder {form!r}" for form in root_forms if form in text]
            problems += [f"{name}: contains today's date {day!r}" for day in today if day in text]
    assert not problems, "\n".join(problems)


def test_sitemap_gzip_header_has_no_build_time(built_site: BuiltSite):
    data = (built_site.site / "sitemap.xml.gz").read_bytes()
    mtime = struct.unpack("<I", data[4:8])[0]
    assert mtime < (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)).timestamp(), f"gzip mtime {mtime} is the build time"


def test_second_run_rewrites_nothing(second_build: BuiltSite):
    root = second_build.root
    docs = [p for p in sorted((root / "docs").rglob("*")) if p.is_file() and ".arshif" not in p.parts]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in docs}
    proc = run_arshif(["preprocess"], cwd=root, env=OTHER_ENV)
    assert proc.returncode == 0, proc.stderr
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in docs if p.exists()}
    assert before == after, "a second preprocess of the same sources rewrote or removed files"
    assert sorted(p for p in (root / "docs").rglob("*") if p.is_file() and ".arshif" not in p.parts) == docs
