"""article_links: what an article page shows around its text, as front-matter data for the theme.

The event and how many articles cover it, a date proposed from the event, related articles with the reason,
the entities, the outlet's page and the previous / next article in time. Plain values (ids, names, counts
already phrased with their plural form) under the page's `links:` key; overrides/article.html prints them,
escaped. Pages that do not exist are not linked: relate's `event_paged` / `entity_paged` say which have one.
"""
from __future__ import annotations

from ..relate.archive import Archive, entity_paged, event_paged
from . import messages
from .render import format_date


def _title(archive: Archive, article_id: str) -> str:
    article = archive.articles[article_id]
    return article.title.value or article.id


def article_links(archive: Archive, article_id: str) -> dict:
    links = archive.links[article_id]
    out: dict = {}
    slug = archive.outlet_of.get(article_id)
    if slug:
        out["outlet"] = slug
    event = archive.event_by_id[links.event]
    count = len(event.members)
    out["event"] = {
        "id": event.id,
        "name": event.name,
        "count": messages.plural("coverage", count),
        "page": event_paged(event),
    }
    if links.proposed_date and archive.articles[article_id].date_value is None:
        out["proposed_date"] = {"date": links.proposed_date.isoformat(), "text": format_date(links.proposed_date)}
    related = []
    for r in links.related:
        if r.same_event:
            reason = messages.text("related.same-event")
        else:
            names = messages.text("list.separator").join(archive.entities[e].name for e in r.shared)
            reason = messages.text("related.shares", names=names)
        related.append({"id": r.article, "title": _title(archive, r.article), "reason": reason})
    if related:
        out["related"] = related
    entities = []
    for e in links.entities:
        entity = archive.entities[e]
        entities.append({"id": e, "name": entity.name, "type": entity.type,
                         "page": entity_paged(archive, e)})
    if entities:
        out["entities"] = entities
    if links.previous:
        out["previous"] = {"id": links.previous, "title": _title(archive, links.previous)}
    if links.next:
        out["next"] = {"id": links.next, "title": _title(archive, links.next)}
    return out
