"""event_merge: join the pieces of one story that the stream left apart.

A stream decides for each article when it arrives, so a story can start twice: the first condemnations of a
bombing, published before the wire report of the bombing itself reached an outlet, gather into an event of
their own. Here two events join when their centroids (the sums of their vectors) reach MERGE_BAR, and their
dates overlap or lie at most FRESH days apart (pieces of one story appear together), strongest pair first, and
the later one's headlines name no incident the earlier one's coverage does not (event_kinds). The test is on
the two events as wholes, so one shared sentence does not chain two stories.

Cost: events are compared only when their centroids share a term (a sparse product, terms capped as in
event_vectors), and a merge recomputes one centroid.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Optional, Sequence

import numpy as np
from scipy import sparse

from .event_kinds import Kinds
from .event_stream import FRESH, MIN_SHARED

MERGE_BAR = 0.30


def merge_pieces(labels: Sequence[int], dates: Sequence[Optional[dt.date]], years: Sequence[Optional[int]],
                 locks: Sequence[Optional[int]], x: sparse.csr_matrix,
                 kinds: Optional[Sequence[tuple[int, int]]] = None) -> tuple[dict[int, int], dict[int, float]]:
    """label -> the label of the event it joins (itself when it joins none); and for each label that joined
    another, the similarity of the two events when they joined. `kinds`: each article's incident kinds named
    by its title and by its title or lead (bit masks): as in the stream, the later event joins the earlier one
    only if its headlines name no incident the earlier one's coverage does not (event_kinds). Labels are
    positions in date order, so of two events the one with the smaller label is the earlier."""
    ids = sorted(set(labels))
    row = {c: i for i, c in enumerate(ids)}
    n = len(ids)
    parent = list(range(n))
    if n < 2 or x.shape[1] == 0:
        return {c: c for c in ids}, {}
    member = sparse.csr_matrix((np.ones(len(labels)), ([row[c] for c in labels], np.arange(len(labels)))),
                               shape=(n, len(labels)))
    cent = (member @ x).tocsr()  # one summed vector an event
    first: list[Optional[dt.date]] = [None] * n
    last: list[Optional[dt.date]] = [None] * n
    yrs: list[set] = [set() for _ in range(n)]
    lock: list[Optional[int]] = [None] * n
    kind = [Kinds() for _ in range(n)]  # the incidents its titles and leads name
    for p, c in enumerate(labels):
        i = row[c]
        lock[i] = locks[p]
        if kinds is not None:
            kind[i].add(*kinds[p])
        if dates[p] is not None:
            d = dates[p]
            first[i] = d if first[i] is None or d < first[i] else first[i]
            last[i] = d if last[i] is None or d > last[i] else last[i]
            yrs[i].add(d.year)
        elif years[p] is not None:
            yrs[i].add(years[p])
    norm2 = np.asarray(cent.multiply(cent).sum(axis=1)).ravel()
    norms = np.sqrt(norm2)
    norms[norms == 0] = 1.0
    unit = sparse.diags(1 / norms) @ cent
    sims = sparse.triu(unit @ unit.T, k=1).tocoo()
    strong = sims.data >= MERGE_BAR  # most similar pairs are weak: they are left out in numpy, not one by one
    pairs = sorted(zip((-sims.data[strong]).tolist(), sims.row[strong].tolist(), sims.col[strong].tolist()))
    vec: dict = {}  # an event's summed vector, sliced out of cent when a pair first needs it (most never do)

    def vector(i: int):
        if i not in vec:
            vec[i] = cent[i]
        return vec[i]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    merged: dict[int, float] = {}
    for _, a, b in pairs:
        ra, rb = sorted((find(a), find(b)))
        if ra == rb or lock[ra] != lock[rb] or (yrs[ra] and yrs[rb] and not yrs[ra] & yrs[rb]):
            continue
        if not kind[ra].admits(kind[rb], named=False):
            continue  # the later one's headlines report an incident the earlier one's coverage does not name
        if first[ra] and first[rb] and (max(first[ra], first[rb]) - min(last[ra], last[rb])).days > FRESH:
            continue
        u, v = vector(ra), vector(rb)
        if len(np.intersect1d(u.indices, v.indices, assume_unique=True)) < MIN_SHARED:
            continue  # two short pieces alike in one or two words are not one story
        cos = float(u.multiply(v).sum()) / (math.sqrt(norm2[ra] * norm2[rb]) or 1.0)
        if cos < MERGE_BAR:
            continue
        parent[rb] = ra
        merged[ids[rb]] = round(cos, 6)
        vec[ra] = u + v
        norm2[ra] += norm2[rb] + 2 * float(u.multiply(v).sum())
        dated = [d for d in (first[ra], first[rb]) if d]
        first[ra] = min(dated) if dated else None
        dated = [d for d in (last[ra], last[rb]) if d]
        last[ra] = max(dated) if dated else None
        yrs[ra] |= yrs[rb]
        kind[ra].update(kind[rb])
    return {c: ids[find(row[c])] for c in ids}, merged
