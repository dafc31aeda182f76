"""MkDocs hook: permalinks, feeds, exports, citations and page metadata for the built site.

Thin glue: the work is done by arshif's pure modules (catalog, permalinks, feeds, export, citation,
pagemeta). `site_url` is read here, from MkDocs' own configuration (mkdocs.yml), and nowhere else. Article
records come from the front-matter MkDocs has already parsed (page.meta), so no page is parsed twice.

- on_files: registers feed.xml, atom.xml, archive.json, archive.csv, archive.schema.json (so that links to
  them validate); their content is written in on_env, once every page has been read.
- on_page_markdown: the record of each article page (articles/*.md with a `source_file`).
- on_page_content: the share bar (copy link, copy citation, BibTeX, CSL-JSON) and the citation block.
- on_env: names the entities, fills the feeds and exports, adds articles/<id>.bib, articles/<id>.csl.json
  and a redirect page at each old address an editor listed under `aliases:`.
- on_post_page: description, OpenGraph, Twitter card and feed links in <head>; JSON-LD on article pages.
- on_post_build: sitemap.xml (and .gz) with <lastmod> from the article dates, replacing MkDocs' own, whose
  dates are the build day: same pages, same bytes, whatever the day.
"""
from __future__ import annotations

import logging
import os
import posixpath
import re

import yaml
from mkdocs import utils

from mkdocs.structure.files import File, InclusionLevel

from arshif.site import catalog
from arshif.site import citation
from arshif.site import export
from arshif.site import feeds
from arshif.site import pagemeta
from arshif.site import permalinks

log = logging.getLogger("mkdocs.hooks.pagemeta")
ENTITIES_DIR = "entities"
SITE_FILES = (feeds.RSS_PATH, feeds.ATOM_PATH, export.JSON_PATH, export.CSV_PATH, export.SCHEMA_PATH)

_state: dict = {}
_state_flags: dict = {}  # survives on_config's reset: on_startup runs once, before it
# MkDocs' front-matter pattern (mkdocs.utils.meta.YAML_RE).
_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def on_config(config):
    _state.clear()
    if not config.site_url:
        log.warning("pagemeta: site_url is not set in mkdocs.yml: canonical links, feeds, sitemap and citations need it")
    _state["site"] = feeds.SiteInfo(config.site_name, permalinks.base_url(config.site_url), config.site_description or "")
    _state["articles"] = {}
    return config


def _site() -> feeds.SiteInfo:
    return _state["site"]


def _abs(path: str) -> str:
    return permalinks.absolute(_site().url, path)


def on_files(files, config):
    placeholders = {}
    for path in SITE_FILES:
        if files.get_file_from_path(path) is not None:
            log.warning(f"pagemeta: docs/{path} exists: it is published as it is, not generated")
            continue
        placeholders[path] = File.generated(config, path, content=b"")
        files.append(placeholders[path])
    _state["placeholders"] = placeholders
    _state["files"] = files
    return files


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    if not uri.startswith(permalinks.ARTICLES_DIR + "/"):
        return markdown
    try:
        record = catalog.article_from_meta(page.meta or {}, markdown, posixpath.basename(uri)[:-3])
    except catalog.CatalogError as exc:
        log.warning(f"pagemeta: {uri}: {exc}")
        return markdown
    if record is not None:
        _state["articles"][uri] = record
    return markdown


def _record(page):
    return _state["articles"].get(page.file.src_uri)


def on_page_content(html, page, config, files):
    record = _record(page)
    if record is None:
        return html
    url = _abs(record.path)
    text = citation.citation_text(record, url, _site().name)
    bar = pagemeta.share_bar(url=url, citation=text, bib_href=f"{record.id}.bib", csl_href=f"{record.id}.csl.json")
    meta_start = html.find('class="arshif-meta"')
    meta_end = html.find("</dl>", meta_start) if meta_start >= 0 else -1
    if meta_end >= 0:
        cut = meta_end + len("</dl>")
        html = html[:cut] + "\n" + bar + html[cut:]
    else:
        html = bar + "\n" + html
    return html + "\n" + pagemeta.citation_block(url=url, citation=text)


def _entity_pages(files):
    """(id -> (name, type) lookup, id -> absolute URL) for entities that articles name by id.

    An entity page (entities/<id>.md) gives its title and its URL; else the shipped gazetteer gives the name.
    """
    pages: dict[str, tuple] = {}
    urls: dict[str, str] = {}
    for file in files.documentation_pages():
        if not file.src_uri.startswith(ENTITIES_DIR + "/") or file.page is None:
            continue
        entity_id = posixpath.basename(file.src_uri)[:-3]
        meta = file.page.meta or {}
        if not meta and _state_flags.get("dirty") and file.abs_src_path:
            # A dirty build did not read this unchanged page: read its front-matter as MkDocs would have.
            with open(file.abs_src_path, encoding="utf-8-sig") as fh:
                meta = _front_matter(fh.read())[0]
        pages[entity_id] = (meta.get("title") or file.page.title, meta.get("type"))
        urls[entity_id] = _abs(file.url)

    def lookup(entity_id: str):
        if entity_id in pages and pages[entity_id][0]:
            return str(pages[entity_id][0]), pages[entity_id][1]
        from arshif.relate.entities import entity

        found = entity(entity_id)
        return (found.name, found.type) if found else None

    return lookup, urls


