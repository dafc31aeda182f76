"""Recognise a preprocess run that would change nothing, before any article is extracted.

A run's output depends on the sources' bytes and names, the editors' overrides, and arshif's code and rules.
If all of these hash to the key of the last run, and every file that run wrote is still in docs/ as it left it
(same size and modification time), the run would rewrite nothing: it is skipped, and its summary (article count,
issues) is reported again. Hashing 10,000 sources takes a second; extracting, relating and rendering them
takes minutes.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..models import Issue, RunResult
from ..ingest.read import source_digest
from .cache import ExtractCache
from .write import atomic_write, load_manifest
from .file_digests import stat_key

RECORD = "last-run.pickle"
SOURCE_DIGESTS = "source-digests"  # the cache's name for each regular source's digest by its stat


@dataclass(frozen=True)
class LastRun:
    key: str
    count: int
    pages: int
    issues: list
    stats: dict  # docs path -> (size, mtime_ns) of every file the run wrote or kept


def source_digests(sources: list[Path], root: Optional[Path] = None, cache: Optional[ExtractCache] = None,
                   read: Optional[list[Path]] = None) -> list[bytes]:
    """read.source_digest of each source: read as read_article reads (a FIFO or a link out is not opened). With
    `cache`, a regular file whose size, times and inode are those the last run saw is not read again: its digest is
    the one recorded then (the cache's SOURCE_DIGESTS), as FileDigests does for docs/; reading and hashing 10,000
    sources took 0.2 s of every run, and a second when they were no longer in the page cache. `read`, if given, gets
    the sources that were read: new, changed, or unknown to this code and rules."""
    if cache is None:
        if read is not None:
            read += sources
        return [source_digest(path, root) for path in sources]
    known = cache.get_named(SOURCE_DIGESTS)
    known = known if isinstance(known, dict) else {}
    now: dict = {}
    out = []
    for path in sources:
        name = os.fspath(path)
        try:
            st = os.lstat(name)  # before reading: a change made while it is read shows in the next run's stat
        except OSError:
            st = None
        if st is None or not stat.S_ISREG(st.st_mode):  # a link's target may change under the same link
            out.append(source_digest(path, root))
            if read is not None:
                read.append(path)
            continue
        seen = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        found = known.get(name)
        if isinstance(found, tuple) and found[0] == seen:
            digest = found[1]
        else:
            digest = source_digest(path, root)
            if read is not None:
                read.append(path)
        now[name] = (seen, digest)
        out.append(digest)
    if now != known:
        cache.put_named(SOURCE_DIGESTS, now)
    return out


def run_key(fingerprint: str, sources: list[Path], overrides: dict, root: Optional[Path] = None,
            site: object = None, digests: Optional[list[bytes]] = None) -> str:
    """`site`: what of mkdocs.yml the site files are made from (name, published address, description): a new
    site_url must rewrite the feeds, citations and exports even when no article changed. `digests`: the sources'
    source_digests, when already known."""
    h = hashlib.sha256(fingerprint.encode())
    h.update(repr(site).encode("utf-8") + b"\0")
    for path, digest in zip(sources, digests if digests is not None else source_digests(sources, root)):
        h.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
        h.update(digest)
    h.update(json.dumps(overrides, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def _stats(docs: Path, paths, looked_at: Optional[Callable[[str], Optional[tuple]]] = None,
           keep: Optional[dict] = None) -> dict:
    """docs path -> (size, mtime_ns) of each of `paths`, or {} if one is missing. `looked_at`: what this run's
    writer saw of a file (FileDigests.looked_at), which spares a second stat of 50,000 files. `keep` gets each
    stat as FileDigests keys it (size, mtime_ns, ctime_ns, inode)."""
    out = {}
    root = os.fspath(docs)
    for rel in paths:
        seen = looked_at(rel) if looked_at is not None else None
        if seen is None:
            try:
                st = os.stat(os.path.join(root, rel))  # strings: this runs over every page on every run
            except OSError:
                return {}
            seen = (st.st_size, st.st_mtime_ns)
            if keep is not None:
                keep[rel] = stat_key(st, rel)
        out[rel] = seen
    return out


def unchanged(folder: Optional[Path], key: str, docs: Path, keep: Optional[dict] = None) -> Optional[LastRun]:
    """The last run's record when this run would make the same docs/ and its files are as it left them.
    `keep` gets the stat of each of them (see _stats): the site check takes those instead of its own."""
    if folder is None:
        return None
    try:
        with open(Path(folder) / RECORD, "rb") as fh:
            last = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
        return None
    if not isinstance(last, LastRun) or last.key != key or not last.stats:
        return None
    if _stats(docs, last.stats, keep=keep) != last.stats:
        return None  # a generated file was removed or touched: regenerate
    return last


def record(folder: Path, key: str, docs: Path, result: RunResult,
           looked_at: Optional[Callable[[str], Optional[tuple]]] = None) -> None:
    manifest = load_manifest(docs)
    stats = _stats(docs, sorted(manifest), looked_at)
    if not stats:
        return
    last = LastRun(key, result.count, len(manifest), [i for i in result.issues if isinstance(i, Issue)], stats)
    atomic_write(Path(folder) / RECORD, pickle.dumps(last, protocol=pickle.HIGHEST_PROTOCOL))


def keep_records(cache: Optional[ExtractCache], key: Optional[str], docs: Path, result: RunResult, written,
                 digests, later: bool) -> Optional[object]:
    """Keep what the next run reads: docs/'s record of hashes, when write_pages left it (written.keep_record), and
    this run's record (record()), when the run has a key and wrote without an issue. `later`: both are left to the
    parallel.Later returned, which the caller starts once it only waits (the site build, beside MkDocs) and waits
    for; else they are kept now."""
    from .parallel import Later
    from .timings import phase

    def keep() -> None:
        if written.keep_record is not None:
            written.keep_record()
        if key is not None and not written.issues:
            record(cache.folder, key, docs, result, digests.looked_at)

    if later:
        return Later(keep)
    with phase("run recorded"):
        keep()
    return None
