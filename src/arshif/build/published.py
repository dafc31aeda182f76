"""published: the site files preprocess adds to docs/ beside the pages (feeds, exports, citations, redirects).

They are made from the article pages as they will stand in docs/ after this run: the page arshif renders, or,
where an editor changed the generated page by hand (the writer keeps theirs), the editor's page. Reading a page's
front-matter back costs more than rendering it, so each page's record is kept in the cache folder by the page's
content (and the code and rules): after one edit only the changed pages are read again.
"""
from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path
from typing import Optional

from ..models import Issue, Page
from ..site.sitefiles import article_record, site_file_pages, site_info, sort_records
from .file_digests import FileDigests
from .keep import worth_writing
from .write import ManifestError, atomic_write, load_manifest, page_digest, sha256

RECORDS = "page-records.pickle"
MADE = "site-files.pickle"  # each record's citation files and archive.json and archive.csv rows (sitefiles.article_files), by site


def _load(store: Optional[Path]) -> object:
    """What a store of the cache folder holds; None when there is none or it is damaged (then all is made again)."""
    if store is None or not store.is_file():
        return None
    try:
        with open(store, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError, TypeError):
        return None


def _final_text(docs_dir: Path, page: Page, manifest: dict, digests: FileDigests) -> bytes:
    _, current = digests.current(page.path)
    if current is None or current == manifest.get(page.path) or current == page_digest(page):
        return page.content
    try:
        return (docs_dir / page.path).read_bytes()  # an editor's page: the writer will keep it, so the feeds follow it
    except OSError:
        return page.content


def _records(texts: list[tuple[str, bytes, Optional[str], str]], folder: Optional[Path],
             fingerprint: str) -> tuple[list, list[str], dict]:
    """article_records of `texts` (path, the page's bytes, its front-matter's data as JSON when known, the bytes'
    sha256), reusing the last run's record of each page whose bytes are the same; only the others are decoded and
    read (10,000 pages decoded at once are a tenth of a gigabyte). A page is known by its sha256, which the conflict
    check and the writer take too (write.page_digest): its 180 MB are hashed once a run, not twice.
    Third: id(record) -> the key of its page's bytes."""
    store = Path(folder) / RECORDS if folder else None
    known = _load(store)
    known = known if isinstance(known, dict) else {}
    now: dict = {}
    for path, data, meta, digest in texts:
        key = hashlib.sha256(f"{fingerprint}\0{path}\0{digest}".encode("utf-8", "surrogatepass")).hexdigest()
        now[key] = known[key] if key in known else article_record(path, data.decode("utf-8", errors="replace"),
                                                                  json.loads(meta) if meta else None)
    if store is not None and worth_writing(known, now):
        store.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(store, pickle.dumps(now, protocol=pickle.HIGHEST_PROTOCOL))
    records, problems = sort_records(now[k] for k in now)
    return records, problems, {id(found[0]): k for k, found in now.items() if found[0] is not None}


def site_files(pages: list[Page], docs_dir: Path, config_file: Optional[Path], cache_folder: Optional[Path] = None,
               fingerprint: str = "", digests: Optional[FileDigests] = None) -> tuple[list[Page], list[Issue]]:
    """The site files, and an issue per page that cannot be read back. `cache_folder` keeps the page records;
    `digests`, the hashes of docs/'s files (write.write_pages takes the same)."""
    digests = digests or FileDigests(docs_dir)
    try:
        manifest = load_manifest(docs_dir)
    except ManifestError:
        manifest = {}
    articles = [p for p in pages if p.path.startswith("articles/") and p.path.endswith(".md")]
    texts = []
    for page in articles:
        final = _final_text(docs_dir, page, manifest, digests)
        # The page as arshif rendered it: its front-matter's data are known (Page.data_json), not parsed again.
        own = final is page.content
        texts.append((page.path, final, page.data_json if own else None,
                      page_digest(page) if own else sha256(final)))
    records, problems, key_of = _records(texts, cache_folder, fingerprint)
    del texts
    site = site_info(config_file)
    # Each record's own files from the last run, kept by its page's key (not by a second copy of every record).
    stored = _load(Path(cache_folder) / MADE if cache_folder else None)
    by_key = stored[2] if isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (fingerprint, site) else {}
    made = {r: by_key[key_of[id(r)]] for r in records if key_of[id(r)] in by_key}
    extra, warnings = site_file_pages(records, site, taken={p.path for p in pages}, made=made)
    now = {key_of[id(r)]: made[r] for r in records}
    if cache_folder and worth_writing(by_key, now):
        atomic_write(Path(cache_folder) / MADE, pickle.dumps((fingerprint, site, now), protocol=pickle.HIGHEST_PROTOCOL))
    issues = [Issue(line.split(":")[0], "site", "page-unreadable", line, "warning") for line in problems]
    issues += [Issue("aliases", "site", "alias-refused", w, "warning") for w in warnings]
    return extra, issues