def _add(files, config, path: str, content: bytes, owner: str) -> None:
    if files.get_file_from_path(path) is not None:
        log.warning(f"pagemeta: {path} already exists; {owner} is not written there")
        return
    files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.INCLUDED))


def on_startup(command, dirty):
    _state_flags["dirty"] = dirty


def _load_unread_records(files) -> None:
    """In a dirty build MkDocs reads only changed pages; the feeds, exports and sitemap need every article."""
    for file in files.documentation_pages():
        uri = file.src_uri
        if not uri.startswith(permalinks.ARTICLES_DIR + "/") or uri in _state["articles"] or not file.abs_src_path:
            continue
        with open(file.abs_src_path, encoding="utf-8-sig", errors="strict") as fh:
            source = fh.read()
        meta, markdown = _front_matter(source)
        try:
            record = catalog.article_from_meta(meta, markdown, posixpath.basename(uri)[:-3])
        except catalog.CatalogError as exc:
            log.warning(f"pagemeta: {uri}: {exc}")
            continue
        if record is not None:
            _state["articles"][uri] = record


def _front_matter(source: str):
    """What MkDocs' own meta.get_data returns (meta, markdown), with libyaml when available (10,000 pages)."""
    m = _YAML_RE.match(source)
    if not m:
        return {}, source
    data = yaml.load(m.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        return {}, source
    return data, source[m.end():].lstrip("\n")


def on_env(env, config, files):
    if _state_flags.get("dirty"):
        _load_unread_records(files)
    lookup, entity_urls = _entity_pages(files)
    articles = {uri: catalog.name_entities(r, lookup) for uri, r in _state["articles"].items()}
    _state["articles"] = articles
    _state["entity_urls"] = entity_urls
    records = sorted(articles.values(), key=lambda a: a.id)
    site = _site()

    content = {
        feeds.RSS_PATH: feeds.rss(records, site),
        feeds.ATOM_PATH: feeds.atom(records, site),
        export.JSON_PATH: export.archive_json(records, config.site_url),
        export.CSV_PATH: export.archive_csv(records, config.site_url),
        export.SCHEMA_PATH: export.schema_json(),
    }
    for path, file in _state["placeholders"].items():
        file.content_bytes = content[path]
    for record in records:
        url = _abs(record.path)
        base = f"{permalinks.ARTICLES_DIR}/{record.id}"
        _add(files, config, base + ".bib", citation.bibtex(record, url, _abs(record.original_path)).encode("utf-8"), "BibTeX")
        _add(files, config, base + ".csl.json", citation.csl_json(record, url, site.name).encode("utf-8"), "CSL-JSON")
    _add_redirects(files, config, records)
    return env


def _add_redirects(files, config, records) -> None:
    taken: dict[str, str] = {}
    for record in records:
        for alias in record.aliases:
            try:
                old = permalinks.alias_id(alias)
            except permalinks.AliasError as exc:
                log.warning(f"pagemeta: {record.id}: {exc}")
                continue
            if old == record.id:
                continue
            if files.get_file_from_path(f"{permalinks.ARTICLES_DIR}/{old}.md") is not None:
                log.warning(f"pagemeta: alias '{old}' of {record.id} is the id of another article: no redirect written")
                continue
            if old in taken:
                log.warning(f"pagemeta: alias '{old}' is claimed by {taken[old]} and {record.id}: it redirects to {taken[old]}")
                continue
            taken[old] = record.id
            page = permalinks.redirect_page(f"{record.id}.html", _abs(record.path), record.title)
            _add(files, config, permalinks.article_path(old), page.encode("utf-8"), f"the redirect to {record.id}")


def on_post_page(output, page, config):
    record = _record(page)
    site = _site()
    if record is not None:
        url = _abs(record.path)
        data = pagemeta.json_ld(record, url=url, site=site, original_url=_abs(record.original_path),
                                entity_urls=_state.get("entity_urls"))
        summary, title = record.lead, record.title
    else:
        data = None
        summary = (page.meta or {}).get("description") or site.description
        title = page.title or site.name
    tags = pagemeta.head_tags(title=str(title), summary=str(summary or ""), canonical=page.canonical_url,
                              page_path=page.file.url, site=site, article=record, json_ld_data=data)
    output = pagemeta.with_description(output, str(summary or ""))
    end = output.find("</head>")
    if end < 0:
        return output
    return output[:end] + tags + "\n" + output[end:]


def on_post_build(config):
    files = _state.get("files")
    if files is None:
        return
    articles = _state["articles"]
    newest = feeds.newest_date(articles.values())
    entries = []
    for file in files.documentation_pages():
        if not file.inclusion.is_included():
            continue
        record = articles.get(file.src_uri)
        if record is not None:
            lastmod = record.date
        elif file.src_uri == "index.md":
            lastmod = newest  # the index changes when the newest article arrives
        else:
            lastmod = None
        entries.append(permalinks.SitemapEntry(file.url, lastmod))
    data = permalinks.sitemap_xml(config.site_url, entries)
    # utils.write_file replaces the file (see hooks/incremental.py): never writes through a hard link.
    utils.write_file(data, os.path.join(config.site_dir, "sitemap.xml"))
    utils.write_file(permalinks.gzip_fixed(data), os.path.join(config.site_dir, "sitemap.xml.gz"))
