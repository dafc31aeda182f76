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

MAX_RELATED = 6  # related articles beyond the article's own event
# Articles of its own event an article page lists: those nearest it in the event's time order. A story covered
# fifty times would otherwise list the 49 others on each page (half the bytes of the site, and as many near-same
# headlines for the reader); its event page, linked with the count, lists them all.
MAX_SAME_EVENT = 10
ENTITY_PAGE_MIN = 2  # articles that must name an entity for it to get a page (the others stay on the index)
EVENT_PAGE_MIN = 2  # an event of one article has no page: it would say only "no other coverage"
MAX_REASONS = 3  # entities named in a reason
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Related:
    article: str  # article id
    same_event: bool
    shared: tuple[str, ...]  # entity ids both name, rarest first (at most MAX_REASONS)


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


def newest_first(article: Article) -> tuple:
    d = article.date_value
    return (d is None, -(d.toordinal()) if d else 0, article.id)


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


def analyse(article: Article) -> Analysis:
    """The per-article part of relate: a pure function of the article's title and body (and the rules)."""
    words: list[str] = []  # the body's folded words, as normalize.tokens gives them, found by the entity scan
    ids, mentions, _ = extract_entities(article.title.value or "", article.body, words)
    # A capital sigma folds by its neighbours: the body is then tokenised whole, as shingles() does.
    body_shingles = shingles(article.body) if any(SIGMA in p for p in article.body) else word_shingles(words)
    return Analysis(ids, tuple((m.entity, m.text) for m in mentions if m.entity.startswith("p-")), packed(body_shingles),
                    event_words(article.title.value or "", article.body, overrides().ignore, overrides().incidents))


def relate(articles: Sequence[Article], analyses: Optional[dict] = None, numbers=None) -> Archive:
    """The archive's links. `analyses` (article id -> Analysis, from the workers' cache) spares the entity
    matching of those articles; an article without one is analysed here, with the same result. `numbers`: event
    grouping's term numbers from the last run (term_numbers.TermNumbers), the same archive without them."""
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
    related = _related(articles, entity_ids, event_of, mentions, idf, entities)

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


