"""Skip the site build when nothing it reads has changed since the last successful build.

The inputs of `mkdocs build` are mkdocs.yml, the theme overrides, the hooks, arshif's own code (the hooks
import it) and every file of docs/. After a successful build arshif records a fingerprint of all of them
(docs files by path, size and modification time: the writer leaves unchanged pages untouched, so their times
do not move); when the next build finds the same fingerprint and the site folder in place, the site is
already what a build would produce, and the build is skipped.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .cache import fingerprint as code_fingerprint
from .write import STATE_DIR, atomic_write

STAMP = "site-stamp.json"


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


def site_inputs(config: Path, docs: Path) -> str:
    """Fingerprint of everything `mkdocs build` reads (small trees by content, docs/ by size and time)."""
    h = hashlib.sha256()
    h.update(config.read_bytes() if config.is_file() else b"")
    base = config.resolve().parent
    for folder in ("overrides", "hooks"):
        h.update(folder.encode() + b"\0")
        _tree(h, base / folder, with_content=True)
    h.update(code_fingerprint().encode())
    h.update(b"docs\0")
    _tree(h, docs, with_content=False)
    return h.hexdigest()


def _stamp_path(docs: Path) -> Path:
    # Beside the extraction cache, not in docs/: it is build state, and it holds file times.
    return Path(docs).resolve().parent / ".arshif-cache" / STAMP


def up_to_date(config: Path, docs: Path, site: Path) -> bool:
    try:
        stamp = json.loads(_stamp_path(docs).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (site / "index.html").is_file() and stamp.get("site") == str(site) and stamp.get("inputs") == site_inputs(config, docs)


def record_build(config: Path, docs: Path, site: Path) -> None:
    body = json.dumps({"site": str(site), "inputs": site_inputs(config, docs)}, indent=1)
    atomic_write(_stamp_path(docs), (body + "\n").encode("utf-8"))


def forget(docs: Path) -> None:
    """Drop the stamp (a build started: until it succeeds, the site cannot be assumed current)."""
    try:
        _stamp_path(docs).unlink()
    except FileNotFoundError:
        pass
