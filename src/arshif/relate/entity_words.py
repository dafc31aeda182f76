"""entity_words: an article's words as the entity matcher sees them, fast: keys, folded forms, punctuation breaks.

Each function equals a plain definition (tests hold the two equal):
  fast_fold               normalize.fold(text)
  fast_keys, chunk_keys   normalize.keys(text)
  scan                    _scan_whole(text): one fold of the whole text, one regex pass over it

Folding maps letters to letters and removes marks, one character at a time, and never touches white space; only a
capital sigma, whose lower case depends on what follows, needs its neighbours. So, but for a text with a capital
sigma, the words of a text are the words of its white-space-separated chunks, each folded and keyed once an
archive (memo tables, emptied with the rules); an article repeats its words, and an archive its chunks.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..rules import cached_rules
from ..text.normalize import _FOLD, _MARKS, strip_clitics, variants

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # the same word rule as normalize.tokens
# Punctuation that ends a phrase; quotes and brackets do not ("ضد (داعش)" is one phrase).
_HARD = re.compile(r"[.,،؛;:!?؟\n]")
SIGMA = "\u03a3"  # the one capital whose lower case depends on its neighbours (final sigma)


class Tok(NamedTuple):
    key: str  # normalize.keys() of the word
    folded: str  # the word folded, clitics kept
    hard: bool  # a hard break (full stop, comma, line break...) comes before it (the text's first word: yes)
    soft: bool  # any punctuation (quotes, brackets too) comes before it


@cached_rules
def _key_table() -> dict:
    return {}


def key(token: str) -> str:
    """normalize's key of a folded token, memoised (an archive repeats its words; stripping is the cost)."""
    table = _key_table()
    found = table.get(token)
    if found is None:
        stripped = strip_clitics(token)
        found = table[token] = variants().get(stripped, stripped)
    return found


def fast_fold(text: str) -> str:
    """normalize.fold in one str.translate (marks dropped as letters are folded); tests check that keys stay exactly
    normalize.keys()."""
    return text.translate(_FOLD_MARKS).lower()


# _FOLD, and every mark of _MARKS dropped (all in the Arabic block): one pass for normalize.fold's two. No mark is
# folded, none is what a letter folds to; a test compares the two on every character.
_FOLD_MARKS = {**_FOLD, **dict.fromkeys(map(ord, _MARKS.findall("".join(map(chr, range(0x0600, 0x0700))))))}


# ---------------------------------------------------------------------------------------------- scan
def _scan_whole(text: str) -> list[Tok]:
    """The plain definition of scan(): one fold of the whole text, one regex pass, memoised keys. A line break is
    a hard break here (a paragraph ends)."""
    folded = fast_fold(text)
    out = []
    pos = 0
    for m in _WORD.finditer(folded):
        gap = folded[pos:m.start()]
        first = not out
        hard = first or bool(_HARD.search(gap))
        soft = hard or bool(gap.strip())
        token = m.group()
        out.append(Tok(key(token), token, hard, soft))
        pos = m.end()
    return out


# Chunks scan() keeps (about 250 bytes each, 60 new ones an article at first, fewer as the archive's words recur):
# past this, the table starts again, so that a long run in one process stays within its memory.
MAX_CHUNKS = 250_000


@cached_rules
def _scan_table() -> dict:
    return {}


def _chunk_entry(chunk: str) -> tuple:
    """A chunk without white space as scan() needs it: a chunk that is one word and nothing else, its Tok; another,
    (words, hard, soft): its words as _scan_whole gives them when nothing comes before the chunk (the first word's
    breaks are those of the chunk's own leading punctuation), and whether the punctuation after its last word (all
    of it, when it has no word) holds a hard break, or anything at all."""
    folded = chunk.translate(_FOLD_MARKS).lower()  # fast_fold
    if folded.isalnum():  # most chunks: one word ([^\W_]+ is what str.isalnum() accepts), no punctuation
        if folded == chunk:
            folded = chunk  # one string kept, not two
        return _tok(Tok, (key(folded), folded, False, False))
    toks = []
    pos = 0
    for m in _WORD.finditer(folded):
        gap = folded[pos:m.start()]
        hard = bool(_HARD.search(gap))
        token = m.group()
        toks.append(_tok(Tok, (key(token), token, hard, hard or bool(gap.strip()))))
        pos = m.end()
    tail = folded[pos:]
    return tuple(toks), bool(_HARD.search(tail)), bool(tail.strip())


