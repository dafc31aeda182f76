"""sitefiles: the files around the pages — feeds, exports, citation files, redirects — as pages for docs/.

Written by preprocess into docs/, so that any engine that copies docs/ (MkDocs, Zensical) publishes the same
archive; nothing is left for a build hook to add. The data is what the article pages say (their front-matter,
read back by catalog.py: a page an editor corrected is fed, exported and cited as it reads). Absolute addresses
come from mkdocs.yml's site_url, read here from the same file the engines read; a site_url that names no
published address (permalinks.public_base) gives none: no feed.xml, a relative atom.xml, citations and redirects
with no URL or canonical link, archive.json / archive.csv with relative paths (see feeds.py and citation.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import yaml

from ..models import Page
from . import catalog, citation, export, feeds, permalinks

SITE_FILES = (feeds.RSS_PATH, feeds.ATOM_PATH, export.JSON_PATH, export.CSV_PATH, export.SCHEMA_PATH)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative, python names): read as plain values, not run."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_info(config_file: Optional[Path]) -> feeds.SiteInfo:
    """site_name, site_url and site_description of mkdocs.yml (empty when there is no such file)."""
    data: dict = {}
    if config_file is not None and Path(config_file).is_file():
        loaded = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_ConfigLoader)
        data = loaded if isinstance(loaded, dict) else {}
    return feeds.SiteInfo(str(data.get("site_name") or ""), permalinks.public_base(data.get("site_url") or ""),
                          str(data.get("site_description") or ""))


def _lookup_from(meta: dict):
    """Entity names and types from the page's own `links.entities` (written beside the ids by preprocess)."""
    named = {}
    for e in (meta.get("links") or {}).get("entities") or ():
        if isinstance(e, dict) and e.get("id") and e.get("name"):
            named[str(e["id"])] = (str(e["name"]), e.get("type"))

    def lookup(entity_id: str):
        if entity_id in named:
            return named[entity_id]
        from ..relate.entities import entity

        found = entity(entity_id)
        return (found.name, found.type) if found else None

    return lookup


def article_record(path: str, source: str, data: Optional[dict] = None) -> tuple[Optional[catalog.ArticleMeta], Optional[str]]:
    """One article page's record (None for a page that is not an article), or the problem line when it does not
    parse. A pure function of the page and the rules (entity names), so the build can reuse it by content.
    `data`: the front-matter's data when already known (a page arshif rendered: its Page.data_json, what YAML
    reads back from it), so that only the body is split off, not the YAML parsed again."""
    try:
        meta, body = catalog.split_front_matter(source) if data is None else (data, catalog.split_body(source))
        record = catalog.article_from_meta(meta, body, Path(path).stem)
    except catalog.CatalogError as exc:
        return None, f"{path}: {exc}"
    return (catalog.name_entities(record, _lookup_from(meta)) if record is not None else None), None


def article_records(pages: Iterable[tuple[str, str]]) -> tuple[list[catalog.ArticleMeta], list[str]]:
    """(path, text) of article pages -> their records, and one problem line for each page that does not parse."""
    return sort_records(article_record(path, source) for path, source in pages)


def sort_records(found: Iterable[tuple]) -> tuple[list[catalog.ArticleMeta], list[str]]:
    """article_record's results -> the records in id order and the problem lines in page order."""
    records, problems = [], []
    for record, problem in found:
        if problem:
            problems.append(problem)
        elif record is not None:
            records.append(record)
    return sorted(records, key=lambda r: r.id), problems


def site_file_pages(records: list[catalog.ArticleMeta], site: feeds.SiteInfo,
                    taken: Iterable[str] = (), made: Optional[dict] = None) -> tuple[list[Page], list[str]]:
    """The feeds, exports, BibTeX / CSL-JSON files and redirect pages, and a warning for each alias refused.

    `taken`: the paths of docs/ already used by pages (an alias that is another article's id redirects nowhere).
    With no published address (site.url ""): no RSS feed, and citations and redirects name no URL. `made`: each
    record's own files (article_files) from the last run, for this `site`; it is left holding this run's."""
    taken = set(taken)
    known = dict(made) if made else {}
    if made is not None:
        made.clear()
    own = made if made is not None else {}
    for record in records:
        own[record] = known.get(record) or article_files(record, site)
    rss = feeds.rss(records, site)
    pages = [Page(feeds.RSS_PATH, rss)] if rss is not None else []
    pages += [
        Page(feeds.ATOM_PATH, feeds.atom(records, site)),
        Page(export.JSON_PATH, export.archive_json(records, site.url or None, {r: own[r][2] for r in records})),
        Page(export.CSV_PATH, export.archive_csv(records, site.url or None, {r: own[r][3] for r in records})),
        Page(export.SCHEMA_PATH, export.schema_json()),
    ]
    for record in records:
        base = f"{permalinks.ARTICLES_DIR}/{record.id}"
        bib, csl, _, _ = own[record]
        pages.append(Page(base + ".bib", bib))
        pages.append(Page(base + ".csl.json", csl))
    redirects, warnings = _redirects(records, site, taken)
    return pages + redirects, warnings


def article_files(record: catalog.ArticleMeta, site: feeds.SiteInfo) -> tuple[bytes, bytes, bytes, bytes]:
    """(BibTeX file, CSL-JSON file, archive.json row, archive.csv line) of one article: a pure function of its record
    and the site."""
    url = permalinks.absolute(site.url, record.path) if site.url else ""
    original = permalinks.absolute(site.url, record.original_path) if site.url else ""
    return (citation.bibtex(record, url, original).encode("utf-8"),
            citation.csl_json(record, url, site.name).encode("utf-8"),
            export.row_json(record, site.url or None), export.row_csv(record, site.url or None))


def _redirects(records, site: feeds.SiteInfo, taken: set[str]) -> tuple[list[Page], list[str]]:
    pages, warnings = [], []
    claimed: dict[str, str] = {}
    for record in records:
        for alias in record.aliases:
            try:
                old = permalinks.alias_id(alias)
            except permalinks.AliasError as exc:
                warnings.append(f"{record.id}: {exc}")
                continue
            if old == record.id:
                continue
            if f"{permalinks.ARTICLES_DIR}/{old}.md" in taken:
                warnings.append(f"alias '{old}' of {record.id} is the id of another article: no redirect written")
                continue
            if old in claimed:
                warnings.append(f"alias '{old}' is claimed by {claimed[old]} and {record.id}: it redirects to {claimed[old]}")
                continue
            claimed[old] = record.id
            canonical = permalinks.absolute(site.url, record.path) if site.url else ""
            html = permalinks.redirect_page(f"{record.id}.html", canonical, record.title)
            pages.append(Page(permalinks.article_path(old), html.encode("utf-8")))
    return pages, warnings
