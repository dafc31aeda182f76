"""Small text helpers shared by several stages (sentences, whitespace, cutting at word boundaries)."""
from __future__ import annotations

import re
from functools import lru_cache

# Sentence ends: Latin and Arabic full stop, question and exclamation marks, followed by space.
# The lookbehind is one character wide, so this never backtracks on long lines.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")
# Invisible characters that pages leak: no-break space, zero-width (non-)joiners, marks, BOM.
INVISIBLE = "\u00a0\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE_RE = re.compile("[" + INVISIBLE + "]")
_OTHER_SPACES = r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
# Only the runs that change: two or more space characters, or one that is not a plain space. A lone " " (the
# common case) is left alone, so a line with ordinary spacing costs one scan and no replacement.
_SPACES = re.compile(rf"[ {_OTHER_SPACES}]{{2,}}|[{_OTHER_SPACES}]")
# _SPACES finds nothing in a line with no other space character and no two plain spaces side by side: tested
# with `in` (C scans, ~10x faster than the regex's own scan of a paragraph that has nothing to change).
_OTHER_SPACE_CHARS = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"


def squash_spaces(text: str) -> str:
    """Collapse runs of spaces (no-break included) to one and trim."""
    if "  " in text or any(c in text for c in _OTHER_SPACE_CHARS):
        text = _SPACES.sub(" ", text)
    return text.strip()


def visible(text: str) -> str:
    """The text without invisible characters and surrounding whitespace."""
    return _INVISIBLE_RE.sub("", text).strip()


# Lines up to this long are memoised (the cleaner and the body builder read each line); the bound keeps the
# cache small whatever the input (at most _MEMO_SIZE lines of _MEMO_MAX_CHARS).
_MEMO_MAX_CHARS = 5000
_MEMO_SIZE = 4096


@lru_cache(maxsize=_MEMO_SIZE)
def _squash_visible(text: str) -> str:
    return squash_spaces(visible(text))


def squash_visible(text: str) -> str:
    """squash_spaces(visible(text)): a line as the rules see it."""
    return _squash_visible(text) if len(text) <= _MEMO_MAX_CHARS else squash_spaces(visible(text))


class Translation:
    """text.translate(table), for tables of single characters, faster on text where few characters change.

    str.translate looks every character up in the table one at a time (some 50 ns each on Arabic text, where
    CPython's ASCII fast path does not apply); here one regex finds which mapped characters occur and a
    str.replace (a C scan) changes each of them: 5 to 40 times faster on a paragraph, the same result as long
    as no replacement holds a mapped character (checked when built, else plain translate).
    """

    __slots__ = ("table", "_find", "_to", "_plain")

    def __init__(self, table: dict):
        self.table = table
        self._to = {chr(k): "" if v is None else v if isinstance(v, str) else chr(v) for k, v in table.items()}
        self._find = re.compile("[" + "".join(re.escape(c) for c in self._to) + "]") if self._to else None
        self._plain = any(c in self._to for v in self._to.values() for c in v)

    def __call__(self, text: str) -> str:
        if self._plain:
            return text.translate(self.table)
        if self._find is None:
            return text
        for c in set(self._find.findall(text)):
            text = text.replace(c, self._to[c])
        return text


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def first_sentence(text: str) -> str:
    parts = split_sentences(text)
    return parts[0] if parts else ""


def cut_at_word(text: str, limit: int, minimum: int = 0) -> str:
    """Cut `text` to at most `limit` characters at a word boundary (not before `minimum`)."""
    text = squash_spaces(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    if cut < minimum:
        cut = limit
    return text[:cut].rstrip(" ،,:؛;-–—") + "…"
