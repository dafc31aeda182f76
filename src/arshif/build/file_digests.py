"""file_digests: the content hash of each docs/ file, without reading the files that did not change.

The writer must know what every file it would overwrite holds (arshif's own last version, or an editor's), and
at 10,000 articles that meant reading 50,000 files on every run. A file's hash is taken from the last run's
record while its size, modification time, change time (which no copy tool can set back; left out for a file that
is not a page, see stat_key) and inode are all the same, as the site build's check does
(incremental.docs_hashes); any other file is read. The record is build state that holds file times, so it
lives beside the extraction cache, not in docs/ (whose bytes depend on the sources alone); a damaged or missing
one only means reading every file again.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Callable, Iterable, Optional

RECORD = "docs-digests.json"  # in the cache folder


def stat_key(st: os.stat_result, rel: str) -> list:
    """(size, mtime, ctime, inode), with no ctime for a file that is not a Markdown page: the site build publishes
    every other docs/ file as a hard link (hooks/incremental.py), and each link made or removed (every build,
    every staging copy of the site) changes the file's ctime, not its content. Such a file is still read again
    when its size, mtime or inode changes; a page (rendered, never linked) also when its ctime does."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns if rel.endswith(".md") else 0, st.st_ino]


class FileDigests:
    """docs path -> sha256 of the file there now, from the record or by reading it."""

    def __init__(self, docs_dir: Path, record: Optional[Path] = None, known: Optional[dict] = None):
        """`record`: the file that keeps the hashes between runs (none: every file is read once a run); `known`:
        hashes to start from instead (in the same form, as the site build's stamp holds them)."""
        self._root = os.fspath(docs_dir)
        self._store = Path(record) if record else None
        self._known: dict[str, list] = {}
        self._looked: set[str] = set()  # paths whose entry in _known holds a stat taken by this process
        self._changed = False
        files = known
        if self._store is not None:
            try:
                data = json.loads(self._store.read_text(encoding="utf-8"))
                files = data.get("files") if isinstance(data, dict) else None
            except (OSError, ValueError):
                pass  # none yet, or damaged: every file is read once
        if isinstance(files, dict):
            self._known = {str(k): list(v) for k, v in files.items()
                           if isinstance(v, (list, tuple)) and len(v) == 5 and isinstance(v[0], str)}

    @property
    def known(self) -> dict[str, list]:
        """docs path -> [sha256, size, mtime_ns, ctime_ns, inode], as recorded (incremental.docs_hashes' form)."""
        return self._known

    def current(self, rel: str, fresh: bool = False) -> tuple[Optional[os.stat_result], Optional[str]]:
        """(lstat of `rel`, or None when nothing is there; its sha256, or None when it is not a regular file or
        cannot be read). A link is not followed: the writer refuses to write through one."""
        full = self._root + os.sep + rel  # os.path.join's result for a relative path, without its checks (54,000 a run)
        try:
            st = os.lstat(full)
        except OSError:
            return None, None
        return st, (self._digest(rel, full, st, fresh) if stat.S_ISREG(st.st_mode) else None)

    def digest(self, rel: str, st: Optional[os.stat_result] = None, fresh: bool = False) -> Optional[str]:
        """The sha256 of the regular file at `rel` (None when there is none, or it cannot be read). `fresh`: read
        it whatever the record says (a file about to be overwritten: it may have been saved a moment ago, within
        one tick of the file system's clock)."""
        full = os.path.join(self._root, rel)
        try:
            st = st or os.stat(full)
        except OSError:
            return None
        return self._digest(rel, full, st, fresh)

    def _digest(self, rel: str, full: str, st: os.stat_result, fresh: bool) -> Optional[str]:
        seen = stat_key(st, rel)
        known = self._known.get(rel)
        if known is not None and known[1:] == seen and not fresh:
            self._looked.add(rel)
            return known[0]
        try:
            with open(full, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            return None
        self._remember(rel, digest, seen)
        return digest

    def wrote(self, rel: str, digest: str) -> None:
        """`rel` now holds content of hash `digest`, just written by this process."""
        try:
            self._remember(rel, digest, stat_key(os.stat(os.path.join(self._root, rel)), rel))
        except OSError:
            self.forget(rel)

    def forget(self, rel: str) -> None:
        self._looked.discard(rel)
        if self._known.pop(rel, None) is not None:
            self._changed = True

    def looked_at(self, rel: str) -> Optional[tuple[int, int]]:
        """(size, mtime_ns) of `rel` as this process last saw it (hashed, or written), or None when it has not
        looked: what a later pass over the same files would stat again."""
        entry = self._known.get(rel) if rel in self._looked else None
        return (entry[1], entry[2]) if entry else None

    def looked(self) -> dict[str, list]:
        """The entries of `known` whose stat this process took (hashed, or written)."""
        return {rel: self._known[rel] for rel in self._looked if rel in self._known}

    def taken(self, rels: Iterable[str]) -> list[tuple[str, Optional[list]]]:
        """(path, entry) of each of `rels` whose stat this process took, (path, None) of each it does not know
        (forgotten): what a process forked before it took them adopts (the writer's second process, write_split)."""
        known, looked = self._known, self._looked
        return [(rel, known.get(rel)) for rel in rels if rel in looked or rel not in known]

    def adopt(self, entries: Iterable[tuple[str, Optional[list]]]) -> None:
        """Take over what taken() gave in a process forked from this one, as if this one had hashed or written those
        files."""
        for rel, entry in entries:
            if entry is None:
                self.forget(rel)
            else:
                self._remember(rel, entry[0], entry[1:])

    def _remember(self, rel: str, digest: str, seen: list) -> None:
        self._looked.add(rel)
        entry = [digest, *seen]
        if self._known.get(rel) != entry:
            self._known[rel] = entry
            self._changed = True

    def record_later(self, keep: set[str]) -> Optional[Callable[[], tuple[Path, bytes]]]:
        """The record of the files in `keep` (arshif's files of this run), in two steps: the other files are
        forgotten now (this process's view of docs/ from here on), and the function returned makes the (where, what)
        to write, from a copy of the entries taken now: it may run later, in another thread (7 MB of JSON at 10,000
        articles). None when the record on disk already says it. The writer writes it (atomically) after the
        manifest."""
        for rel in [r for r in self._known if r not in keep]:
            self.forget(rel)
        if not self._changed or self._store is None:
            return None
        self._changed = False
        entries, store = sorted(self._known.items()), self._store  # entries are replaced, never changed in place

        def made() -> tuple[Path, bytes]:
            body = json.dumps({"generator": "arshif", "files": dict(entries)}, separators=(",", ":"))
            return store, body.encode("utf-8")

        return made
