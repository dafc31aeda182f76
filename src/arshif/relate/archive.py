"""relate: [Article] -> Archive. The links between articles, computed once, after every article is known.

For each article: its entities, its event, related articles with the reason ("الحدث نفسه", "يشترك في: …"),
the previous and next article in time, and, when its own date is unknown, a date proposed from its event
(shown as proposed, never as the article's date). For the archive: entity, outlet and event indexes.

Pure functions of the articles: no disk, no clock; every order is fixed (dates, then ids).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from ..ingest.duplicates import packed, shingles, word_shingles
from ..models import Article
from .entities import Entity, extract_entities, gazetteer, name_for
from .entity_words import SIGMA
from .event_overrides import overrides
from .event_terms import EventWords, event_words
from .events import Doc, Figures, group_events
from .related import (MAX_REASONS, MAX_RELATED, MAX_SAME_EVENT, RankedMemo, Related, newest_first,  # noqa: F401
                      ranked, same_event_window)
from .related import rows as related_rows

ENTITY_PAGE_MIN = 2  # articles that must name an entity for it to get a page (the others stay on the index)
EVENT_PAGE_MIN = 2  # an event of one article has no page: it would say only "no other coverage"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Links:
    article: str
    entities: tuple[str, ...]
    event: str
    related: tuple[Related, ...]
    previous: Optional[str]
    next: Optional[str]
    proposed_date: Optional[dt.date] = None  # from the event, when the article's own date is unknown


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    articles: tuple[str, ...]  # newest first


@dataclass(frozen=True)
class Archive:
    articles: dict  # id -> Article
    links: dict  # id -> Links
    entities: dict  # id -> Entity (only those some article names)
    mentions: dict  # entity id -> tuple of article ids, newest first
    events: tuple  # Event, oldest first
    event_by_id: dict  # event id -> Event
    outlets: tuple  # Outlet, by name
    outlet_of: dict  # article id -> outlet slug (articles with a known outlet)
    chronology: tuple  # article ids, oldest first (undated last)
    figures: Figures
    warnings: tuple  # editor warnings from rules/events.yaml


def entity_paged(archive: "Archive", entity_id: str) -> bool:
    """Whether the entity has a page of its own (entities/<id>.html)."""
    return len(archive.mentions.get(entity_id, ())) >= ENTITY_PAGE_MIN


def event_paged(event) -> bool:
    """Whether the event has a page of its own (events/<id>.html)."""
    return len(event.members) >= EVENT_PAGE_MIN


def outlet_slug(name: str) -> str:
    """The outlet's id from rules/outlets.yaml when it is known there, else a stable hash of the name."""
    try:
        from ..recognise.outlets import lookup

        found = lookup(name)
        if found and _SLUG.match(found[0].id):
            return found[0].id
    except Exception:  # outlet rules unavailable: the hash below is as stable
        pass
    return "o-" + hashlib.sha1(name.strip().encode("utf-8")).hexdigest()[:10]


def _year_hint(article: Article) -> Optional[int]:
    for key, value in article.extra:
        if key == "year" and isinstance(value, int):
            return value
    return None


@dataclass(frozen=True)
class Analysis:
    """What relate needs from one article alone: computed beside extraction, in the workers, and cached."""
    entities: tuple[str, ...]  # entity ids the article names, in extract_entities' order
    pattern_names: tuple[tuple[str, str], ...]  # (entity id, surface) of each name found by pattern ("p-" ids)
    shingles: bytes  # the body's 5-word shingles, packed (ingest.duplicates.packed), for the near-duplicate check
    event_words: Optional[EventWords] = None  # the terms event grouping counts, counted and packed (event_terms)
    # The article's words for this run's search index (site.search_docs.Words), read in the worker beside the rest;
    # never cached: the search index keeps its own memo of them.
    search: object = None


def analyse(article: Article) -> Analysis:
    """The per-article part of relate: a pure function of the article's title and body (and the rules)."""
    words: list[str] = []  # the body's folded words, as normalize.tokens gives them, found by the entity scan
    ids, mentions, _ = extract_entities(article.title.value or "", article.body, words)
    # A capital sigma folds by its neighbours: the body is then tokenised whole, as shingles() does.
    body_shingles = shingles(article.body) if any(SIGMA in p for p in article.body) else word_shingles(words)
    return Analysis(ids, tuple((m.entity, m.text) for m in mentions if m.entity.startswith("p-")), packed(body_shingles),
                    event_words(article.title.value or "", article.body, overrides().ignore, overrides().incidents))


