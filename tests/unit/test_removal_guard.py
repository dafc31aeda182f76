"""An emptied or unmounted sources folder deletes nothing silently (issue 18)."""
from __future__ import annotations

import shutil
from pathlib import Path

from sitebuild import REPO, run_arshif


def _preprocessed(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "source_articles", tmp_path / "source_articles")
    proc = run_arshif(["preprocess"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return tmp_path


def _pages(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "docs" / "articles").glob("*.md"))


def test_an_emptied_sources_folder_removes_nothing_without_allow_removal(tmp_path):
    root = _preprocessed(tmp_path)
    before = _pages(root)
    assert len(before) == 5
    for f in (root / "source_articles").iterdir():
        f.unlink()
    proc = run_arshif(["preprocess"], cwd=root)
    assert proc.returncode == 2
    assert "--allow-removal" in proc.stderr and "5 article pages" in proc.stderr, proc.stderr
    assert _pages(root) == before
    proc = run_arshif(["build"], cwd=root)
    assert proc.returncode == 2 and _pages(root) == before


def test_a_missing_sources_folder_is_refused_too(tmp_path):
    root = _preprocessed(tmp_path)
    shutil.rmtree(root / "source_articles")
    proc = run_arshif(["preprocess"], cwd=root)
    assert proc.returncode == 2 and "missing" in proc.stderr, proc.stderr
    assert len(_pages(root)) == 5


def test_allow_removal_removes_them_and_a_small_removal_needs_no_flag(tmp_path):
    root = _preprocessed(tmp_path)
    sources = sorted((root / "source_articles").iterdir())
    sources[0].unlink()  # one of five: an ordinary edit
    assert run_arshif(["preprocess"], cwd=root).returncode == 0
    assert len(_pages(root)) == 4
    for f in sources[1:]:
        f.unlink()
    proc = run_arshif(["preprocess", "--allow-removal"], cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert _pages(root) == []
