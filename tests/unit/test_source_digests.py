"""runs.source_digests with the cache folder: a source is read again only when its stat changed; the digests are
read.source_digest's whatever the record says."""
from __future__ import annotations

import os

from arshif.build import runs
from arshif.build.cache import ExtractCache
from arshif.ingest import read


def _sources(folder, n=5):
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        (folder / f"{k}.txt").write_text(f"عنوان {k}\n\nنص المقالة رقم {k}.\n", encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def test_an_unchanged_source_is_not_read_again_and_a_changed_one_is(tmp_path, monkeypatch):
    sources = _sources(tmp_path / "src")
    cache = ExtractCache(tmp_path / "cache", "fp")
    want = [read.source_digest(p) for p in sources]
    assert runs.source_digests(sources, None, cache) == want
    read_again = []
    real = runs.source_digest
    monkeypatch.setattr(runs, "source_digest", lambda p, root=None: read_again.append(p.name) or real(p, root))
    assert runs.source_digests(sources, None, cache) == want and read_again == []
    with open(sources[2], "a", encoding="utf-8") as fh:
        fh.write("فقرة أضيفت.\n")
    st = os.stat(sources[3])
    sources[3].write_text("نص آخر بالطول نفسه تقريبا\n", encoding="utf-8")
    os.utime(sources[3], ns=(st.st_atime_ns, st.st_mtime_ns))  # its old mtime put back: its ctime still moved
    got = runs.source_digests(sources, None, cache)
    assert got == [read.source_digest(p) for p in sources] and got[2] != want[2] and got[3] != want[3]
    assert sorted(read_again) == ["2.txt", "3.txt"]


def test_a_link_is_always_read_and_a_damaged_record_is_only_a_slower_run(tmp_path, monkeypatch):
    sources = _sources(tmp_path / "src", 2)
    link = tmp_path / "src" / "9.txt"
    link.symlink_to(sources[0].name)
    sources = sorted(sources + [link])
    cache = ExtractCache(tmp_path / "cache", "fp")
    runs.source_digests(sources, tmp_path, cache)
    read_again = []
    real = runs.source_digest
    monkeypatch.setattr(runs, "source_digest", lambda p, root=None: read_again.append(p.name) or real(p, root))
    runs.source_digests(sources, tmp_path, cache)
    assert read_again == ["9.txt"]
    (cache.folder / f"{runs.SOURCE_DIGESTS}.pickle").write_bytes(b"not a pickle")
    assert runs.source_digests(sources, tmp_path, cache) == [read.source_digest(p, tmp_path) for p in sources]
