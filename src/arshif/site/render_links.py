"""render_links: the connected pages — entities, outlets, events, timeline, the summary index — and the
related / previous-next block of each article page.

Same rules as render.py: every string from an article goes out through esc() inside raw HTML blocks, and
links are final relative URLs ending in .html (use_directory_urls: false, so they work from file://).
These pages stay out of the nav except their indexes (the nav is rendered on every page).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Optional

from ..relate.entities import TYPE_LABELS
from ..models import Article, Page
from ..relate.archive import Archive, newest_first
from .render import ARABIC_MONTHS, GENERATOR, UNKNOWN_DATE, dump_front_matter, esc, format_date

PROPOSED = "تاريخ مقترح من الحدث"
UNKNOWN_OUTLET = "مصدر غير معروف"
TYPE_ORDER = ("person", "place", "organisation")


def _page(path: str, title: str, body: list[str], hide: tuple[str, ...] = ()) -> Page:
    meta = {"title": title, "generator": GENERATOR}
    if hide:
        meta["hide"] = list(hide)
    text = "\n".join(["---", dump_front_matter(meta).rstrip("\n"), "---", "", *body, ""])
    return Page(path, text.encode("utf-8"))


def _date_cell(archive: Archive, a: Article, proposed_too: bool = True) -> str:
    """The article's own date, or (if `proposed_too`) the one proposed from its event, marked as proposed."""
    d = a.date_value
    if d:
        return f'<time datetime="{d.isoformat()}">{esc(format_date(d))}</time>'
    proposed = archive.links[a.id].proposed_date
    if proposed and proposed_too:
        return (f'<span class="arshif-proposed" title="{esc(PROPOSED)}: ليس تاريخاً مطبوعاً في المقالة">'
                f'{esc(UNKNOWN_DATE)}<br><small>{esc(PROPOSED)}: {esc(format_date(proposed))}</small></span>')
    return esc(UNKNOWN_DATE)


def _outlet_link(archive: Archive, a: Article, up: str) -> str:
    slug = archive.outlet_of.get(a.id)
    if not slug:
        return esc(UNKNOWN_OUTLET)
    return f'<a href="{up}outlets/{esc(slug)}.html">{esc(a.outlet.value)}</a>'


def _title(a: Article) -> str:
    return a.title.value or a.id


def _event_name(archive: Archive, article_id: str) -> str:
    return archive.event_by_id[archive.links[article_id].event].name


