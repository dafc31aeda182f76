"""duplicates: the same article saved twice with different page chrome (near-duplicates).

Identical bytes are caught by `pipeline.collect` (one page, one warning). Two scrapes of one article rarely
share their bytes: different menus, counters, a share bar glued to the last line. After cleaning, their
bodies are nearly the same text, so the bodies are compared: each body becomes the set of its 5-word
shingles (folded with `normalize.fold`, so hamza and ة/ه variants do not hide a copy), and each set keeps a
bottom-k sketch (its k smallest hashes). Only articles whose sketches share a hash are compared exactly, so
the work grows with the size of the archive, not with its square.

A near-duplicate is reported, never dropped: both pages are built, the later one (in file-name order) carries
a warning naming the first.
"""
from __future__ import annotations

import hashlib
import struct
from array import array
from collections import deque
from dataclasses import dataclass
from itertools import repeat
from typing import Iterable, Optional, Sequence

from ..models import Article, Issue, RawArticle
from ..text.normalize import fold, tokens

SHINGLE = 5  # words per shingle
SKETCH = 64  # hashes kept per article
JACCARD = 0.7  # shingle sets this similar are the same article
CONTAINMENT = 0.9  # or: this much of the shorter one is in the longer one
_COMMON_POSTING = 50  # a sketch hash shared by more articles than this is a stock phrase, not evidence


@dataclass(frozen=True)
class Match:
    first: int  # index of the earlier article
    second: int  # index of the later one
    jaccard: float
    containment: float


def shingles(paragraphs: Iterable[str]) -> frozenset[int]:
    """Stable 64-bit hashes of the body's 5-word shingles (Python's own hash is salted per process)."""
    return word_shingles(tokens(" ".join(paragraphs)))


def word_shingles(words: Sequence[str]) -> frozenset[int]:
    """shingles() of a body whose folded words (normalize.tokens) are `words`: the blake2b hash (8 bytes, read
    big-endian) of each run of SHINGLE words joined by a space (of all the words, when there are fewer).

    Every step runs in C, a call a step for all the runs of a batch: copying a started hash is cheaper than
    starting one. Batches of BATCH runs bound the memory (a hash object a run: 10 MB of text held 680 MB at once)."""
    if not words:
        return frozenset()
    if len(words) < SHINGLE:
        return frozenset(_hashes([b" ".join(map(str.encode, words))]))
    out: set[int] = set()
    for start in range(0, len(words) - SHINGLE + 1, BATCH):
        encoded = list(map(str.encode, words[start:start + BATCH + SHINGLE - 1]))
        out.update(_hashes(list(map(b" ".join, zip(*(encoded[k:] for k in range(SHINGLE)))))))  # each run of SHINGLE words
    return frozenset(out)


BATCH = 4096  # shingles hashed at a time


def _hashes(grams: list[bytes]) -> tuple[int, ...]:
    hashes = list(map(_COPY, repeat(_BLAKE8, len(grams))))
    deque(map(_UPDATE, hashes, grams), maxlen=0)
    return struct.unpack(f">{len(hashes)}Q", b"".join(map(_DIGEST, hashes)))


_BLAKE8 = hashlib.blake2b(digest_size=8)  # never updated: each shingle hashes a copy
_COPY, _UPDATE, _DIGEST = hashlib.blake2b.copy, hashlib.blake2b.update, hashlib.blake2b.digest


def packed(sketch: frozenset) -> bytes:
    """Shingles as the workers and the cache hand them on: the sorted 64-bit values, 8 bytes each (a frozenset of
    Python ints takes six times that: 290 MB held at once for 10,000 articles)."""
    return array("Q", sorted(sketch)).tobytes()


def unpacked(data: bytes) -> frozenset:
    values = array("Q")
    values.frombytes(data)
    return frozenset(values)


def _smallest(sketch, n: int) -> list[int]:
    if isinstance(sketch, (bytes, bytearray)):
        values = array("Q")
        values.frombytes(sketch[:8 * n])
        return values.tolist()
    return sorted(sketch)[:n]


