"""`--executor`: the per-article work on a Dask cluster (issue 14, item 4). A LocalCluster of two worker processes
gives the same docs/ as the local pool, with the archive's own rules shipped to the workers; a scheduler that
cannot be reached is a clear error that changes nothing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from arshif import rules
from arshif.build import distributed
from arshif.build.pipeline import preprocess
from arshif.tools.synth import generate

from sitebuild import REPO, run_arshif

pytestmark = pytest.mark.slow

# An archive rule the workers must know: without it the line stays in the body and the pages differ.
LOCAL_RULE = "groups:\n  local:\n    - id: local-promo\n      pattern: '^تابعوا قناتنا على يوتيوب$'\n"
PROMO = "تابعوا قناتنا على يوتيوب"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".arshif" not in p.relative_to(root).parts}


def _archive(base: Path) -> Path:
    src = base / "source_articles"
    generate(src, 40, seed=11, fallback=REPO / "source_articles", corpus=None, bad_files=False)
    for path in sorted(src.glob("*.txt"))[:5]:
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(lines[:-2] + [PROMO] + lines[-2:]), encoding="utf-8")
    (base / "rules").mkdir()
    (base / "rules" / "chrome.yaml").write_text(LOCAL_RULE, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", base / "mkdocs.yml")
    return src


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as found:
        yield found.scheduler_address


def test_a_cluster_gives_the_same_docs_as_the_local_pool(tmp_path, cluster):
    _archive(tmp_path)
    src, docs = tmp_path / "source_articles", tmp_path / "docs"
    try:
        preprocess(src, docs, jobs=2, use_cache=False)
        mine = _tree(docs)
        shutil.rmtree(docs)
        done = preprocess(src, docs, use_cache=False, executor=cluster)
    finally:
        rules.set_extra_dirs([])
    assert done.count == 40
    theirs = _tree(docs)
    assert mine.keys() == theirs.keys() and [k for k in mine if mine[k] != theirs[k]] == []
    bodies = b"".join(v for k, v in theirs.items() if k.startswith("articles/"))
    assert PROMO.encode() not in bodies  # the archive's own rule reached the workers


def test_the_cache_is_kept_here_and_a_second_run_sends_nothing(tmp_path, cluster, monkeypatch):
    _archive(tmp_path)
    try:
        preprocess(tmp_path / "source_articles", tmp_path / "docs", executor=cluster, skip_unchanged=False)
        sent = []
        real = distributed.map_on_cluster
        monkeypatch.setattr("arshif.build.pipeline.map_on_cluster", lambda a, t, *r: sent.append(len(t)) or real(a, t, *r))
        preprocess(tmp_path / "source_articles", tmp_path / "docs", executor=cluster, skip_unchanged=False)
    finally:
        rules.set_extra_dirs([])
    assert sent == [0]
    assert any((tmp_path / ".arshif-cache").rglob("*"))


def test_an_unreachable_scheduler_is_a_clear_error_and_changes_nothing(tmp_path):
    _archive(tmp_path)
    done = run_arshif(["preprocess", "--executor", "tcp://127.0.0.1:9"], tmp_path, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "docs").exists()
