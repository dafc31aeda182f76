"""write_split: two processes write one link class at once, and the writer's result is a serial run's."""
from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from arshif.build import parallel, write_split
from arshif.build.file_digests import FileDigests
from arshif.build.write import load_manifest, write_pages
from arshif.models import Page
from robust_corpus import tree_bytes


def page(path: str, text: str) -> Page:
    return Page(path, f"---\ntitle: {text}\ngenerator: arshif\n---\n\n<p>{text}</p>\n".encode("utf-8"))


def archive(run: int) -> list[Page]:
    """Originals, article pages and top pages, each class long enough to be split (MIN_SPLIT is made 4)."""
    return ([Page(f"originals/{n:02d}.txt", f"نص {n} {run}".encode()) for n in range(12)]
            + [page(f"articles/{n:02d}.md", f"مقال {n} {run}") for n in range(12)]
            + [page(f"top{n}.md", f"صفحة {n} {run}") for n in range(6)])


@pytest.fixture
def small_split(monkeypatch):
    forks = []
    monkeypatch.setattr(write_split, "MIN_SPLIT", 4)
    monkeypatch.setattr(parallel, "_PARALLEL_MIN", 4)  # Beside's own threshold, below which it does not fork

    class Counted(parallel.Beside):  # the size of each forked half: the hashes it sends back, one a file
        def result(self):
            theirs = super().result()
            if self.forked:
                forks.append(len(theirs[2]))
            return theirs

    monkeypatch.setattr(write_split, "Beside", Counted)
    return forks


def _run(folder: Path, pages: list[Page], jobs: int):
    digests = FileDigests(folder, folder.parent / f"{folder.name}-digests.json")
    result = write_pages(folder, pages, digests, jobs)
    seen = {rel: entry[0] for rel, entry in digests.looked().items()}
    return result, seen


def test_two_writing_processes_give_what_one_gives(tmp_path, small_split):
    """Written, unchanged and refused come back in a serial run's order; the files, the manifest and the hashes the
    run took (those of the forked half too) are the same."""
    runs = {}
    for jobs in (1, 2):
        folder = tmp_path / f"docs{jobs}"
        first = _run(folder, archive(1), jobs)
        (folder / "originals/01.txt").write_bytes(b"edited by hand")  # in the forked half: refused there
        (folder / "articles/10.md").write_bytes(b"edited by hand")  # in this process's half
        second = _run(folder, archive(2)[:-1], jobs)  # one top page fewer: removed as stale
        runs[jobs] = (first, second, tree_bytes(folder), load_manifest(folder))
    # Every class split, in both runs; the second plans neither hand-edited page (refused before the journal).
    assert small_split == [6, 6, 3, 5, 5, 2]
    assert runs[1] == runs[2]
    (_, first_seen), (second, _), _, manifest = runs[2]
    assert len(first_seen) == 30 and second.removed == ["top5.md"]
    assert [i.file for i in second.issues] == ["originals/01.txt", "articles/10.md"]


def test_a_link_class_is_whole_before_the_next_is_written(tmp_path, small_split):
    write_pages(tmp_path, archive(1), None, 2)
    times = {p.relative_to(tmp_path).as_posix(): p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    originals = [t for rel, t in times.items() if rel.startswith("originals/")]
    articles = [t for rel, t in times.items() if rel.startswith("articles/")]
    tops = [t for rel, t in times.items() if rel.startswith("top")]
    assert len(originals) == len(articles) == 12 and len(tops) == 6
    assert max(originals) <= min(articles) and max(articles) <= min(tops)


def test_a_failure_in_the_forked_half_is_raised_here_and_leaves_no_temporary_file(tmp_path, small_split):
    (tmp_path / "blocked").write_text("a file where a folder is wanted")
    pages = [Page("blocked/x.txt", b"x")] + archive(1)  # first of its class: in the forked half
    with pytest.raises(NotADirectoryError):
        write_pages(tmp_path, pages, None, 2)
    assert (tmp_path / "originals/11.txt").is_file()  # the other half was written meanwhile
    assert not [p for p in tmp_path.rglob(".*") if p.is_file() and p.parent.name != ".arshif"]


def test_a_second_process_that_dies_is_an_error_not_a_hang(tmp_path):
    done = []
    with pytest.raises(BrokenProcessPool):
        write_split.in_two(list(range(write_split.MIN_SPLIT)), lambda item: 0, lambda group: done.append(group),
                           lambda group: os._exit(3), 2)
    assert done == [list(range(write_split.MIN_SPLIT // 2, write_split.MIN_SPLIT))]


def test_one_job_or_a_short_class_is_written_here(tmp_path, small_split):
    write_pages(tmp_path / "one", archive(1), None, 1)
    write_pages(tmp_path / "short", archive(1)[:3] + archive(1)[12:15], None, 2)
    assert small_split == []
    assert len(list((tmp_path / "one").rglob("*.txt"))) == 12


def test_when_no_process_can_be_forked_both_halves_are_written_here(tmp_path, small_split, monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    serial = write_pages(tmp_path / "one", archive(1), None, 1)
    tried = write_pages(tmp_path / "two", archive(1), None, 2)
    assert small_split == [] and tried == serial
    assert tree_bytes(tmp_path / "two") == tree_bytes(tmp_path / "one")
