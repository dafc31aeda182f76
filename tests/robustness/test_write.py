"""write: atomic, marked, never clobbers or deletes what arshif did not write; a lock; a site swap that cannot tear."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from arshif.build import site_swap, write as write_mod
from arshif.models import Page
from arshif.build.write import (build_lock, looks_like_site, load_manifest, recover_dir, replace_dir, staging_dir,
                          write_pages)
from robust_corpus import PYTHON, REPO, tree_bytes


def page(path: str, text: str) -> Page:
    return Page(path, f"---\ntitle: {text}\ngenerator: arshif\n---\n\n<p>{text}</p>\n".encode("utf-8"))


def test_first_write_then_idempotent(tmp_path):
    pages = [page("articles/a.md", "أ"), page("articles/b.md", "ب"), page("index.md", "فهرس")]
    first = write_pages(tmp_path, pages)
    assert sorted(first.written) == ["articles/a.md", "articles/b.md", "index.md"] and not first.issues
    before = tree_bytes(tmp_path)
    second = write_pages(tmp_path, pages)
    assert second.written == [] and sorted(second.unchanged) == sorted(first.written)
    assert tree_bytes(tmp_path) == before
    assert set(load_manifest(tmp_path)) == {"articles/a.md", "articles/b.md", "index.md"}
    assert b"generator: arshif" in (tmp_path / "articles/a.md").read_bytes()
    assert not (tmp_path / ".arshif" / "pending.json").exists()


def test_hand_written_and_hand_edited_pages_are_never_overwritten(tmp_path):
    (tmp_path / "about.md").write_text("صفحة كتبها محرر", encoding="utf-8")
    write_pages(tmp_path, [page("articles/a.md", "أ")])
    edited = "---\ntitle: عدله محرر\ngenerator: arshif\n---\nتصحيح يدوي\n"
    (tmp_path / "articles/a.md").write_text(edited, encoding="utf-8")
    result = write_pages(tmp_path, [page("articles/a.md", "أ٢"), page("about.md", "مولد")])
    assert {i.file: i.code for i in result.issues} == {"articles/a.md": "overwrite-refused", "about.md": "overwrite-refused"}
    assert (tmp_path / "articles/a.md").read_text(encoding="utf-8") == edited
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "صفحة كتبها محرر"
    # and it stays refused on the next run (the manifest still holds what arshif wrote, not the edit)
    again = write_pages(tmp_path, [page("articles/a.md", "أ٣")])
    assert [i.code for i in again.issues] == ["overwrite-refused"]


def test_only_arshifs_own_unchanged_stale_pages_are_removed(tmp_path):
    write_pages(tmp_path, [page("articles/a.md", "أ"), page("articles/b.md", "ب"), page("articles/c.md", "ج")])
    (tmp_path / "articles/b.md").write_text("عدله محرر", encoding="utf-8")
    (tmp_path / "articles/editor.md").write_text("صفحة محرر", encoding="utf-8")
    result = write_pages(tmp_path, [page("articles/a.md", "أ")])
    assert result.removed == ["articles/c.md"]
    assert [(i.file, i.code) for i in result.issues] == [("articles/b.md", "stale-kept")]
    # the edited page leaves the site (its links would lead nowhere) but is not lost: it is set aside, and said where
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == ["a.md", "editor.md"]
    kept = tmp_path / ".arshif" / "kept" / "articles" / "b.md"
    assert kept.read_text(encoding="utf-8") == "عدله محرر"
    assert f"{tmp_path.name}/.arshif/kept/articles/b.md" in result.issues[0].message


def test_a_second_set_aside_copy_never_replaces_the_first(tmp_path):
    for edit in ("تعديل أول", "تعديل ثان"):
        write_pages(tmp_path, [page("articles/a.md", "أ"), page("articles/b.md", "ب")])
        (tmp_path / "articles/b.md").write_text(edit, encoding="utf-8")
        write_pages(tmp_path, [page("articles/a.md", "أ")])
    kept = tmp_path / ".arshif" / "kept" / "articles"
    assert sorted(p.read_text(encoding="utf-8") for p in kept.iterdir()) == ["تعديل أول", "تعديل ثان"]
    assert sorted(p.name for p in kept.iterdir()) == ["b.2.md", "b.md"]


def test_empty_folders_of_removed_pages_are_pruned_but_not_docs(tmp_path):
    write_pages(tmp_path, [page("originals/x/a.txt", "أ")])
    write_pages(tmp_path, [])
    assert not (tmp_path / "originals").exists() and tmp_path.is_dir()


def test_unreadable_manifest_means_nothing_is_ours(tmp_path):
    write_pages(tmp_path, [page("articles/a.md", "أ")])
    (tmp_path / ".arshif" / "manifest.json").write_text("{not json", encoding="utf-8")
    result = write_pages(tmp_path, [page("articles/a.md", "أ٢")])
    codes = sorted(i.code for i in result.issues)
    assert codes == ["manifest-unreadable", "overwrite-refused"]
    assert "أ٢" not in (tmp_path / "articles/a.md").read_text(encoding="utf-8")


def test_paths_outside_docs_are_a_bug(tmp_path):
    for bad in ("../x.md", "/etc/x.md", ".arshif/manifest.json", "a\\b.md"):
        with pytest.raises(ValueError):
            write_pages(tmp_path, [Page(bad, b"x")])
    with pytest.raises(ValueError):
        write_pages(tmp_path, [page("a.md", "1"), page("a.md", "2")])


@given(st.lists(st.sampled_from(["a", "b.md", ".", "..", "", ".arshif", "x\\y", "..a", ".arshifx"]), max_size=5),
       st.booleans())
def test_the_path_check_is_pathlibs(parts, absolute):
    from pathlib import PurePosixPath

    path = ("/" if absolute else "") + "/".join(parts)
    p = PurePosixPath(path)
    outside = p.is_absolute() or ".." in p.parts or not p.parts or p.parts[0] == ".arshif" or "\\" in path
    try:
        write_mod._check_path(path)
        refused = False
    except ValueError:
        refused = True
    assert refused == outside, path


def test_a_folder_or_link_in_the_way_is_left_alone(tmp_path):
    (tmp_path / "articles" / "a.md").mkdir(parents=True)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("خارج", encoding="utf-8")
    (tmp_path / "b.md").symlink_to(outside)
    result = write_pages(tmp_path, [page("articles/a.md", "أ"), page("b.md", "ب")])
    assert sorted(i.code for i in result.issues) == ["overwrite-refused", "overwrite-refused"]
    assert outside.read_text(encoding="utf-8") == "خارج"


def test_leftover_temporary_files_are_swept(tmp_path):
    """A killed run leaves temporaries beside the pages its journal lists, and its journal: both are cleared. The
    state folder's own (the journal's, the manifest's) are swept whatever is left."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / ".a.md.arshif-tmp-99999").write_bytes(b"half")
    (tmp_path / "articles" / ".editor-notes").write_bytes(b"keep")
    (tmp_path / ".arshif").mkdir()
    (tmp_path / ".arshif" / "pending.json").write_text('{"files": {"articles/a.md": ["0"]}}', encoding="utf-8")
    (tmp_path / ".arshif" / ".manifest.json.arshif-tmp-99999").write_bytes(b"half")
    write_pages(tmp_path, [page("articles/a.md", "أ")])
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == [".editor-notes", "a.md"]
    assert not list((tmp_path / ".arshif").glob("*arshif-tmp*")) and not (tmp_path / ".arshif" / "pending.json").exists()
    (tmp_path / ".arshif" / ".manifest.json.arshif-tmp-99999").write_bytes(b"half")
    write_pages(tmp_path, [page("articles/a.md", "أ")])  # no journal left: the state folder alone is looked at
    assert not list((tmp_path / ".arshif").glob("*arshif-tmp*"))


