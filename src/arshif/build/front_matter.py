"""The front-matter of the generated pages as data, for hooks/front_matter.py: a site build need not parse it again.

MkDocs reads every page's front-matter with PyYAML, whose constructor is Python even with libyaml: at 10,000
articles (related articles, entities, previous and next in each) that was a sixth of the site build. arshif
wrote that YAML from a dict, so it keeps the dict, keyed by the SHA-1 of the YAML text exactly as MkDocs cuts it
out of the page (FRONT is MkDocs' YAML_RE). The hook takes a page's data from here only when that text is the
same; a page edited by hand, or a missing or unreadable file, is parsed as before. Only a speed-up: an engine
that runs no hook (Zensical) reads the YAML itself, and the data here equal what PyYAML reads (json and YAML
give the same lists, strings, numbers, booleans and nulls; a page whose data are not JSON is left out).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Iterable

from ..models import Page
from .write import atomic_write

FILE = "front-matter.json"
FORMAT = 1
# mkdocs/utils/meta.py's YAML_RE (tests/unit/test_front_matter_cache.py checks they are the same).
FRONT = re.compile(r'^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n', re.UNICODE | re.DOTALL)


def key(yaml_text: str) -> str:
    return hashlib.sha1(yaml_text.encode("utf-8")).hexdigest()


def entries(pages: Iterable[Page]) -> dict[str, dict]:
    """SHA-1 of a page's YAML text -> its data, for every Markdown page that carries its data."""
    out = {}
    for page in pages:
        if page.meta is None or not page.path.endswith(".md"):
            continue
        match = FRONT.match(page.content.decode("utf-8"))
        if not match:
            continue
        try:
            out[key(match.group(1))] = json.loads(json.dumps(page.meta, ensure_ascii=False, allow_nan=False))
        except (TypeError, ValueError):  # data JSON cannot hold as YAML does (a date, a set): parsed as before
            continue
    return out


def write_cache(folder: Path, pages: Iterable[Page]) -> None:
    data = {"format": FORMAT, "pages": entries(pages)}
    atomic_write(Path(folder) / FILE, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
