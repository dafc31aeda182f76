"""write: [Page] -> docs/. Atomic, idempotent, and it never clobbers an editor's work.

arshif keeps a manifest (docs/.arshif/manifest.json, hidden from MkDocs) of every file it wrote and the hash
of what it wrote; every generated page also carries the marker `generator: arshif` in its front-matter. A file
is overwritten or deleted only when it is in the manifest AND still holds exactly what arshif wrote; anything
else (a hand-written page, a generated page an editor changed) is left alone and reported.

Nothing is half-written, even when the process is killed:
- each file goes to a temporary file that is renamed into place (every file is either old or new);
- before the first write, the hashes about to be written are journalled (docs/.arshif/pending.json), so a
  run killed half-way is recognised as arshif's own work by the next run, not mistaken for an editor's;
- files are written in link order (originals and data, then article pages, then the index and other top
  pages) and stale ones are removed last, so at every moment each link of docs/ points to a file that exists;
- `build_lock` keeps two builds of one docs/ from interleaving; `replace_dir` swaps a freshly built site/
  in with one rename, so a killed `mkdocs build` leaves the previous site/ as it was.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import json
import os
import stat
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

import filelock

from ..models import Issue, Page
from . import write_split
from .file_digests import FileDigests
from .state_files import ManifestError, files_json, read_files, written
from .timings import phase

# The site swap lives in site_swap; its names stay importable from here.
from .site_swap import TMP_TAG as _TMP_TAG  # noqa: F401
from .site_swap import looks_like_site, recover_dir, replace_dir, staging_dir  # noqa: F401

STATE_DIR = ".arshif"
MANIFEST = "manifest.json"
PENDING = "pending.json"
LOCK = "lock"
MARKER = "generator: arshif"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # write_pages(record_later=True): writes docs/'s record of hashes (FileDigests.record_later), when one is due
    keep_record: Optional[Callable[[], None]] = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def page_digest(page: Page) -> str:
    """sha256 of the page's content, worked out once a page: the conflict check, the feeds and the writer all ask,
    and 54,000 pages are a quarter of a gigabyte to hash. (Kept beside the frozen dataclass's fields: not a field,
    so equality and the pickled form are as before.)"""
    known = page.__dict__.get("_digest")
    if known is None:
        known = sha256(page.content)
        object.__setattr__(page, "_digest", known)
    return known


def atomic_write(path: Union[str, Path], data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`: readers see old or new, never half.

    No fsync per file (thousands of them cost seconds); `write_pages` syncs once before the manifest is saved.
    With os.open and os.write, not a buffered file object: 54,000 files a cold build, the objects cost a fifth.
    """
    target, tmp = _beside(path)
    try:
        fd = _created(tmp, lambda name: os.open(name, _CREATE, 0o666))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _beside(path: Union[str, Path]) -> tuple[str, str]:
    """(the target as a string, the name of this process's temporary file beside it). Strings, not Paths: this runs
    for 54,000 files on a cold build."""
    target = os.fspath(path)
    folder, name = os.path.split(target)
    return target, os.path.join(folder, f".{name}{_TMP_TAG}{os.getpid()}")


def _created(tmp: str, create: Callable[[str], object]):
    """create(tmp), the folder made first only when the first try finds none."""
    try:
        return create(tmp)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(tmp) or ".", exist_ok=True)
        return create(tmp)


