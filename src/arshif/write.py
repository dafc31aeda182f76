"""write: [Page] -> docs/. Atomic, idempotent, and it never clobbers an editor's work.

arshif keeps a manifest (docs/.arshif/manifest.json, hidden from MkDocs) of every file it wrote and the hash
of what it wrote. A file is overwritten or deleted only when it is in the manifest AND still holds exactly
what arshif wrote; anything else (a hand-written page, a generated page an editor changed) is left alone and
reported. Each file is written to a temporary file and renamed into place, so an interrupted run leaves every
file either old or new, never half-written.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .models import Issue, Page

STATE_DIR = ".arshif"
MANIFEST = "manifest.json"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.arshif-tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextlib.contextmanager
def build_lock(docs_dir: Path) -> Iterator[None]:
    """One build at a time per docs/ folder: a second one waits instead of interleaving writes."""
    state = docs_dir / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    with open(state / "lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def load_manifest(docs_dir: Path) -> dict[str, str]:
    path = docs_dir / STATE_DIR / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.get("files", {}).items()}


def save_manifest(docs_dir: Path, files: dict[str, str]) -> None:
    body = json.dumps({"generator": "arshif", "files": dict(sorted(files.items()))}, ensure_ascii=False, indent=1)
    atomic_write(docs_dir / STATE_DIR / MANIFEST, (body + "\n").encode("utf-8"))


def write_pages(docs_dir: Path, pages: Iterable[Page]) -> WriteResult:
    """Write `pages` under docs_dir and remove arshif's own files that are no longer generated."""
    result = WriteResult()
    manifest = load_manifest(docs_dir)
    new_manifest: dict[str, str] = {}
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise ValueError(f"two pages for one path: {page.path}")  # a bug, not bad input
        seen.add(page.path)
        target = docs_dir / page.path
        digest = sha256(page.content)
        if target.exists():
            current = target.read_bytes()
            if current == page.content:
                result.unchanged.append(page.path)
                new_manifest[page.path] = digest
                continue
            if manifest.get(page.path) != sha256(current):
                result.issues.append(
                    Issue(page.path, "write", "overwrite-refused",
                          "the file was written or changed by hand; arshif leaves it as it is (delete it to let arshif regenerate it)",
                          "warning")
                )
                if page.path in manifest:
                    new_manifest[page.path] = manifest[page.path]
                continue
        atomic_write(target, page.content)
        new_manifest[page.path] = digest
        result.written.append(page.path)

    for path, digest in sorted(manifest.items()):
        if path in seen:
            continue
        target = docs_dir / path
        if not target.exists():
            continue
        if sha256(target.read_bytes()) == digest:
            target.unlink()
            result.removed.append(path)
            _prune_empty_dirs(target.parent, docs_dir)
        else:
            result.issues.append(
                Issue(path, "write", "stale-kept", "no longer generated, but changed by hand: kept", "warning")
            )
    save_manifest(docs_dir, new_manifest)
    return result


def _prune_empty_dirs(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
