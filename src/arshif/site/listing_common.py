"""listing_common: what every listing page shares — the page itself, pagination, and the cells of a row.

Listing pages (home, entities, events, outlets, timeline) are generated HTML inside a Markdown page. Their
front-matter carries `arshif_html: true`, which hooks/listings.py reads to hand the HTML to the theme as it
is, without Python-Markdown parsing it a second time (two thirds of a site build was that re-parse). An
engine without the hook (Zensical) parses the same HTML blocks as before: the page reads the same.

Every listing shows at most ROWS rows a page (where a page ends: page_slices); page k > 1 of `folder/name.md` is
`folder/name-k.md`, so a page's address never depends on how many pages follow it. Every string from an article
goes out through esc().
"""
from __future__ import annotations

import hashlib
import weakref

from typing import Optional, Sequence

from ..models import Article, Page
from ..relate.archive import Archive, event_paged
from .render import GENERATOR, UNKNOWN_DATE, data_json, dump_front_matter, esc, format_date

ROWS = 100  # the most rows a listing page shows
# Where a page ends is told by its rows, not by their count (content-defined, as in rsync's chunks): from FEWEST_ROWS
# rows on, a page ends after the first row whose key hashes to 0 modulo BREAK_EVERY, and at ROWS rows in any case.
# An article added or removed then changes its own page, and now and then the next few, not every page after it:
# with pages of exactly ROWS rows, a removal in a month of 10,000 articles changed 65 of its 100 pages. A page holds
# 80 rows on average.
FEWEST_ROWS = 70
BREAK_EVERY = 12
PROPOSED = "تاريخ مقترح من الحدث"
UNKNOWN_OUTLET = "مصدر غير معروف"


def listing_page(path: str, title: str, body: Sequence[str], hide: tuple[str, ...] = ("toc",), **meta) -> Page:
    front = {"title": title, "generator": GENERATOR, "arshif_html": True, **meta}
    if hide:
        front["hide"] = list(hide)
    text = "\n".join(["---", dump_front_matter(front).rstrip("\n"), "---", "", *body, ""])
    # data_json: a dirty site build takes the data of the listings it does not render from the kept front-matter
    # (build/front_matter.py) instead of parsing their YAML again.
    return Page(path, text.encode("utf-8"), data_json(front))


def page_path(base: str, k: int) -> str:
    """docs path of page k (1-based) of the listing whose first page is `base` + '.md'."""
    return f"{base}.md" if k == 1 else f"{base}-{k}.md"


def page_href(base: str, k: int) -> str:
    """Link to page k from a page of the same listing (same folder)."""
    name = base.rsplit("/", 1)[-1]
    return f"{name}.html" if k == 1 else f"{name}-{k}.html"


def page_slices(keys: Sequence[str]) -> list[slice]:
    """The rows of each page of a listing whose rows have these keys (a row's HTML, or an id that stands for it), in
    order: at least FEWEST_ROWS rows a page but on the last, at most ROWS; one empty page for no rows. A pure
    function of the keys, so a full build and an incremental one break the pages alike."""
    out, start = [], 0
    for n, key in enumerate(keys):
        size = n + 1 - start
        if size >= ROWS or (size >= FEWEST_ROWS and _breaks(key)):
            out.append(slice(start, n + 1))
            start = n + 1
    if start < len(keys) or not out:
        out.append(slice(start, len(keys)))
    return out


def _breaks(key: str) -> bool:
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % BREAK_EVERY == 0


def pager(base: str, k: int, total: int, href=None, label: str = "صفحات القائمة") -> str:
    """Numbered links between the pages of one listing ('' when it has one page). `href(n)` gives page n's link
    (default: page_href of `base`, pages in one folder)."""
    if total <= 1:
        return ""
    href = href or (lambda n: page_href(base, n))
    shown = [n for n in range(1, total + 1) if total <= 15 or n in (1, total) or abs(n - k) <= 2]
    parts, last = [], 0
    for n in shown:
        if n - last > 1:
            parts.append("<span>…</span>")
        if n == k:
            parts.append(f'<span aria-current="page">{n}</span>')
        else:
            parts.append(f'<a href="{href(n)}">{n}</a>')
        last = n
    if k > 1:
        parts.insert(0, f'<a rel="prev" href="{href(k - 1)}">→ السابقة</a>')
    if k < total:
        parts.append(f'<a rel="next" href="{href(k + 1)}">التالية ←</a>')
    return f'<nav class="arshif-pager" aria-label="{label}">صفحة {k} من {total}: ' + " ".join(parts) + "</nav>"


