"""term_numbers: event grouping's terms numbered once and kept between runs (the cache's TERM_NUMBERS).

Counting the terms (event_vectors._counts) numbers every term of every article: 1.6 million look-ups at 10,000
real articles, a second of a one-article rebuild. The numbers do not depend on the other articles, so they are
kept: a table of the terms seen, each numbered once, and each article's terms (the packed string of
event_terms.EventWords.terms) as their numbers, by a digest of that string. Only a new or edited article is
numbered again. The matrix does not depend on the numbering: _counts orders the columns by the terms themselves
(`rank`), so it is the same, bit for bit, as counting from nothing.
"""
from __future__ import annotations

import hashlib
from typing import Optional

import numpy as np

from .event_terms import unpacked_words

VERSION = 1
NUMBER_TYPE = np.int32


class Numbering(dict):
    """term -> its number, numbered as first seen; the terms in number order are list(self)."""

    def __missing__(self, term: str) -> int:
        self[term] = number = len(self)
        return number


def sorted_rank(terms: list[str]) -> np.ndarray:
    """Each number's place among `terms` (in number order) when they are sorted: _counts's column order."""
    rank = np.empty(len(terms), dtype=np.int64)
    rank[sorted(range(len(terms)), key=terms.__getitem__)] = np.arange(len(terms))
    return rank


class TermNumbers:
    def __init__(self, terms: tuple | list = (), rows: Optional[dict] = None, rank: Optional[np.ndarray] = None):
        self.number = Numbering(zip(terms, range(len(terms))))
        self.rows: dict[bytes, np.ndarray] = dict(rows or {})
        self.used: dict[bytes, np.ndarray] = {}  # the rows asked for since the memo was made: what the next run keeps
        self.made = 0  # rows numbered (not found) since then
        self._rank = rank if rank is not None and len(rank) == len(self.number) else None

    def of(self, packed: str) -> np.ndarray:
        """The numbers of an article's terms, in the order of the packed string."""
        key = hashlib.blake2b(packed.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        found = self.rows.get(key)
        if found is None:
            found = self.rows[key] = np.array(list(map(self.number.__getitem__, unpacked_words(packed))),
                                              dtype=NUMBER_TYPE)
            self.made += 1
            self._rank = None
        self.used[key] = found
        return found

    def rank(self) -> np.ndarray:
        """Each number's place among the table's terms in sorted order: the column order of _counts."""
        if self._rank is None:
            self._rank = sorted_rank(list(self.number))
        return self._rank

    def state(self) -> dict:
        """What the next run needs: the rows used in this one; the table renumbered when many of its terms are no
        longer used (it would otherwise grow with every edit)."""
        rows, terms, rank = self.used, list(self.number), self.rank()
        if rows:
            used = np.flatnonzero(np.bincount(np.concatenate(list(rows.values())), minlength=len(terms)))  # np.unique's
            if len(used) < 0.9 * len(terms):
                renumber = np.zeros(len(terms), dtype=NUMBER_TYPE)
                renumber[used] = np.arange(len(used), dtype=NUMBER_TYPE)
                rows = {k: renumber[v] for k, v in rows.items()}
                terms = [terms[n] for n in used.tolist()]
                rank = np.argsort(np.argsort(rank[used], kind="stable"), kind="stable")
        return {"version": VERSION, "terms": terms, "rows": rows, "rank": rank}

    def changed(self) -> bool:
        """Whether state() differs from what the memo was made from."""
        return bool(self.made) or len(self.used) != len(self.rows)

    @classmethod
    def from_state(cls, state: object) -> "TermNumbers":
        """The memo of state(), or an empty one when `state` is not one (another version, or damaged)."""
        if not (isinstance(state, dict) and state.get("version") == VERSION):
            return cls()
        terms, rows, rank = state.get("terms"), state.get("rows"), state.get("rank")
        if not (isinstance(terms, list) and isinstance(rows, dict) and isinstance(rank, np.ndarray)):
            return cls()
        return cls(terms, rows, rank)
