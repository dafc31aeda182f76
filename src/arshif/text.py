"""Small text helpers shared by several stages (sentences, whitespace, cutting at word boundaries)."""
from __future__ import annotations

import re

# Sentence ends: Latin and Arabic full stop, question and exclamation marks, followed by space.
# The lookbehind is one character wide, so this never backtracks on long lines.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")
# Invisible characters that pages leak: no-break space, zero-width (non-)joiners, marks, BOM.
INVISIBLE = "\u00a0\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE_RE = re.compile("[" + INVISIBLE + "]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def squash_spaces(text: str) -> str:
    """Collapse runs of spaces (no-break included) to one and trim."""
    return _SPACES.sub(" ", text).strip()


def visible(text: str) -> str:
    """The text without invisible characters and surrounding whitespace."""
    return _INVISIBLE_RE.sub("", text).strip()


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
