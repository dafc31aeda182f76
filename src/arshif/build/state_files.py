"""state_files: the writer's state files (the manifest and the journal, docs/.arshif/), written and read quickly.

Their layout is json.dumps(indent=1)'s, which an editor can read and diff; but indented output is json's Python
encoder, a sixth of a second for the 54,000 entries of a manifest on every run. The same bytes are made here with
C's string encoder (a test holds the two equal).

One run reads the manifest five times (the removal check, the feeds, the hand-edit check, the writer, the run's
record), 60 ms each at 10,000 articles: what was read or written is kept while the file's stat (size, times,
inode) is the same. Every write replaces the file by a rename, which gives it another inode.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional


class ManifestError(Exception):
    pass


_seen: dict[str, tuple[tuple, dict]] = {}  # path -> (its stat when read or written, the files it holds)


def file_key(path: str) -> Optional[tuple]:
    """What says a file is still the one read: its size, times, inode and device (None when there is none)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev


def read_files(path: Path) -> dict[str, str]:
    """The "files" object of an arshif state file ({} when there is none), a copy the caller may change.
    ManifestError when it cannot be read or is not arshif's."""
    where = os.fspath(path)
    now = file_key(where)
    if now is None:
        _seen.pop(where, None)
        return {}
    kept = _seen.get(where)
    if kept is not None and kept[0] == now:
        return dict(kept[1])
    try:
        data = json.loads(Path(where).read_text(encoding="utf-8"))
        files = data["files"]
        if data.get("generator") != "arshif" or not isinstance(files, dict):
            raise ValueError("not an arshif manifest")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ManifestError(f"{where}: unreadable ({exc})")
    files = {str(k): str(v) for k, v in files.items()}
    if file_key(where) == now:  # not replaced while it was read
        _seen[where] = (now, files)
    return dict(files)


def written(path: Path, files: dict[str, str]) -> None:
    """`files` were just written to `path` (as files_json): the next read_files takes them while its stat holds."""
    where = os.fspath(path)
    now = file_key(where)
    if now is not None:
        _seen[where] = (now, dict(files))


def files_json(files: dict) -> bytes:
    """json.dumps({"generator": "arshif", "files": files sorted}, ensure_ascii=False, indent=1), then a line break.
    `files`: path -> a hash (the manifest) or a list of them (the journal)."""
    quote = json.encoder.encode_basestring  # what ensure_ascii=False writes a string as
    rows = [f"  {quote(k)}: {quote(v) if isinstance(v, str) else indented(v)}" for k, v in sorted(files.items())]
    inner = "{\n" + ",\n".join(rows) + "\n }" if rows else "{}"
    return f'{{\n "generator": "arshif",\n "files": {inner}\n}}\n'.encode("utf-8")


def indented(value) -> str:
    """Another value (the journal's lists of hashes), as json.dumps(indent=1) writes it two levels deep."""
    body = json.dumps(value, ensure_ascii=False, indent=1)
    return body.replace("\n", "\n  ")
