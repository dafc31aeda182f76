"""MkDocs hook: a page's HTML without the theme's indentation and blank lines.

Material's templates indent every line and leave a line of spaces wherever a Jinja tag stood: 1.7 kB of
whitespace on each page, a twentieth of a 10,000-article site. A line break followed by spaces, tabs and
more line breaks reads exactly as one line break everywhere except in preformatted text, so a page with a
<pre>, <code> or <textarea> is left as it is. Only a size saving: an engine that does not run hooks (Zensical)
writes the same pages with the whitespace in.
"""
from __future__ import annotations

import re

# HTML's own whitespace (space, tab, line feed, form feed, carriage return) only: a no-break space or another
# Unicode space at the start of a line is text, not layout (Python's \s would take it).
_RUN = re.compile(r"\n[ \t\n\f\r]+")
_PREFORMATTED = re.compile(r"<(?:pre|code|textarea|listing|xmp|plaintext)\b", re.IGNORECASE)


def compact(html: str) -> str:
    if _PREFORMATTED.search(html):
        return html
    return _RUN.sub("\n", html)


def on_post_page(output, page, config):
    return compact(output)
