"""Skip the site build when nothing it reads has changed since the last successful build.

The inputs of `mkdocs build` are mkdocs.yml, the theme overrides, the hooks, arshif's own code (the hooks
import it) and every file of docs/. After a successful build arshif records a fingerprint of all of them
(docs files by path and content hash); when the next build finds the same fingerprint and the site folder in
place, the site is already what a build would produce, and the build is skipped.

Content, not modification times, decides: a page restored with an older time (`cp -p`, `rsync -a`) is a change.
A file's hash is reused from the last build only while its size, modification time, change time (which no
copy tool can set back) and inode are all the same, so unchanged pages are not read again. A dirty build is
told which docs files changed by hash (DIRTY, read by hooks/incremental.py), not left to MkDocs' time check.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

from .cache import fingerprint as code_fingerprint
from .file_digests import RECORD, FileDigests
from .project import lists_hook
from .site_swap import site_entries
from .state_files import file_key
from .write import STATE_DIR, atomic_write

STAMP = "site-stamp.json"
DIRTY = "dirty-build.json"


def _tree(h: "hashlib._Hash", root: Path, with_content: bool) -> None:
    if not root.exists():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != STATE_DIR and d != "__pycache__")
        for name in sorted(filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            st = path.stat()
            h.update(rel.encode("utf-8") + b"\0")
            if with_content:
                h.update(path.read_bytes())
            else:
                h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
            h.update(b"\0")


def static_inputs(config: Path) -> str:
    """Fingerprint of what every page depends on: mkdocs.yml, theme overrides, hooks and arshif's code."""
    h = hashlib.sha256()
    h.update(config.read_bytes() if config.is_file() else b"")
    base = config.resolve().parent
    for folder in ("overrides", "hooks"):
        h.update(folder.encode() + b"\0")
        _tree(h, base / folder, with_content=True)
    h.update(code_fingerprint().encode())
    return h.hexdigest()


def docs_hashes(docs: Path, known: Optional[dict] = None, seen: Optional[dict] = None,
                stats: Optional[dict] = None) -> dict[str, list]:
    """docs path -> [sha256, size, mtime_ns, ctime_ns, inode]; a hash in `known` is reused while the rest matches
    (file_digests.FileDigests, as the writer checks them). `seen`: entries of that form that this process took
    a moment ago (preprocess's writer, FileDigests.looked), used as they are: a file changed since is seen by
    the next build, as one changed while MkDocs runs is. `stats`: [size, mtime_ns, ctime_ns, inode] this process
    took a moment ago (RunResult.docs_stats), compared with `known` in place of a stat, on the same grounds."""
    digests = FileDigests(docs, known=known or {})
    seen, stats = seen or {}, stats or {}
    have = digests.known
    out: dict[str, list] = {}
    for rel in docs_paths(docs):  # strings, not Paths: this runs over every docs file on every build
        if rel in seen:
            out[rel] = seen[rel]
            continue
        entry = have.get(rel)
        if entry is not None and entry[1:] == stats.get(rel):
            out[rel] = entry
        elif digests.digest(rel) is not None:
            out[rel] = have[rel]
    return out


def _docs_digest(hashes: dict[str, list]) -> str:
    return hashlib.sha256("".join(f"{rel}\0{v[0]}\0" for rel, v in sorted(hashes.items())).encode("utf-8")).hexdigest()


def site_inputs(config: Path, docs: Path, static: str = "", hashes: Optional[dict] = None) -> str:
    """Fingerprint of everything `mkdocs build` reads (small trees and docs/ by content)."""
    h = hashlib.sha256((static or static_inputs(config)).encode())
    h.update(b"docs\0")
    h.update(_docs_digest(hashes if hashes is not None else docs_hashes(docs)).encode())
    return h.hexdigest()


def docs_paths(docs: Path) -> list[str]:
    """Every file under docs/ (posix, relative), sorted; arshif's state folders and linked folders left out, as
    os.walk leaves them. os.scandir and strings: ten times faster than walking with Paths at 50,000 files."""
    out: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:  # unreadable or gone: skipped, as os.walk skips it
            return
        for entry in entries:
            if not entry.is_dir():
                out.append(prefix + entry.name)
            elif entry.name != STATE_DIR and not entry.is_symlink():
                walk(entry.path, prefix + entry.name + "/")

    walk(os.fspath(docs), "")
    return sorted(out)


def _stamp_path(docs: Path) -> Path:
    # Beside the extraction cache, not in docs/: it is build state, and it holds file times.
    return Path(docs).resolve().parent / ".arshif-cache" / STAMP


def _stamp(docs: Path, site: Path) -> dict:
    path = _stamp_path(docs)
    ahead = _ahead.pop(os.fspath(path), None)
    seen, stamp = ahead.result() if ahead is not None else (None, None)
    if seen is None or seen != file_key(os.fspath(path)):  # not read ahead, or written since: read now
        try:
            stamp = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
    ours = isinstance(stamp, dict) and stamp.get("site") == str(site)
    return stamp if ours and (site / "index.html").is_file() else {}