def _words_of(entry: tuple) -> tuple:
    return (entry,) if entry.__class__ is Tok else entry[0]


_tok = tuple.__new__  # _tok(Tok, fields) is Tok(*fields) without the named tuple's Python-level __new__


def scan(text: str) -> list[Tok]:
    """_scan_whole(text), chunk by chunk: each white-space-separated chunk is folded and cut into words once an
    archive; what lies between two words (a line break, punctuation at a chunk's edges, chunks without words)
    decides the breaks before the second."""
    if SIGMA in text:
        return _scan_whole(text)
    table = _scan_table()
    get = table.get
    out: list[Tok] = []
    extend = out.extend
    for line in text.split("\n"):
        hard = soft = True  # the text's first word, and the first after a line break
        for chunk in line.split():
            entry = get(chunk)
            if entry is None:
                if len(table) >= MAX_CHUNKS:
                    table.clear()
                entry = table[chunk] = _chunk_entry(chunk)
            if entry.__class__ is Tok:  # one word, no punctuation
                out.append(_tok(Tok, (entry.key, entry.folded, hard, True)) if soft else entry)
                hard = soft = False
                continue
            toks = entry[0]
            if toks:
                if soft:  # hard implies soft
                    first = toks[0]
                    if (hard and not first.hard) or not first.soft:
                        first = _tok(Tok, (first.key, first.folded, hard or first.hard, True))
                    out.append(first)
                    extend(toks[1:])
                else:
                    extend(toks)
                hard, soft = entry[1], entry[2]
            else:
                hard = hard or entry[1]
                soft = soft or entry[2]
    return out


_WORD_EDGE = re.compile(r"^[^\w]+|[^\w]+$", re.UNICODE)


def span_surfaces(text: str, start: int, end: int) -> list[str]:
    """entities.Word.surface of scan(text)[start:end], after scan(text) (its chunks are in the table): a word
    alone in its chunk is printed as the chunk without edge punctuation, another as folded; tatweel dropped."""
    return Surfaces(text)(start, end)


class Surfaces:
    """span_surfaces() of many spans of one text, walking its chunks once when the spans come in order (they do:
    the names a text holds are found first to last). Walking from the first chunk for every name was quadratic:
    a 1 MB page with 500 titled names took 18 s."""

    def __init__(self, text: str):
        self.chunks = text.split()
        self.table = _scan_table()
        self.c = self.i = 0  # a chunk, and the index of its first word

    def __call__(self, start: int, end: int) -> list[str]:
        if start < self.i:  # a span before the last one: from the first chunk again
            self.c = self.i = 0
        out: list[str] = []
        c, i, chunks, get = self.c, self.i, self.chunks, self.table.get
        while c < len(chunks):
            chunk = chunks[c]
            toks = _words_of(get(chunk) or _chunk_entry(chunk))
            j = i + len(toks)
            if j > start:
                for tok in toks[max(0, start - i):end - i]:
                    out.append((_WORD_EDGE.sub("", chunk) if len(toks) == 1 else tok.folded).replace("\u0640", ""))
                if j >= end:
                    break
            c, i = c + 1, j
        self.c, self.i = c, i
        return out


# ---------------------------------------------------------------------------------------------- keys
@cached_rules
def _chunk_table() -> dict:
    return {}


def fast_keys(text: str) -> list[str]:
    """normalize.keys(text), faster: chunks between white space keyed once, memoised (a text with a capital
    sigma is folded whole); tests hold the two equal."""
    if SIGMA in text:
        return [key(m.group()) for m in _WORD.finditer(fast_fold(text))]
    table = _chunk_table()
    get = table.get
    out: list[str] = []
    for chunk in text.split():
        keys = get(chunk)
        if keys is None:
            keys = table[chunk] = chunk_keys(chunk)
        out.extend(keys)
    return out


def chunk_keys(chunk: str) -> tuple[str, ...]:
    """The keys of a text without white space (fast_keys memoises them)."""
    return tuple(key(t) for t in _WORD.findall(fast_fold(chunk)))
