"""What `arshif build` does ahead, on the core or in the waits preprocess leaves free: the kept copy of the last
site brought up to date by a child (build/site_relink.py); the last site build's record read while the render runs."""
from __future__ import annotations

import shutil
from pathlib import Path

from arshif.build import incremental
from arshif.build.site_relink import EarlyRelink, drop_removed


def _site(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _listing(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): (p.stat().st_ino if p.is_file() else -1) for p in root.rglob("*")}


def _last_build(tmp_path: Path) -> tuple[Path, Path]:
    """A site and its kept copy, and then the site of the next build: pages rewritten, added and removed."""
    site, base = tmp_path / "site", tmp_path / ".site.arshif-base"
    _site(site, {**{f"articles/{n:03d}.html": f"a{n}" for n in range(30)}, "index.html": "i", "gone.html": "g",
                 "removed.html": "r", "old/x.html": "x", "assets/a.css": "c"})
    incremental.link_copy(site, base)
    for name in ("articles/004.html", "index.html"):
        (site / name).unlink()
        (site / name).write_text("new " + name, encoding="utf-8")
    (site / "articles" / "new.html").write_text("n", encoding="utf-8")
    (site / "gone.html").unlink()
    shutil.rmtree(site / "old")
    return site, base


def test_the_child_s_copy_with_the_removed_outputs_dropped_is_what_the_site_build_s_relink_makes(tmp_path):
    site, base = _last_build(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(base, other, copy_function=lambda src, dst: Path(dst).hardlink_to(src))
    removed = {"removed.html", "articles/001.html", "not-there.html", "assets"}  # a folder is never dropped

    early = EarlyRelink(site, base)
    assert early.done()  # the child ran and brought the copy up to date
    assert _listing(base) != _listing(other)
    drop_removed(base, removed)
    incremental.relink(site, other, skip=removed)  # what the site build does without the child
    assert _listing(base) == _listing(other)
    assert not (base / "removed.html").exists() and (base / "assets" / "a.css").is_file()
    assert (base / "articles" / "new.html").stat().st_ino == (site / "articles" / "new.html").stat().st_ino


def test_no_child_without_a_kept_copy_and_a_failed_one_leaves_the_relink_to_the_site_build(tmp_path):
    site, base = _last_build(tmp_path)
    assert not EarlyRelink(site, None).done()  # the site keeps no copy (in place, or outside the project)
    assert not EarlyRelink(site, tmp_path / "none").done()
    assert not EarlyRelink(tmp_path / "no-site", base).done()  # a site gone: relink would fail, it is not tried
    listed = _listing(base)
    early = EarlyRelink(site, base)
    early.close()  # a build that stops early ends the child; the copy is as far as it got, never more than the site
    assert set(_listing(base)) <= set(listed) | set(_listing(site))
    assert not early.done()  # closed: the site build relinks


def _stamped(tmp_path: Path, text: str) -> tuple[Path, Path]:
    docs, site = tmp_path / "docs", tmp_path / "site"
    _site(site, {"index.html": "i"})
    docs.mkdir(exist_ok=True)
    (tmp_path / ".arshif-cache").mkdir(exist_ok=True)
    stamp = tmp_path / ".arshif-cache" / incremental.STAMP
    tmp = stamp.with_suffix(".new")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(stamp)  # as record_build writes it: a new file renamed over the old
    return docs, site


def test_the_site_record_read_ahead_is_taken_while_it_is_the_file_read_and_read_again_once_replaced(tmp_path,
                                                                                                    monkeypatch):
    docs, site = _stamped(tmp_path, '{"site": "%s", "files": {"a.md": 1}}' % site_path(tmp_path))
    incremental.read_stamp_ahead(docs)
    incremental._ahead[str(incremental._stamp_path(docs))].result()  # the thread has read it
    with monkeypatch.context() as patched:
        patched.setattr(incremental.json, "loads", lambda *a, **k: {"read": "again"})
        assert incremental._stamp(docs, site)["files"] == {"a.md": 1}  # the read-ahead copy, not a second read
    assert not incremental._ahead  # taken once

    incremental.read_stamp_ahead(docs)
    incremental._ahead[str(incremental._stamp_path(docs))].result()
    _stamped(tmp_path, '{"site": "%s", "files": {"b.md": 2}}' % site_path(tmp_path))  # a build recorded since
    assert incremental._stamp(docs, site)["files"] == {"b.md": 2}


def site_path(tmp_path: Path) -> str:
    return str(tmp_path / "site")
