"""hooks/incremental.py's background copies of static files: every copy done when the build ends, a failed copy
failing the build, and a later write to the same path winning as in MkDocs' order."""
import importlib.util
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parents[2] / "hooks" / "incremental.py"


@pytest.fixture()
def hook():
    from mkdocs import utils
    from mkdocs.structure.files import File

    saved = utils.write_file, utils.copy_file
    saved_copy = File.copy_file
    spec = importlib.util.spec_from_file_location("arshif_incremental_hook_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    module._copies.finish()
    utils.write_file, utils.copy_file = saved
    File.copy_file = saved_copy


def test_every_copy_is_done_when_the_build_ends(hook, tmp_path):
    sources = []
    for n in range(200):
        src = tmp_path / "docs" / f"d{n % 7}" / f"f{n}.txt"
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_bytes(f"file {n}\n".encode() * (n + 1))
        sources.append(src)
    site = tmp_path / "site"
    for src in sources:
        hook.copy_file(str(src), str(site / src.relative_to(tmp_path / "docs")))
    hook.on_post_build({})
    for src in sources:
        assert (site / src.relative_to(tmp_path / "docs")).read_bytes() == src.read_bytes()


def test_mkdocs_static_files_go_to_the_background_copies_and_make_their_folders(hook, tmp_path, monkeypatch):
    import os
    import threading

    from mkdocs.structure.files import File

    made_here, makedirs = [], os.makedirs
    monkeypatch.setattr(os, "makedirs", lambda *a, **k: (made_here.append(a[0]) if threading.current_thread()
                                                         is threading.main_thread() else None) or makedirs(*a, **k))

    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "originals" / "deep").mkdir(parents=True)
    (docs / "originals" / "deep" / "a.txt").write_text("نص", encoding="utf-8")
    (docs / "b.txt").write_text("b", encoding="utf-8")
    copied = File("originals/deep/a.txt", str(docs), str(site), False)
    generated = File("made.txt", None, str(site), False)
    generated.content_string = "مولد"
    untouched = File("b.txt", str(docs), str(site), False)
    untouched.is_modified = lambda: False
    copied.copy_file()
    assert hook._copies._pending and not made_here  # handed to the threads: no folder made or checked on this one
    generated.copy_file()  # content set by a plugin: written at once, by MkDocs
    assert (site / "made.txt").read_text(encoding="utf-8") == "مولد"
    untouched.copy_file(dirty=True)
    hook.on_post_build({})
    assert (site / "originals" / "deep" / "a.txt").read_text(encoding="utf-8") == "نص"
    assert not (site / "b.txt").exists()  # a dirty build leaves an unmodified file alone


def test_a_failed_copy_fails_the_build(hook, tmp_path):
    hook.copy_file(str(tmp_path / "missing.txt"), str(tmp_path / "site" / "missing.txt"))
    with pytest.raises(FileNotFoundError):
        hook.on_post_build({})
    hook.on_post_build({})  # reported once: the next build starts clean


def test_a_page_written_to_a_copied_path_wins(hook, tmp_path):
    src = tmp_path / "big.bin"
    src.write_bytes(b"x" * 5_000_000)  # long enough to be still copying when the page is written
    out = tmp_path / "site" / "page.html"
    for _ in range(3):
        hook.copy_file(str(src), str(out))
        hook.write_file(b"<p>page</p>", str(out))
    hook.on_post_build({})
    assert out.read_bytes() == b"<p>page</p>"


def test_two_copies_to_one_path_land_in_order(hook, tmp_path):
    first, second = tmp_path / "a.bin", tmp_path / "b.bin"
    first.write_bytes(b"a" * 5_000_000)
    second.write_bytes(b"b")
    out = tmp_path / "site" / "x.bin"
    hook.copy_file(str(first), str(out))
    hook.copy_file(str(second), str(out))
    hook.on_post_build({})
    assert out.read_bytes() == b"b"


def test_a_dirty_build_renders_what_changed_and_what_the_site_lacks(hook, tmp_path):
    """on_files: a page in arshif's list of changed files, or whose output is missing from the staging site, is
    rendered; the others are not, whatever their times; the site is walked once, not stat'ed file by file."""
    import json

    from mkdocs.structure.files import File, Files

    docs, site = tmp_path / "docs", tmp_path / "site"
    for name in ("a.md", "b.md", "c.md", "sub/d.md", "sub/e.txt", "sub/f.txt"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    for name in ("a.html", "b.html", "sub/d.html", "sub/e.txt"):  # c.html and sub/f.txt are missing
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("old", encoding="utf-8")
    (tmp_path / ".arshif-cache").mkdir()
    (tmp_path / ".arshif-cache" / "dirty-build.json").write_text(
        json.dumps({"site_dir": str(site), "modified": ["b.md"]}), encoding="utf-8")
    files = Files([File(n, str(docs), str(site), False) for n in ("a.md", "b.md", "c.md", "sub/d.md", "sub/e.txt", "sub/f.txt")])
    hook.on_startup("build", True)
    hook.on_files(files, {"docs_dir": str(docs), "site_dir": str(site)})
    assert {f.src_uri: f.is_modified() for f in files} == {
        "a.md": False, "b.md": True, "c.md": True, "sub/d.md": False, "sub/e.txt": False, "sub/f.txt": True}


def test_docs_files_are_published_as_links_and_others_copied(hook, tmp_path, monkeypatch):
    import os

    docs, theme, site = tmp_path / "docs", tmp_path / "theme", tmp_path / "site"
    for folder in (docs / "originals", theme):
        folder.mkdir(parents=True)
    (docs / "originals" / "a.txt").write_text("نص", encoding="utf-8")
    (theme / "main.css").write_text("css", encoding="utf-8")
    hook.on_pre_build({"docs_dir": str(docs), "site_dir": str(site)})
    hook.copy_file(str(docs / "originals" / "a.txt"), str(site / "originals" / "a.txt"))
    hook.copy_file(str(theme / "main.css"), str(site / "main.css"))
    hook.on_post_build({})
    assert (site / "originals" / "a.txt").stat().st_ino == (docs / "originals" / "a.txt").stat().st_ino
    assert (site / "main.css").stat().st_ino != (theme / "main.css").stat().st_ino
    assert (site / "main.css").read_text(encoding="utf-8") == "css"
    # preprocess replaces a docs file (rename): the published link keeps what was published
    (docs / "originals" / "new.txt").write_text("جديد", encoding="utf-8")
    os.replace(docs / "originals" / "new.txt", docs / "originals" / "a.txt")
    assert (site / "originals" / "a.txt").read_text(encoding="utf-8") == "نص"

    def no_links(*args, **kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)  # another file system: copied
    hook.on_pre_build({"docs_dir": str(docs), "site_dir": str(site)})
    hook.copy_file(str(docs / "originals" / "a.txt"), str(site / "originals" / "b.txt"))
    hook.on_post_build({})
    assert (site / "originals" / "b.txt").read_text(encoding="utf-8") == "جديد"
