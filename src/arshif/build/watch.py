"""`arshif serve`'s watcher: what in the sources and rules folders changed since the last look.

Polling (names, sizes, modification times) rather than OS events: it behaves the same on every system and
filesystem (network mounts, containers), and a second's delay is nothing beside a preprocess run. The run
itself decides what to redo by content, so a touched but unchanged file costs one cheap, skipped run.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable


def snapshot(folders: Iterable[Path]) -> tuple:
    """A value that changes when a file under `folders` is added, removed, resized or rewritten."""
    seen = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            seen.append((str(folder), "missing"))
            continue
        for path in sorted(folder.rglob("*")):
            try:
                st = path.stat()
            except OSError:
                continue  # removed while we looked: the next look sees it gone
            seen.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(seen)
