"""MkDocs hook: article metadata is text, never markup, in the theme's templates too.

MkDocs' Jinja environment does not autoescape, and mkdocs-material prints `page.meta.title` into <title>
and the header, `page.meta.author` and `page.meta.description` into <meta content="...">, all unescaped.
A scraped headline like `</title><script>alert(1)</script>` would become an element. Just before a page's
template is rendered, those values are replaced by HTML-escaped `Markup` (so a template that does escape
them, with `| e`, does not escape them twice); after the page is rendered the originals are put back, so
later hooks and plugins see the real text.
"""
from __future__ import annotations

from markupsafe import Markup, escape

# Front-matter keys the theme prints into HTML.
KEYS = ("title", "description", "author")
_saved: dict[str, dict] = {}


def on_page_context(context, page, config, nav):
    meta = page.meta
    saved = {}
    for key in KEYS:
        value = meta.get(key)
        if value is None or isinstance(value, Markup):
            continue
        saved[key] = value
        meta[key] = Markup(escape(str(value)))
    if saved:
        _saved[page.file.src_uri] = saved
    return context


def on_post_page(output, page, config):
    page.meta.update(_saved.pop(page.file.src_uri, {}))
    return output
