"""relate.archive._related, ranked once and summed into a dict, picks the related articles and reasons the plain
code it replaced picked (kept here), on seeded random archives with ties, capped entities and large events."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import pickle
import random
from collections import Counter, defaultdict
from types import SimpleNamespace

import pytest

from arshif.models import Article, Field
from arshif.relate.archive import (MAX_REASONS, MAX_RELATED, MAX_SAME_EVENT, Related, _related, newest_first,
                                   same_event_window)
from arshif.relate.entities import Entity
from arshif.relate.related import RankedMemo


def old_related(articles, entity_ids, event_of, mentions, idf, entities):
    cap = max(30, len(articles) // 100)
    by_id = {a.id: a for a in articles}
    out = {}

    def shared_of(mine, theirs):
        shared = mine & set(theirs)
        return tuple(sorted(shared, key=lambda e: (-idf[e], e))[:MAX_REASONS])

    for a in articles:
        mine = set(entity_ids[a.id])
        event = event_of[a.id]
        rows = [Related(m, True, shared_of(mine, entity_ids[m])) for m in same_event_window(event.members, a.id)]
        scores: Counter = Counter()
        for e in sorted(mine):
            holders = mentions.get(e, ())
            if len(holders) > cap:
                continue
            for other in holders:
                if other != a.id and event_of[other] is not event:
                    scores[other] += idf[e]
        picked = []
        for other, score in scores.items():
            shared = mine & set(entity_ids[other])
            if len(shared) >= 2 or any(entities[e].type == "person" for e in shared):
                picked.append((-score, newest_first(by_id[other]), other))
        picked.sort()
        rows += [Related(o, False, shared_of(mine, entity_ids[o])) for _, _, o in picked[:MAX_RELATED]]
        out[a.id] = tuple(rows)
    return out


def _archive(seed: int, n: int):
    rng = random.Random(seed)
    pool = [f"e{k:03d}" for k in range(rng.randint(5, 80))]
    entities = {e: Entity(e, e, rng.choice(["person", "place", "org"]), (), "gazetteer") for e in pool}
    articles = []
    for k in range(n):
        date = None if rng.random() < 0.2 else dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 20))
        unknown = Field.unknown("—")
        articles.append(Article(f"a{k:04d}", f"a{k:04d}.txt", "0" * 64, "utf-8", Field("ع", "printed", "—"), False,
                                Field(date, "printed", "—") if date else unknown, unknown, unknown, unknown, ("ن",), ()))
    entity_ids = {a.id: tuple(rng.sample(pool, rng.randint(0, min(8, len(pool))))) for a in articles}
    events, event_of = [], {}
    ids = [a.id for a in articles]
    rng.shuffle(ids)
    while ids:
        size = min(len(ids), rng.choice([1, 1, 1, 2, 3, 5, 40]))
        ev = SimpleNamespace(members=tuple(sorted(ids[:size])))
        ids = ids[size:]
        events.append(ev)
        for m in ev.members:
            event_of[m] = ev
    mentions = defaultdict(list)
    for a in sorted(articles, key=newest_first):
        for e in entity_ids[a.id]:
            mentions[e].append(a.id)
    # idf as relate makes it, so that equal counts give exactly equal weights (ties in score and in rarity)
    idf = {e: math.log((n + 1) / (len(h) + 1)) + 1 for e, h in mentions.items()}
    return articles, entity_ids, event_of, dict(mentions), idf, entities


@pytest.mark.parametrize("seed", range(12))
def test_related_as_before(seed):
    inputs = _archive(seed, n=[20, 150, 400, 1300][seed % 4])  # 1,300: more than one block of candidates
    assert _related(*inputs) == old_related(*inputs)


def test_the_same_event_window_is_the_nearest_in_the_events_order():
    members = [f"m{k:02d}" for k in range(40)]
    for k, article in enumerate(members):
        window = same_event_window(members, article)
        assert len(window) == MAX_SAME_EVENT and article not in window
        assert window == sorted(window)  # in the event's order
        block = sorted([members.index(m) for m in window] + [k])
        assert block == list(range(block[0], block[0] + MAX_SAME_EVENT + 1))  # one block with it, itself left out
        if MAX_SAME_EVENT // 2 <= k < len(members) - MAX_SAME_EVENT // 2:
            assert k - block[0] == MAX_SAME_EVENT // 2  # centred on it, away from the ends
    small = members[:5]
    assert same_event_window(small, "m02") == ["m00", "m01", "m03", "m04"]  # a small event: every other member


@pytest.mark.parametrize("seed", range(4))
def test_the_kept_ranking_gives_the_same_rows_and_is_taken_only_for_the_same_articles(seed):
    articles, entity_ids, event_of, mentions, idf, entities = inputs = _archive(100 + seed, n=[150, 400, 1300, 60][seed])
    memo = RankedMemo()
    first = _related(*inputs, memo)
    assert first == old_related(*inputs) and memo.changed
    kept = RankedMemo(pickle.loads(pickle.dumps(memo.state())))  # as the cache keeps it between runs
    assert kept.get(memo.key) is not None and not kept.changed
    # Other events (an edit moved articles between them): the kept ranking serves, the rows follow the events.
    regrouped = _regrouped(event_of, random.Random(seed))
    assert _related(articles, entity_ids, regrouped, mentions, idf, entities, kept) == \
        old_related(articles, entity_ids, regrouped, mentions, idf, entities)
    assert not kept.changed  # taken, not made again
    # One article names another entity, or has another date: the ranking is made again, and is right.
    changed = dict(entity_ids)
    victim = articles[len(articles) // 2].id
    changed[victim] = tuple(e for e in changed[victim] if e != changed[victim][:1][0]) if changed[victim] else ("e000",)
    again = _archive_with(articles, changed, entities)
    assert _related(articles, changed, event_of, *again, kept) == old_related(articles, changed, event_of, *again)
    assert kept.changed and kept.key != memo.key
    redated = [dataclasses.replace(a, date=Field(dt.date(2016, 5, 5), "printed", "—")) if a.id == victim else a
               for a in articles]
    moved = RankedMemo(memo.state())
    _related(redated, entity_ids, event_of, *_archive_with(redated, entity_ids, entities), moved)
    assert moved.changed and moved.key != memo.key


def _regrouped(event_of, rng):
    events = list({id(e): e for e in event_of.values()}.values())
    members = [m for e in events for m in e.members]
    rng.shuffle(members)
    out = {}
    while members:
        size = min(len(members), rng.choice([1, 2, 4, 12]))
        ev = SimpleNamespace(members=tuple(sorted(members[:size])))
        members = members[size:]
        for m in ev.members:
            out[m] = ev
    return out


def _archive_with(articles, entity_ids, entities):
    """mentions and idf, as relate makes them, for these articles and entities."""
    mentions = defaultdict(list)
    for a in sorted(articles, key=newest_first):
        for e in entity_ids[a.id]:
            mentions[e].append(a.id)
    n = len(articles)
    return dict(mentions), {e: math.log((n + 1) / (len(h) + 1)) + 1 for e, h in mentions.items()}, entities
