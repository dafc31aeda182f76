"""render_links: the related / previous-next block of each article page, and the connected pages (entities,
outlets, events, timeline, the home page), which the listing_* modules make.

Same rules as render.py: every string from an article goes out through esc() inside raw HTML blocks, and
links are final relative URLs ending in .html (use_directory_urls: false, so they work from file://).
These pages stay out of the nav except their indexes (the nav is rendered on every page). An entity or
event without a page of its own (see relate.archive.entity_paged / event_paged) is named, not linked.
"""
from __future__ import annotations

from ..models import Article, Page
from ..relate.archive import Archive, entity_paged, event_paged
from .listing_common import PROPOSED
from .listing_entities import entity_pages
from .listing_events import event_pages, outlet_pages
from .listing_home import home_pages
from .listing_time import timeline_pages
from .render import esc, format_date


def _title(a: Article) -> str:
    return a.title.value or a.id


# ---------------------------------------------------------------------------------------------- article block
def article_block(archive: Archive, article_id: str) -> str:
    """Event, proposed date, related articles with reasons, entities and previous / next: for the article page."""
    links = archive.links[article_id]
    event = archive.event_by_id[links.event]
    out = ['<section class="arshif-links">']
    if event_paged(event):  # an event of one article has no page: nothing to link to
        out.append(f'<p class="arshif-event-link">الحدث: <a href="../events/{esc(event.id)}.html">{esc(event.name)}</a>'
                   f' <span class="arshif-count">({len(event.members)} تغطيات)</span></p>')
    if links.proposed_date:
        out.append(f'<p class="arshif-proposed">{esc(PROPOSED)}: <time datetime="{links.proposed_date.isoformat()}">'
                   f'{esc(format_date(links.proposed_date))}</time> — أقدم تاريخ معروف لتغطيات الحدث، وليس تاريخاً مطبوعاً في المقالة.</p>')
    if links.related:
        out.append('<h2 class="arshif-related-title">مقالات ذات صلة</h2>')
        out.append('<ul class="arshif-related">')
        for r in links.related:
            other = archive.articles[r.article]
            if r.same_event:
                reason = "الحدث نفسه"
            else:
                reason = "يشترك في: " + "، ".join(archive.entities[e].name for e in r.shared)
            out.append(f'<li><a href="{esc(r.article)}.html">{esc(_title(other))}</a> '
                       f'<span class="arshif-reason">{esc(reason)}</span></li>')
        out.append("</ul>")
    if links.entities:
        names = [f'<a href="../entities/{esc(e)}.html">{esc(archive.entities[e].name)}</a>' if entity_paged(archive, e)
                 else f'<span>{esc(archive.entities[e].name)}</span>' for e in links.entities]
        out.append('<h2 class="arshif-related-title">الكيانات</h2>')
        out.append('<p class="arshif-entities">' + "، ".join(names) + "</p>")
    nav = []
    if links.previous:
        prev = archive.articles[links.previous]
        nav.append(f'<a class="arshif-prev" rel="prev" href="{esc(prev.id)}.html">→ السابقة زمنياً: {esc(_title(prev))}</a>')
    if links.next:
        nxt = archive.articles[links.next]
        nav.append(f'<a class="arshif-next" rel="next" href="{esc(nxt.id)}.html">التالية زمنياً: {esc(_title(nxt))} ←</a>')
    if nav:
        out.append('<nav class="arshif-prevnext" aria-label="المقالة السابقة والتالية">' + "".join(nav) + "</nav>")
    out.append("</section>")
    return "\n".join(out)


def summary_index(archive: Archive) -> list[Page]:
    """docs/index.md (the newest articles, links to years and months) and the data its filters load."""
    return home_pages(archive)


def link_pages(archive: Archive) -> list[Page]:
    """Every page of the connected archive (not the article pages themselves, nor the home page)."""
    return [*entity_pages(archive), *outlet_pages(archive), *event_pages(archive), *timeline_pages(archive)]
