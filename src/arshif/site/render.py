"""render: Article (+ links) -> Page. Markdown with YAML front-matter, and the index pages.

An article page is Markdown: its front-matter (every field with its basis, plus what the theme shows around the
text: date line, basis sentence, event, related articles, entities, previous / next) and its paragraphs as
Markdown text. Article text is data, never markup: markdown_text() escapes every character Markdown or HTML
could act on, so a scraped `<script>`, `*x*`, `[a](javascript:x)` or `{{ x }}` reads as it was written.
The furniture is the theme's job (overrides/article.html renders it from page.meta, escaping with `| e`).

Listing pages still carry HTML inside raw blocks (esc() below), which Python-Markdown passes through; links in
them are final relative URLs (the site uses `use_directory_urls: false`, so they work from file:// too).
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Iterable, Optional

from ..models import Article, Page
from . import messages, yaml_text

GENERATOR = "arshif"
# From rules/messages.yaml (the shipped strings; format_date reads the archive's own at each call).
ARABIC_MONTHS = messages.messages().months
UNKNOWN_DATE = messages.text("date.unknown")
ARTICLE_TEMPLATE = "article.html"


# Control characters (read.py already drops them) would be Python-Markdown's placeholder markers (\x02, \x03).
_NO_CONTROLS = dict.fromkeys([c for c in range(0x20) if c not in (0x09, 0x0A)] + [0x7F])


# What esc() changes: most headlines, names and bases hold none of these, and are returned as they are (one scan
# instead of nine passes over the text).
_ESCAPED = re.compile(r"[&<>\"'{}`\x00-\x08\x0b-\x1f\x7f]")


def esc(text: object) -> str:
    """Escape for HTML text and attributes; also defuse characters Markdown or Jinja could act on."""
    text = str(text)
    if _ESCAPED.search(text) is None:
        return text
    out = html.escape(text.translate(_NO_CONTROLS), quote=True)
    # Braces and backticks are harmless in raw HTML, but escaping them keeps any later template pass inert.
    return out.replace("{", "&#123;").replace("}", "&#125;").replace("`", "&#96;")


# What Python-Markdown (and Zensical, which renders with it) reads as markup anywhere in a line: backslash
# escapes; `&` and `<` as references keep HTML, comments and entities inert; | ~ ^ $ for extensions a site may add.
_MD_ANYWHERE = {c: "\\" + c for c in "\\`*_[]"}
# Braces as references, not "\{": a template pass over the Markdown (a macros plugin) would still see "{{".
_MD_ANYWHERE.update({"&": "&amp;", "<": "&lt;", "{": "&#123;", "}": "&#125;", "|": "&#124;", "~": "&#126;",
                     "^": "&#94;", "$": "&#36;"})
_MD_TABLE = str.maketrans(_MD_ANYWHERE)
# What it reads as markup only at the start of a line: headings, quotes, lists, rules, numbered lists.
_MD_LINE_START = re.compile(r"^(?:([#>+-])|(=)|(\d+)([.)]))")
_MD_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]#>+.)-])")  # braces too: hand-written Markdown may escape them so


def markdown_text(paragraph: str) -> str:
    """One paragraph as Markdown that renders to exactly its text: one line, no markup, no entity, no template.

    Line breaks inside a paragraph become spaces (HTML shows them so anyway) and the line is stripped, so no
    indentation makes a code block and no trailing spaces a <br>."""
    text = str(paragraph)
    if _CONTROL.search(text):
        text = text.translate(_NO_CONTROLS)
    # A regular expression finds the few characters to escape; str.translate would look up every letter.
    line = _MD_CHAR.sub(_md_escape, " ".join(text.split()))
    return _MD_LINE_START.sub(_escape_line_start, line)


_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in _NO_CONTROLS) + "]")
_MD_CHAR = re.compile("[" + "".join(re.escape(c) for c in _MD_ANYWHERE) + "]")


def _md_escape(m: re.Match) -> str:
    return _MD_ANYWHERE[m.group()]


def _escape_line_start(m: re.Match) -> str:
    if m.group(1):
        return "\\" + m.group(1)
    if m.group(2):
        return "&#61;"  # Python-Markdown has no escape for "=" (a setext underline)
    return m.group(3) + "\\" + m.group(4)


def plain_text(markdown: str) -> str:
    """The text of a paragraph markdown_text() wrote (and of hand-written plain Markdown): escapes undone."""
    return html.unescape(_MD_UNESCAPE.sub(r"\1", markdown))


def format_date(value: Optional[dt.date]) -> str:
    if value is None:
        return messages.text("date.unknown")
    return f"{value.day} {messages.month(value.month)} {value.year}"


# What a search result or a link preview shows of a description (about 160 characters); a longer one is cut
# there by the reader's tools anyway, and is written three times a page (meta, og:description, JSON-LD).
DESCRIPTION_LIMIT = 160


def summary_line(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The text on one line, cut at a word boundary when longer than `limit` characters (meta description)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def date_line(article: Article) -> str:
    """The date as readers see it: «13 فبراير 2018، 10:30», or that it is unknown."""
    date = article.date_value
    text = format_date(date)
    if article.time and date:
        text += f"، {article.time}"
    return text


def front_matter(article: Article, links: Optional[dict] = None) -> dict:
    """The page's metadata, in a fixed key order (determinism). `links` (article_links.article_links) is what
    the theme shows around the text; the keys before it are the record, with each field's basis."""
    date = article.date_value
    meta: dict = {
        "id": article.id,
        "title": article.title.value,
        "title_derived": article.title_derived,
        "title_basis": article.title.basis,
        "date": date.isoformat() if date else None,
        "date_kind": article.date.kind,
        "date_basis": article.date.basis,
        "date_rule": article.date.rule,
        "date_evidence": article.date.evidence,
        "time": article.time,
        "outlet": article.outlet.value,
        "outlet_basis": article.outlet.basis,
        "author": article.author.value,
        "author_basis": article.author.basis,
        "dateline": article.dateline.value,
        "dateline_basis": article.dateline.basis,
        "source_file": article.source_file,
        "source_sha256": article.source_sha256,
        "encoding": article.encoding,
        "original": f"../originals/{article.id}.txt",
    }
    for key, value in article.extra:
        meta[key] = list(value) if isinstance(value, tuple) else value
    if article.warnings:
        meta["warnings"] = list(article.warnings)
    # For the theme (overrides/article.html): the date and its basis as readers see them.
    meta["template"] = ARTICLE_TEMPLATE
    meta["date_text"] = format_date(date)
    lead = article.lead  # a property that splits the first paragraph into sentences: once
    if lead:
        meta["description"] = summary_line(lead)
    meta["date_note"] = messages.date_note(article.date.kind, article.date.rule, article.date.evidence)
    if links:
        meta["links"] = links
    meta["generator"] = GENERATOR
    return meta