@contextlib.contextmanager
def atomic_file(path: Path, mode: str = "wb", **kwargs) -> Iterator:
    """atomic_write for a file written piece by piece: the open temporary file, renamed over `path` at the end
    (and removed if the writing fails)."""
    target, tmp = _beside(path)
    try:
        with _created(tmp, lambda name: open(name, mode, **kwargs)) as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def flush_to_disk(folder: Path, written: Iterable[Path]) -> None:
    """Make what was written durable, once a run: syncfs of docs/'s own filesystem on Linux (one call, and
    no other filesystem of the machine is flushed, as os.sync would), else an fsync of each written file."""
    if hasattr(os, "O_DIRECTORY") and _SYNCFS is not None:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if _SYNCFS(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in written:
        try:
            with open(path, "rb+") as fh:
                os.fsync(fh.fileno())
        except OSError:
            continue  # gone or unwritable since: nothing to make durable


def _syncfs():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


_SYNCFS = _syncfs()


# ---------------------------------------------------------------- lock

_held: dict[str, int] = {}  # lock file -> depth, for this process (flock is per open file, not per process)
_held_guard = threading.Lock()


@contextlib.contextmanager
def build_lock(docs_dir: Path, wait_message: Optional[str] = None) -> Iterator[None]:
    """One build at a time per docs/ folder: a second one waits instead of interleaving writes.

    Re-entrant within a process, so `arshif build` can hold it across preprocess and `mkdocs build`.
    The operating system releases the lock when the holder dies, even by kill -9.
    """
    state = Path(docs_dir) / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    key = str((state / LOCK).resolve())
    with _held_guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    # filelock: flock on POSIX, LockFileEx on Windows; either way the OS drops the lock when its holder dies.
    lock = filelock.FileLock(state / LOCK, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        print(wait_message or f"arshif: another build is using {docs_dir}; waiting for it to finish", file=sys.stderr)
        lock.acquire()
    with _held_guard:
        _held[key] = 1
    try:
        yield
    finally:
        with _held_guard:
            del _held[key]
        lock.release()


# ---------------------------------------------------------------- manifest

def load_manifest(docs_dir: Path) -> dict[str, str]:
    """path -> hash of what arshif last wrote there. An unreadable manifest counts as empty (nothing is ours)."""
    try:
        return read_files(Path(docs_dir) / STATE_DIR / MANIFEST)
    except ManifestError:
        return {}


def save_manifest(docs_dir: Path, files: dict[str, str]) -> None:
    path = Path(docs_dir) / STATE_DIR / MANIFEST
    atomic_write(path, files_json(files))
    written(path, files)


def _load_pending(docs_dir: Path) -> dict[str, list[str]]:
    """path -> hashes a killed run may have written there (several if several runs were killed)."""
    path = docs_dir / STATE_DIR / PENDING
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): [str(h) for h in v] for k, v in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _save_pending(docs_dir: Path, pending: dict[str, list[str]], writes: list[tuple[str, str]]) -> None:
    files = {k: list(v) for k, v in pending.items()}
    for path, digest in writes:
        if digest not in files.setdefault(path, []):
            files[path].append(digest)
    atomic_write(docs_dir / STATE_DIR / PENDING, files_json(files))


def _ours(manifest: dict[str, str], pending: dict[str, list[str]], path: str, digest: str) -> bool:
    """The file at `path` (content hash `digest`) is exactly what arshif wrote there."""
    return manifest.get(path) == digest or digest in pending.get(path, ())


def _check_path(path: str) -> None:
    # PurePosixPath's parts, from the string (a PurePosixPath for each of 54,000 pages took a quarter of a second):
    # empty and "." components drop out, as they do there; a test holds the two rules equal.
    parts = [c for c in path.split("/") if c and c != "."]
    if path.startswith("/") or ".." in parts or not parts or parts[0] == STATE_DIR or "\\" in path:
        raise ValueError(f"page path outside docs/: {path!r}")  # a bug, not bad input


def _link_order(page: Page) -> int:
    """Targets before the pages that link to them: data and originals, then pages in folders, then top pages."""
    if not page.path.endswith(".md"):
        return 0
    return 1 if "/" in page.path else 2


def _sweep_temporaries(docs_dir: Path) -> None:
    """Temporary files a killed run left behind (only ours: the name says so). Outside the state folder, only the
    writes of a journal (PENDING) make them, and a run that finishes removes its journal: docs/ is walked only when
    a journal was left behind (walking 54,000 files to find none took 0.15 s of every run)."""
    state = docs_dir / STATE_DIR
    for tmp in (docs_dir if (state / PENDING).exists() else state).rglob(f".*{_TMP_TAG}*"):
        if tmp.is_file():
            tmp.unlink()


def _decide(docs_dir: Path, page: Page, digest: str, manifest: dict, pending: dict, new_manifest: dict,
            result: "WriteResult", digests: FileDigests, fresh: bool = False) -> bool:
    """True when `page` is to be written; otherwise it is recorded as unchanged or refused. `fresh`: read the file
    there now, not its recorded hash (just before overwriting it)."""
    st, current = digests.current(page.path, fresh)  # one lstat, not pathlib's three: this runs for every page
    if st is None:
        return True
    if current is None:
        result.issues.append(Issue(page.path, "write", "overwrite-refused",
                                   "a folder or link is in the way; arshif leaves it as it is"
                                   if not stat.S_ISREG(st.st_mode) else "the file cannot be read; arshif leaves it as it is",
                                   "warning"))
        return False
    if current == digest:
        result.unchanged.append(page.path)
        new_manifest[page.path] = digest
        return False
    if _ours(manifest, pending, page.path, current):
        return True
    result.issues.append(Issue(page.path, "write", "overwrite-refused",
                               "the file was written or changed by hand; arshif leaves it as it is (delete it to let arshif regenerate it)",
                               "warning"))
    if page.path in manifest:
        new_manifest[page.path] = manifest[page.path]
    return False


def write_pages(docs_dir: Path, pages: Iterable[Page], digests: Optional[FileDigests] = None,
                jobs: Optional[int] = None, record_later: bool = False) -> WriteResult:
    """Write `pages` under docs_dir (in link order) and then remove arshif's own stale files. `digests`: the
    hashes of docs/'s files as this run has seen them, and their record (without it, every file is read). `jobs`:
    processes that may write at once (default: every core; write_split). `record_later`: the record of the hashes
    is left to result.keep_record() (a stat cache: a run killed first only reads the files it would have vouched
    for again)."""
    docs_dir = Path(docs_dir)
    result = WriteResult()
    pages = list(pages)
    try:
        manifest = read_files(docs_dir / STATE_DIR / MANIFEST)
    except ManifestError as exc:
        manifest = {}
        result.issues.append(Issue(str(exc).split(":")[0], "write", "manifest-unreadable",
                                   f"{exc}; every existing page is treated as an editor's and kept", "warning"))
    pending = _load_pending(docs_dir)  # left by a run that was killed
    _sweep_temporaries(docs_dir)
    digests = digests or FileDigests(docs_dir)

    seen: set[str] = set()
    for page in pages:
        _check_path(page.path)
        if page.path in seen:
            raise ValueError(f"two pages for one path: {page.path}")  # a bug, not bad input
        seen.add(page.path)
    new_manifest: dict[str, str] = {}
    # What must be written, read and compared before anything is: only those files are journalled.
    planned = []
    for page in sorted(pages, key=_link_order):
        digest = page_digest(page)
        if _decide(docs_dir, page, digest, manifest, pending, new_manifest, result, digests):
            planned.append((page, digest))
    # Journal first: what this run will write, so that a kill -9 half-way leaves files the next run knows.
    if planned:
        _save_pending(docs_dir, pending, [(page.path, digest) for page, digest in planned])
    root = os.fspath(docs_dir)  # a string path a page: a pathlib.Path for each of 54,000 costs a tenth of a second

    def write(items: list) -> tuple:
        """(what was written, unchanged or refused, the manifest's entries) of the planned `items`."""
        part, entries = WriteResult(), {}
        for page, digest in items:
            # Decided again just before the write: an editor may have saved the file since it was read.
            if _decide(docs_dir, page, digest, manifest, pending, entries, part, digests, fresh=True):
                atomic_write(os.path.join(root, page.path), page.content)
                digests.wrote(page.path, digest)
                entries[page.path] = digest
                part.written.append(page.path)
        return part, entries, ()

    def in_child(items: list) -> tuple:  # write(), plus the hashes the forked process took, for this one
        part, entries, _ = write(items)
        return part, entries, digests.taken(page.path for page, _ in items)

    for part, entries, taken in write_split.in_two(planned, lambda item: _link_order(item[0]), write, in_child,
                                                  jobs or os.cpu_count() or 1):
        result.written += part.written
        result.unchanged += part.unchanged
        result.issues += part.issues
        new_manifest.update(entries)
        digests.adopt(taken)

    # Stale files last: until the new index is in place, the old one may still link to them.
    for path in sorted(set(manifest) | set(pending)):
        if path in seen:
            continue
        target = docs_dir / path
        if not target.is_file() or target.is_symlink():
            continue
        if _ours(manifest, pending, path, digests.digest(path, fresh=True)):
            target.unlink()
            result.removed.append(path)
            _prune_empty_dirs(target.parent, docs_dir)
        elif path in manifest:
            kept = _set_aside(docs_dir, path)
            _prune_empty_dirs(target.parent, docs_dir)
            result.issues.append(Issue(path, "write", "stale-kept", (
                f"no longer generated (its source or listing is gone), but changed by hand: moved, not deleted, to "
                f"{kept} so that the site holds no page whose links lead nowhere; restore the source to publish it "
                "again, or copy the edit into an override"), "warning"))
    if result.written:
        with phase("write: flushed to disk"):
            flush_to_disk(docs_dir, (docs_dir / p for p in result.written))  # pages on disk before the manifest
    save_manifest(docs_dir, new_manifest)
    record = digests.record_later(set(new_manifest))  # after the manifest: it never vouches for a file not listed
    if record is not None:
        def keep_record() -> None:
            atomic_write(*record())

        if record_later:
            result.keep_record = keep_record
        else:
            keep_record()
    (docs_dir / STATE_DIR / PENDING).unlink(missing_ok=True)
    return result


# Hand-edited pages that arshif no longer generates are moved here (inside the state folder, which MkDocs and
# Zensical do not publish), never deleted.
KEPT_DIR = "kept"


def _set_aside(docs_dir: Path, path: str) -> str:
    """Move the hand-edited page `path` into the kept folder (a free name: an earlier copy is never replaced) and
    return where it went, relative to docs_dir's parent."""
    source = docs_dir / path
    target = docs_dir / STATE_DIR / KEPT_DIR / path
    stem, suffix, n = target.stem, target.suffix, 1
    while target.exists() and target.read_bytes() != source.read_bytes():
        n += 1
        target = target.with_name(f"{stem}.{n}{suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    return target.relative_to(docs_dir.parent).as_posix()


def _prune_empty_dirs(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def previous_owners(docs_dir: Path, names: Iterable[str]) -> dict[str, str]:
    """For each id that two of `names` share, the source file whose page held it in the last run (read from the
    generated page's front-matter), so that the address stays with that source."""
    from ..ids import article_id

    by_id: dict[str, list[str]] = {}
    for name in names:
        by_id.setdefault(article_id(name), []).append(name)
    owners = {}
    for id_, claimants in by_id.items():
        if len(claimants) < 2:
            continue
        try:
            head = (Path(docs_dir) / "articles" / f"{id_}.md").read_text(encoding="utf-8")[:20000]
        except (OSError, UnicodeDecodeError):
            continue
        for line in head.split("\n---", 1)[0].splitlines():
            if line.startswith("source_file:"):
                value = line.split(":", 1)[1].strip().strip("'\"")
                if value in claimants:
                    owners[id_] = value
    return owners
