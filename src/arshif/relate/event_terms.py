"""event_terms: an article's terms as event grouping counts them, found in the worker that extracts it.

event_vectors counts normalize.keys() of the words, minus rules/events.yaml's ignore_words and words under
three letters, a title word TITLE_WEIGHT times. Finding and counting them is a third of grouping 10,000 articles,
and it depends on one article alone: the workers do it beside extraction (relate.archive.analyse) and the cache
keeps the result (EventWords): each distinct term once, sorted, with its count, packed as one string and one
array (a list of 500 words would be 500 objects an article in the cache and in memory). After the barrier they
are only split and numbered, an article at a time.
"""
from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from typing import Optional, Sequence

from ..rules import cached_rules
from .entity_words import chunk_keys, fast_keys

TITLE_WEIGHT = 3  # a headline word counts as three body words: the headline says what the event is
LEAD_WORDS = 60  # the lead: the body's first words (after ignore_words), where a report says what happened
_SEP = " "  # words are keys of white-space chunks: none holds a space (packed_words checks)
COUNT_TYPE = "I"  # array and numpy type code of the packed counts


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


def packed_words(words: Sequence[str]) -> Optional[str]:
    """The words as one string, or None if one of them holds the separator (then they are found again)."""
    text = _SEP.join(words)
    return text if text.count(_SEP) == max(0, len(words) - 1) else None


def unpacked_words(text: str) -> list[str]:
    return text.split(_SEP) if text else []


@dataclass(frozen=True)
class EventWords:
    """An article's terms for event grouping: `terms`, its distinct terms in sorted order, packed; `counts`, how
    often each counts (body words once, title words TITLE_WEIGHT times), array(COUNT_TYPE) bytes; `head` and
    `lead`, its title's words and its body's first LEAD_WORDS words, packed (the incidents they name, event_kinds)."""
    terms: str
    counts: bytes
    head: str
    lead: str
    # (the incident kinds the title names, those the title or lead names: incident_kinds) under the archive's
    # incidents, when the worker knew them; grouping then does not unpack `head` and `lead` again.
    kinds: Optional[tuple[int, int]] = None


def counted(words: Sequence[str], head: Sequence[str]) -> tuple[list[str], array]:
    """The distinct terms, sorted, and each one's count: what Counter(words + head * TITLE_WEIGHT) holds."""
    counts = Counter(words)
    for word in head:
        counts[word] += TITLE_WEIGHT
    terms = sorted(counts)
    return terms, array(COUNT_TYPE, map(counts.__getitem__, terms))


def incident_kinds(head: Sequence[str], lead: Sequence[str], incidents: Optional[dict]) -> tuple[int, int]:
    """The incident kinds (bit masks of rules/events.yaml's incidents) the title's words `head` name, and those
    the title or the lead's words name."""
    head_kinds = lead_kinds = 0
    if incidents:
        for k in incidents.keys() & set(head):
            head_kinds |= incidents[k]
        for k in incidents.keys() & set(lead):
            lead_kinds |= incidents[k]
    return head_kinds, head_kinds | lead_kinds


def pack(words: Sequence[str], head: Sequence[str], incidents: Optional[dict] = None) -> Optional[EventWords]:
    """EventWords of an article whose body's and title's words are `words` and `head` (with their incident kinds,
    when the `incidents` are given); None when they cannot be packed."""
    terms, counts = counted(words, head)
    lead = words[:LEAD_WORDS]
    parts = packed_words(terms), packed_words(head), packed_words(lead)
    kinds = incident_kinds(head, lead, incidents) if incidents is not None else None
    return None if None in parts else EventWords(parts[0], counts.tobytes(), parts[1], parts[2], kinds)


def event_words(title: str, body: tuple[str, ...], ignore: frozenset, incidents: Optional[dict] = None) -> Optional[EventWords]:
    """pack() of the article's words (with these ignore_words and incidents)."""
    return pack(_words("\n".join(body), ignore), _words(title, ignore), incidents)
