"""A title derived from the lead sentence, for pages that print no headline."""
from __future__ import annotations

from ..text.helpers import cut_at_word, first_sentence, squash_spaces

DERIVED_MIN, DERIVED_MAX = 60, 90


def derive_title(lead_paragraph: str) -> str:
    """A title from the lead sentence, cut at a word boundary to about 60–90 characters."""
    sentence = squash_spaces(first_sentence(lead_paragraph) or lead_paragraph).rstrip(".")
    if len(sentence) <= DERIVED_MAX:
        return sentence
    return cut_at_word(sentence, DERIVED_MAX, DERIVED_MIN)
