"""listing_events: a page for each event two or more articles cover (their coverage side by side), the
events index, and the outlets' pages and index.

An event of one article gets no page and no index row: "no other coverage" is not worth a click.
"""
from __future__ import annotations

from collections import defaultdict

from ..relate.archive import Archive, entity_paged, event_paged
from .listing_common import article_row, article_table, date_cell, outlet_link, paginate, title_of
from .render import UNKNOWN_DATE, esc, format_date


def event_pages(archive: Archive) -> list:
    pages = []
    paged = [e for e in archive.events if event_paged(e)]
    for event in paged:
        facts = [f"<div><dt>التغطيات</dt><dd>{len(event.members)}</dd></div>"]
        if event.start:
            span = format_date(event.start) if event.start == event.end else f"{format_date(event.start)} – {format_date(event.end)}"
            facts.append(f"<div><dt>التاريخ</dt><dd>{esc(span)}</dd></div>")
        facts.append(f"<div><dt>التجميع</dt><dd>{esc(event.basis)}</dd></div>")
        if event.named_by == "auto":
            facts.append("<div><dt>الاسم</dt><dd>عنوان أقدم تغطية</dd></div>")  # how to rename: the build report
        head = [f'<h1 class="arshif-title">{esc(event.name)}</h1>', "",
                '<dl class="arshif-meta">' + "".join(facts) + "</dl>", ""]
        shared = [e for e in _event_entities(archive, event.members) if entity_paged(archive, e)]
        if shared:
            head += ['<p class="arshif-entities">الكيانات المشتركة: ' + "، ".join(
                f'<a href="../entities/{esc(e)}.html">{esc(archive.entities[e].name)}</a>' for e in shared) + "</p>", ""]
        cards = []
        for m in event.members:
            a = archive.articles[m]
            cards.append(
                '<article class="arshif-coverage-card">'
                f'<p class="arshif-card-meta">{outlet_link(archive, a, "../")} · {date_cell(archive, a)}</p>'
                f'<h3><a href="../articles/{esc(a.id)}.html">{esc(title_of(a))}</a></h3>'
                f'<p class="arshif-lead" dir="auto">{esc(a.lead)}</p>'
                "</article>")
        pages += paginate(f"events/{event.id}", event.name, head, cards,
                          lambda rows: '<div class="arshif-coverage">' + "".join(rows) + "</div>")
    rows = []
    for event in sorted(paged, key=lambda e: (e.start is None, -(e.start.toordinal()) if e.start else 0, e.id)):
        when = f'<time datetime="{event.start.isoformat()}">{esc(format_date(event.start))}</time>' if event.start else esc(UNKNOWN_DATE)
        rows.append(f'<tr><td class="arshif-date">{when}</td><td><a href="{esc(event.id)}.html">{esc(event.name)}</a></td>'
                    f"<td>{len(event.members)}</td></tr>")
    head = ['<h1 class="arshif-title">الأحداث</h1>', "",
            f'<p class="arshif-count">{len(paged)} حدثاً غطته أكثر من مقالة، الأحدث أولاً '
            f'(من {len(archive.events)} حدثاً في الأرشيف؛ حدث المقالة الواحدة لا صفحة له).</p>', ""]
    pages += paginate("events/index", "الأحداث", head, rows, lambda r: (
        '<table class="arshif-index"><thead><tr><th>التاريخ</th><th>الحدث</th><th>التغطيات</th></tr></thead><tbody>'
        + "".join(r) + "</tbody></table>"), [*head[:2], '<p class="arshif-count">الأحدث أولاً.</p>', ""])
    return pages


def _event_entities(archive: Archive, members: tuple) -> list:
    """Entities at least two of the event's articles name, most named first (at most 12)."""
    if len(members) < 2:
        return []
    counts: dict = defaultdict(int)
    for m in members:
        for e in archive.links[m].entities:
            counts[e] += 1
    return [e for e, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= 2][:12]


def outlet_pages(archive: Archive) -> list:
    pages = []
    for outlet in archive.outlets:
        title = f'<h1 class="arshif-title">{esc(outlet.name)}</h1>'
        head = [title, "", f'<p class="arshif-count">{len(outlet.articles)} مقالة من هذا المصدر، الأحدث أولاً.</p>', ""]
        rest = [title, "", '<p class="arshif-count">مقالات هذا المصدر، الأحدث أولاً.</p>', ""]
        rows = [article_row(archive, archive.articles[m], up="../", outlet=False) for m in outlet.articles]
        pages += paginate(f"outlets/{outlet.slug}", outlet.name, head, rows, lambda r: article_table(r, outlet=False),
                          rest)
    no_outlet = sum(1 for a in archive.articles if a not in archive.outlet_of)
    rows = [f'<tr><td><a href="{esc(o.slug)}.html">{esc(o.name)}</a></td><td>{len(o.articles)}</td></tr>'
            for o in sorted(archive.outlets, key=lambda o: (-len(o.articles), o.name, o.slug))]
    head = ['<h1 class="arshif-title">المصادر</h1>', "",
            f'<p class="arshif-count">{len(archive.outlets)} مصدراً.'
            + (f" {no_outlet} مقالة بلا مصدر معروف." if no_outlet else "") + "</p>", ""]
    pages += paginate("outlets/index", "المصادر", head, rows, lambda r: (
        '<table class="arshif-index"><thead><tr><th>المصدر</th><th>المقالات</th></tr></thead><tbody>'
        + "".join(r) + "</tbody></table>"), head[:2])
    return pages