# The last build's record read ahead (read_stamp_ahead), by its path: a Future of (its file_key, what it holds).
_ahead: dict = {}


def read_stamp_ahead(docs: Path) -> None:
    """Read the last build's record (9 MB of JSON at 10,000 articles) in a thread from now on, for a caller that
    waits for other processes meanwhile (preprocess, for its render's workers); _stamp takes it while the file is
    the one read (the record is replaced by a rename: another inode)."""
    from .parallel import in_thread

    path = _stamp_path(docs)

    def read() -> tuple:
        seen = file_key(os.fspath(path))
        try:
            return seen, json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None, None

    _ahead[os.fspath(path)] = in_thread(read)



class Inputs(NamedTuple):
    static: str  # static_inputs
    hashes: dict  # docs_hashes
    stamp: dict  # the last build's record (_stamp)


def inputs_now(config: Path, docs: Path, site: Path, seen: Optional[dict] = None,
               stats: Optional[dict] = None) -> Inputs:
    """What a build reads, as it stands before the build, and the last build's record: taken once, and given to
    up_to_date, dirty_build_possible, removed_outputs and record_build, so that a build looks at docs/'s 50,000
    files and reads the record once, and the new record says what the site was built from even if a file changes
    while MkDocs runs. `seen`: docs_hashes' entries preprocess took in this process (RunResult.docs_seen);
    `stats`: the stats of an unchanged run's check (RunResult.docs_stats)."""
    stamp = _stamp(docs, site)
    known = dict(stamp.get("files") or _last_files(docs) or {})
    if not seen:  # else preprocess's own view is newer than its record, and covers its files
        known.update(FileDigests(docs, _stamp_path(docs).with_name(RECORD)).known)  # newer: what preprocess wrote since, hashed as it wrote it
    return Inputs(static_inputs(config), docs_hashes(docs, known, seen, stats), stamp)


