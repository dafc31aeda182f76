"""MkDocs hook: an article page's paragraphs reach the theme as HTML worked out from them, without Python-Markdown.

An article page's body is its paragraphs as arshif's markdown_text() writes them (src/arshif/site/render.py): one
line each, escaped so that Python-Markdown renders exactly the paragraph's text. For such a body the HTML needs no
parser: each paragraph's text (plain_text() undoes the escapes) in a <p>, with <, > and & escaped. Python-Markdown
spent a fifth of a 10,000-article site build finding that out again. A body that is not exactly what
markdown_text() writes (an editor added Markdown, or it is someone else's page) goes through Python-Markdown as
before. That page's render is replaced, for it alone, so no Python-Markdown instance is built for it either
(what MkDocs 1.6's Page.render sets: content, toc, title, anchors). It is only a speed-up: Zensical runs no
hook, and renders the same Markdown to the same text.
"""
from __future__ import annotations

import html

from mkdocs.structure.toc import get_toc

try:
    from arshif.site.render import markdown_text, plain_text
except ImportError:  # arshif not installed where MkDocs runs: every page goes through Python-Markdown
    markdown_text = plain_text = None


def paragraphs_html(markdown: str):
    """The HTML of a body of markdown_text() paragraphs (one blank line between), or None for any other body."""
    out = []
    for block in markdown.split("\n\n"):
        line = block.strip("\n")
        if not line:
            continue
        text = plain_text(line)
        if "\n" in line or markdown_text(text) != line:
            return None
        out.append(f"<p>{html.escape(text, quote=False)}</p>")
    return "\n".join(out)


def _rendered(page, content: str):
    """Page.render for a page whose HTML is known: what MkDocs' render sets for a body with no heading, link
    or anchor, without building a Python-Markdown instance for it (a tenth of the time per page)."""
    def render(config, files) -> None:
        page.content = content
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}
    return render


def on_page_markdown(markdown, page, config, files):
    if plain_text is None or page.meta.get("template") != "article.html" or page.meta.get("generator") != "arshif":
        return markdown
    content = paragraphs_html(markdown)
    if content is not None:
        page.render = _rendered(page, content)  # this page only; MkDocs calls it next
    return markdown
