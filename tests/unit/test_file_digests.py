"""file_digests: docs/ files whose size, times and inode are as recorded are not read again; any other is, so an
editor's change is never taken for arshif's own file."""
from __future__ import annotations

import builtins
import json
import os

from arshif.build import file_digests
from arshif.build.file_digests import FileDigests
from arshif.build.write import load_manifest, write_pages as write_unrecorded
from arshif.models import Page


def write_pages(docs, pages):
    """write_pages as preprocess calls it: with the hashes recorded beside docs/, in a cache folder."""
    return write_unrecorded(docs, pages, FileDigests(docs, _record(docs)))


def _record(docs):
    return docs.parent / f"{docs.name}-cache" / file_digests.RECORD


def page(path: str, text: str) -> Page:
    return Page(path, f"---\ntitle: {text}\ngenerator: arshif\n---\n\n{text}\n".encode("utf-8"))


def _counting_reads(monkeypatch) -> list[str]:
    read: list[str] = []

    def counting(file, mode="r", *args, **kwargs):
        if "r" in mode and "b" in mode:
            read.append(os.fspath(file))
        return builtins.open(file, mode, *args, **kwargs)

    monkeypatch.setattr(file_digests, "open", counting, raising=False)
    return read


def test_an_unchanged_run_reads_no_page(tmp_path, monkeypatch):
    pages = [page(f"articles/{n}.md", f"مقالة {n}") for n in range(20)] + [page("index.md", "فهرس")]
    write_pages(tmp_path, pages)
    read = _counting_reads(monkeypatch)
    again = write_pages(tmp_path, pages)
    assert again.written == [] and len(again.unchanged) == 21
    assert read == []


def test_a_changed_page_is_read_and_rewritten(tmp_path, monkeypatch):
    write_pages(tmp_path, [page("articles/a.md", "أ"), page("articles/b.md", "ب")])
    read = _counting_reads(monkeypatch)
    result = write_pages(tmp_path, [page("articles/a.md", "أ٢"), page("articles/b.md", "ب")])
    assert result.written == ["articles/a.md"]
    assert [os.path.basename(r) for r in read] == ["a.md"]  # only the file about to be overwritten, read afresh
    assert (tmp_path / "articles/a.md").read_bytes() == page("articles/a.md", "أ٢").content


def test_an_edit_of_the_same_size_with_its_time_set_back_is_still_seen(tmp_path):
    write_pages(tmp_path, [page("articles/a.md", "أ")])
    target = tmp_path / "articles/a.md"
    before = target.stat()
    edited = target.read_bytes().replace("أ".encode("utf-8"), "ب".encode("utf-8"))
    assert len(edited) == before.st_size
    target.write_bytes(edited)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or `touch -r` would
    result = write_pages(tmp_path, [page("articles/a.md", "أ٢")])
    assert [i.code for i in result.issues] == ["overwrite-refused"]
    assert target.read_bytes() == edited


def test_a_file_published_as_a_link_is_not_read_again_for_its_links(tmp_path, monkeypatch):
    """The site build links docs/'s files other than pages into the site, and each link changes the file's ctime:
    such a file keeps its recorded hash while its size, mtime and inode hold, also when the first link is made
    after the run that recorded it; a page still compares its ctime (the edit above)."""
    docs = tmp_path / "docs"
    pages = [Page(f"originals/{n}.txt", f"نص {n}\n".encode("utf-8")) for n in range(3)]
    write_pages(docs, pages)
    site = tmp_path / "site"
    site.mkdir()
    for n in range(3):
        os.link(docs / f"originals/{n}.txt", site / f"{n}.txt")  # as hooks/incremental.py publishes it
    read = _counting_reads(monkeypatch)
    assert write_pages(docs, pages).written == [] and read == []  # the first run after that build
    (site / "0.txt").unlink()
    os.link(docs / "originals/0.txt", site / "0.txt")  # the next build's staging copy links it again
    again = write_pages(docs, pages)
    assert again.written == [] and read == []
    target = docs / "originals/1.txt"
    target.write_bytes(target.read_bytes() + b"x")  # an edit through the link: seen, and kept
    result = write_pages(docs, pages)
    assert [os.path.basename(r) for r in read] == ["1.txt"]
    assert [i.code for i in result.issues] == ["overwrite-refused"]