def _candidate_pairs(sketches: list[list[int]]) -> list[tuple[int, int]]:
    """(later, earlier) for every two bodies whose sketches share a hash that at most _COMMON_POSTING bodies have,
    once each, ordered by the later one and then the earlier: the pairs worth comparing. With numpy: 640,000
    postings sorted at once, not appended one by one."""
    import numpy as np

    n = len(sketches)
    if n < 2:
        return []
    lengths = np.fromiter((len(s) for s in sketches), dtype=np.int64, count=n)
    values = np.fromiter((v for s in sketches for v in s), dtype=np.uint64, count=int(lengths.sum()))
    owners = np.repeat(np.arange(n, dtype=np.int64), lengths)
    order = np.lexsort((owners, values))  # by hash, then by body: each hash's bodies in input order
    values, owners = values[order], owners[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[starts, len(values)])
    codes = []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= _COMMON_POSTING)]):
        groups = owners[starts[sizes == size][:, None] + np.arange(size)]  # a row per hash, its bodies ascending
        earlier, later = np.triu_indices(int(size), 1)
        codes.append(groups[:, later] * n + groups[:, earlier])
    if not codes:
        return []
    pairs = np.unique(np.concatenate([c.ravel() for c in codes]))
    return list(zip((pairs // n).tolist(), (pairs % n).tolist()))


def _size(shingled) -> int:
    return len(shingled) // 8 if isinstance(shingled, (bytes, bytearray)) else len(shingled)


class PairMemo:
    """How many shingles two bodies share, by the digests of their shingle sets: a pure function of the two sets,
    so the last run's answers hold for every pair whose two bodies are unchanged. After a one-article edit only
    that article's candidate pairs are compared again (the others were 0.55 s of the check's 0.8 s at 10,000
    articles). `known`: the last run's state() (None: no memo, nothing kept)."""

    def __init__(self, known: Optional[dict] = None):
        self.known = known
        self.used: dict[tuple[bytes, bytes], int] = {}
        self.made = 0  # pairs compared in this run, not taken from the memo

    @classmethod
    def from_state(cls, state: object) -> "PairMemo":
        """A memo that keeps this run's pairs, starting from what the cache kept (anything else: from none)."""
        return cls(state if isinstance(state, dict) else {})

    @staticmethod
    def digest(shingled) -> bytes:
        data = shingled if isinstance(shingled, (bytes, bytearray)) else packed(shingled)
        return hashlib.blake2b(data, digest_size=16).digest()

    def shared(self, pair: tuple[bytes, bytes], count) -> int:
        found = self.used.get(pair)
        if found is None and self.known is not None:
            found = self.known.get(pair)
        if found is None:
            found = count()
            self.made += 1
        self.used[pair] = found
        return found

    def changed(self) -> bool:
        return self.known is not None and (self.made > 0 or len(self.used) != len(self.known))

    def state(self) -> dict:
        """The pairs this run compared (not the older ones: the memo does not grow with every edit)."""
        return self.used


def find_near_duplicates(bodies: Sequence[Sequence[str]], known: Optional[Sequence] = None,
                         memo: Optional[PairMemo] = None) -> list[Match]:
    """For each body that nearly repeats an earlier one, the earliest such body. Deterministic.

    `known[i]`, when given and not None, is shingles(bodies[i]) already computed (cached by the build), as a
    frozenset or packed(). `memo`: the shingles two bodies share, kept from the last run (PairMemo); the same
    matches without it."""
    given = [k if known is not None and k is not None else shingles(body)
             for body, k in zip(bodies, known if known is not None else [None] * len(bodies))]
    memo = memo if memo is not None else PairMemo()
    digests = [memo.digest(s) for s in given] if memo.known is not None else None
    full: dict[int, frozenset] = {}

    def sets(i: int) -> frozenset:  # unpacked for the candidate pairs only
        if i not in full:
            full[i] = unpacked(given[i]) if isinstance(given[i], (bytes, bytearray)) else given[i]
        return full[i]

    def common(i: int, j: int) -> int:
        """The shingles bodies i and j share: counted, or from the memo when it has the pair."""
        def count() -> int:
            return len(sets(i) & sets(j))

        return count() if digests is None else memo.shared((digests[i], digests[j]), count)

    matches: list[Match] = []
    matched = -1  # the later body of the last match: its other candidates are not looked at
    for j, i in _candidate_pairs([_smallest(s, SKETCH) for s in given]):
        if j == matched:
            continue
        shared, sizes = common(i, j), (_size(given[i]), _size(given[j]))
        jaccard = shared / (sizes[0] + sizes[1] - shared)  # |a | b|, without building the union
        containment = shared / min(sizes)
        if jaccard >= JACCARD or containment >= CONTAINMENT:
            matches.append(Match(i, j, jaccard, containment))
            matched = j  # the earliest copy is the one to name
    return matches


def near_duplicate_issues(done: Sequence[tuple[RawArticle, Article]], known: Optional[Sequence] = None,
                          memo: Optional[PairMemo] = None) -> list[Issue]:
    """A warning for each article that is a near-duplicate of an earlier one (`known`, `memo`: see
    find_near_duplicates)."""
    issues = []
    for m in find_near_duplicates([article.body for _, article in done], known, memo):
        (first, earlier), (second, later) = done[m.first], done[m.second]
        issues.append(Issue(
            str(second.path), "relate", "near-duplicate",
            f"nearly the same text as {first.name} ({m.jaccard:.0%} of the 5-word phrases shared, "
            f"{m.containment:.0%} of the shorter one): {_likely_cause(earlier, later)} Both pages are built",
            "warning",
        ))
    return issues


def _likely_cause(earlier: Article, later: Article) -> str:
    """Two outlets printing one text is a story both ran (a news agency's, most often), not a page saved twice."""
    outlets = [a.outlet.value.strip() if isinstance(a.outlet.value, str) else "" for a in (earlier, later)]
    if all(outlets) and fold(outlets[0]) != fold(outlets[1]):
        return f"another outlet printed it ({outlets[0]}; this one: {outlets[1]}): one agency story both ran?"
    return "the same article with different page chrome?"