def relate(articles: Sequence[Article], analyses: Optional[dict] = None, numbers=None,
           ranking: Optional[RankedMemo] = None) -> Archive:
    """The archive's links. `analyses` (article id -> Analysis, from the workers' cache) spares the entity
    matching of those articles; an article without one is analysed here, with the same result. `numbers`: event
    grouping's term numbers from the last run (term_numbers.TermNumbers), `ranking`: the related articles' ranking
    from the last run (related.RankedMemo); the same archive without them."""
    by_id = {a.id: a for a in articles}
    known = gazetteer().entities
    entity_ids: dict[str, tuple[str, ...]] = {}
    words: dict[str, Optional[tuple[str, str]]] = {}
    pattern_names: dict[str, Counter] = defaultdict(Counter)
    analyses = analyses or {}
    for a in articles:
        found = analyses.get(a.id)
        if not isinstance(found, Analysis):
            found = analyse(a)
        entity_ids[a.id] = found.entities
        words[a.id] = found.event_words
        for entity_id, text in found.pattern_names:
            pattern_names[entity_id][text] += 1
    entities: dict[str, Entity] = {e: known[e] for ids in entity_ids.values() for e in ids if e in known}
    for e, names in pattern_names.items():
        entities[e] = Entity(e, name_for(e, names), "person", tuple(sorted(n for n in names if n != name_for(e, names))), "pattern")

    ordered_new = sorted(articles, key=newest_first)
    mentions: dict[str, list[str]] = defaultdict(list)
    for a in ordered_new:
        for e in entity_ids[a.id]:
            mentions[e].append(a.id)

    docs = [Doc(a.id, a.date_value, _year_hint(a), a.title.value or "", "\n".join(a.body), entity_ids[a.id], words.pop(a.id))
            for a in articles]
    figures = Figures()
    events, warnings = group_events(docs, figures=figures, numbers=numbers)
    event_of = {m: ev for ev in events for m in ev.members}

    # Time order: own date; an undated article sits at its event's proposed date, else at the end.
    proposed = {a.id: event_of[a.id].start for a in articles if a.date_value is None and event_of[a.id].start}
    chronology = sorted(articles, key=lambda a: (a.date_value or proposed.get(a.id) or dt.date.max, a.date_value is None, a.id))
    position = {a.id: i for i, a in enumerate(chronology)}

    idf = {e: math.log((len(articles) + 1) / (len(ids) + 1)) + 1 for e, ids in mentions.items()}
    related = _related(articles, entity_ids, event_of, mentions, idf, entities, ranking)

    links = {}
    for a in articles:
        i = position[a.id]
        links[a.id] = Links(
            article=a.id,
            entities=entity_ids[a.id],
            event=event_of[a.id].id,
            related=related[a.id],
            previous=chronology[i - 1].id if i > 0 else None,
            next=chronology[i + 1].id if i + 1 < len(chronology) else None,
            proposed_date=proposed.get(a.id),
        )

    outlet_members: dict[str, list[str]] = defaultdict(list)
    outlet_names: dict[str, Counter] = defaultdict(Counter)
    outlet_of = {}
    for a in ordered_new:
        if isinstance(a.outlet.value, str) and a.outlet.value.strip():
            slug = outlet_slug(a.outlet.value)
            outlet_of[a.id] = slug
            outlet_members[slug].append(a.id)
            outlet_names[slug][a.outlet.value.strip()] += 1
    outlets = tuple(sorted(
        (Outlet(s, sorted(outlet_names[s].items(), key=lambda kv: (-kv[1], kv[0]))[0][0], tuple(ids)) for s, ids in outlet_members.items()),
        key=lambda o: (o.name, o.slug)))

    return Archive(
        articles=by_id,
        links=links,
        entities=dict(sorted(entities.items())),
        mentions={e: tuple(ids) for e, ids in sorted(mentions.items())},
        events=tuple(events),
        event_by_id={ev.id: ev for ev in events},
        outlets=outlets,
        outlet_of=outlet_of,
        chronology=tuple(a.id for a in chronology),
        figures=figures,
        warnings=tuple(warnings),
    )


def _related(articles, entity_ids, event_of, mentions, idf, entities, memo=None) -> dict[str, tuple[Related, ...]]:
    """Same-event articles first, then those sharing the rarest entities (related.ranked, then related.rows)."""
    return related_rows(ranked(articles, entity_ids, mentions, idf, entities, memo), event_of)


def with_links(article: Article, links: Links) -> Article:
    """The article with its entities, event and any proposed date added to its front-matter keys."""
    extra = [(k, v) for k, v in article.extra if k not in ("entities", "event", "date_proposed", "date_proposed_basis")]
    extra.append(("entities", tuple(links.entities)))
    extra.append(("event", links.event))
    if links.proposed_date and article.date_value is None:
        extra.append(("date_proposed", links.proposed_date.isoformat()))
        extra.append(("date_proposed_basis", f"proposed from its event {links.event}: not printed in the article"))
    return replace(article, extra=tuple(extra))
