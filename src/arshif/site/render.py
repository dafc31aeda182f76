"""render: Article (+ links) -> Page. Markdown with YAML front-matter, and the index pages.

Article text is data, never markup: every piece of it goes out HTML-escaped inside raw HTML blocks, which
Python-Markdown passes through untouched, so no Markdown, HTML or template syntax in a scraped page can ever
become an element, a link or an expression. Links inside those blocks are written as final relative URLs
(the site uses `use_directory_urls: false`, so they work from file:// too).
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Iterable, Optional

import yaml

from ..models import Article, Field, Page

GENERATOR = "arshif"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
UNKNOWN_DATE = "تاريخ غير معروف"


# Control characters (read.py already drops them) would be Python-Markdown's placeholder markers (\x02, \x03).
_NO_CONTROLS = dict.fromkeys([c for c in range(0x20) if c not in (0x09, 0x0A)] + [0x7F])


def esc(text: object) -> str:
    """Escape for HTML text and attributes; also defuse characters Markdown or Jinja could act on."""
    out = html.escape(str(text).translate(_NO_CONTROLS), quote=True)
    # Braces and backticks are harmless in raw HTML, but escaping them keeps any later template pass inert.
    return out.replace("{", "&#123;").replace("}", "&#125;").replace("`", "&#96;")


def format_date(value: Optional[dt.date]) -> str:
    if value is None:
        return UNKNOWN_DATE
    return f"{value.day} {ARABIC_MONTHS[value.month - 1]} {value.year}"


def front_matter(article: Article) -> dict:
    """The page's metadata, in a fixed key order (determinism)."""
    date = article.date_value
    meta: dict = {
        "id": article.id,
        "title": article.title.value,
        "title_derived": article.title_derived,
        "title_basis": article.title.basis,
        "date": date.isoformat() if date else None,
        "date_kind": article.date.kind,
        "date_basis": article.date.basis,
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
    meta["generator"] = GENERATOR
    return meta


def dump_front_matter(meta: dict) -> str:
    # sort_keys=False keeps our order; allow_unicode keeps Arabic readable; width avoids arbitrary folding.
    # libyaml's emitter when available: the same YAML, ten times faster on 10,000 pages (tests load it back).
    return yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)


def _field_note(field: Field) -> str:
    return f'<span class="arshif-basis" title="{esc(field.basis)}">{esc(_kind_label(field))}</span>'


def _kind_label(field: Field) -> str:
    return {"printed": "مطبوع في الصفحة", "inferred": "مستنتج", "derived": "مشتق", "editor": "من المحرر", "unknown": "غير معروف"}[field.kind]


def render_article(article: Article, links_html: str = "") -> Page:
    """The article page. `links_html` (from render_links.article_block: event, related, previous / next) is
    already-escaped HTML placed after the text; without it the page is what it always was."""
    parts = ["---", dump_front_matter(front_matter(article)).rstrip("\n"), "---", ""]
    parts.append(f'<h1 class="arshif-title" dir="auto">{esc(article.title.value or "")}</h1>')
    parts.append("")
    if article.title_derived:
        parts.append('<p class="arshif-note">العنوان مشتق من الجملة الأولى: الصفحة الأصلية بلا عنوان.</p>')
        parts.append("")
    parts.append(_meta_block(article))
    parts.append("")
    for paragraph in article.body:
        parts.append(f'<p dir="auto">{esc(paragraph)}</p>')
        parts.append("")
    if links_html:
        parts.append(links_html)
        parts.append("")
    parts.append(
        f'<p class="arshif-original"><a href="../originals/{esc(article.id)}.txt" type="text/plain">النص الأصلي</a>'
        f" ({esc(article.source_file)})</p>"
    )
    parts.append("")
    return Page(f"articles/{article.id}.md", "\n".join(parts).encode("utf-8"))


def _meta_block(article: Article) -> str:
    rows = [
        ("المصدر", article.outlet),
        ("الكاتب", article.author),
        ("المكان", article.dateline),
    ]
    items = []
    date = article.date_value
    date_text = format_date(date)
    if article.time and date:
        date_text += f"، {article.time}"
    items.append(
        f'<div><dt>التاريخ</dt><dd><time{f" datetime={chr(34)}{date.isoformat()}{chr(34)}" if date else ""}>{esc(date_text)}</time> '
        f'{_field_note(article.date)}<span class="arshif-basis-text">{esc(article.date.basis)}</span></dd></div>'
    )
    for label, field in rows:
        if field.value is None:
            continue
        items.append(f"<div><dt>{label}</dt><dd>{esc(field.value)} {_field_note(field)}</dd></div>")
    return '<dl class="arshif-meta">' + "".join(items) + "</dl>"


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
