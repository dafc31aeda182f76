"""published: the site files preprocess adds to docs/ beside the pages (feeds, exports, citations, redirects).

They are made from the article pages as they will stand in docs/ after this run: the page arshif renders, or,
where an editor changed the generated page by hand (the writer keeps theirs), the editor's page.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..models import Issue, Page
from ..site.sitefiles import article_records, site_file_pages, site_info
from .write import ManifestError, load_manifest, sha256


def _final_text(docs_dir: Path, page: Page, manifest: dict) -> bytes:
    target = docs_dir / page.path
    if target.is_file() and not target.is_symlink():
        current = target.read_bytes()
        if current != page.content and manifest.get(page.path) != sha256(current):
            return current  # an editor's page: the writer will keep it, so the feeds follow it
    return page.content


def site_files(pages: list[Page], docs_dir: Path, config_file: Optional[Path]) -> tuple[list[Page], list[Issue]]:
    try:
        manifest = load_manifest(docs_dir)
    except ManifestError:
        manifest = {}
    articles = [p for p in pages if p.path.startswith("articles/") and p.path.endswith(".md")]
    texts = [(p.path, _final_text(docs_dir, p, manifest).decode("utf-8", errors="replace")) for p in articles]
    records, problems = article_records(texts)
    extra, warnings = site_file_pages(records, site_info(config_file), taken={p.path for p in pages})
    issues = [Issue(line.split(":")[0], "site", "page-unreadable", line, "warning") for line in problems]
    issues += [Issue("aliases", "site", "alias-refused", w, "warning") for w in warnings]
    return extra, issues