def test_a_run_killed_after_the_journal_is_recognised_as_ours(tmp_path, monkeypatch):
    """Simulate a kill -9 half-way through writing: the next run must not mistake those files for an editor's."""
    write_pages(tmp_path, [page("articles/a.md", "1"), page("articles/b.md", "1")])
    calls = {"n": 0}
    real = write_mod.atomic_write

    def dying_write(path, data):
        if Path(path).name == "b.md":
            raise KeyboardInterrupt  # dies after a.md was replaced, before b.md
        calls["n"] += 1
        real(path, data)

    monkeypatch.setattr(write_mod, "atomic_write", dying_write)
    with pytest.raises(KeyboardInterrupt):
        write_pages(tmp_path, [page("articles/a.md", "2"), page("articles/b.md", "2"), page("articles/new.md", "2")])
    monkeypatch.setattr(write_mod, "atomic_write", real)
    # a.md holds run 2's text, which the manifest does not know: the journal does
    result = write_pages(tmp_path, [page("articles/a.md", "3"), page("articles/b.md", "3")])
    assert not result.issues
    assert "3" in (tmp_path / "articles/a.md").read_text() and "3" in (tmp_path / "articles/b.md").read_text()
    assert not (tmp_path / ".arshif" / "pending.json").exists()


def test_atomic_write_replaces_in_one_step(tmp_path):
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    inode_dir = sorted(p.name for p in tmp_path.iterdir())
    write_mod.atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == inode_dir


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    written = []

    def short_then_full(fd, data):  # the first write takes 3 bytes (as a write may), the second fails
        if written:
            raise OSError(28, "No space left on device")
        written.append(bytes(data[:3]))
        return real(fd, data[:3])

    real = write_mod.os.write
    monkeypatch.setattr(write_mod.os, "write", short_then_full)
    try:
        write_mod.atomic_write(target, b"new content")
    except OSError as exc:
        assert exc.errno == 28
    else:
        raise AssertionError("the failed write was not reported")
    monkeypatch.setattr(write_mod.os, "write", real)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.md"]
    write_mod.atomic_write(tmp_path / "new" / "b.md", b"x" * 100_000)  # a folder made, a long write whole
    assert (tmp_path / "new" / "b.md").read_bytes() == b"x" * 100_000
    monkeypatch.setattr(write_mod.os, "write", lambda fd, data: real(fd, data[:4]))  # every write short
    write_mod.atomic_write(target, "جديد كله".encode("utf-8"))
    assert target.read_text(encoding="utf-8") == "جديد كله"