def dump_front_matter(meta: dict) -> str:
    # yaml_text writes PyYAML's text without its Python layer, for the values it knows; else PyYAML itself.
    fast = yaml_text.dump(meta)
    return fast if fast is not None else yaml_text.yaml_dump(meta)


def data_json(meta: dict) -> Optional[str]:
    """The front-matter's data as JSON text (what YAML reads back from dump_front_matter), or None when JSON cannot
    hold them as YAML does (a date, a set)."""
    try:
        return json.dumps(meta, ensure_ascii=False, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError):
        return None


def render_article(article: Article, links: Optional[dict] = None) -> Page:
    """The article page: front-matter, then the paragraphs as escaped Markdown. Title, date, basis, outlet,
    event, related articles, entities, citation and sharing are rendered by the theme from the front-matter."""
    return render_article_from(front_matter(article, links), article)


def render_article_from(meta: dict, article: Article) -> Page:
    """render_article, given the page's front_matter data."""
    parts = ["---", dump_front_matter(meta).rstrip("\n"), "---", ""]
    for paragraph in article.body:
        text = markdown_text(paragraph)
        if text:
            parts.append(text)
            parts.append("")
    return Page(f"articles/{article.id}.md", "\n".join(parts).encode("utf-8"), data_json(meta))


def sort_key(article: Article) -> tuple:
    """Newest first; undated after the dated ones; ties broken by id for determinism."""
    date = article.date_value
    return (date is None, -(date.toordinal()) if date else 0, article.id)


def render_index(articles: Iterable[Article]) -> Page:
    ordered = sorted(articles, key=sort_key)
    rows = []
    for a in ordered:
        date = a.date_value
        date_cell = f'<time datetime="{date.isoformat()}">{esc(format_date(date))}</time>' if date else esc(UNKNOWN_DATE)
        rows.append(
            "<tr>"
            f'<td class="arshif-date">{date_cell}</td>'
            f'<td><a href="articles/{esc(a.id)}.html">{esc(a.title.value or a.id)}</a>'
            f'<div class="arshif-lead">{esc(a.lead)}</div></td>'
            f'<td class="arshif-outlet">{esc(a.outlet.value or "مصدر غير معروف")}</td>'
            "</tr>"
        )
    body = [
        "---",
        dump_front_matter({"title": "فهرس المقالات", "generator": GENERATOR, "hide": ["navigation", "toc"]}).rstrip("\n"),
        "---",
        "",
        '<h1 class="arshif-title">أرشيف الأخبار</h1>',
        "",
        f'<p class="arshif-count">{len(ordered)} مقالة، الأحدث أولاً؛ المقالات مجهولة التاريخ في آخر القائمة.</p>',
        "",
        '<table class="arshif-index"><thead><tr><th>التاريخ</th><th>العنوان والملخص</th><th>المصدر</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>",
        "",
    ]
    return Page("index.md", "\n".join(body).encode("utf-8"))


def original_copy(article: Article, raw_text: str) -> Page:
    """The original text for the site, as UTF-8 with a byte-order mark so browsers never guess its encoding."""
    return Page(f"originals/{article.id}.txt", ("\ufeff" + raw_text).encode("utf-8"))
