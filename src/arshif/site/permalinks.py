"""permalinks: where an article lives, for good, and what answers at its old addresses.

An article's page is `articles/<id>.html`, the id coming from its source file name alone (ids.py), so adding,
removing or re-extracting other articles never moves it. When an editor renames a source file (the id
changes), the article's override lists the old ids under `aliases:` (or `redirect_from:`) and a tiny static
page at each old address sends readers on: a meta refresh plus a canonical link and a plain link, which
works from file:// and on any static host, with no server rules and no plugin.

Absolute URLs exist only where a format requires one (canonical, og:url, feeds, sitemap, citations); they are
built here from the `site_url` of mkdocs.yml, which MkDocs reads: nothing else in arshif reads it. A site_url
that names no published address (none, not http(s), or a reserved example host such as example.org, *.test,
*.invalid, localhost: RFC 2606 / 6761) gives no absolute address at all: `public_base` is then "", and every
format says what it does instead (no canonical link, no sitemap entries, relative links, omitted fields). The
templates apply the same rule (overrides/partials/arshif-public.html; a test keeps the two in step).
"""
from __future__ import annotations

import datetime as dt
import gzip
import html
import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import urlsplit

from ..ids import AliasError, alias_id, article_id  # noqa: F401 (the alias API is used from here too)
from .messages import text as _text  # reader-facing strings (rules/messages.yaml)

ARTICLES_DIR = "articles"


def article_path(id_: str) -> str:
    """The permalink of an article, relative to the site root."""
    return f"{ARTICLES_DIR}/{id_}.html"


def base_url(site_url: Optional[str]) -> str:
    """site_url with exactly one trailing slash ('' when the site has none)."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/"


# RFC 2606 / 6761 names that can never be a published address (the templates' list is the same).
RESERVED_HOSTS = re.compile(r"^(?:[^/]+\.)?(?:example\.(?:com|org|net)|localhost|example|test|invalid)$")


def public_base(site_url: Optional[str]) -> str:
    """base_url(site_url) when it names a published address, else "" (none, not http(s), or a reserved host)."""
    if not site_url:
        return ""
    try:
        parts = urlsplit(str(site_url).strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host or RESERVED_HOSTS.match(host):
        return ""
    return base_url(str(site_url).strip())


def absolute(site_url: Optional[str], path: str) -> str:
    """The absolute URL of a site path (relative to the site root); the path itself when there is no site_url."""
    return base_url(site_url) + path.lstrip("/")


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at `from_path` to `to_path`, both relative to the site root (posix)."""
    start = posixpath.dirname(from_path) or "."
    return posixpath.relpath(to_path, start)


def redirect_page(target: str, canonical: str, title: str = "") -> str:
    """A static page that sends the reader to `target` (a relative link), naming `canonical` as the real address.

    A meta refresh of 0 works without scripts and from file://; the canonical link tells search engines which
    address counts (none when `canonical` is "": no published address is known); the visible link serves anyone
    whose browser refuses to refresh.
    """
    t, c = html.escape(target, quote=True), html.escape(canonical, quote=True)
    name = html.escape(title) if title else t
    return (
        "<!doctype html>\n"
        '<html lang="ar" dir="rtl">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{html.escape(_text('redirect.title', title=title or target))}</title>\n"
        + (f'<link rel="canonical" href="{c}">\n' if canonical else "")
        + '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={t}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>{html.escape(_text("redirect.body"))} <a href="{t}">{name}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


@dataclass(frozen=True)
class SitemapEntry:
    path: str  # relative to the site root
    lastmod: Optional[dt.date] = None  # from the data (an article's date), never from the build clock


def sitemap_xml(site_url: Optional[str], entries: Iterable[SitemapEntry]) -> bytes:
    """sitemap.xml in path order; <lastmod> only where the data gives a date. Same entries, same bytes.

    A sitemap lists absolute addresses only: with no published site_url (public_base ""), b"" (none is written,
    as overrides/sitemap.xml renders nothing and MkDocs then skips the file)."""
    if not public_base(site_url):
        return b""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for entry in sorted(entries, key=lambda e: e.path):
        lines.append("  <url>")
        lines.append(f"    <loc>{html.escape(absolute(site_url, entry.path), quote=False)}</loc>")
        if entry.lastmod:
            lines.append(f"    <lastmod>{entry.lastmod.isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def gzip_fixed(data: bytes) -> bytes:
    """gzip with no file name and a zero time stamp in its header, so the bytes depend on the data only."""
    return gzip.compress(data, compresslevel=9, mtime=0)
