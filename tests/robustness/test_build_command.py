"""`arshif build`: holds the build lock across mkdocs, builds beside site/ and swaps it in; a failure keeps site/."""
from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from arshif import cli
from robust_corpus import article, write_sources


def _args(root: Path, strict: bool = False):
    return cli.build_parser().parse_args(
        ["build", "--sources", str(root / "source_articles"), "--docs", str(root / "docs"),
         "--config", str(root / "mkdocs.yml"), "--site", str(root / "site")] + (["--strict"] if strict else []))


def _lock_is_held(docs: Path) -> bool:
    with open(docs / ".arshif" / "lock", "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


@pytest.fixture
def project(tmp_path):
    write_sources(tmp_path / "source_articles", {"a.txt": article(1).encode("utf-8")})
    (tmp_path / "docs").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old site")
    return tmp_path


def _fake_mkdocs(result: int, seen: dict):
    def run(*argv):
        site_dir = Path(argv[argv.index("--site-dir") + 1])
        seen["site_dir"] = site_dir
        seen["locked"] = _lock_is_held(Path(seen["docs"]))
        site_dir.mkdir()
        (site_dir / "index.html").write_text("new site")
        return result
    return run


def test_build_holds_the_lock_and_swaps_the_new_site_in(project, monkeypatch):
    seen = {"docs": project / "docs"}
    monkeypatch.setattr(cli, "_mkdocs", _fake_mkdocs(0, seen))
    assert cli.cmd_build(_args(project)) == 0
    assert seen["locked"], "mkdocs ran without the build lock"
    assert seen["site_dir"].parent == project and seen["site_dir"].name.startswith(".site.arshif-tmp-")
    assert (project / "site" / "index.html").read_text() == "new site"
    # No staging folder is left; the one kept is the copy the next incremental build starts from: links to the site.
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == [".site.arshif-base"]
    assert (project / ".site.arshif-base" / "index.html").stat().st_ino == (project / "site" / "index.html").stat().st_ino
    assert not _lock_is_held(project / "docs")


def test_a_failed_mkdocs_build_leaves_the_previous_site(project, monkeypatch):
    seen = {"docs": project / "docs"}
    monkeypatch.setattr(cli, "_mkdocs", _fake_mkdocs(1, seen))
    assert cli.cmd_build(_args(project)) == 1
    assert (project / "site" / "index.html").read_text() == "old site"
    assert not seen["site_dir"].exists()


def test_a_folder_that_is_not_a_site_is_never_replaced(project, monkeypatch, capsys):
    (project / "site" / "index.html").unlink()
    (project / "site" / "thesis.docx").write_text("somebody's work")
    monkeypatch.setattr(cli, "_mkdocs", lambda *a: pytest.fail("mkdocs must not run"))
    assert cli.cmd_build(_args(project)) == 2
    assert (project / "site" / "thesis.docx").read_text() == "somebody's work"
    assert "refusing to replace" in capsys.readouterr().err
