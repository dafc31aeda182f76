"""feeds: RSS 2.0 (feed.xml) and Atom 1.0 (atom.xml) of the newest articles, as static files.

Written by arshif itself (no feed plugin): the data is the pages' front-matter (catalog.py), the addresses
come from site_url, and nothing depends on the clock: a feed's own date is its newest article's date, so the
same articles give the same bytes on every build.

Undated articles are left out of both feeds. A feed is a list in time order and readers sort and expire
items by date; an item with no date would either float to the top as "new" on every reader's first fetch or
be given a date we do not know. They remain in the index, the sitemap and archive.json / archive.csv.

With no published site_url (permalinks.public_base is "": none, or a reserved example address) no domain is
invented. RSS 2.0 requires the site's address (channel <link>, and its links are URLs), so feed.xml is not
written (`rss` returns None) and the pages do not announce it. Atom allows IRI references in links (RFC 4287
4.2.7.1, resolved against the feed's own address), so atom.xml links are relative to the site root, where it is
published; its ids must be IRIs, so they are `urn:uuid:` names made from the site name and the article id
(RFC 4122 version 5): stable from build to build, but not an address. Set site_url for feeds to use real ones.

Only a date is known for most articles, and never a time zone: each item is dated at 00:00 UTC of its day
(the printed time is not used, since its zone is unknown). Both formats require a full time stamp.
"""
from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from email.utils import format_datetime
from typing import Iterable, Optional
from xml.sax.saxutils import escape, quoteattr

from .catalog import ArticleMeta, newest_first
from .permalinks import absolute, base_url

FEED_SIZE = 50
RSS_PATH = "feed.xml"
ATOM_PATH = "atom.xml"
EPOCH = dt.date(1970, 1, 1)  # an empty feed's date: Atom requires one, and no article gives it
# Characters XML 1.0 forbids: a scraped control character must not make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # site_url, absolute; "" when the site has no published address (permalinks.public_base)
    description: str = ""
    language: str = "ar"


def feed_articles(articles: Iterable[ArticleMeta], size: int = FEED_SIZE) -> list[ArticleMeta]:
    """The newest `size` dated articles, newest first (ties: printed time, then id)."""
    return [a for a in newest_first(articles) if a.date is not None][:size]


def _x(text: object) -> str:
    return escape(_NOT_XML.sub("", str(text)))


def _attr(text: object) -> str:
    return quoteattr(_NOT_XML.sub("", str(text)))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def rfc822(day: dt.date) -> str:
    """RFC 822 date for RSS, independent of the locale (email.utils writes English names itself)."""
    return format_datetime(_midnight(day))


def rfc3339(day: dt.date) -> str:
    return _midnight(day).strftime("%Y-%m-%dT%H:%M:%SZ")


def rss(articles: Iterable[ArticleMeta], site: SiteInfo, size: int = FEED_SIZE) -> Optional[bytes]:
    """feed.xml, or None with no published site_url: RSS 2.0 requires absolute addresses (see the module)."""
    if not site.url:
        return None
    items = feed_articles(articles, size)
    newest = items[0].date if items else None
    root = base_url(site.url)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "  <channel>",
        f"    <title>{_x(site.name)}</title>",
        f"    <link>{_x(root)}</link>",
        f"    <description>{_x(site.description or site.name)}</description>",
        f"    <language>{_x(site.language)}</language>",
        "    <generator>arshif</generator>",
        f'    <atom:link href={_attr(absolute(site.url, RSS_PATH))} rel="self" type="application/rss+xml"/>',
    ]
    if newest:
        out.append(f"    <pubDate>{rfc822(newest)}</pubDate>")
        out.append(f"    <lastBuildDate>{rfc822(newest)}</lastBuildDate>")
    for a in items:
        url = absolute(site.url, a.path)
        out.append("    <item>")
        out.append(f"      <title>{_x(a.title)}</title>")
        out.append(f"      <link>{_x(url)}</link>")
        out.append(f'      <guid isPermaLink="true">{_x(url)}</guid>')
        assert a.date is not None
        out.append(f"      <pubDate>{rfc822(a.date)}</pubDate>")
        if a.lead:
            out.append(f"      <description>{_x(a.lead)}</description>")
        if a.author:
            out.append(f"      <dc:creator>{_x(a.author)}</dc:creator>")
        if a.outlet:
            out.append(f"      <category>{_x(a.outlet)}</category>")
        out.append("    </item>")
    out += ["  </channel>", "</rss>", ""]
    return "\n".join(out).encode("utf-8")


def _urn(site: SiteInfo, key: str) -> str:
    """An Atom id with no published address: a name-based UUID of the site name and `key`, the same every build."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"arshif:{site.name}:{key}"))


def atom(articles: Iterable[ArticleMeta], site: SiteInfo, size: int = FEED_SIZE) -> bytes:
    """atom.xml; with no published site_url its links are relative to the site root and its ids urn:uuid names."""
    items = feed_articles(articles, size)
    updated: dt.date = items[0].date if items and items[0].date else EPOCH
    root = base_url(site.url) or "index.html"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={_attr(site.language)}>',
        f"  <id>{_x(root if site.url else _urn(site, ''))}</id>",
        f"  <title>{_x(site.name)}</title>",
    ]
    if site.description:
        out.append(f"  <subtitle>{_x(site.description)}</subtitle>")
    out += [
        f"  <updated>{rfc3339(updated)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={_attr(absolute(site.url, ATOM_PATH))}/>',
        f'  <link rel="alternate" type="text/html" href={_attr(root)}/>',
        # Atom requires an author for every entry: the archive stands in where the article names none.
        f"  <author><name>{_x(site.name)}</name></author>",
        "  <generator>arshif</generator>",
    ]
    for a in items:
        url = absolute(site.url, a.path)
        assert a.date is not None
        out.append("  <entry>")
        out.append(f"    <id>{_x(url if site.url else _urn(site, a.id))}</id>")
        out.append(f"    <title>{_x(a.title)}</title>")
        out.append(f'    <link rel="alternate" type="text/html" href={_attr(url)}/>')
        out.append(f"    <published>{rfc3339(a.date)}</published>")
        out.append(f"    <updated>{rfc3339(a.date)}</updated>")
        if a.author:
            out.append(f"    <author><name>{_x(a.author)}</name></author>")
        if a.outlet:
            out.append(f"    <category term={_attr(a.outlet)}/>")
        if a.lead:
            out.append(f"    <summary>{_x(a.lead)}</summary>")
        out.append("  </entry>")
    out += ["</feed>", ""]
    return "\n".join(out).encode("utf-8")


def feed_links(from_path: str) -> list[tuple[str, str, str]]:
    """(type, title, relative href) of the feeds, for <link rel="alternate"> on a page at `from_path`."""
    from .permalinks import relative

    return [
        ("application/rss+xml", "RSS", relative(from_path, RSS_PATH)),
        ("application/atom+xml", "Atom", relative(from_path, ATOM_PATH)),
    ]


def newest_date(articles: Iterable[ArticleMeta]) -> Optional[dt.date]:
    dates = [a.date for a in articles if a.date]
    return max(dates) if dates else None
