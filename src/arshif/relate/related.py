"""related: each article's related articles, with the reason ("الحدث نفسه", "يشترك في: …").

Same-event articles first (those nearest it in its event's order), then those sharing the rarest entities. Done in
two steps: every article's candidates ranked (`ranked`, which needs no event), then each article's rows, its event
left out of the candidates (`rows`). The ranking depends only on which entities each article names and on the
articles' order, which an edit of an article's words leaves as they were: kept between runs (`RankedMemo`), it is
then taken as it stands, and only the rows are made again, for the events as they are now.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Optional, Sequence

from ..models import Article

MAX_RELATED = 6  # related articles beyond the article's own event
# Articles of its own event an article page lists: those nearest it in the event's time order. A story covered
# fifty times would otherwise list the 49 others on each page (half the bytes of the site, and as many near-same
# headlines for the reader); its event page, linked with the count, lists them all.
MAX_SAME_EVENT = 10
MAX_REASONS = 3  # entities named in a reason
RANKED_VERSION = 1


@dataclass(frozen=True)
class Related:
    article: str  # article id
    same_event: bool
    shared: tuple[str, ...]  # entity ids both name, rarest first (at most MAX_REASONS)


def newest_first(article: Article) -> tuple:
    d = article.date_value
    return (d is None, -(d.toordinal()) if d else 0, article.id)


def same_event_window(members: Sequence[str], article: str, place: Optional[dict] = None) -> list[str]:
    """The MAX_SAME_EVENT members of an event nearest `article` in its order (all the others when there are no
    more), in the event's order. `place`: each member's position in it, when known."""
    k = place[article] if place is not None else list(members).index(article)
    lo = max(0, min(k - MAX_SAME_EVENT // 2, len(members) - MAX_SAME_EVENT - 1))
    return [m for m in members[lo:lo + MAX_SAME_EVENT + 1] if m != article]


class RankedMemo:
    """The last run's ranking (`ranked`) and the key of what it was made from: `state` is what the cache keeps."""

    def __init__(self, state: object = None):
        ok = isinstance(state, tuple) and len(state) == 4 and state[0] == RANKED_VERSION
        self.key: str = state[1] if ok else ""
        self._offsets, self._values = (state[2], state[3]) if ok else (None, None)
        self.changed = False

    def get(self, key: str) -> Optional[list]:
        if not key or key != self.key or self._offsets is None:
            return None
        offsets, values = self._offsets, self._values
        return [values[offsets[k]:offsets[k + 1]] for k in range(len(offsets) - 1)]

    def put(self, key: str, ranked: list) -> None:
        import numpy as np

        self.key, self.changed = key, True
        self._offsets = np.concatenate(([0], np.cumsum([len(r) for r in ranked], dtype=np.int64)))
        self._values = np.concatenate(ranked).astype(np.int32) if ranked else np.zeros(0, dtype=np.int32)

    def state(self) -> tuple:
        return (RANKED_VERSION, self.key, self._offsets, self._values)


