"""pagemeta: what a page tells browsers, search engines, link previews and citation tools about itself.

Pure functions from an article's record to HTML strings; hooks/pagemeta.py puts them into the built pages.
Every value that comes from an article is escaped here (render.esc for HTML; JSON with <, > and & written as
\\u escapes inside <script>), so a scraped title can never close a tag or a script.

- <meta name="description">, OpenGraph and Twitter card tags from the title and the lead;
- JSON-LD NewsArticle: headline, datePublished only when the date is known, author, publisher = outlet,
  inLanguage ar, isBasedOn = the original text file, about = the entities in the front-matter;
- the share bar (copy link, copy citation, BibTeX, CSL-JSON) and the citation block of an article page.
"""
from __future__ import annotations

import json
import re
from typing import Optional

from .catalog import ArticleMeta
from .feeds import SiteInfo, feed_links
from .render import esc

DESCRIPTION_LIMIT = 300
SCHEMA_TYPES = {"person": "Person", "people": "Person", "place": "Place", "places": "Place",
                "organisation": "Organization", "organization": "Organization", "organisations": "Organization",
                "organizations": "Organization"}
_DESCRIPTION_META = re.compile(r'[ \t]*<meta name="description" content="[^"]*">\n?')


def description(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The text on one line, cut at a word boundary when longer than `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _meta(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{esc(name)}" content="{esc(content)}">'


def head_tags(*, title: str, summary: str, canonical: Optional[str], page_path: str, site: SiteInfo,
              article: Optional[ArticleMeta] = None, json_ld_data: Optional[dict] = None) -> str:
    """The tags to add to a page's <head>. `page_path` is the page's path from the site root (for relative links)."""
    tags = []
    if summary:
        tags.append(_meta("name", "description", description(summary)))
    tags.append(_meta("property", "og:site_name", site.name))
    tags.append(_meta("property", "og:locale", "ar_AR"))
    tags.append(_meta("property", "og:type", "article" if article else "website"))
    tags.append(_meta("property", "og:title", title))
    if summary:
        tags.append(_meta("property", "og:description", description(summary)))
    if canonical:
        tags.append(_meta("property", "og:url", canonical))
    if article is not None and article.date:
        tags.append(_meta("property", "article:published_time", article.date.isoformat()))
    if article is not None and article.outlet:
        tags.append(_meta("property", "article:section", article.outlet))
    tags.append(_meta("name", "twitter:card", "summary"))
    tags.append(_meta("name", "twitter:title", title))
    if summary:
        tags.append(_meta("name", "twitter:description", description(summary)))
    for kind, label, href in feed_links(page_path):
        # "alternate feed", not bare "alternate": Material reads every link[rel=alternate] (exact value) as
        # another language's site and fetches its sitemap.xml, which file:// forbids. Feed discovery reads
        # the rel tokens, so "alternate" still announces the feed.
        tags.append(f'<link rel="alternate feed" type="{kind}" title="{esc(site.name)} ({label})" href="{esc(href)}">')
    if json_ld_data is not None:
        tags.append(json_ld_script(json_ld_data))
    return "\n".join(tags)


def json_ld(article: ArticleMeta, *, url: str, site: SiteInfo, original_url: str,
            entity_urls: Optional[dict[str, str]] = None) -> dict:
    """schema.org NewsArticle of an article; keys with unknown values are left out, never guessed."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "ar",
    }
    if article.lead:
        data["description"] = article.lead
    if article.date:
        data["datePublished"] = article.date.isoformat()
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    if article.outlet:
        data["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.dateline:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline}
    data["isBasedOn"] = original_url
    if article.entities:
        about = []
        for entity in article.entities:
            thing: dict = {"@type": SCHEMA_TYPES.get((entity.type or "").lower(), "Thing"), "name": entity.name}
            if entity_urls and entity.id and entity.id in entity_urls:
                thing["url"] = entity_urls[entity.id]
            about.append(thing)
        data["about"] = about
    data["isPartOf"] = {"@type": "WebSite", "name": site.name, "url": site.url}
    return data


def json_ld_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    # Inside <script> only "</script" or "<!--" could end the block: escape <, > and & as JSON allows.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def with_description(output: str, summary: str) -> str:
    """Swap the theme's site-wide description for the page's own (the tag is added by head_tags)."""
    if not summary:
        return output
    return _DESCRIPTION_META.sub("", output, count=1)


def share_bar(*, url: str, citation: str, bib_href: str, csl_href: str) -> str:
    """Buttons under the article's metadata. The copied text is in data-copy, so it needs no network and no page scan."""
    return (
        '<div class="arshif-share" role="group" aria-label="مشاركة المقالة والاستشهاد بها">'
        f'<button type="button" class="md-button arshif-copy" data-arshif-copy="link" data-copy="{esc(url)}">نسخ الرابط</button>'
        f'<button type="button" class="md-button arshif-copy" data-arshif-copy="citation" data-copy="{esc(citation)}">نسخ الاستشهاد</button>'
        f'<a class="md-button arshif-download" href="{esc(bib_href)}" download type="application/x-bibtex">BibTeX</a>'
        f'<a class="md-button arshif-download" href="{esc(csl_href)}" download type="application/vnd.citationstyles.csl+json">CSL-JSON</a>'
        '<span class="arshif-copy-status" role="status" aria-live="polite"></span>'
        "</div>"
    )


def citation_block(*, url: str, citation: str) -> str:
    """The ready citation, shown on screen and in print; the access date is the reader's to add."""
    return (
        '<section class="arshif-cite" aria-labelledby="arshif-cite-heading">'
        '<h2 id="arshif-cite-heading">الاستشهاد بهذه المقالة</h2>'
        f'<p class="arshif-citation" dir="rtl">{esc(citation)}</p>'
        f'<p class="arshif-permalink">الرابط الدائم: <a href="{esc(url)}" dir="ltr">{esc(url)}</a></p>'
        '<p class="arshif-cite-note">أضف تاريخ اطلاعك عند الاستشهاد.</p>'
        "</section>"
    )