_HOLD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from arshif.build.write import build_lock
    with build_lock(Path(sys.argv[1])):
        Path(sys.argv[2]).write_text("held")
        time.sleep(float(sys.argv[3]))
        Path(sys.argv[2] + ".done").write_text("done")  # still inside the lock
""")


def test_the_lock_makes_a_second_build_wait(tmp_path):
    flag = tmp_path / "held"
    holder = subprocess.Popen([str(PYTHON), "-c", _HOLD, str(tmp_path / "docs"), str(flag), "1.5"], cwd=REPO)
    try:
        deadline = time.monotonic() + 30
        while not flag.exists():
            assert time.monotonic() < deadline and holder.poll() is None
            time.sleep(0.02)
        start = time.monotonic()
        with build_lock(tmp_path / "docs", wait_message="waiting"):
            waited = time.monotonic() - start
            assert (tmp_path / "held.done").exists()  # the first build had finished its work
        assert waited > 0.5
    finally:
        holder.wait(timeout=30)


def test_the_lock_is_reentrant_and_released_by_a_killed_holder(tmp_path):
    with build_lock(tmp_path):
        with build_lock(tmp_path):  # arshif build holds it across preprocess, which takes it again
            pass
    flag = tmp_path / "held"
    holder = subprocess.Popen([str(PYTHON), "-c", _HOLD, str(tmp_path), str(flag), "60"], cwd=REPO)
    deadline = time.monotonic() + 30
    while not flag.exists():
        assert time.monotonic() < deadline
        time.sleep(0.02)
    holder.kill()  # SIGKILL: the kernel drops the flock
    holder.wait(timeout=30)
    start = time.monotonic()
    with build_lock(tmp_path):
        assert time.monotonic() - start < 5


def test_replace_dir_swaps_and_recover_dir_repairs_a_torn_swap(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    new = staging_dir(site)
    new.mkdir()
    (new / "index.html").write_text("new")
    replace_dir(new, site)
    assert (site / "index.html").read_text() == "new" and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    # a swap killed between its two renames (where renameat2 is missing): site/ is gone, .site.arshif-old holds it
    os.rename(site, tmp_path / ".site.arshif-old")
    dead = tmp_path / ".site.arshif-tmp-999999"
    dead.mkdir()
    recover_dir(site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_replace_dir_without_exchange(tmp_path, monkeypatch):
    monkeypatch.setattr(site_swap, "_exchange", lambda a, b: False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    new = staging_dir(site)
    new.mkdir()
    (new / "index.html").write_text("new")
    replace_dir(new, site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_only_a_built_site_is_replaced(tmp_path):
    assert looks_like_site(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    assert looks_like_site(tmp_path / "empty")
    (tmp_path / "built").mkdir()
    (tmp_path / "built" / "index.html").write_text("x")
    assert looks_like_site(tmp_path / "built")
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "thesis.docx").write_text("x")
    assert not looks_like_site(tmp_path / "papers")
    (tmp_path / "file").write_text("x")
    assert not looks_like_site(tmp_path / "file")


def test_manifest_format(tmp_path):
    write_pages(tmp_path, [page("b.md", "ب"), page("a.md", "أ")])
    data = json.loads((tmp_path / ".arshif" / "manifest.json").read_text(encoding="utf-8"))
    assert data["generator"] == "arshif" and list(data["files"]) == ["a.md", "b.md"]
    assert all(len(v) == 64 for v in data["files"].values())


def test_pages_are_written_in_link_order(tmp_path, monkeypatch):
    """Originals, then article pages, then the index: a kill between two writes leaves no dangling link."""
    order = []
    real = write_mod.atomic_write
    monkeypatch.setattr(write_mod, "atomic_write", lambda p, d: (order.append(Path(p).relative_to(tmp_path).as_posix()), real(p, d)))
    write_pages(tmp_path, [page("index.md", "1"), page("articles/z.md", "1"), Page("originals/z.txt", b"z"),
                           page("articles/a.md", "1"), Page("originals/a.txt", b"a"), page("report.md", "1")])
    assert [n for n in order if not n.startswith(".arshif")] == [
        "originals/z.txt", "originals/a.txt", "articles/z.md", "articles/a.md", "index.md", "report.md"]


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))


# ---------------------------------------------------------------- site/ behind a link or a mount point (issue 19)


def _built(folder: Path, text: str, extra: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text)
    (folder / "articles").mkdir(exist_ok=True)
    (folder / "articles" / "a.html").write_text(text)
    if extra:
        (folder / extra).write_text(text)


@pytest.mark.parametrize("exchange", [True, False])
def test_a_site_that_is_a_link_keeps_the_link_and_the_web_root_gets_the_new_site(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(site_swap, "_exchange", lambda a, b: False)
    webroot = tmp_path / "www" / "archive"
    _built(webroot, "old", extra="gone.html")
    site = tmp_path / "project" / "site"
    site.parent.mkdir()
    site.symlink_to(webroot)
    recover_dir(site)
    assert looks_like_site(site)
    new = staging_dir(site)
    assert new.parent == site.resolve() or new.parent == site  # built inside the web root: same file system
    _built(new, "new")
    replace_dir(new, site)
    assert site.is_symlink() and os.readlink(site) == str(webroot)
    assert (webroot / "index.html").read_text() == "new" and (webroot / "articles" / "a.html").read_text() == "new"
    assert sorted(p.name for p in webroot.iterdir()) == ["articles", "index.html"]  # gone.html went with the old site
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_a_torn_in_place_swap_is_cleared_by_recover_dir(tmp_path):
    webroot = tmp_path / "www"
    _built(webroot, "new")
    (webroot / ".site.arshif-old").mkdir()
    (webroot / ".site.arshif-old" / "stale.html").write_text("old")
    (webroot / ".site.arshif-tmp-999999").mkdir()
    site = tmp_path / "site"
    site.symlink_to(webroot)
    recover_dir(site)
    assert sorted(p.name for p in webroot.iterdir()) == ["articles", "index.html"]


def test_a_mount_point_is_swapped_in_place(tmp_path, monkeypatch):
    site = tmp_path / "site"
    _built(site, "old")
    real_ismount = os.path.ismount
    monkeypatch.setattr(site_swap.os.path, "ismount", lambda p: Path(p) == site or real_ismount(p))
    renamed = []
    real_rename = os.rename
    monkeypatch.setattr(site_swap.os, "rename", lambda a, b: (renamed.append(Path(a)), real_rename(a, b)))
    new = staging_dir(site)
    assert new.parent == site
    _built(new, "new")
    replace_dir(new, site)
    assert site not in renamed  # a mount point cannot be renamed (EBUSY)
    assert (site / "index.html").read_text() == "new" and sorted(p.name for p in site.iterdir()) == ["articles", "index.html"]


@pytest.mark.parametrize("site, why", [(".", "project folder"), ("..", "project folder"), ("docs", "overlaps"),
                                       ("docs/out", "overlaps"), ("dangling", "not an existing folder")])
def test_site_folders_that_would_destroy_the_project_are_refused(tmp_path, monkeypatch, site, why):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    Path("dangling").symlink_to(tmp_path / "nowhere")
    assert why in site_swap.site_refusal(Path(site), tmp_path, tmp_path / "docs")
    assert site_swap.site_refusal(Path("site"), tmp_path, tmp_path / "docs") == ""


def test_a_page_saved_by_an_editor_while_the_run_journals_is_kept(tmp_path, monkeypatch):
    """The files to write are decided first and journalled; each is decided again just before its write."""
    write_pages(tmp_path, [page("articles/a.md", "أ"), page("articles/b.md", "ب")])
    journal = write_mod._save_pending

    def editor_saves_meanwhile(docs_dir, pending, writes):
        assert [path for path, _ in writes] == ["articles/a.md", "articles/b.md"]  # only what will change
        (tmp_path / "articles/a.md").write_text("تعديل المحرر", encoding="utf-8")
        journal(docs_dir, pending, writes)

    monkeypatch.setattr(write_mod, "_save_pending", editor_saves_meanwhile)
    result = write_pages(tmp_path, [page("articles/a.md", "أ2"), page("articles/b.md", "ب2")])
    assert (tmp_path / "articles/a.md").read_text(encoding="utf-8") == "تعديل المحرر"
    assert result.written == ["articles/b.md"] and [i.file for i in result.issues] == ["articles/a.md"]


def test_nothing_to_write_journals_nothing(tmp_path, monkeypatch):
    pages = [page("articles/a.md", "أ"), page("index.md", "فهرس")]
    write_pages(tmp_path, pages)
    calls = []
    monkeypatch.setattr(write_mod, "_save_pending", lambda *a: calls.append(a))
    assert write_pages(tmp_path, pages).written == [] and calls == []
