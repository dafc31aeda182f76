"""MkDocs hook: the article pages' front-matter from the data arshif kept, not parsed again (a speed-up only).

arshif's preprocess writes .arshif-cache/front-matter.json beside docs/: each generated page's front-matter data,
keyed by the SHA-1 of its YAML text (src/arshif/build/front_matter.py). MkDocs' front-matter reader is replaced by
one that takes a page's data from there when its YAML text is exactly the one arshif wrote, and parses it with
MkDocs' own reader otherwise (a page edited by hand, a page of someone else's, no cache file). Each entry is used
once and let go. Zensical runs no hook and parses the same YAML to the same data.
"""
from __future__ import annotations

import json
import os

from mkdocs.utils import meta as _meta

try:  # the file's name, format and keys are preprocess's (src/arshif/build/front_matter.py)
    from arshif.build.front_matter import FILE, FORMAT, key
except ImportError:  # arshif not installed where MkDocs runs: every page is parsed
    FILE = FORMAT = key = None

_parse = getattr(_meta.get_data, "__wrapped__", _meta.get_data)  # MkDocs' own, even if this module is loaded twice
_known: dict = {}


def get_data(doc: str):
    match = _meta.YAML_RE.match(doc) if _known else None
    if match:
        data = _known.pop(key(match.group(1)), None)
        if data is not None:
            return doc[match.end():].lstrip("\n"), data
    return _parse(doc)


get_data.__wrapped__ = _parse
_meta.get_data = get_data


def on_config(config):
    _known.clear()
    if FILE is None:
        return config
    path = os.path.join(os.path.dirname(os.path.abspath(config["docs_dir"])), ".arshif-cache", FILE)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return config
    if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("pages"), dict):
        _known.update(data["pages"])
    return config
