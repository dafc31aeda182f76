"""hooks/incremental.py's background copies of static files: every copy done when the build ends, a failed copy
failing the build, and a later write to the same path winning as in MkDocs' order."""
import importlib.util
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parents[2] / "hooks" / "incremental.py"


@pytest.fixture()
def hook():
    from mkdocs import utils

    saved = utils.write_file, utils.copy_file
    spec = importlib.util.spec_from_file_location("arshif_incremental_hook_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    module._copies.finish()
    utils.write_file, utils.copy_file = saved


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