def _related(articles, entity_ids, event_of, mentions, idf, entities) -> dict[str, tuple[Related, ...]]:
    """Same-event articles first, then those sharing the rarest entities. Entities named by more than
    `cap` articles do not propose candidates (they would make this quadratic and say little).

    Everything a comparison needs is ranked once (the newest-first order, the rarest-first order of entities), and
    the candidates of a block of articles are scored at once, as sparse products over the entities under the cap
    (columns in the order of the sorted entity ids). The float scores are the same bits as a loop adding each
    shared entity's weight in the order of the sorted entity ids: a product adds, for each candidate, in the order
    of the row's columns. A candidate is telling when it shares two entities (any, also those over the cap) or a
    person."""
    import numpy as np
    from scipy import sparse

    n = len(articles)
    cap = max(30, n // 100)
    index = {a.id: k for k, a in enumerate(articles)}
    ids = [a.id for a in articles]
    rank = np.empty(n, dtype=np.int64)  # newest_first is one order of ids
    for r, a in enumerate(sorted(articles, key=newest_first)):
        rank[index[a.id]] = r
    rarest = {e: r for r, e in enumerate(sorted(idf, key=lambda e: (-idf[e], e)))}
    persons = frozenset(e for e, entity in entities.items() if entity.type == "person")
    sets = {a.id: frozenset(entity_ids[a.id]) for a in articles}
    common = {e for e, ms in mentions.items() if len(ms) > cap}
    member_of = {}  # who names an entity over the cap
    for e in common:
        member_of[e] = mask = np.zeros(n, dtype=bool)
        mask[[index[m] for m in mentions[e]]] = True
    column = {e: c for c, e in enumerate(sorted(e for e in mentions if e not in common))}
    rows_of, cols_of = [], []
    for k, a in enumerate(articles):
        mine = sorted(column[e] for e in sets[a.id] if e in column)
        rows_of += [k] * len(mine)
        cols_of += mine
    names = sparse.csr_matrix((np.ones(len(cols_of)), (rows_of, cols_of)), shape=(n, len(column)))
    names.sort_indices()
    weight = np.array([idf[e] for e in column], dtype=np.float64)
    person = np.array([e in persons for e in column], dtype=bool)
    by_entity = names.T.tocsr()  # an entity's holders
    # Each holder weighs the entity's idf: 1.0 * idf in a product is idf exactly.
    weighted = sparse.csr_matrix((by_entity.data * weight[np.repeat(np.arange(len(column)), np.diff(by_entity.indptr))],
                                  by_entity.indices, by_entity.indptr), shape=by_entity.shape)
    named_only = names @ sparse.diags(person.astype(np.float64)) if len(column) else names

    def shared(mine: frozenset, other: str) -> tuple[str, ...]:
        return tuple(sorted(mine & sets[other], key=rarest.__getitem__)[:MAX_REASONS])

    place = {m: k for ev in {id(e): e for e in event_of.values()}.values() for k, m in enumerate(ev.members)}
    out = {}
    block = 512
    for start in range(0, n, block):
        stop = min(n, start + block)
        scores = (names[start:stop] @ weighted).tocsr()  # article x candidate: the weights of the entities shared
        counts = (names[start:stop] @ by_entity).tocsr()  # how many of them; the same pattern
        people = (named_only[start:stop] @ by_entity).tocsr()  # how many of them are persons
        for m in (scores, counts, people):
            m.sort_indices()
        for k in range(start, stop):
            a = articles[k]
            mine = sets[a.id]
            event = event_of[a.id]
            rows = [Related(m, True, shared(mine, m)) for m in same_event_window(event.members, a.id, place)]
            r = k - start
            lo, hi = scores.indptr[r], scores.indptr[r + 1]
            if hi > lo:
                candidates = scores.indices[lo:hi]
                score = scores.data[lo:hi]
                count = counts.data[lo:hi].astype(np.int64)
                plo, phi = people.indptr[r], people.indptr[r + 1]
                named = np.zeros(len(candidates), dtype=bool)  # a person's holders are candidates: sorted look-ups
                named[np.searchsorted(candidates, people.indices[plo:phi][people.data[plo:phi] > 0])] = True
                for e in sorted(mine.intersection(member_of)):  # entities over the cap count as shared, not in the score
                    both = member_of[e][candidates]
                    count += both
                    if e in persons:
                        named |= both
                keep = (count >= 2) | named
                left_out = np.array([k, *(index[m] for m in event.members)] if len(event.members) > 1 else [k])
                at = np.searchsorted(candidates, left_out)  # the article itself and its event: not related
                inside = at < len(candidates)
                at, left_out = at[inside], left_out[inside]
                keep[at[candidates[at] == left_out]] = False
                picked = candidates[keep]
                best = picked[np.lexsort((rank[picked], -score[keep]))[:MAX_RELATED]]  # ranks are unique: no third key
                rows += [Related(ids[b], False, shared(mine, ids[b])) for b in best.tolist()]
            out[a.id] = tuple(rows)
    return out


def same_event_window(members: Sequence[str], article: str, place: Optional[dict] = None) -> list[str]:
    """The MAX_SAME_EVENT members of an event nearest `article` in its order (all the others when there are no
    more), in the event's order. `place`: each member's position in it, when known."""
    k = place[article] if place is not None else list(members).index(article)
    lo = max(0, min(k - MAX_SAME_EVENT // 2, len(members) - MAX_SAME_EVENT - 1))
    return [m for m in members[lo:lo + MAX_SAME_EVENT + 1] if m != article]


def with_links(article: Article, links: Links) -> Article:
    """The article with its entities, event and any proposed date added to its front-matter keys."""
    extra = [(k, v) for k, v in article.extra if k not in ("entities", "event", "date_proposed", "date_proposed_basis")]
    extra.append(("entities", tuple(links.entities)))
    extra.append(("event", links.event))
    if links.proposed_date and article.date_value is None:
        extra.append(("date_proposed", links.proposed_date.isoformat()))
        extra.append(("date_proposed_basis", f"proposed from its event {links.event}: not printed in the article"))
    return replace(article, extra=tuple(extra))
