"""Line shapes: which lines read as a headline, which as running text."""
from __future__ import annotations

import re

# Running text ends with a full stop; headlines usually do not. A question or exclamation mark ends many
# headlines ("لماذا غاب النجوم عن مسرح «العيد»؟"), so only a long line ending with one is running text.
_SENTENCE_END = re.compile(r"(?<!\.)[.…:]\s*[\"'”»)]*\s*$")
_QUESTION_END = re.compile(r"[!؟?]\s*[\"'”»)]*\s*$")
_QUESTION_BODY_WORDS = 18
_HEADLINE_MAX = 220  # characters; longer lines are paragraphs
_BODY_MIN = 160  # a line this long is running text even without a full stop


def is_body_like(text: str) -> bool:
    """A line of running text: long, or a sentence of several words ending with a stop."""
    if len(text) >= _BODY_MIN:
        return True
    words = len(text.split())
    if _QUESTION_END.search(text):
        return words >= _QUESTION_BODY_WORDS
    return words >= 6 and bool(_SENTENCE_END.search(text))


def is_title_like(text: str) -> bool:
    """Could be a headline: not too long, not ending like a sentence, has letters."""
    if not text or len(text) > _HEADLINE_MAX or not any(ch.isalpha() for ch in text):
        return False
    return not is_body_like(text)