def test_a_damaged_record_only_means_reading_again(tmp_path):
    pages = [page("articles/a.md", "أ"), page("index.md", "فهرس")]
    write_pages(tmp_path, pages)
    record = _record(tmp_path)
    assert set(json.loads(record.read_text(encoding="utf-8"))["files"]) == {"articles/a.md", "index.md"}
    record.write_text("{not json", encoding="utf-8")
    again = write_pages(tmp_path, pages)
    assert again.written == [] and sorted(again.unchanged) == ["articles/a.md", "index.md"] and not again.issues
    # a record that vouches for a wrong hash is not believed over a changed stat
    data = {"generator": "arshif", "files": {"index.md": ["0" * 64, 1, 2, 3, 4]}}
    record.write_text(json.dumps(data), encoding="utf-8")
    assert write_pages(tmp_path, pages).written == []
    assert set(load_manifest(tmp_path)) == {"articles/a.md", "index.md"}


def test_without_a_record_every_file_is_read(tmp_path, monkeypatch):
    pages = [page("articles/a.md", "أ"), page("index.md", "فهرس")]
    write_unrecorded(tmp_path, pages)
    read = _counting_reads(monkeypatch)
    assert write_unrecorded(tmp_path, pages).written == []
    assert sorted(os.path.basename(r) for r in read) == ["a.md", "index.md"]
    assert not list(tmp_path.parent.glob(f"{tmp_path.name}-cache"))


def test_removed_pages_leave_the_record(tmp_path):
    write_pages(tmp_path, [page("articles/a.md", "أ"), page("articles/b.md", "ب")])
    result = write_pages(tmp_path, [page("articles/a.md", "أ")])
    assert result.removed == ["articles/b.md"]
    record = json.loads(_record(tmp_path).read_text(encoding="utf-8"))
    assert set(record["files"]) == {"articles/a.md"}


def test_the_run_record_takes_the_stats_the_writer_saw_and_stats_the_others(tmp_path):
    """runs.record's stats come from what this run's writer looked at (FileDigests.looked_at), and equal a fresh
    stat of each file; a file the writer did not look at (or a record's entry from an earlier run) is stat'ed."""
    from arshif.build import runs

    docs = tmp_path / "docs"
    write_pages(docs, [page("a.md", "أ"), page("b.md", "ب")])
    (docs / "c.md").write_text("x", encoding="utf-8")
    digests = FileDigests(docs, _record(docs))  # the record's entries: from the earlier run, not looked at yet
    assert digests.looked_at("a.md") is None
    write_unrecorded(docs, [page("a.md", "أ"), page("b.md", "ب ب")], digests)
    assert digests.looked_at("a.md") is not None and digests.looked_at("b.md") is not None
    paths = ["a.md", "b.md", "c.md"]
    assert runs._stats(docs, paths, digests.looked_at) == runs._stats(docs, paths)
    st = os.stat(docs / "b.md")  # rewritten by this run: its stat after the write
    assert digests.looked_at("b.md") == (st.st_size, st.st_mtime_ns)
    os.unlink(docs / "c.md")
    assert runs._stats(docs, paths, digests.looked_at) == {}  # a missing file is still seen missing


def test_a_record_left_for_later_is_written_by_keep_record_and_the_removed_files_are_forgotten_at_once(tmp_path):
    """write_pages(record_later=True), as `arshif build` calls it: the record of the hashes is written when the
    caller asks (beside MkDocs), from the hashes of the write; this process's view of docs/ drops the stale files
    the write removed at once."""
    docs = tmp_path / "docs"
    write_pages(docs, [page("articles/a.md", "أ"), page("articles/b.md", "ب")])
    before = json.loads(_record(docs).read_bytes())["files"]
    digests = FileDigests(docs, _record(docs))
    result = write_unrecorded(docs, [page("articles/a.md", "أ٢")], digests, record_later=True)
    assert result.written == ["articles/a.md"] and result.removed == ["articles/b.md"]
    assert "articles/b.md" not in digests.looked() and "articles/b.md" not in digests.known
    assert json.loads(_record(docs).read_bytes())["files"] == before  # not yet
    result.keep_record()
    after = json.loads(_record(docs).read_bytes())["files"]
    assert set(after) == {"articles/a.md"} and after["articles/a.md"] != before["articles/a.md"]
    assert FileDigests(docs, _record(docs)).digest("articles/a.md") == after["articles/a.md"][0]
    again = FileDigests(docs, _record(docs))
    unchanged = write_unrecorded(docs, [page("articles/a.md", "أ٢")], again, record_later=True)
    assert unchanged.keep_record is None  # the record on disk already says it
