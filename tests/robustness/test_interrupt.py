"""kill -9 in the middle of a build: the previous docs/ and site/ stay usable, and the next build recovers.

State A is built; the sources then change (articles edited, removed, added) and `arshif build` of state B is
killed with SIGKILL (the whole process group: arshif and its mkdocs child) at a random moment, once while
preprocess writes docs/ and once while mkdocs builds the site. After the kill:
  - site/ is exactly A's site, or exactly B's (the swap is one rename), never a mix;
  - every file of docs/ is A's or B's version (never half-written), and every link of the index resolves;
  - a new `arshif build` succeeds without mistaking the killed run's files for an editor's, and gives
    exactly the site a clean build of B gives.
The random moments come from a seeded generator and are printed, so a failure can be replayed.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arshif.build.site_swap import TMP_TAG
from robust_corpus import PYTHON, article, arshif, make_project, tree_bytes, write_sources

pytestmark = pytest.mark.slow
SEED = int(os.environ.get("ARSHIF_KILL_SEED", "20240605"))


def sources_a() -> dict[str, bytes]:
    return {f"a{n:03d}.txt": article(1000 + n, paragraphs=4).encode("utf-8") for n in range(60)}


def sources_b() -> dict[str, bytes]:
    files = sources_a()
    for n in range(0, 60, 3):
        files[f"a{n:03d}.txt"] = article(5000 + n, paragraphs=4).encode("utf-8")  # edited
    for n in range(1, 60, 10):
        del files[f"a{n:03d}.txt"]  # removed
    for n in range(8):
        files[f"new {n}.txt"] = article(9000 + n, paragraphs=4).encode("utf-8")  # added
    return files


def _set_sources(root: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(root / "source_articles")
    write_sources(root / "source_articles", files)


def _generated(docs: Path) -> dict[str, bytes]:
    """docs/ as arshif wrote it (without its hidden state folder)."""
    return {k: v for k, v in tree_bytes(docs).items() if not k.startswith(".arshif")}


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    base = tmp_path_factory.mktemp("kill")
    a = make_project(base / "a", sources_a())
    result = arshif(a, "build")
    assert result.returncode == 0, result.stderr[-2000:]
    b = base / "b"  # B built over A, as in the trials (with A's extraction cache): also times preprocess
    shutil.copytree(a, b, symlinks=True)
    _set_sources(b, sources_b())
    proc, log = _start_build(b)
    start = time.monotonic()
    _wait_for(log, b"docs:", proc)
    preprocess_seconds = time.monotonic() - start  # how long a build of B takes to finish preprocess
    assert proc.wait(timeout=300) == 0, log.read_text(encoding="utf-8")[-2000:]
    return {"base": base, "a": a, "b": b, "preprocess_seconds": preprocess_seconds,
            "site_a": tree_bytes(a / "site"), "site_b": tree_bytes(b / "site"),
            "docs_a": _generated(a / "docs"), "docs_b": _generated(b / "docs")}


def _start_build(root: Path) -> tuple[subprocess.Popen, Path]:
    log = root / "build.log"
    env = {**os.environ, "PYTHONHASHSEED": "0", "CI": "1"}
    proc = subprocess.Popen([str(PYTHON), "-m", "arshif.cli", "build"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=open(log, "wb"), start_new_session=True)
    return proc, log


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=60)


def _wait_for(log: Path, needle: bytes, proc: subprocess.Popen, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if needle in log.read_bytes():
            return True
        if proc.poll() is not None:
            return needle in log.read_bytes()
        time.sleep(0.005)
    raise AssertionError(f"no {needle!r} in {log} after {timeout}s")


def _check_usable(root: Path, states: dict) -> None:
    site = tree_bytes(root / "site")
    assert site == states["site_a"] or site == states["site_b"], "site/ is a mix of two builds"
    docs = _generated(root / "docs")
    for path, data in docs.items():
        if TMP_TAG in path.rsplit("/", 1)[-1]:
            # A write killed between its temporary file and the rename leaves the temporary: hidden (a dot name,
            # which MkDocs does not publish) and swept by the next build (_rebuild_and_compare checks it).
            assert path.rsplit("/", 1)[-1].startswith("."), f"docs/{path}: a temporary file that is not hidden"
            continue
        assert data in (states["docs_a"].get(path), states["docs_b"].get(path)), f"docs/{path} is neither old nor new"
    index = (root / "docs" / "index.md").read_text(encoding="utf-8")
    for target in re.findall(r'href="(articles/[^"]+)\.html"', index):
        assert (root / "docs" / f"{target}.md").is_file(), f"the index links to a missing page {target}"
    for page in (root / "docs" / "articles").glob("*.md"):
        assert (root / "docs" / "originals" / f"{page.stem}.txt").is_file(), f"{page.name} links to a missing original"


def _rebuild_and_compare(root: Path, states: dict) -> None:
    result = arshif(root, "build")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "overwrite-refused" not in result.stderr and "stale-kept" not in result.stderr, result.stderr[-2000:]
    assert tree_bytes(root / "site") == states["site_b"]
    assert _generated(root / "docs") == states["docs_b"]
    # no staging or half-swapped copy is left; the copy an incremental build keeps for the next one may be
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site") and p.name != ".site.arshif-base"]
    assert not list((root / "docs").rglob("*.arshif-tmp-*"))


@pytest.mark.parametrize("trial", range(2))
def test_kill_during_preprocess(states, tmp_path, trial):
    rng = random.Random(SEED + trial)
    root = tmp_path / "p"
    shutil.copytree(states["a"], root, symlinks=True)
    _set_sources(root, sources_b())
    proc, log = _start_build(root)
    # preprocess is done when the summary line "docs: ..." is printed; kill somewhere before that
    delay = rng.uniform(0.15, 0.75) * states["preprocess_seconds"]
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and b"docs:" not in log.read_bytes() and proc.poll() is None:
        time.sleep(0.005)
    phase = "mkdocs" if b"docs:" in log.read_bytes() else "preprocess"
    _kill_group(proc)
    print(f"\nkill -9 after {delay:.2f}s (seed {SEED + trial}), in {phase}", file=sys.stderr)
    _check_usable(root, states)
    _rebuild_and_compare(root, states)


@pytest.mark.parametrize("trial", range(1))
def test_kill_during_mkdocs_build(states, tmp_path, trial):
    rng = random.Random(SEED + 100 + trial)
    root = tmp_path / "m"
    shutil.copytree(states["a"], root, symlinks=True)
    _set_sources(root, sources_b())
    proc, log = _start_build(root)
    _wait_for(log, b"docs:", proc)
    delay = rng.uniform(0.05, 1.5)
    time.sleep(delay)
    finished = proc.poll() is not None
    _kill_group(proc)
    print(f"\nkill -9 {delay:.2f}s into mkdocs build (seed {SEED + 100 + trial}), finished before: {finished}", file=sys.stderr)
    assert _generated(root / "docs") == states["docs_b"]  # preprocess had finished
    _check_usable(root, states)
    if not finished:
        assert tree_bytes(root / "site") == states["site_a"] or tree_bytes(root / "site") == states["site_b"]
    _rebuild_and_compare(root, states)
