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


def squash_spaces(text: str) -> str:
    """Collapse runs of spaces (no-break included) to one and trim."""
    return _SPACES.sub(" ", text).strip()


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