# ---------------------------------------------------------------------------------------------- article block
def article_block(archive: Archive, article_id: str) -> str:
    """Event, proposed date, related articles with reasons, entities and previous / next: for the article page."""
    links = archive.links[article_id]
    event = archive.event_by_id[links.event]
    out = ['<section class="arshif-links">']
    count = len(event.members)
    out.append(f'<p class="arshif-event-link">الحدث: <a href="../events/{esc(event.id)}.html">{esc(event.name)}</a>'
               f' <span class="arshif-count">({count} {"تغطيات" if count > 1 else "تغطية"})</span></p>')
    if links.proposed_date:
        out.append(f'<p class="arshif-proposed">{esc(PROPOSED)}: <time datetime="{links.proposed_date.isoformat()}">'
                   f'{esc(format_date(links.proposed_date))}</time> — أقدم تاريخ معروف لتغطيات الحدث، وليس تاريخاً مطبوعاً في المقالة.</p>')
    if links.related:
        out.append('<h2 class="arshif-related-title">مقالات ذات صلة</h2>')
        out.append('<ul class="arshif-related">')
        for r in links.related:
            other = archive.articles[r.article]
            if r.same_event:
                reason = "الحدث نفسه"
            else:
                reason = "يشترك في: " + "، ".join(archive.entities[e].name for e in r.shared)
            out.append(f'<li><a href="{esc(r.article)}.html">{esc(_title(other))}</a> '
                       f'<span class="arshif-reason">{esc(reason)}</span></li>')
        out.append("</ul>")
    if links.entities:
        names = [f'<a href="../entities/{esc(e)}.html">{esc(archive.entities[e].name)}</a>' for e in links.entities]
        out.append('<h2 class="arshif-related-title">الكيانات</h2>')
        out.append('<p class="arshif-entities">' + "، ".join(names) + "</p>")
    nav = []
    if links.previous:
        prev = archive.articles[links.previous]
        nav.append(f'<a class="arshif-prev" rel="prev" href="{esc(prev.id)}.html">→ السابقة زمنياً: {esc(_title(prev))}</a>')
    if links.next:
        nxt = archive.articles[links.next]
        nav.append(f'<a class="arshif-next" rel="next" href="{esc(nxt.id)}.html">التالية زمنياً: {esc(_title(nxt))} ←</a>')
    if nav:
        out.append('<nav class="arshif-prevnext" aria-label="المقالة السابقة والتالية">' + "".join(nav) + "</nav>")
    out.append("</section>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- entities
def entity_pages(archive: Archive) -> list[Page]:
    pages = []
    for ent_id, entity in archive.entities.items():
        members = archive.mentions.get(ent_id, ())
        body = [f'<h1 class="arshif-title">{esc(entity.name)}</h1>', ""]
        facts = [f"<div><dt>النوع</dt><dd>{esc(TYPE_LABELS[entity.type])}</dd></div>",
                 f"<div><dt>المقالات</dt><dd>{len(members)}</dd></div>"]
        if entity.aliases:
            facts.append(f"<div><dt>أسماء أخرى</dt><dd>{esc('، '.join(entity.aliases))}</dd></div>")
        if entity.found_by == "pattern":
            facts.append("<div><dt>المصدر</dt><dd>اسم وجد بعد لقب في النص، وليس في قائمة الكيانات</dd></div>")
        body += ['<dl class="arshif-meta">' + "".join(facts) + "</dl>", ""]
        body.append(_article_table(archive, [archive.articles[m] for m in members], up="../"))
        pages.append(_page(f"entities/{ent_id}.md", entity.name, body))
    pages.append(_entity_index(archive))
    return pages


def _entity_index(archive: Archive) -> Page:
    groups: dict[str, list] = defaultdict(list)
    for ent_id, entity in archive.entities.items():
        groups[entity.type].append((len(archive.mentions.get(ent_id, ())), entity))
    body = ['<h1 class="arshif-title">الكيانات</h1>', "",
            f'<p class="arshif-count">{len(archive.entities)} كياناً: أشخاص وأماكن ومنظمات تذكرها المقالات، '
            'مع عدد المقالات التي تذكر كلاً منها.</p>', ""]
    toc = [f'<a href="#type-{t}">{esc(TYPE_LABELS[t])} ({len(groups[t])})</a>' for t in TYPE_ORDER if groups.get(t)]
    if toc:
        body += ['<p class="arshif-toc">' + " · ".join(toc) + "</p>", ""]
    for t in TYPE_ORDER:
        if not groups.get(t):
            continue
        items = sorted(groups[t], key=lambda ce: (-ce[0], ce[1].name, ce[1].id))
        body.append(f'<h2 id="type-{t}">{esc(TYPE_LABELS[t])} ({len(items)})</h2>')
        body.append('<ul class="arshif-entity-list">' + "".join(
            f'<li><a href="{esc(e.id)}.html">{esc(e.name)}</a> <span class="arshif-count">{c}</span>'
            f'{" <small>(من نمط)</small>" if e.found_by == "pattern" else ""}</li>' for c, e in items) + "</ul>")
        body.append("")
    return _page("entities/index.md", "الكيانات", body)


# ---------------------------------------------------------------------------------------------- outlets
def outlet_pages(archive: Archive) -> list[Page]:
    pages = []
    for outlet in archive.outlets:
        body = [f'<h1 class="arshif-title">{esc(outlet.name)}</h1>', "",
                f'<p class="arshif-count">{len(outlet.articles)} مقالة من هذا المصدر، الأحدث أولاً.</p>', "",
                _article_table(archive, [archive.articles[m] for m in outlet.articles], up="../", outlet=False)]
        pages.append(_page(f"outlets/{outlet.slug}.md", outlet.name, body))
    no_outlet = sum(1 for a in archive.articles if a not in archive.outlet_of)
    rows = "".join(f'<tr><td><a href="{esc(o.slug)}.html">{esc(o.name)}</a></td><td>{len(o.articles)}</td></tr>'
                   for o in sorted(archive.outlets, key=lambda o: (-len(o.articles), o.name, o.slug)))
    body = ['<h1 class="arshif-title">المصادر</h1>', "",
            f'<p class="arshif-count">{len(archive.outlets)} مصدراً.'
            + (f" {no_outlet} مقالة بلا مصدر معروف." if no_outlet else "") + "</p>", "",
            f'<table class="arshif-index"><thead><tr><th>المصدر</th><th>المقالات</th></tr></thead><tbody>{rows}</tbody></table>']
    pages.append(_page("outlets/index.md", "المصادر", body))
    return pages


# ---------------------------------------------------------------------------------------------- events
def event_pages(archive: Archive) -> list[Page]:
    pages = []
    for event in archive.events:
        members = [archive.articles[m] for m in event.members]
        body = [f'<h1 class="arshif-title">{esc(event.name)}</h1>', ""]
        facts = [f"<div><dt>التغطيات</dt><dd>{len(members)}</dd></div>"]
        if event.start:
            span = format_date(event.start) if event.start == event.end else f"{format_date(event.start)} – {format_date(event.end)}"
            facts.append(f"<div><dt>التاريخ</dt><dd>{esc(span)}</dd></div>")
        facts.append(f"<div><dt>التجميع</dt><dd>{esc(event.basis)}</dd></div>")
        if event.named_by == "auto":
            facts.append("<div><dt>الاسم</dt><dd>عنوان أقدم تغطية (يسميه المحرر في rules/events.yaml)</dd></div>")
        body += ['<dl class="arshif-meta">' + "".join(facts) + "</dl>", ""]
        shared = _event_entities(archive, event.members)
        if shared:
            body += ['<p class="arshif-entities">الكيانات المشتركة: ' + "، ".join(
                f'<a href="../entities/{esc(e)}.html">{esc(archive.entities[e].name)}</a>' for e in shared) + "</p>", ""]
        cards = []
        for a in members:
            cards.append(
                '<article class="arshif-coverage-card">'
                f'<p class="arshif-card-meta">{_outlet_link(archive, a, "../")} · {_date_cell(archive, a)}</p>'
                f'<h3><a href="../articles/{esc(a.id)}.html">{esc(_title(a))}</a></h3>'
                f'<p class="arshif-lead" dir="auto">{esc(a.lead)}</p>'
                "</article>")
        body.append('<div class="arshif-coverage">' + "".join(cards) + "</div>")
        pages.append(_page(f"events/{event.id}.md", event.name, body, hide=("toc",)))
    rows = []
    for event in sorted(archive.events, key=lambda e: (e.start is None, -(e.start.toordinal()) if e.start else 0, e.id)):
        when = f'<time datetime="{event.start.isoformat()}">{esc(format_date(event.start))}</time>' if event.start else esc(UNKNOWN_DATE)
        rows.append(f'<tr><td class="arshif-date">{when}</td><td><a href="{esc(event.id)}.html">{esc(event.name)}</a></td>'
                    f"<td>{len(event.members)}</td></tr>")
    multi = sum(1 for e in archive.events if len(e.members) > 1)
    body = ['<h1 class="arshif-title">الأحداث</h1>', "",
            f'<p class="arshif-count">{len(archive.events)} حدثاً، منها {multi} غطته أكثر من مقالة. الأحدث أولاً.</p>', "",
            '<table class="arshif-index"><thead><tr><th>التاريخ</th><th>الحدث</th><th>التغطيات</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>"]
    pages.append(_page("events/index.md", "الأحداث", body))
    return pages


def _event_entities(archive: Archive, members: tuple[str, ...]) -> list[str]:
    """Entities at least two of the event's articles name, most named first (at most 12)."""
    if len(members) < 2:
        return []
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        for e in archive.links[m].entities:
            counts[e] += 1
    return [e for e, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= 2][:12]


# ---------------------------------------------------------------------------------------------- timeline
def timeline_page(archive: Archive) -> Page:
    by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
    undated = []
    for a in archive.articles.values():
        d = a.date_value
        if d:
            by_month[(d.year, d.month)].append(a)
        else:
            undated.append(a)
    body = ['<h1 class="arshif-title">الخط الزمني</h1>', "",
            '<p class="arshif-count">المقالات بحسب سنة النشر وشهره، الأقدم أولاً. '
            'المقالات مجهولة التاريخ في آخر الصفحة.</p>', ""]
    years = sorted({y for y, _ in by_month})
    if years:
        body += ['<p class="arshif-toc">' + " · ".join(f'<a href="#y{y}">{y}</a>' for y in years)
                 + (' · <a href="#undated">غير مؤرخة</a>' if undated else "") + "</p>", ""]
    for year in years:
        body.append(f'<h2 id="y{year}">{year}</h2>')
        for (y, month) in sorted(k for k in by_month if k[0] == year):
            items = sorted(by_month[(y, month)], key=lambda a: (a.date_value, a.id))
            body.append(f'<h3 id="y{y}-{month:02d}">{esc(ARABIC_MONTHS[month - 1])} {y} ({len(items)})</h3>')
            body.append(_timeline_list(archive, items))
        body.append("")
    if undated:
        body.append(f'<h2 id="undated">تاريخ غير معروف ({len(undated)})</h2>')
        body.append(_timeline_list(archive, sorted(undated, key=lambda a: a.id)))
    return _page("timeline.md", "الخط الزمني", body)


def _timeline_list(archive: Archive, items: list[Article]) -> str:
    return '<ul class="arshif-timeline">' + "".join(
        f'<li>{_date_cell(archive, a)} — <a href="articles/{esc(a.id)}.html">{esc(_title(a))}</a> '
        f'<span class="arshif-outlet">({_outlet_link(archive, a, "")})</span></li>' for a in items) + "</ul>"


# ---------------------------------------------------------------------------------------------- tables
def _article_table(archive: Archive, articles: list[Article], up: str, outlet: bool = True) -> str:
    rows = []
    for a in sorted(articles, key=newest_first):
        event = archive.links[a.id].event
        rows.append(
            f'<tr><td class="arshif-date">{_date_cell(archive, a)}</td>'
            f'<td><a href="{up}articles/{esc(a.id)}.html">{esc(_title(a))}</a></td>'
            + (f'<td class="arshif-outlet">{_outlet_link(archive, a, up)}</td>' if outlet else "")
            + f'<td><a href="{up}events/{esc(event)}.html">{esc(archive.event_by_id[event].name)}</a></td></tr>')
    head = "<th>التاريخ</th><th>العنوان</th>" + ("<th>المصدر</th>" if outlet else "") + "<th>الحدث</th>"
    return f'<table class="arshif-index"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def summary_index(archive: Archive) -> Page:
    """docs/index.md: every article with date, title, lead, outlet and event. Sorting and filtering by
    outlet, year and event come from javascripts/index-filter.js; without it the table reads the same."""
    rows = []
    for a in sorted(archive.articles.values(), key=newest_first):
        d = a.date_value
        event = archive.event_by_id[archive.links[a.id].event]
        rows.append(
            f'<tr data-date="{d.isoformat() if d else ""}" data-year="{d.year if d else ""}" '
            f'data-outlet="{esc(archive.outlet_of.get(a.id, ""))}" data-event="{esc(event.id)}">'
            f'<td class="arshif-date">{_date_cell(archive, a, proposed_too=False)}</td>'
            f'<td><a href="articles/{esc(a.id)}.html">{esc(_title(a))}</a><div class="arshif-lead">{esc(a.lead)}</div>'
            f'<div class="arshif-event">الحدث: <a href="events/{esc(event.id)}.html">{esc(event.name)}</a>'
            f' <small>({len(event.members)})</small>{_proposed_note(archive, a)}</div></td>'
            f'<td class="arshif-outlet">{_outlet_link(archive, a, "")}</td></tr>')
    body = ['<h1 class="arshif-title">أرشيف الأخبار</h1>', "",
            f'<p class="arshif-count">{len(rows)} مقالة، الأحدث أولاً؛ المقالات مجهولة التاريخ في آخر القائمة. '
            f'تصفح أيضاً: <a href="events/index.html">الأحداث</a> · <a href="entities/index.html">الكيانات</a> · '
            f'<a href="outlets/index.html">المصادر</a> · <a href="timeline.html">الخط الزمني</a>.</p>', "",
            '<div class="arshif-filters" data-for="arshif-summary" hidden></div>', "",
            '<table class="arshif-index" id="arshif-summary" data-filterable="true"><thead><tr>'
            '<th data-sort="date">التاريخ</th><th data-sort="title">العنوان والملخص والحدث</th>'
            '<th data-sort="outlet">المصدر</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>"]
    return _page("index.md", "فهرس المقالات", body, hide=("navigation", "toc"))


def _proposed_note(archive: Archive, a: Article) -> str:
    proposed = archive.links[a.id].proposed_date
    if a.date_value or not proposed:
        return ""
    return f' <span class="arshif-proposed"><small>{esc(PROPOSED)}: {esc(format_date(proposed))}</small></span>'


def link_pages(archive: Archive) -> list[Page]:
    """Every page of the connected archive (not the article pages themselves)."""
    return [*entity_pages(archive), *outlet_pages(archive), *event_pages(archive), timeline_page(archive)]
