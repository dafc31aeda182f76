"""listing_time: the timeline — a hub of years and months (timeline.md), a page for each year
(timeline/YYYY.md) and each month (timeline/YYYY-MM.md, oldest first, paginated), and the undated articles
(timeline/undated.md). An article added in one month changes that month's pages, its year's and the hub's
counts, nothing else.
"""
from __future__ import annotations

from collections import defaultdict

from ..models import Article
from ..relate.archive import Archive
from .listing_common import article_row, article_table, listing_page, paginate
from .render import ARABIC_MONTHS, esc


def by_month(archive: Archive) -> tuple[dict, list]:
    """((year, month) -> articles oldest first, undated articles by id)."""
    months: dict = defaultdict(list)
    undated: list[Article] = []
    for a in archive.articles.values():
        d = a.date_value
        if d:
            months[(d.year, d.month)].append(a)
        else:
            undated.append(a)
    for items in months.values():
        items.sort(key=lambda a: (a.date_value, a.id))
    return dict(sorted(months.items())), sorted(undated, key=lambda a: a.id)


def month_label(year: int, month: int) -> str:
    return f"{ARABIC_MONTHS[month - 1]} {year}"


def month_href(year: int, month: int, up: str = "") -> str:
    return f"{up}timeline/{year}-{month:02d}.html"


def year_href(year: int, up: str = "") -> str:
    return f"{up}timeline/{year}.html"


def timeline_pages(archive: Archive) -> list:
    months, undated = by_month(archive)
    years = sorted({y for y, _ in months})
    pages = []
    hub = ['<h1 class="arshif-title">الخط الزمني</h1>', "",
           '<p class="arshif-count">المقالات بحسب سنة النشر وشهره: لكل شهر صفحة، الأقدم أولاً. '
           'المقالات مجهولة التاريخ في آخر الصفحة.</p>', ""]
    if years:
        hub += ['<p class="arshif-toc">' + " · ".join(f'<a href="#y{y}">{y}</a>' for y in years)
                + (' · <a href="#undated">غير مؤرخة</a>' if undated else "") + "</p>", ""]
    for year in years:
        mine = [(m, len(months[(year, m)])) for (y, m) in months if y == year]
        total = sum(c for _, c in mine)
        hub.append(f'<h2 id="y{year}"><a href="{year_href(year)}">{year}</a> ({total})</h2>')
        hub.append(_month_list(year, mine, up=""))
        hub.append("")
        body = [f'<h1 class="arshif-title">{year}</h1>', "",
                f'<p class="arshif-count">{total} مقالة مؤرخة في {year}، بحسب الشهر. '
                '<a href="../timeline.html">الخط الزمني كله</a>.</p>', "", _month_list(year, mine, up="../")]
        pages.append(listing_page(f"timeline/{year}.md", str(year), body))
        for m, count in mine:
            links = f'<a href="{year}.html">{year}</a> · <a href="../timeline.html">الخط الزمني</a>.'
            title = f'<h1 class="arshif-title">{esc(month_label(year, m))}</h1>'
            head = [title, "", f'<p class="arshif-count">{count} مقالة، الأقدم أولاً. {links}</p>', ""]
            rest = [title, "", f'<p class="arshif-count">الأقدم أولاً. {links}</p>', ""]
            rows = [article_row(archive, a, up="../") for a in months[(year, m)]]
            pages += paginate(f"timeline/{year}-{m:02d}", month_label(year, m), head, rows, article_table, rest)
    if undated:
        hub.append(f'<h2 id="undated"><a href="timeline/undated.html">تاريخ غير معروف</a> ({len(undated)})</h2>')
        title, note = ('<h1 class="arshif-title">تاريخ غير معروف</h1>',
                       'يظهر التاريخ المقترح من الحدث حين يكون. <a href="../timeline.html">الخط الزمني</a>.')
        head = [title, "", f'<p class="arshif-count">{len(undated)} مقالة لا تاريخ مطبوعاً فيها؛ {note}</p>', ""]
        rest = [title, "", f'<p class="arshif-count">مقالات لا تاريخ مطبوعاً فيها؛ {note}</p>', ""]
        rows = [article_row(archive, a, up="../") for a in undated]
        pages += paginate("timeline/undated", "تاريخ غير معروف", head, rows, article_table, rest)
    pages.append(listing_page("timeline.md", "الخط الزمني", hub))
    return pages


def _month_list(year: int, months: list, up: str) -> str:
    return '<ul class="arshif-timeline">' + "".join(
        f'<li><a href="{month_href(year, m, up)}">{esc(month_label(year, m))}</a> ({count})</li>' for m, count in months) + "</ul>"
