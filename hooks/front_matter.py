"""MkDocs hook: the article pages' front-matter from the data arshif kept, not parsed again (a speed-up only).

arshif's preprocess writes .arshif-cache/front-matter.json beside docs/: each generated page's front-matter data,
keyed by the SHA-1 of its YAML text (src/arshif/build/front_matter.py). MkDocs' front-matter reader is replaced by
one that takes a page's data from there when its YAML text is exactly the one arshif wrote, and parses it with
MkDocs' own reader otherwise (a page edited by hand, a page of someone else's, no cache file). Each entry is used
once and let go. Zensical runs no hook and parses the same YAML to the same data.

A dirty build (arshif's one-article rebuild) renders a few pages, yet MkDocs' sitemap and navigation read the
data of all the others, which hooks/incremental.py reads from their files. This hook gives them first, from the
small front-matter-brief.json (what those templates read of each page, by the same key) when a page's YAML text is
the one arshif wrote: known from front-matter-paths.json while the file's stat is the one preprocess saw, else
read from the file. It leaves the 36 MB of FILE unread when the build renders only a few pages (those MkDocs
counts as modified, after hooks/incremental.py has said which), which it then parses as MkDocs does.
"""
from __future__ import annotations

import json
import os

from mkdocs.plugins import event_priority
from mkdocs.utils import meta as _meta

try:  # the files' names, format and keys are preprocess's (src/arshif/build/front_matter.py)
    from arshif.build.front_matter import BRIEF, FILE, FORMAT, PATHS, key, page_key
except ImportError:  # arshif not installed where MkDocs runs: every page is parsed
    BRIEF = FILE = FORMAT = PATHS = key = page_key = None

_parse = getattr(_meta.get_data, "__wrapped__", _meta.get_data)  # MkDocs' own, even if this module is loaded twice
_known: dict = {}
_brief: dict = {}
_paths: dict = {}
_flags: dict = {"dirty": False, "folder": None}
FEW = 200  # pages rendered by a dirty build, below which parsing them costs less than reading FILE
HEAD = 16384  # bytes read first for a page's front-matter (an article's is some 5 kB)


def get_data(doc: str):
    match = _meta.YAML_RE.match(doc) if _known else None
    if match:
        data = _known.pop(key(match.group(1)), None)
        if data is not None:
            return doc[match.end():].lstrip("\n"), data
    return _parse(doc)


get_data.__wrapped__ = _parse
_meta.get_data = get_data


def _load(folder: str, name: str, into: dict) -> None:
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return
    if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("pages"), dict):
        into.update(data["pages"])


def on_startup(command, dirty):
    _flags["dirty"] = dirty


def on_config(config):
    _known.clear()
    _brief.clear()
    _paths.clear()
    _flags["folder"] = None
    if FILE is None:
        return config
    _flags["folder"] = os.path.join(os.path.dirname(os.path.abspath(config["docs_dir"])), ".arshif-cache")
    if _flags["dirty"]:
        _load(_flags["folder"], BRIEF, _brief)
        _load(_flags["folder"], PATHS, _paths)
    return config


@event_priority(-50)  # after hooks/incremental.py's on_files, which says what a dirty build renders
def on_files(files, config):
    if _flags["folder"] is None:
        return files
    if _flags["dirty"] and sum(1 for f in files.documentation_pages() if f.is_modified()) < FEW:
        return files  # the few pages rendered are parsed
    _load(_flags["folder"], FILE, _known)
    return files


def _page_key_of(file) -> str | None:
    """page_key() of the file's page: from PATHS while the file's stat is the one preprocess saw after writing it
    (size, modification and change times, inode: as build/file_digests.py trusts them), else from its bytes."""
    entry = _paths.get(file.src_uri)
    if isinstance(entry, list) and len(entry) == 5:
        try:
            st = os.stat(file.abs_src_path)
        except OSError:
            return None
        if entry[1:] == [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]:  # file_digests' key of a page
            return entry[0]
    return _front_matter_key(file.abs_src_path)


def _front_matter_key(path: str) -> str | None:
    """page_key() of the file, from its first HEAD bytes when the front-matter ends there."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
        found = page_key(head)
        if found is None and len(head) == HEAD:
            found = page_key(head + fh.read())
    return found


@event_priority(50)  # before hooks/incremental.py's on_env, which reads what is still missing from the files
def on_env(env, config, files):
    if not (_flags["dirty"] and _brief):
        return env
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.meta or not file.abs_src_path or file.is_modified():
            continue
        data = _brief.get(_page_key_of(file) or "")
        if isinstance(data, dict):
            page.meta = dict(data)
    return env
