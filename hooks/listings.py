"""MkDocs hook: listing pages reach the theme as the HTML arshif wrote, without a second parse.

arshif writes its listing pages (home, entities, events, outlets, timeline) as HTML inside Markdown pages whose
front-matter says `arshif_html: true`. Python-Markdown would parse every tag of them again with its HTML
block parser, and that re-parse was two thirds of a site build; this hook hands the page body through
instead (the links in it are already final .html URLs). It is only a speed-up: an engine that does not run
hooks (Zensical) parses the same HTML blocks and renders the same page.
"""
from __future__ import annotations

_held: dict[str, str] = {}


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("arshif_html") is True:
        _held[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html, page, config, files):
    held = _held.pop(page.file.src_uri, None)
    return html if held is None else held
