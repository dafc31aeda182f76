"""search_stems: the stem of every word of the archive (normalize.strip_known), remembered from the last run.

A word's stem depends only on how often the archive prints the word itself and its ends of MIN_STEM letters or more
(strip_known looks up the remainders of stripping clitic groups from the front, and the word it strips them from).
So after an edit, only a word one of whose ends changed count can change stem: for the rest, last run's stem holds.
Stripping every word again took 0.3-0.4 s of each one-article build at 10,000 articles (160,000 words), on the
path the article pages wait on; the look-up of what changed takes some 0.05 s.

A StemMemo numbers its words as the search memo's table does (search_docs.SearchMemo.words); it holds for a table
that starts with the same words (a digest of them says so), which is the case while the search memo only grows.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from ..text import normalize


@dataclass(frozen=True)
class StemMemo:
    """For each word of the table's first `len(totals)`: its count in the archive then, and the letters
    strip_known removed from it (0 for a word the archive no longer printed)."""

    digest: bytes  # of those words, in order
    totals: np.ndarray  # int64
    stripped: np.ndarray  # int32 (a hostile token can lose more than 255 letters)


def table_digest(words: Sequence[str]) -> bytes:
    return hashlib.blake2b("\n".join(words).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _usable(previous: Optional[StemMemo], words: Sequence[str]) -> bool:
    """Whether `previous` is a whole memo (not one damaged) of a table `words` starts with."""
    arrays = (getattr(previous, "totals", None), getattr(previous, "stripped", None))
    if not (isinstance(previous, StemMemo) and isinstance(previous.digest, bytes)
            and all(isinstance(a, np.ndarray) and a.dtype.kind == "i" and a.ndim == 1 for a in arrays)):
        return False
    size = len(previous.totals)
    return size == len(previous.stripped) <= len(words) and previous.digest == table_digest(words[:size])


def _changed_ends(words: Sequence[str], totals: np.ndarray, previous: StemMemo) -> np.ndarray:
    """The present words one of whose ends of MIN_STEM letters or more (the word itself included) changed count."""
    before = np.zeros(len(words), dtype=np.int64)
    before[:len(previous.totals)] = previous.totals
    changed = {words[n] for n in np.flatnonzero(before != totals).tolist()}
    least = normalize.MIN_STEM
    tails = {w[-least:] for w in changed if len(w) >= least}  # every end of MIN_STEM letters or more ends so
    out = []
    for n in np.flatnonzero(totals).tolist():
        word = words[n]
        if word[-least:] in tails and any(word[i:] in changed for i in range(len(word) - least + 1)):
            out.append(n)
    return np.array(out, dtype=np.int64)


def known_stripped(words: Sequence[str], totals: np.ndarray, stem, previous: Optional[StemMemo] = None) -> StemMemo:
    """The letters strip_known removes from each word of `words` printed `totals[n]` times (`stem`: the
    Vocabulary's stem(), which knows those counts), from `previous` for the words no change can reach."""
    stripped = np.zeros(len(words), dtype=np.int32)
    if _usable(previous, words):
        stripped[:len(previous.stripped)] = previous.stripped
        todo = _changed_ends(words, totals, previous)
        stripped[totals == 0] = 0
    else:
        todo = np.flatnonzero(totals)
    stripped[todo] = [len(words[n]) - len(stem(words[n])) for n in todo.tolist()]
    return StemMemo(table_digest(words), totals.astype(np.int64), stripped)
