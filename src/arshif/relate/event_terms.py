"""event_terms: an article's words as event grouping counts them, found in the worker that extracts it.

event_vectors counts normalize.keys() of the words, minus rules/events.yaml's ignore_words and words under
three letters. Finding them is a third of grouping 10,000 articles, and it depends on one article alone: the
workers find them beside extraction (relate.archive.analyse) and the cache keeps them, packed as one string
each (a list of 500 words would be 500 objects an article in the cache and in memory); after the barrier they are
only unpacked, each word interned, so that the same word in 10,000 articles is one object.
"""
from __future__ import annotations

import sys
from itertools import chain
from typing import Optional

from ..rules import cached_rules
from .entity_words import chunk_keys, fast_keys

_SEP = " "  # words are keys of white-space chunks: none holds a space (packed_words checks)


@cached_rules
def _word_tables() -> dict:
    return {}


def _words(text: str, ignore: frozenset) -> list[str]:
    """[k for k in fast_keys(text) if len(k) >= 3 and k not in ignore], each white-space chunk's words found
    once an archive (as fast_keys does; a text with a capital sigma is keyed whole)."""
    if "\u03a3" in text:
        return [k for k in fast_keys(text) if len(k) >= 3 and k not in ignore]
    table = _word_tables().setdefault(ignore, {})
    chunks = text.split()
    for chunk in set(chunks).difference(table):  # the loops over every chunk run in C
        table[chunk] = tuple(k for k in chunk_keys(chunk) if len(k) >= 3 and k not in ignore)
    return list(chain.from_iterable(map(table.__getitem__, chunks)))


def packed_words(words: list[str]) -> Optional[str]:
    """The words as one string, or None if one of them holds the separator (then they are found again)."""
    text = _SEP.join(words)
    return text if text.count(_SEP) == max(0, len(words) - 1) else None


def unpacked_words(text: str) -> list[str]:
    return list(map(sys.intern, text.split(_SEP))) if text else []


def event_words(title: str, body: tuple[str, ...], ignore: frozenset) -> Optional[tuple[str, str]]:
    """(the body's words, the title's words), packed; None when they cannot be packed."""
    text, head = packed_words(_words("\n".join(body), ignore)), packed_words(_words(title, ignore))
    return None if text is None or head is None else (text, head)
