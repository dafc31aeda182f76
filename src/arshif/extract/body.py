"""Body: paragraphs from the body lines, in order, with nothing lost.

Wrapped lines (a paragraph broken across lines without a blank line between) are joined; a very long
single-line body is split at sentence ends into readable paragraphs.
"""
from __future__ import annotations

import re
from typing import Sequence

from ..models import Line
from ..text.helpers import split_sentences, squash_visible

_ENDS_SENTENCE = re.compile(r"[.!؟?…:\"”»)]\s*$")
_WRAP_MIN = 40  # a line shorter than this is not a wrapped piece of a paragraph (a heading, a list item)
LONG_PARAGRAPH = 900  # characters: longer paragraphs are split at sentence ends
_TARGET = 450  # aim for paragraphs about this long when splitting


def build_paragraphs(lines: Sequence[Line]) -> list[str]:
    """Paragraphs from the body lines (other roles act as paragraph breaks)."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        text = squash_visible(line.text)
        if line.role != "body" or not text:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(text)
    paragraphs: list[str] = []
    for block in blocks:
        for para in _join_wrapped(block):
            paragraphs.extend(split_long(para))
    return paragraphs


def _join_wrapped(block: list[str]) -> list[str]:
    out: list[str] = []
    for text in block:
        if out and len(out[-1]) >= _WRAP_MIN and not _ENDS_SENTENCE.search(out[-1]) and len(text) >= 1:
            out[-1] = out[-1] + " " + text
        else:
            out.append(text)
    return out


def split_long(paragraph: str) -> list[str]:
    """Split a paragraph longer than LONG_PARAGRAPH at sentence ends into parts of about _TARGET characters."""
    if len(paragraph) <= LONG_PARAGRAPH:
        return [paragraph]
    parts: list[str] = []
    current = ""
    for sentence in split_sentences(paragraph):
        if current and len(current) + 1 + len(sentence) > _TARGET:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        parts.append(current)
    return parts