def _ranking_key(articles: Sequence[Article], entity_ids: dict, persons: frozenset) -> str:
    """What the ranking is made from: the articles in their order, each with its date and its entities (their idf
    follows from those), and which entities are persons."""
    h = hashlib.sha256()
    for a in articles:
        date = a.date_value.isoformat() if isinstance(a.date_value, dt.date) else ""
        h.update(f"{a.id}\0{date}\0{' '.join(entity_ids[a.id])}\n".encode("utf-8", "surrogatepass"))
    h.update(" ".join(sorted(persons)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class Candidates:
    """Each article's candidates, best first, before its event is known (`ranked`)."""
    ids: list[str]  # article ids, in the order given
    sets: dict  # article id -> frozenset of the entity ids it names
    rarest: dict  # entity id -> its place, rarest first
    ranked: list  # by position: the candidates' positions, best first (np.ndarray)

    def shared(self, mine: frozenset, other: str) -> tuple[str, ...]:
        """The entities an article naming `mine` shares with `other`, rarest first (at most MAX_REASONS)."""
        return tuple(sorted(mine & self.sets[other], key=self.rarest.__getitem__)[:MAX_REASONS])


def ranked(articles: Sequence[Article], entity_ids: dict, mentions: dict, idf: dict, entities: dict,
           memo: Optional[RankedMemo] = None) -> Candidates:
    """Every article's candidates, ranked: by the weight of the entities shared, then newest first. `memo`: the last
    run's ranking, taken when it was made from the same articles, order, dates and entities (and left holding this
    run's).

    Entities named by more than `cap` articles do not propose candidates (they would make this quadratic and say
    little). Everything a comparison needs is ranked once (the newest-first order, the rarest-first order of
    entities), and the candidates of a block of articles are scored at once, as sparse products over the entities
    under the cap (columns in the order of the sorted entity ids). The float scores are the same bits as a loop
    adding each shared entity's weight in the order of the sorted entity ids: a product adds, for each candidate,
    in the order of the row's columns. A candidate is telling when it shares two entities (any, also those over the
    cap) or a person."""
    ids = [a.id for a in articles]
    rarest = {e: r for r, e in enumerate(sorted(idf, key=lambda e: (-idf[e], e)))}
    persons = frozenset(e for e, entity in entities.items() if entity.type == "person")
    sets = {a.id: frozenset(entity_ids[a.id]) for a in articles}
    key = _ranking_key(articles, entity_ids, persons) if memo is not None else ""
    kept = memo.get(key) if memo is not None else None
    if kept is None:
        kept = _rank(articles, ids, sets, mentions, idf, persons)
        if memo is not None:
            memo.put(key, kept)
    return Candidates(ids, sets, rarest, kept)


def _rank(articles, ids, sets, mentions, idf, persons) -> list:
    import numpy as np
    from scipy import sparse

    n = len(articles)
    cap = max(30, n // 100)
    index = {a: k for k, a in enumerate(ids)}
    rank = np.empty(n, dtype=np.int64)  # newest_first is one order of ids
    for r, a in enumerate(sorted(articles, key=newest_first)):
        rank[index[a.id]] = r
    common = {e for e, ms in mentions.items() if len(ms) > cap}
    member_of = {}  # who names an entity over the cap
    for e in common:
        member_of[e] = mask = np.zeros(n, dtype=bool)
        mask[[index[m] for m in mentions[e]]] = True
    column = {e: c for c, e in enumerate(sorted(e for e in mentions if e not in common))}
    rows_of, cols_of = [], []
    for k, a in enumerate(ids):
        mine = sorted(column[e] for e in sets[a] if e in column)
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
    none = np.zeros(0, dtype=np.int64)
    out = []
    block = 512
    for start in range(0, n, block):
        stop = min(n, start + block)
        scores = (names[start:stop] @ weighted).tocsr()  # article x candidate: the weights of the entities shared
        counts = (names[start:stop] @ by_entity).tocsr()  # how many of them; the same pattern
        people = (named_only[start:stop] @ by_entity).tocsr()  # how many of them are persons
        for m in (scores, counts, people):
            m.sort_indices()
        for k in range(start, stop):
            r = k - start
            lo, hi = scores.indptr[r], scores.indptr[r + 1]
            if hi == lo:
                out.append(none)
                continue
            candidates = scores.indices[lo:hi]
            score = scores.data[lo:hi]
            count = counts.data[lo:hi].astype(np.int64)
            plo, phi = people.indptr[r], people.indptr[r + 1]
            named = np.zeros(len(candidates), dtype=bool)  # a person's holders are candidates: sorted look-ups
            named[np.searchsorted(candidates, people.indices[plo:phi][people.data[plo:phi] > 0])] = True
            for e in sorted(sets[ids[k]].intersection(member_of)):  # over the cap: shared, not in the score
                both = member_of[e][candidates]
                count += both
                if e in persons:
                    named |= both
            keep = (count >= 2) | named
            at = int(np.searchsorted(candidates, k))  # the article itself is not related
            if at < len(candidates) and candidates[at] == k:
                keep[at] = False
            picked = candidates[keep]
            out.append(picked[np.lexsort((rank[picked], -score[keep]))])  # ranks are unique: no third key
    return out


def rows(found: Candidates, event_of: dict) -> dict[str, tuple[Related, ...]]:
    """Each article's related rows: the nearest of its own event, then its best MAX_RELATED candidates outside it."""
    ids, shared = found.ids, found.shared
    place = {m: k for ev in {id(e): e for e in event_of.values()}.values() for k, m in enumerate(ev.members)}
    out = {}
    for k, a in enumerate(ids):
        mine = found.sets[a]
        event = event_of[a]
        listed = [Related(m, True, shared(mine, m)) for m in same_event_window(event.members, a, place)]
        # The rest of its event is listed above, not again. Among the first MAX_RELATED + its size candidates at
        # most its size are of its event, so the best MAX_RELATED outside it are among them.
        head = found.ranked[k][:MAX_RELATED + len(event.members)].tolist()
        others = [b for b in head if event_of[ids[b]] is not event] if len(event.members) > 1 else head
        listed += [Related(ids[b], False, shared(mine, ids[b])) for b in others[:MAX_RELATED]]
        out[a] = tuple(listed)
    return out
