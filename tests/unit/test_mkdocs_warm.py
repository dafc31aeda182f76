"""build/mkdocs_warm.py: MkDocs' child made ready while preprocess runs builds what a child started later builds."""
from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs import config as mkdocs_config
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure import files as mkdocs_files

from arshif.build import mkdocs_warm
from arshif.build.mkdocs_warm import EarlyMkDocs, options_of, prepared_build

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def _project(root: Path, hook: str = "") -> Path:
    docs = root / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "index.md").write_text("# الأرشيف\n\n[مقال](articles/a.md)\n", encoding="utf-8")
    (docs / "articles" / "a.md").write_text("---\ntitle: أ\n---\n\nنص المقال.\n", encoding="utf-8")
    (docs / "articles" / "b.md").write_text("# ب\n", encoding="utf-8")
    (docs / "data.json").write_text("{}", encoding="utf-8")
    lines = ["site_name: test", "site_url: https://example.com/archive/", "theme: mkdocs", "nav:", "  - index.md",
             "exclude_docs: |", "  *.json"]
    if hook:
        (root / "hook.py").write_text(textwrap.dedent(hook), encoding="utf-8")
        lines += ["hooks:", "  - hook.py"]
    (root / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root / "mkdocs.yml"


def _listed(files) -> list[tuple]:
    return [(f.src_uri, f.dest_uri, f.url, f.inclusion, f.abs_src_path) for f in files]


@pytest.fixture
def restored(monkeypatch):
    """_take_prepared replaces three functions of MkDocs in this process: they are put back after the test."""
    monkeypatch.setattr(mkdocs_config, "load_config", mkdocs_config.load_config)
    monkeypatch.setattr(mkdocs_build, "get_files", mkdocs_build.get_files)
    monkeypatch.setattr(mkdocs_build, "get_navigation", mkdocs_build.get_navigation)


def test_the_files_made_early_are_those_get_files_makes_at_build_time(tmp_path, restored):
    config = _project(tmp_path)
    options = options_of(prepared_build(config, tmp_path / "site"))
    loaded, early = mkdocs_warm._prepare(options)
    assert loaded is not None and early.tree is not None
    made = {f.src_uri: f for f in early.files}
    mkdocs_warm._take_prepared(loaded, early, options)
    # The command's own load is given the early config (its file opened by click, its unset options None).
    with open(config, "rb") as fh:
        assert mkdocs_config.load_config(config_file=fh, strict=True, theme=None, site_dir=str(tmp_path / "site")) is loaded
    files = mkdocs_build.get_files(loaded)  # the same names in the same folders: the early list itself
    assert _listed(files) == _listed(mkdocs_files.get_files(loaded))
    assert files.get_file_from_path("data.json").inclusion.is_excluded()  # the exclusions made early
    assert all(f is made[f.src_uri] for f in files)


def _pages(files) -> list[tuple]:
    return [(f.src_uri, f.page.title, f.page.url, f.page.canonical_url, f.page.abs_url, f.page.edit_url,
             f.page.update_date) for f in files.documentation_pages()]


def test_the_pages_made_early_are_those_get_navigation_makes_at_build_time(tmp_path, restored):
    """Pages outside the nav config are made early and tied to their files only at get_navigation: the same pages
    as MkDocs makes, and the nav's own pages (their titles come from the nav) are left to it."""
    options = options_of(prepared_build(_project(tmp_path), tmp_path / "site"))
    plain_config = mkdocs_config.load_config(**options)
    plain_files = mkdocs_files.get_files(plain_config)
    mkdocs_build.get_navigation(plain_files, plain_config)
    loaded, early = mkdocs_warm._prepare(options)
    assert sorted(early.pages) == ["articles/a.md", "articles/b.md"]
    assert all(f.page is None for f in early.files)  # no plugin sees a page before get_navigation
    made = {uri: page for uri, (page, _) in early.pages.items()}
    mkdocs_warm._take_prepared(loaded, early, options)
    config = mkdocs_config.load_config(**options)
    files = mkdocs_build.get_files(config)
    nav = mkdocs_build.get_navigation(files, config)
    assert files.get_file_from_path("articles/a.md").page is made["articles/a.md"]
    assert files.get_file_from_path("index.md").page is nav.pages[0]
    assert _pages(files) == _pages(plain_files)


def test_pages_made_early_are_not_taken_when_a_setting_they_hold_has_changed(tmp_path, restored):
    options = options_of(prepared_build(_project(tmp_path), tmp_path / "site"))
    loaded, early = mkdocs_warm._prepare(options)
    made = early.pages["articles/a.md"][0]
    mkdocs_warm._take_prepared(loaded, early, options)
    config = mkdocs_config.load_config(**options)
    config["site_url"] = "https://example.org/elsewhere/"  # as a plugin's on_config might
    files = mkdocs_build.get_files(config)
    mkdocs_build.get_navigation(files, config)
    page = files.get_file_from_path("articles/a.md").page
    assert page is not made and page.canonical_url == "https://example.org/elsewhere/articles/a/"


def test_a_file_added_or_removed_since_is_listed_as_get_files_lists_it(tmp_path, restored):
    config = _project(tmp_path)
    options = options_of(prepared_build(config, tmp_path / "site"))
    loaded, early = mkdocs_warm._prepare(options)
    made = {f.src_uri: f for f in early.files}
    mkdocs_warm._take_prepared(loaded, early, options)
    (tmp_path / "docs" / "articles" / "b.md").unlink()
    (tmp_path / "docs" / "articles" / "c.md").write_text("# ج\n", encoding="utf-8")
    files = mkdocs_build.get_files(loaded)
    assert _listed(files) == _listed(mkdocs_files.get_files(loaded))
    assert {f.src_uri for f in files if f is made.get(f.src_uri)} == {"index.md", "data.json", "articles/a.md"}


@pytest.mark.parametrize("change", ["new folder", "readme beside index", "index beside readme"])
def test_the_folders_that_changed_are_listed_as_get_files_lists_them(tmp_path, restored, change):
    """The early list with the folders that changed since listed again: a new folder, and names that would share an
    address (get_files keeps one of them, and warns) go through get_files itself."""
    config = _project(tmp_path)
    docs = tmp_path / "docs"
    if change == "index beside readme":
        (docs / "articles" / "README.md").write_text("# اقرأ\n", encoding="utf-8")
    options = options_of(prepared_build(config, tmp_path / "site"))
    loaded, early = mkdocs_warm._prepare(options)
    made = {f.src_uri: f for f in early.files}
    mkdocs_warm._take_prepared(loaded, early, options)
    (docs / "articles" / "c.md").write_text("# ج\n", encoding="utf-8")
    if change == "new folder":
        (docs / "outlets").mkdir()
        # get_files lists an index first, then by name: names near "index" are not taken for one
        for name in ("x.md", "index.md", "a-index.md", "indexes.md", "index.md.txt", "README.txt", "READMEs.md"):
            (docs / "outlets" / name).write_text("# المصادر\n", encoding="utf-8")
    elif change == "readme beside index":
        (docs / "README.md").write_text("# اقرأ\n", encoding="utf-8")
    else:
        (docs / "articles" / "index.md").write_text("# المقالات\n", encoding="utf-8")
    merged = mkdocs_warm._merged(early, mkdocs_warm._tree(loaded["docs_dir"]), loaded)
    assert (merged is None) == (change != "new folder")  # the early list is merged, or get_files runs
    files = mkdocs_build.get_files(loaded)
    assert _listed(files) == _listed(mkdocs_files.get_files(loaded))
    assert files.get_file_from_path("articles/a.md") is made["articles/a.md"]


def test_a_plugin_that_changes_the_exclusions_has_them_applied_to_the_files_made_early(tmp_path, restored):
    config = _project(tmp_path)
    options = options_of(prepared_build(config, tmp_path / "site"))
    loaded, early = mkdocs_warm._prepare(options)
    mkdocs_warm._take_prepared(loaded, early, options)
    import pathspec

    loaded["exclude_docs"] = pathspec.gitignore.GitIgnoreSpec.from_lines(["articles/b.md"])  # as an on_config may
    files = mkdocs_build.get_files(loaded)
    assert _listed(files) == _listed(mkdocs_files.get_files(loaded))
    assert files.get_file_from_path("articles/b.md").inclusion.is_excluded()
    assert not files.get_file_from_path("data.json").inclusion.is_excluded()


def test_another_command_loads_its_own_config(tmp_path, restored):
    config = _project(tmp_path)
    options = options_of(prepared_build(config, tmp_path / "site"))
    loaded, early = mkdocs_warm._prepare(options)
    mkdocs_warm._take_prepared(loaded, early, options)
    other = mkdocs_config.load_config(config_file=str(config), strict=True, site_dir=str(tmp_path / "elsewhere"))
    assert other is not loaded and other["site_dir"] == str(tmp_path / "elsewhere")
    assert options_of(["build", "--config-file", str(config)]) is None  # not arshif's command: nothing is made early


def test_a_config_that_warns_is_left_for_the_command_to_load_and_report(tmp_path):
    config = _project(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "not_a_setting: 1\n", encoding="utf-8")
    assert mkdocs_warm._prepare(options_of(prepared_build(config, tmp_path / "site"))) == (None, None)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run_child(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", *argv], cwd=cwd, env=ENV, capture_output=True, text=True)


def test_the_early_child_builds_the_site_a_plain_child_builds_and_prints_what_it_would(tmp_path):
    config = _project(tmp_path, hook="""
        print("hook loaded")
        def on_page_markdown(markdown, page, config, files):
            return markdown + "\\n\\nhooked"
    """)
    early_script = textwrap.dedent(f"""
        import sys
        from arshif.build.mkdocs_warm import EarlyMkDocs, prepared_build
        early = EarlyMkDocs(prepared_build({str(config)!r}, {str(tmp_path / 'early')!r}), lambda *a: sys.exit(99))
        early.start()
        sys.exit(early.run(*prepared_build({str(config)!r}, {str(tmp_path / 'early')!r})))
    """)
    early = subprocess.run([sys.executable, "-c", early_script], cwd=tmp_path, env=ENV, capture_output=True, text=True)
    plain = _run_child(prepared_build(config, tmp_path / "plain"), tmp_path)
    assert early.returncode == plain.returncode == 0, early.stderr
    assert early.stdout.count("hook loaded") == plain.stdout.count("hook loaded") == 1
    assert _tree(tmp_path / "early") == _tree(tmp_path / "plain")
    assert b"hooked" in _tree(tmp_path / "early")["articles/a/index.html"]
    assert not filecmp.dircmp(tmp_path / "early", tmp_path / "plain").diff_files


def test_a_child_not_needed_ends_at_once_and_prints_nothing(tmp_path):
    config = _project(tmp_path, hook='print("hook loaded")\n')
    script = textwrap.dedent(f"""
        import sys
        from arshif.build.mkdocs_warm import EarlyMkDocs, prepared_build
        early = EarlyMkDocs(prepared_build({str(config)!r}, {str(tmp_path / 'site')!r}), None)
        early.start()
        early.close()
        print("status", early.child.returncode)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=ENV, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "status 0" and "hook loaded" not in done.stderr
    assert not (tmp_path / "site").exists()


def test_a_command_the_child_cannot_take_runs_the_plain_way(tmp_path):
    ran = []
    early = EarlyMkDocs(["build"], lambda *argv: ran.append(argv) or 7)
    assert early.run("build", "--strict") == 7 and ran == [("build", "--strict")]  # never started
    early.start()
    early.child.kill()
    early.child.wait()
    assert early.run("build", "--dirty") == 7 and ran[-1] == ("build", "--dirty")


def test_the_listing_order_of_sorted_names_is_get_files_order():
    """_listing_order(sorted names) is sorted(names, key=mkdocs' _file_sort_key), names near index and README too."""
    import random

    pool = ["index.md", "index.html", "README.md", "README", "readme.md", "indexes.md", "a.md", "Z.md", "index",
            "index.md.txt", "_index.md", "README.txt", "READMEs.md", "INDEX.md", "b-index.md", "index.tar.gz"]
    rng = random.Random(7)
    for _ in range(500):
        names = sorted(rng.sample(pool, rng.randint(0, len(pool))))
        assert mkdocs_warm._listing_order(names) == sorted(names, key=mkdocs_files._file_sort_key)
