"""find_near_duplicates with its candidate pairs sorted by numpy names the same copies as the plain loops it
replaced (kept here), on seeded random sketches with copies, partial copies, stock phrases past the cap and
packed and unpacked forms mixed."""
from __future__ import annotations

import random

import pytest

from arshif.ingest.duplicates import (_COMMON_POSTING, CONTAINMENT, JACCARD, SKETCH, Match, PairMemo,
                                      find_near_duplicates, packed)


def old_find(given: list[frozenset]) -> list[Match]:
    postings: dict[int, list[int]] = {}
    for i, s in enumerate(given):
        for h in sorted(s)[:SKETCH]:
            postings.setdefault(h, []).append(i)
    candidates: dict[int, set[int]] = {}
    for members in postings.values():
        if len(members) < 2 or len(members) > _COMMON_POSTING:
            continue
        for j in members[1:]:
            candidates.setdefault(j, set()).update(m for m in members if m < j)
    matches = []
    for j in sorted(candidates):
        for i in sorted(candidates[j]):
            a, b = given[i], given[j]
            common = len(a & b)
            jaccard, containment = common / len(a | b), common / min(len(a), len(b))
            if jaccard >= JACCARD or containment >= CONTAINMENT:
                matches.append(Match(i, j, jaccard, containment))
                break
    return matches


def _sketches(seed: int, n: int) -> list[frozenset]:
    rng = random.Random(seed)
    stock = [rng.getrandbits(40) for _ in range(10)]  # small values: in every sketch that has them
    out: list[frozenset] = []
    for k in range(n):
        size = rng.choice([0, 3, 40, 300, 900])
        if out and rng.random() < 0.35:
            source = sorted(rng.choice(out))
            keep = rng.choice([1.0, 0.95, 0.8, 0.6])
            body = {v for v in source if rng.random() < keep} | {rng.getrandbits(64) for _ in range(rng.randint(0, 40))}
        else:
            body = {rng.getrandbits(64) for _ in range(size)}
        if rng.random() < 0.5:
            body |= set(rng.sample(stock, rng.randint(1, 5)))
        out.append(frozenset(body))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_near_duplicates_as_before(seed):
    given = _sketches(seed, [40, 200, 600, 120][seed % 4])
    old = old_find(given)
    assert old, "the case should hold copies"
    mixed = [packed(s) if n % 2 else s for n, s in enumerate(given)]
    assert find_near_duplicates([()] * len(given), mixed) == old
    assert find_near_duplicates([()] * len(given), given) == old


@pytest.mark.parametrize("copies", [_COMMON_POSTING, _COMMON_POSTING + 1])
def test_a_hash_past_the_cap_proposes_no_pair(copies):
    """Bodies alike only in a stock passage: paired while at most _COMMON_POSTING bodies share its hashes."""
    rng = random.Random(copies)
    passage = {rng.getrandbits(40) for _ in range(20)}  # small values: every sketch holds them
    given = [frozenset(passage | {rng.getrandbits(64)}) for _ in range(copies)]
    found = find_near_duplicates([()] * copies, given)
    assert found == old_find(given)
    assert (len(found) == copies - 1) if copies <= _COMMON_POSTING else not found


@pytest.mark.parametrize("seed", range(4))
def test_the_pair_memo_gives_the_same_matches_and_spares_the_unchanged_pairs(seed):
    """A run with the last run's PairMemo names the same copies as a run without; after one body changes, only the
    pairs it is in (and those a copy of it goes on to) are compared again; and a memo that lies is believed (so it
    is what is used)."""
    given = _sketches(seed, 300)
    first = PairMemo({})
    assert find_near_duplicates([()] * len(given), given, first) == old_find(given)
    assert first.made > 0 and first.changed()
    again = PairMemo(first.state())
    assert find_near_duplicates([()] * len(given), [packed(s) for s in given], again) == old_find(given)
    assert again.made == 0 and not again.changed()

    changed = random.Random(seed).choice([n for n, s in enumerate(given) if len(s) >= 40])
    edited = list(given)
    edited[changed] = frozenset(list(sorted(given[changed]))[:len(given[changed]) // 2])
    memo = PairMemo(first.state())
    assert find_near_duplicates([()] * len(edited), edited, memo) == old_find(edited)
    made = [pair for pair in memo.used if pair not in first.state()]  # its pairs, and those of a copy it no longer is
    assert memo.made == len(made) < first.made // 4

    lying = {pair: 0 for pair in first.state()}  # the copies found said to share nothing
    assert find_near_duplicates([()] * len(given), given, PairMemo(lying)) != old_find(given)
