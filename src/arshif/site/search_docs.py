"""search_docs: what the search index takes from each article alone, kept between runs by the hash of its text.

The index needs, of every article, its words field by field (the title's in order, the lead's and the rest's as
counts) and its text coded for search/text/<id>.js. None of it depends on the other articles, so a SearchMemo
keeps it by the hash of the article's searchable text (title, outlet and segments): after one article is edited,
one article is read into words again, not 10,000. The words are numbers into one table of the archive's words, so
the memo holds each word once, however many articles print it (strings for every article's words would take some
300 MB at 10,000 articles), and a record is two byte strings of numbers that load without a loop of Python.

The memo is a plain object; build/ stores it between runs (state() and from_state()) beside the extraction cache.
"""
from __future__ import annotations

import hashlib
import json
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from ..models import Article
from ..text import normalize

VERSION = 1  # of the memo's state: another version is not read
# Extra fields that are text a reader may search for; the others are ids and data (entity and event slugs,
# date candidates), whose names are found in the article's text anyway.
TEXT_EXTRAS = ("subtitle", "section", "place")
# A word glued to a number ("في10شوال", "1436ه", "و3", "ال15") is also indexed under its runs of letters (two or more:
# not the ه or م of a year) and of digits: شوال and 1436 find it. The whole token is indexed too (typed as printed).
_PARTS = re.compile(r"[^\W\d_]{2,}|\d+")


def with_parts(tokens: list[str]) -> list[str]:
    """The tokens, then the parts of those that mix letters and digits (after the others: positions unchanged)."""
    parts = [p for t in tokens if not t.isalpha() and not t.isdigit() for p in _PARTS.findall(t)]
    return tokens + parts if parts else tokens


def _extra_texts(article: Article) -> list[str]:
    out = []
    for key, value in article.extra:
        if key not in TEXT_EXTRAS:
            continue
        items = value if isinstance(value, (tuple, list)) else (value,)
        out.extend(str(v) for v in items if isinstance(v, str) and v.strip())
    return out


def segments(article: Article) -> list[str]:
    """The searchable text of an article besides title and outlet: body first (snippets come from it)."""
    fields = [article.author.value, article.dateline.value, *_extra_texts(article)]
    return ["\n".join(article.body), *[str(f) for f in fields if isinstance(f, str) and f.strip()]]


def title_of(article: Article) -> str:
    return str(article.title.value or article.id)


def outlet_of(article: Article) -> str:
    return str(article.outlet.value or "")


@dataclass(frozen=True)
class Record:
    """One article's words, as numbers into the memo's table: the title's in order, then the lead paragraph's and
    the other texts' (the rest of the body, outlet, byline, dateline, TEXT_EXTRAS) each distinct word once;
    `counts` their occurrences (1 for each title word). `sizes`: how many of `words` belong to each of the three;
    `text`: the JSON of the coded segments, the body of search/text/<id>.js."""

    words: bytes  # uint32
    counts: bytes  # uint32
    sizes: tuple[int, int, int]
    text: bytes


@dataclass(frozen=True)
class Words:
    """One article's Record before its words are numbered into a memo's table, with the hash of the text it was
    read from: read_words() is the bulk of a record and needs no table, so the extraction workers make it beside
    the analysis (a cold build's search index then only numbers the words of 10,000 articles)."""

    digest: bytes
    tokens: str  # the words of Record.words, one a line (a word holds no line break: normalize.tokens)
    counts: bytes  # uint32
    sizes: tuple[int, int, int]
    text: bytes


def _fields(article: Article) -> tuple[str, str, list[str]]:
    return title_of(article), outlet_of(article), segments(article)


def _digest(title: str, outlet: str, segs: list[str]) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for text in (title, outlet, *segs):
        data = text.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little") + data)
    return h.digest()


def read_words(article: Article, encode) -> Words:
    """The article's words and coded text (a pure function of the article). `encode`: the text codec
    (search_index.encode_text), given by the caller as this module cannot import the module that uses it."""
    title, outlet, segs = _fields(article)
    lead, _, rest = segs[0].partition("\n")
    heading, first, *others = [with_parts(normalize.tokens(t)) for t in (title, lead, rest, outlet, *segs[1:])]
    body: Counter = Counter()
    for tokens in others:
        body.update(tokens)
    lead_counts = Counter(first)
    counts = array("I", [1] * len(heading))
    counts.extend(lead_counts.values())
    counts.extend(body.values())
    text = json.dumps([encode(s) for s in segs], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Words(_digest(title, outlet, segs), "\n".join((*heading, *lead_counts, *body)), counts.tobytes(),
                 (len(heading), len(lead_counts), len(body)), text)


class SearchMemo:
    """Record of each article by the hash of its searchable text, with the table of words they number."""

    def __init__(self, words: Sequence[str] = (), records: Optional[dict[bytes, Record]] = None):
        self.words = list(words)
        self.ids = {w: n for n, w in enumerate(self.words)}
        self.records = dict(records or {})
        self.used: dict[bytes, Record] = {}  # the records asked for since the memo was made: what the next run keeps
        self.made = 0  # records made (not found) since then
        self.stems = None  # search_stems.StemMemo: the last run's stems, then (once the index is made) this run's

    def record(self, article: Article, encode, read: Optional[Words] = None) -> Record:
        """The article's record, made when the memo has none for its text: from `read` (read_words of this
        article, made elsewhere) when it is given for this very text, else read here. `encode`: see read_words."""
        digest = _digest(*_fields(article))
        found = self.records.get(digest)
        if found is None:
            words = read if read is not None and read.digest == digest else read_words(article, encode)
            found = self.records[digest] = self._number(words)
            self.made += 1
        self.used[digest] = found
        return found

    def _number(self, read: Words) -> Record:
        tokens = read.tokens.split("\n") if read.tokens else []
        ids, table = self.ids, self.words
        for token in [t for t in tokens if t not in ids]:  # the new words, in order (a word recurs across fields)
            if token not in ids:
                ids[token] = len(table)
                table.append(token)
        numbers = array("I", map(ids.__getitem__, tokens))
        return Record(numbers.tobytes(), read.counts, read.sizes, read.text)

    def state(self) -> dict:
        """What the next run needs: the records used in this one, their words renumbered when many words of the
        table are no longer used (the table would otherwise grow with every edit)."""
        records = self.used
        if records:
            numbers = np.frombuffer(b"".join(r.words for r in records.values()), dtype=np.uint32)
            used = np.flatnonzero(np.bincount(numbers, minlength=len(self.words)))  # np.unique's, without a sort
            if len(used) < 0.9 * len(self.words):
                renumber = np.zeros(len(self.words), dtype=np.uint32)
                renumber[used] = np.arange(len(used), dtype=np.uint32)
                records = {d: Record(renumber[np.frombuffer(r.words, dtype=np.uint32)].tobytes(), r.counts, r.sizes, r.text)
                           for d, r in records.items()}
                return {"version": VERSION, "words": [self.words[n] for n in used.tolist()], "records": records}
        return {"version": VERSION, "words": self.words, "records": records}

    @classmethod
    def from_state(cls, state: object) -> "SearchMemo":
        """The memo of state(), or an empty one when `state` is not one (another version, or damaged)."""
        if not (isinstance(state, dict) and state.get("version") == VERSION):
            return cls()
        words, records = state.get("words"), state.get("records")
        if not (isinstance(words, list) and isinstance(records, dict)):
            return cls()
        return cls(words, records)
