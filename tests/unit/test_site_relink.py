"""The last site's kept copy brought up to date (incremental.relink), by a child while preprocess runs
(build/site_relink.py); and the last site build's record, read while the render runs."""
from __future__ import annotations

import shutil
from pathlib import Path

from arshif.build import incremental
from arshif.build.site_relink import EarlyRelink, drop_removed
from arshif.build.site_swap import staging_dir


def _site(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _listing(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): (p.stat().st_ino if p.is_file() else -1) for p in root.rglob("*")}


def _last_build(tmp_path: Path) -> tuple[Path, Path]:
    """A site and its kept copy, and then the site of the next build: two pages written anew (MkDocs replaces a
    file), one added, files and a folder removed, a file turned into a folder and a folder into a file; a staging
    folder of arshif's own inside the site, and a stray file in the copy."""
    site, base = tmp_path / "site", tmp_path / ".site.arshif-base"
    files = {f"articles/{n:03d}.html": f"a{n}" for n in range(50)}
    files.update({"index.html": "i", "gone.html": "g", "became-folder": "f", "old-folder/x.html": "x",
                  "assets/a.css": "c", "skipped.html": "s", "removed.html": "r"})
    _site(site, files)
    incremental.link_copy(site, base)
    for name in ("articles/007.html", "index.html"):
        (site / name).unlink()
        (site / name).write_text("new " + name, encoding="utf-8")
    (site / "articles" / "new.html").write_text("n", encoding="utf-8")
    (site / "gone.html").unlink()
    (site / "became-folder").unlink()
    _site(site, {"became-folder/y.html": "y"})
    shutil.rmtree(site / "old-folder")
    (site / "old-folder").write_text("now a file", encoding="utf-8")
    _site(site, {f"{staging_dir(site).name}/z.html": "z"})
    (base / "stray.html").write_text("only in the copy", encoding="utf-8")
    return site, base


def test_relink_makes_of_the_kept_copy_what_link_copy_makes_and_links_only_what_changed(tmp_path):
    site, base = _last_build(tmp_path)
    made = incremental.relink(site, base, skip={"skipped.html"})
    fresh = tmp_path / "fresh"
    incremental.link_copy(site, fresh, skip={"skipped.html"})
    assert _listing(base) == _listing(fresh)  # the same names, every file a link to the site's own
    # the two rewritten pages, the added page, the new folder's file and the file that was a folder
    assert made == 5
    assert incremental.relink(site, base, skip={"skipped.html"}) == 0


def test_the_child_s_copy_with_the_removed_outputs_dropped_is_what_the_site_build_s_relink_makes(tmp_path):
    site, base = _last_build(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(base, other, copy_function=lambda src, dst: Path(dst).hardlink_to(src))
    removed = {"removed.html", "articles/001.html", "not-there.html", "assets", "became-folder"}  # folders stay

    early = EarlyRelink(site, base)
    assert early.done()  # the child ran and brought the copy up to date
    assert _listing(base) != _listing(other)
    drop_removed(base, removed)
    incremental.relink(site, other, skip=removed)  # what the site build does without the child
    assert _listing(base) == _listing(other)
    assert not (base / "removed.html").exists() and (base / "assets" / "a.css").is_file()
    assert (base / "articles" / "new.html").stat().st_ino == (site / "articles" / "new.html").stat().st_ino
    assert not (base / "stray.html").exists() and not (base / staging_dir(site).name).exists()


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