def _last_files(docs: Path) -> Optional[dict]:
    try:  # the hashes of the last build, kept aside by forget
        return json.loads(_stamp_path(docs).with_suffix(".last").read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return None


def up_to_date(config: Path, docs: Path, site: Path, now: Optional[Inputs] = None) -> bool:
    stamp = now.stamp if now else _stamp(docs, site)
    if not stamp:
        return False
    static, hashes = (now.static, now.hashes) if now else (static_inputs(config), docs_hashes(docs, stamp.get("files")))
    return stamp.get("inputs") == site_inputs(config, docs, static, hashes)


def dirty_build_possible(config: Path, docs: Path, site: Path, now: Optional[Inputs] = None) -> tuple[bool, str]:
    """Whether rendering only the changed pages over a copy of the last site gives what a full build would.

    True when the last build succeeded into `site` and nothing every page depends on changed (configuration,
    theme, hooks, arshif itself). A docs file that disappeared (an article removed) does not prevent it: its
    output is left out of the copy (`removed_outputs`), so it does not linger.
    """
    stamp = now.stamp if now else _stamp(docs, site)
    if not stamp:
        return False, "no record of a previous build of this site"
    if stamp.get("static") != (now.static if now else static_inputs(config)):
        return False, "mkdocs.yml, the theme overrides, the hooks or arshif changed"
    if "files" not in stamp:
        return False, "the last build recorded no content hashes"
    if not lists_hook(config, "incremental.py"):
        # Without it MkDocs writes into its files in place, and they are hard links to the live site's.
        return False, "mkdocs.yml does not list hooks/incremental.py, which a build over a copy of the site needs"
    _write_dirty_list(docs, site, stamp["files"], now.hashes if now else None)
    return True, ""


def _write_dirty_list(docs: Path, site: Path, built: dict, now: Optional[dict] = None) -> None:
    """The docs files whose content differs from the last build's, for the dirty build into site's staging folder."""
    from .site_swap import staging_dir

    now = now if now is not None else docs_hashes(docs, built)
    changed = sorted(rel for rel, v in now.items() if rel not in built or built[rel][0] != v[0])
    body = json.dumps({"site_dir": str(staging_dir(site)), "modified": changed}, ensure_ascii=False, indent=0)
    atomic_write(Path(docs).resolve().parent / ".arshif-cache" / DIRTY, (body + "\n").encode("utf-8"))


def site_path(docs_path: str) -> str:
    """Where MkDocs (use_directory_urls: false) writes a docs file: a page as .html, anything else as it is."""
    return docs_path[:-3] + ".html" if docs_path.endswith(".md") else docs_path


def removed_outputs(docs: Path, site: Path, now: Optional[Inputs] = None) -> set[str]:
    """Site paths of the docs files the last build had and docs/ no longer has: not to be copied over."""
    stamp = now.stamp if now else _stamp(docs, site)
    gone = set(stamp.get("paths", ())) - (set(now.hashes) if now else set(docs_paths(docs)))
    return {site_path(p) for p in gone}


def record_build(config: Path, docs: Path, site: Path, now: Optional[Inputs] = None, stamp: Optional[bytes] = None) -> None:
    """Record a successful build of `site`; `now` (inputs_now, taken before it) says what it was built from.
    `stamp`: build_stamp(config, docs, site, now), made while the site was built."""
    atomic_write(_stamp_path(docs), stamp if stamp is not None else build_stamp(config, docs, site, now))


def build_stamp(config: Path, docs: Path, site: Path, now: Optional[Inputs] = None) -> bytes:
    """What record_build writes for a build of `site` from `now` (a build not yet made: written once it is)."""
    if now is not None:
        static, hashes = now.static, now.hashes
    else:
        static = static_inputs(config)
        hashes = docs_hashes(docs, _last_files(docs))  # the last build's hashes spare reading unchanged files
    body = json.dumps({"site": str(site), "static": static, "inputs": site_inputs(config, docs, static, hashes),
                       "paths": sorted(hashes), "files": hashes}, ensure_ascii=False, indent=0)
    return (body + "\n").encode("utf-8")


def link_copy(source: Path, target: Path, skip: Iterable[str] = ()) -> int:
    """Copy a tree as hard links (fast, no data copied). Safe because MkDocs replaces files, never writes in place.

    arshif's own staging folders are left out: when the site is a link or a mount point, `target` is inside it.
    The links are made by two threads, a batch of one folder's files each (the work is the kernel's: 60,000 links
    at 10,000 articles take 1.0 s on one core, 0.6 s on two); the folders are made first, by this thread.
    """
    skip = set(skip)  # site paths (relative, posix) left out: outputs of removed docs files
    top = os.fspath(source)
    batches: list[list[tuple[str, str]]] = []
    for dirpath, dirnames, filenames in os.walk(top):  # strings, not Paths: 50,000 files at 10,000 articles
        rel = os.path.relpath(dirpath, top)
        if rel == ".":
            keep = set(site_entries(source))
            dirnames[:] = [d for d in dirnames if d in keep]
            filenames = [n for n in filenames if n in keep]
            rel, prefix = "", ""
        else:
            prefix = rel.replace(os.sep, "/") + "/"
        into = os.path.join(os.fspath(target), rel)
        os.makedirs(into, exist_ok=True)
        pairs = [(os.path.join(dirpath, name), os.path.join(into, name)) for name in filenames if prefix + name not in skip]
        batches += [pairs[n:n + _LINK_BATCH] for n in range(0, len(pairs), _LINK_BATCH)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return sum(pool.map(_link_all, batches))


_LINK_BATCH = 2000


def relink(source: Path, target: Path, skip: Iterable[str] = ()) -> int:
    """Make `target`, a hard-linked copy of an earlier `source` (site_swap.base_dir), what link_copy(source, target,
    skip) makes of an empty folder: a file whose inode is already the source's stays (the inodes come from the
    folder listings, without a stat), any other is linked again, and what the source no longer has goes. After a
    one-article build, a few dozen links instead of 60,000. Returns how many links were made."""
    skip = set(skip)
    made = 0

    top = set(site_entries(source))  # arshif's own staging folders are left out, as link_copy leaves them

    def listing(folder: str, source: bool) -> dict[str, tuple[bool, int]]:
        with os.scandir(folder) as entries:  # name -> (a folder, inode); a source's links to folders are not copied
            return {e.name: (e.is_dir(follow_symlinks=False), e.inode()) for e in entries
                    if not source or not (e.is_symlink() and e.is_dir())}

    def sync(src: str, dst: str, prefix: str) -> None:
        nonlocal made
        want = {n: v for n, v in listing(src, True).items()
                if (prefix or n in top) and (v[0] or prefix + n not in skip)}
        have = listing(dst, False)
        for name, (folder, _) in have.items():
            if name not in want or want[name][0] != folder:  # gone, or a file that became a folder (or back)
                (shutil.rmtree if folder else os.unlink)(os.path.join(dst, name))
        for name, (folder, inode) in want.items():
            there = have.get(name)
            kept = there is not None and there[0] == folder
            if folder:
                if not kept:
                    os.mkdir(os.path.join(dst, name))
                sync(os.path.join(src, name), os.path.join(dst, name), prefix + name + "/")
            elif not (kept and there[1] == inode):
                if kept:
                    os.unlink(os.path.join(dst, name))
                os.link(os.path.join(src, name), os.path.join(dst, name))
                made += 1

    sync(os.fspath(source), os.fspath(target), "")
    return made


def _link_all(pairs: list[tuple[str, str]]) -> int:
    for existing, new in pairs:
        os.link(existing, new)
    return len(pairs)


def forget(docs: Path) -> None:
    """Drop the stamp (a build started: until it succeeds, the site cannot be assumed current); its file hashes
    are kept aside for record_build."""
    try:
        os.replace(_stamp_path(docs), _stamp_path(docs).with_suffix(".last"))
    except FileNotFoundError:
        pass
