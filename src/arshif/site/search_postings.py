"""search_postings: the weighted postings of the whole archive at once, in arrays, and their coded strings.

search_terms.weighted_postings() says what a posting is, one document at a time; the index of 10,000 articles has
two million of them, which a loop of Python spends seconds on. Here the same arithmetic runs over arrays (numpy),
in the same order of the same float64 operations, so every weight is the same to the last bit (x + 0.0 is x, and
numpy rounds half to even as Python's round() does); the postings are then coded as search_index.encode_weighted()
codes them, every key's string at once. tests/unit/test_search_postings.py checks both against the loops.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from . import search_terms

# The posting alphabets (search_index says how postings are coded): the last base-32 digit of a number, the others.
LAST = "0123456789abcdefghijklmnopqrstuv"
CONT = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"
_LAST_CODES = np.frombuffer(LAST.encode("ascii"), dtype=np.uint8)
_CONT_CODES = np.frombuffer(CONT.encode("ascii"), dtype=np.uint8)


def weigh(keys: np.ndarray, docs: np.ndarray, fields: np.ndarray, tfs: np.ndarray, lengths: np.ndarray,
          average: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The postings of (key id, document, field index in search_terms.FIELDS, term frequency) rows, a key's
    occurrences in one field of one document given in as many rows as wanted (they are summed): (key ids, documents,
    weights 1..IMPACT_LEVELS, in the title?), sorted by key then document. `lengths`: each document's field lengths
    (documents x FIELDS), `average` the mean of each field (search_terms.average_lengths)."""
    # Rows given document by document (as search_index gives them) need only a stable sort by key to come in key
    # then document order: a third quicker than np.unique over key x document codes, and the same postings.
    in_order = len(docs) < 2 or bool((docs[1:] >= docs[:-1]).all())
    order = np.argsort(keys, kind="stable") if in_order else np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order]
    first = np.ones(len(keys), dtype=bool)  # the first row of each (key, document)
    first[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
    row = np.cumsum(first) - 1
    starts = np.flatnonzero(first)
    count = len(starts)
    tf = np.bincount(row * 3 + fields[order], weights=tfs[order], minlength=count * 3).reshape(count, 3)
    del row
    doc = docs[starts].astype(np.int64)
    value = 0.0
    for f, name in enumerate(search_terms.FIELDS):
        # norm = 1 - B + B * length / average, then weight * tf / norm: the operations of weighted_postings, in order
        norm = (1 - search_terms.B) + search_terms.B * lengths[:, f].astype(np.float64) / average[name]
        value = value + search_terms.FIELD_WEIGHTS[name] * tf[:, f] / norm[doc]
    k1, levels = search_terms.K1, search_terms.IMPACT_LEVELS
    part = value * (k1 + 1) / (value + k1)
    weight = np.clip(np.rint(part / (k1 + 1) * levels), 1, levels).astype(np.uint8)
    return keys[starts].astype(np.int32), doc, weight, tf[:, 0] > 0


def encode(keys: np.ndarray, docs: np.ndarray, digits: np.ndarray, title: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """(the distinct key ids, the coded postings of each): search_index.encode_weighted() of every key's postings,
    from postings sorted by key then document, `digits` their weight digits (with TITLE_FLAG where the key is in
    the title) and `title` (postings x 3) the three digits that follow a flagged one."""
    count = len(keys)
    if not count:
        return keys, []
    first = np.ones(count, dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    previous = np.where(first, -1, np.concatenate(([-1], docs[:-1])))
    gaps = docs - previous - 1
    width = 1
    while (gaps >> (5 * width)).any():
        width += 1
    flagged = (digits & search_terms.TITLE_FLAG) > 0
    chars = np.zeros((count, width + 4), dtype=np.uint8)
    keep = np.zeros((count, width + 4), dtype=bool)
    for column in range(width):  # the gap's base-32 digits, the most significant first
        place = width - 1 - column
        alphabet = _LAST_CODES if place == 0 else _CONT_CODES
        chars[:, column] = alphabet[(gaps >> (5 * place)) & 31]
        keep[:, column] = (gaps >> (5 * place)) > 0 if place else True
    chars[:, width] = _LAST_CODES[digits]
    keep[:, width] = True
    chars[:, width + 1:] = _LAST_CODES[np.where(flagged[:, None], title, 0)]
    keep[:, width + 1:] = flagged[:, None]
    text = chars[keep].tobytes().decode("ascii")
    starts = np.flatnonzero(first)
    sizes = np.add.reduceat(keep.sum(axis=1), starts)
    ends = np.cumsum(sizes).tolist()
    begins = [0, *ends[:-1]]
    return keys[starts], [text[a:b] for a, b in zip(begins, ends)]
