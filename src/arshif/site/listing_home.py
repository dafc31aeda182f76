"""listing_home: the home page (docs/index.md) and the data its filters load on demand.

The home page shows the newest HOME_ROWS articles and links to every year and month page, so it weighs the
same at 100 articles or 100,000. Its filters (outlet, year, event) reach the whole archive through small
script files in docs/index-data/: `filters.js` (the outlets, years and events to choose from, and which
shards hold each) and `rows-N.js` (SHARD rows each, newest first). javascripts/index-filter.js loads them with
<script> tags when a filter is chosen, as the search loads its shards, so it works from file:// too.
Without JavaScript the page reads the same: a table of the newest articles and the links.
"""
from __future__ import annotations

import json
from collections import defaultdict

from ..models import Page
from ..relate.archive import Archive, event_paged, newest_first
from .listing_common import date_cell, listing_page, outlet_link, title_of
from .listing_time import by_month, month_href, month_label, year_href
from .render import esc, format_date

HOME_ROWS = 100
SHARD = 400  # rows a filter data file holds: ~40 kB of a real archive
DATA_DIR = "index-data"


def home_pages(archive: Archive) -> list[Page]:
    ordered = sorted(archive.articles.values(), key=newest_first)
    rows = []
    for a in ordered[:HOME_ROWS]:
        d = a.date_value
        event = archive.event_by_id[archive.links[a.id].event]
        shown = event_paged(event)
        rows.append(
            f'<tr data-date="{d.isoformat() if d else ""}" data-year="{d.year if d else ""}" '
            f'data-outlet="{esc(archive.outlet_of.get(a.id, ""))}" data-event="{esc(event.id) if shown else ""}">'
            f'<td class="arshif-date">{date_cell(archive, a, proposed_too=False)}</td>'
            f'<td><a href="articles/{esc(a.id)}.html">{esc(title_of(a))}</a><div class="arshif-lead">{esc(a.lead)}</div>'
            + (f'<div class="arshif-event">الحدث: <a href="events/{esc(event.id)}.html">{esc(event.name)}</a>'
               f' <small>({len(event.members)})</small></div>' if shown else "")
            + f'</td><td class="arshif-outlet">{outlet_link(archive, a, "")}</td></tr>')
    months, undated = by_month(archive)
    years: dict = defaultdict(list)
    for (y, m), items in months.items():
        years[y].append((m, len(items)))
    browse = []
    for y in sorted(years, reverse=True):
        total = sum(c for _, c in years[y])
        links = " · ".join(f'<a href="{month_href(y, m)}">{esc(month_label(y, m))}</a> ({c})' for m, c in sorted(years[y], reverse=True))
        browse.append(f'<li><a href="{year_href(y)}"><strong>{y}</strong></a> ({total}): {links}</li>')
    if undated:
        browse.append(f'<li><a href="timeline/undated.html">تاريخ غير معروف</a> ({len(undated)})</li>')
    shown_count = len(rows)
    body = ['<h1 class="arshif-title">أرشيف الأخبار</h1>', "",
            f'<p class="arshif-count">{len(ordered)} مقالة في الأرشيف؛ هنا أحدث {shown_count} منها. '
            f'تصفح أيضاً: <a href="events/index.html">الأحداث</a> · <a href="entities/index.html">الكيانات</a> · '
            f'<a href="outlets/index.html">المصادر</a> · <a href="timeline.html">الخط الزمني</a>.</p>', "",
            '<h2 id="browse">بحسب السنة والشهر</h2>', "",
            '<ul class="arshif-browse">' + "".join(browse) + "</ul>", "",
            f'<div class="arshif-filters" data-for="arshif-summary" data-src="{DATA_DIR}/" hidden></div>', "",
            '<table class="arshif-index" id="arshif-summary" data-filterable="true"><thead><tr>'
            '<th data-sort="date">التاريخ</th><th data-sort="title">العنوان والملخص والحدث</th>'
            '<th data-sort="outlet">المصدر</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>"]
    page = listing_page("index.md", "فهرس المقالات", body, hide=("navigation", "toc"))
    return [page, *filter_data(archive, ordered)]


def _script(name: str, data: object) -> Page:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Page(f"{DATA_DIR}/{name}.js", f'(window.arshifIndex=window.arshifIndex||{{}})["{name}"]={text};\n'.encode("utf-8"))


def filter_data(archive: Archive, ordered: list) -> list[Page]:
    """rows-N.js shards (newest first) and filters.js, which says which shards hold each outlet, year and event."""
    pages, shards = [], []
    outlet_shards: dict = defaultdict(set)
    event_shards: dict = defaultdict(set)
    year_shards: dict = defaultdict(set)
    for n, start in enumerate(range(0, len(ordered), SHARD)):
        rows = []
        for a in ordered[start:start + SHARD]:
            d = a.date_value
            event = archive.event_by_id[archive.links[a.id].event]
            slug = archive.outlet_of.get(a.id, "")
            ev = event.id if event_paged(event) else ""
            rows.append([a.id, d.isoformat() if d else "", format_date(d) if d else "", title_of(a), slug, ev])
            if slug:
                outlet_shards[slug].add(n)
            if ev:
                event_shards[ev].add(n)
            if d:
                year_shards[d.year].add(n)
        pages.append(_script(f"rows-{n}", rows))
        shards.append(len(rows))
    filters = {
        "shards": shards,
        "outlets": [[o.slug, o.name, sorted(outlet_shards[o.slug])] for o in archive.outlets],
        "years": [[str(y), sorted(s)] for y, s in sorted(year_shards.items(), reverse=True)],
        "events": [[e.id, e.name, len(e.members), sorted(event_shards[e.id])]
                   for e in sorted((e for e in archive.events if e.id in event_shards), key=lambda e: (e.name, e.id))],
    }
    pages.append(_script("filters", filters))
    return pages
