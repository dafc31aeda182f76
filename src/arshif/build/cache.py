"""A content-hash cache of extracted articles, so unchanged articles are not extracted again.

Beside each Article the entry holds its per-article analysis (relate.archive.Analysis: the entities it names),
computed in the worker that extracted it, so the work after the barrier is only merging.

The key of an article is the hash of its bytes, its editor override, and a fingerprint of everything that
can change the extraction: arshif's own code and shipped rules, and the archive's extra rules files. Change a
rules file and every article it may affect is extracted again; change nothing and a rebuild reads each file,
hashes it and loads its Article. Entries are pickles written atomically; a corrupt entry is a miss.
The pipeline neither reads nor writes these files: its snapshot (snapshot.py), one file for the whole archive,
keeps what it makes (creating one file a source cost a fifth of a cold run); process_file with a cache uses them.

Beside the entries, each file's line prints (ingest.templates.prints) are kept by content alone, so the archive's
template lines are learnt again without normalising every file; the template lines found in a file are part of
its entry's key (an added article that makes a line a template redoes only the files that print it).
A few objects are kept by name for the next run (get_named/put_named): the search index's memo of each article's
words (site.search_docs), one file the run reads whole.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import Iterable, Optional

from ..models import Article

_PACKAGE = Path(__file__).resolve().parents[1]  # the whole arshif package, not only build/


def fingerprint(extra_rule_dirs: Iterable[Path] = ()) -> str:
    """Hash of the package's code and rules and of the extra rules files (names and bytes)."""
    h = hashlib.sha256()
    code = sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts)
    files = [(p.relative_to(_PACKAGE).as_posix(), p) for p in code]  # paths: extract/dates.py is not recognise/dates.py
    for folder in extra_rule_dirs:
        files += [(p.name, p) for p in sorted(Path(folder).glob("*.yaml"))]
    for name, path in files:
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


class ExtractCache:
    def __init__(self, folder: Optional[Path], fingerprint: str):
        self.folder = Path(folder) if folder else None
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0

    def key(self, source_sha256: str, name: str, override: Optional[dict], templates: str = "") -> str:
        # The name is part of the key: the id and the page's source_file come from it. `templates` is the hash of
        # the archive's template lines found in the file (ingest.templates): what it adds to the extraction.
        extra = json.dumps(override, sort_keys=True, default=str, ensure_ascii=False) if override else ""
        tail = f"\0{templates}" if templates else ""
        return hashlib.sha256(f"{self.fingerprint}\0{source_sha256}\0{name}\0{extra}{tail}".encode("utf-8")).hexdigest()

    def get_prints(self, source_sha256: str) -> Optional[tuple]:
        """The file's line prints (ingest.templates.prints), kept by content, or None on a miss."""
        if self.folder is None:
            return None
        try:
            with open(self._path(self._prints_key(source_sha256)), "rb") as fh:
                found = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError):
            return None
        return found if isinstance(found, tuple) else None

    def put_prints(self, source_sha256: str, prints: tuple) -> None:
        if self.folder is not None:
            self._write(self._path(self._prints_key(source_sha256)), prints)

    def get_named(self, name: str) -> object:
        """What put_named() kept under `name` with this fingerprint (the code and rules), or None."""
        if self.folder is None:
            return None
        try:
            with open(self.folder / f"{name}.pickle", "rb") as fh:
                found = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError, TypeError):
            return None
        if isinstance(found, tuple) and len(found) == 2 and found[0] == self.fingerprint:
            return found[1]
        return None

    def put_named(self, name: str, value: object) -> None:
        """Keep one object for the next run under a name, not a content key (the search index's memo)."""
        if self.folder is not None:
            self._write(self.folder / f"{name}.pickle", (self.fingerprint, value))

    def drop_named(self, name: str) -> None:
        if self.folder is not None:
            try:
                os.unlink(self.folder / f"{name}.pickle")
            except FileNotFoundError:
                pass

    def _prints_key(self, source_sha256: str) -> str:
        return hashlib.sha256(f"{self.fingerprint}\0prints\0{source_sha256}".encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Optional[Article]:
        entry = self.get_entry(key)
        return entry[0] if entry else None

    def get_entry(self, key: str) -> Optional[tuple[Article, object]]:
        """(Article, its analysis or None), or None on a miss."""
        if self.folder is None:
            return None
        try:
            with open(self._path(key), "rb") as fh:
                entry = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError):
            self.misses += 1
            return None
        if isinstance(entry, Article):  # an entry written before analyses were cached
            entry = (entry, None)
        if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Article)):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, article: Article, analysis: object = None) -> None:
        if self.folder is None:
            return
        self._write(self._path(key), (article, analysis))

    @staticmethod
    def _write(path: Path, entry: object) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
