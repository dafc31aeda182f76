"""markdown_text, which finds the characters to escape with a regular expression, writes what the two
str.translate passes it replaced wrote (kept here), on seeded random paragraphs of every awkward character."""
from __future__ import annotations

import random

import pytest

from arshif.site.render import _MD_LINE_START, _MD_TABLE, _NO_CONTROLS, _escape_line_start, markdown_text

AWKWARD = "\\`*_[]&<{}|~^$#>+-=.)0123456789 \t\n\r\x0b\x0c\x00\x01\x02\x03\x1f\x7f\u00a0\u2028 ابتثجحخدذ«»،؟"


def old_markdown_text(paragraph: str) -> str:
    line = " ".join(str(paragraph).translate(_NO_CONTROLS).split()).translate(_MD_TABLE)
    return _MD_LINE_START.sub(_escape_line_start, line)


@pytest.mark.parametrize("seed", range(5))
def test_markdown_text_as_before(seed):
    rng = random.Random(seed)
    for _ in range(2000):
        text = "".join(rng.choice(AWKWARD) for _ in range(rng.randint(0, 30)))
        assert markdown_text(text) == old_markdown_text(text), repr(text)
    for text in ("", "\x0c", "a\x0cb", "1. عنوان", "# رأس", "= تحت", "\x00#", "مقالة عادية بلا علامات."):
        assert markdown_text(text) == old_markdown_text(text), repr(text)


def old_esc(text: object) -> str:
    import html

    out = html.escape(str(text).translate(_NO_CONTROLS), quote=True)
    return out.replace("{", "&#123;").replace("}", "&#125;").replace("`", "&#96;")


@pytest.mark.parametrize("seed", range(3))
def test_esc_as_before(seed):
    """esc, which returns a text with nothing to escape as it is, writes what the nine passes wrote."""
    from arshif.site.render import esc

    rng = random.Random(seed)
    awkward = AWKWARD + "\"'>\x08\x09\x0e"
    for _ in range(3000):
        text = "".join(rng.choice(awkward if rng.random() < 0.5 else "ابتث جحخ") for _ in range(rng.randint(0, 30)))
        assert esc(text) == old_esc(text), repr(text)
    for value in (None, 3, 2.5, "", "عادي", "<b>", "a&b", "\x00"):
        assert esc(value) == old_esc(value)
