"""The front-matter of the generated pages as data, for hooks/front_matter.py: a site build need not parse it again.

MkDocs reads every page's front-matter with PyYAML, whose constructor is Python even with libyaml: at 10,000
articles (related articles, entities, previous and next in each) that was a sixth of the site build. arshif
wrote that YAML from a dict, so it keeps the dict, keyed by the SHA-1 of the YAML text exactly as MkDocs cuts it
out of the page (FRONT is MkDocs' YAML_RE). The hook takes a page's data from here only when that text is the
same; a page edited by hand, or a missing or unreadable file, is parsed as before. Only a speed-up: an engine
that runs no hook (Zensical) reads the YAML itself, and the data here equal what PyYAML reads (json and YAML
give the same lists, strings, numbers, booleans and nulls; a page whose data are not JSON is left out: see
site.render.data_json).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Iterable, Optional

from ..models import Page
from .keep import worth_writing
from .write import atomic_file, page_digest

FILE = "front-matter.json"
# What a dirty site build needs of the pages it does not render (hooks/front_matter.py on_env): the sitemap reads
# an article's source_file and date, and the navigation a listing page's data. An article's data otherwise are a
# tenth of FILE each; a dirty build reads this small file instead of FILE for the pages it leaves alone.
BRIEF = "front-matter-brief.json"
BRIEF_KEYS = ("source_file", "date")
KEYS = "front-matter-keys.json"  # the keys FILE holds, to know without reading 50 MB whether to write it again
# docs path -> [key, size, mtime_ns, ctime_ns, inode] of each page on disk as this run rendered it: a dirty site
# build finds the key of a page it does not render from one stat (the same test as file_digests), not by reading
# 14,000 files; a page whose stat differs (edited since) is read as before.
PATHS = "front-matter-paths.json"
FORMAT = 1
# mkdocs/utils/meta.py's YAML_RE (tests/unit/test_front_matter_cache.py checks they are the same).
FRONT = re.compile(r'^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n', re.UNICODE | re.DOTALL)


_FRONT_BYTES = re.compile(FRONT.pattern.encode("ascii"), re.DOTALL)  # the same on UTF-8 bytes: its characters are ASCII


def key(yaml_text: str) -> str:
    return hashlib.sha1(yaml_text.encode("utf-8")).hexdigest()


def front_bytes(content: bytes) -> Optional[bytes]:
    """_FRONT_BYTES.match(content).group(1) (None when it does not match), found with bytes.find: the regex tries
    the closing line after every line of the front-matter, a fortieth of a millisecond a page (13,000 pages a run,
    here and in the hook). tests/unit/test_front_matter_cache.py checks they agree."""
    if not content.startswith(b"---"):
        return None
    start = 3
    while content[start:start + 1] in (b" ", b"\t"):
        start += 1
    if content[start:start + 1] != b"\n":
        return None
    start += 1
    # The YAML text is content[start:j + 1], j the first "\n" (at start or later) that a closing line follows.
    found = {b"\n---": content.find(b"\n---", start), b"\n...": content.find(b"\n...", start)}
    while True:
        mark, j = min(((m, at) for m, at in found.items() if at >= 0), key=lambda x: x[1], default=(None, -1))
        if mark is None:
            return None
        k = j + 4
        while content[k:k + 1] in (b" ", b"\t"):
            k += 1
        if content[k:k + 1] == b"\n":
            return content[start:j + 1]
        found[mark] = content.find(mark, j + 1)


def page_key(content: bytes) -> Optional[str]:
    """key() of the YAML text MkDocs cuts out of a page with these bytes, or None: no front-matter, or one MkDocs
    reads otherwise (a \r, which its text mode turns into \n; a byte-order mark fails the match)."""
    found = front_bytes(content)
    if found is None or b"\r" in found:
        return None
    return hashlib.sha1(found).hexdigest()


def _keyed(pages: Iterable[Page], known: Optional[dict] = None) -> list[tuple[str, Page]]:
    """(SHA-1 of a page's YAML text, the page) for every Markdown page that carries its data. `known`: path -> that
    key, for pages whose bytes are known to be the ones it was taken from (_known_keys): not looked for again."""
    known = known or {}
    found = ((known.get(p.path) or page_key(p.content), p) for p in pages
             if p.data_json is not None and p.path.endswith(".md"))
    return [(k, p) for k, p in found if k]


def _known_keys(folder: Path, on_disk: dict) -> dict:
    """path -> key, from the last run's PATHS, of each file whose stat is still the one PATHS holds: its bytes are
    those the key was taken from. A page whose file holds its own bytes (on_disk's sha256) then has that key; at
    10,000 articles that spares cutting out and hashing 14,000 front-matters a run."""
    try:
        data = json.loads((Path(folder) / PATHS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    listed = data.get("pages") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(listed, dict):
        return {}
    return {path: entry[0] for path, entry in listed.items()
            if isinstance(entry, list) and len(entry) == 5 and isinstance(entry[0], str)
            and (path in on_disk and list(on_disk[path][1:]) == entry[1:])}


def entries(pages: Iterable[Page]) -> dict[str, dict]:
    """SHA-1 of a page's YAML text -> its data, as the hook reads them."""
    return {k: json.loads(p.data_json) for k, p in _keyed(pages)}


def brief(data: dict) -> dict:
    """What BRIEF keeps of a page's data: an article's BRIEF_KEYS, any other page's data whole."""
    return {k: data[k] for k in BRIEF_KEYS if k in data} if "source_file" in data else data


def _holding(on_disk: Optional[dict], page: Page) -> Optional[list]:
    """on_disk's entry for the page's file when it holds the page's own bytes, else None."""
    entry = on_disk.get(page.path) if on_disk is not None else None
    return entry if entry and entry[0] == page_digest(page) else None


def write_cache(folder: Path, pages: Iterable[Page], on_disk: Optional[dict] = None) -> None:
    """Written piece by piece into a temporary file renamed over the old one: at 10,000 pages the text is 50 MB,
    and a joined copy of it (then its bytes) would come on top of the build's peak memory. Not written again
    when the file already holds nearly all of this run's pages (build.keep): a page missing from it is parsed.
    `on_disk`: docs path -> [sha256, size, mtime_ns, ctime_ns, inode] of the files there now (FileDigests.known),
    for PATHS: a page is listed there when the file holds what this run rendered."""
    pages = list(pages)
    known = _known_keys(folder, on_disk) if on_disk is not None else {}
    # A key is taken from PATHS only for a page whose file holds its very bytes now.
    keyed = _keyed(pages, {p.path: known[p.path] for p in pages if p.path in known and _holding(on_disk, p)})
    found = sorted((k, p.data_json) for k, p in keyed)
    if on_disk is not None:
        paths = {}
        for k, page in keyed:
            entry = _holding(on_disk, page)
            if entry:
                paths[page.path] = [k, *entry[1:]]
        with atomic_file(Path(folder) / PATHS, "w", encoding="utf-8") as fh:
            json.dump({"format": FORMAT, "pages": dict(sorted(paths.items()))}, fh, separators=(",", ":"))
    listed = Path(folder) / KEYS
    try:
        stored = set(json.loads(listed.read_text(encoding="utf-8"))) if (Path(folder) / FILE).is_file() else set()
    except (OSError, ValueError, TypeError):
        stored = set()
    if stored and not worth_writing(stored, [digest for digest, _ in found]):
        return
    with atomic_file(Path(folder) / FILE, "w", encoding="utf-8") as fh:
        fh.write(f'{{"format":{FORMAT},"pages":{{')
        for n, (digest, data) in enumerate(found):
            fh.write(f'{"," if n else ""}"{digest}":')
            fh.write(data)
        fh.write("}}")
    with atomic_file(Path(folder) / BRIEF, "w", encoding="utf-8") as fh:  # before KEYS, as FILE: never less than it lists
        json.dump({"format": FORMAT, "pages": {digest: brief(json.loads(data)) for digest, data in found}}, fh,
                  ensure_ascii=False, separators=(",", ":"))
    with atomic_file(listed, "w", encoding="utf-8") as fh:  # after the file: it never lists a page the file lacks
        json.dump([digest for digest, _ in found], fh)
