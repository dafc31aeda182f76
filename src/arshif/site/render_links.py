"""render_links: the connected pages (entities, outlets, events, timeline, the home page), which the listing_*
modules make. (What an article page shows around its text is article_links.py's data, printed by the theme.)

Same rules as render.py: every string from an article goes out through esc() inside raw HTML blocks, and
links are final relative URLs ending in .html (use_directory_urls: false, so they work from file://).
These pages stay out of the nav except their indexes (the nav is rendered on every page). An entity or
event without a page of its own (see relate.archive.entity_paged / event_paged) is named, not linked.
"""
from __future__ import annotations

from typing import Callable

from ..models import Page
from ..relate.archive import Archive
from .listing_entities import entity_pages
from .listing_events import event_pages, outlet_pages
from .listing_home import home_pages
from .listing_time import timeline_pages


def summary_index(archive: Archive) -> list[Page]:
    """docs/index.md (the newest articles, links to years and months) and the data its filters load."""
    return home_pages(archive)


def link_pages(archive: Archive) -> list[Page]:
    """Every page of the connected archive (not the article pages themselves, nor the home page)."""
    return [page for part in link_page_parts(archive) for page in part()]


def link_page_parts(archive: Archive) -> list[Callable[[], list[Page]]]:
    """link_pages in parts of similar cost, in its order: the entity pages are half of it at 10,000 articles,
    so they are one part and the rest another, and two processes can make them side by side."""
    return [lambda: entity_pages(archive),
            lambda: [*outlet_pages(archive), *event_pages(archive), *timeline_pages(archive)]]