def paginate(base: str, title: str, head: Sequence[str], rows: Sequence[str], wrap,
             rest: Optional[Sequence[str]] = None, **meta) -> list[Page]:
    """The pages of one listing: `head` on the first page and `rest` (default: `head`) on the others, then up to
    ROWS rows (page_slices) wrapped by `wrap(rows) -> html`. A head that counts the rows belongs on the first page
    only: on every page, one article added or removed changed them all, where the rows change only on its own page
    (and now and then the next few)."""
    slices = page_slices(rows)
    total = len(slices)
    pages = []
    for k, part in enumerate(slices, 1):
        chunk = rows[part]
        nav = pager(base, k, total)
        body = [*(head if k == 1 or rest is None else rest), nav, "", wrap(chunk) if chunk else "", "", nav]
        page_title = title if k == 1 else f"{title} ({k})"
        pages.append(listing_page(page_path(base, k), page_title, body, **meta))
    return pages


def title_of(a: Article) -> str:
    return a.title.value or a.id


def date_cell(archive: Archive, a: Article, proposed_too: bool = True) -> str:
    """The article's own date, or (if `proposed_too`) the one proposed from its event, marked as proposed."""
    d = a.date_value
    if d:
        return f'<time datetime="{d.isoformat()}">{esc(format_date(d))}</time>'
    proposed = archive.links[a.id].proposed_date
    if proposed and proposed_too:
        return (f'<span class="arshif-proposed" title="{esc(PROPOSED)}: ليس تاريخاً مطبوعاً في المقالة">'
                f'{esc(UNKNOWN_DATE)}<br><small>{esc(PROPOSED)}: {esc(format_date(proposed))}</small></span>')
    return esc(UNKNOWN_DATE)


def outlet_link(archive: Archive, a: Article, up: str) -> str:
    slug = archive.outlet_of.get(a.id)
    if not slug:
        return esc(UNKNOWN_OUTLET)
    return f'<a href="{up}outlets/{esc(slug)}.html">{esc(a.outlet.value)}</a>'


def event_link(archive: Archive, a: Article, up: str) -> str:
    """The article's event, linked when the event has a page (two articles or more); '' otherwise."""
    event = archive.event_by_id[archive.links[a.id].event]
    if not event_paged(event):
        return ""
    return f'<a href="{up}events/{esc(event.id)}.html">{esc(event.name)}</a>'


_rows: dict = {}  # article_row's rows of the archive _rows_of refers to, by (article, up, outlet)
_rows_of: list = [None]  # a weak reference: the rows go with their archive, which they do not keep alive


def article_row(archive: Archive, a: Article, up: str, outlet: bool = True) -> str:
    """An article's row in a listing table. Made once an archive: an article is listed on four or five entity pages
    as well as its month and its outlet (60,000 rows for 10,000 articles)."""
    if _rows_of[0] is None or _rows_of[0]() is not archive:
        _rows.clear()
        _rows_of[0] = weakref.ref(archive, lambda _: _rows.clear())
    key = (a.id, up, outlet)
    row = _rows.get(key)
    if row is None or row[0] is not a:
        row = _rows[key] = (a, _article_row(archive, a, up, outlet))
    return row[1]


def _article_row(archive: Archive, a: Article, up: str, outlet: bool) -> str:
    # On a phone the table turns into cards whose cells are labelled by arshif.css (table.arshif-rows), not by an
    # attribute in each of the 60,000 rows.
    return (f'<tr><td class="arshif-date">{date_cell(archive, a)}</td>'
            f'<td><a href="{up}articles/{esc(a.id)}.html">{esc(title_of(a))}</a></td>'
            + (f'<td class="arshif-outlet">{outlet_link(archive, a, up)}</td>' if outlet else "")
            + f'<td>{event_link(archive, a, up)}</td></tr>')


def article_table(rows: Sequence[str], outlet: bool = True) -> str:
    head = "<th>التاريخ</th><th>العنوان</th>" + ("<th>المصدر</th>" if outlet else "") + "<th>الحدث</th>"
    return f'<table class="arshif-index arshif-rows"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
