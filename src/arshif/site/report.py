"""report: what was built, what was not and why — on the terminal and as a page of the site."""
from __future__ import annotations

from typing import Iterable, Sequence, TextIO

from ..models import Article, Issue, Page
from ..relate.archive import event_paged
from ..relate.events import Event, weakest_joins
from .render import GENERATOR, dump_front_matter, esc, format_date

WEAKEST_JOINS = 20  # rows of the report's weakest joins

_SEVERITY_AR = {"error": "خطأ", "warning": "تنبيه"}


def summary_lines(articles: "list[Article] | int", issues: list[Issue]) -> list[str]:
    """The run's summary; `articles` may be the count alone (a skipped unchanged run has no Article objects)."""
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity == "warning"]
    count = articles if isinstance(articles, int) else len(articles)
    lines = [f"built {count} article(s), {len(warnings)} warning(s), {len(errors)} error(s)"]
    for issue in sorted(issues, key=lambda i: (i.severity != "error", i.file, i.stage, i.code)):
        lines.append(f"  {issue.severity}: {issue.file}: [{issue.stage}/{issue.code}] {issue.message}")
    return lines


def print_summary(articles: "list[Article] | int", issues: list[Issue], out: TextIO) -> None:
    for line in summary_lines(articles, issues):
        print(line, file=out)


def field_rows(article: Article) -> Iterable[tuple[str, object, str, str]]:
    for name, field in (("title", article.title), ("date", article.date), ("outlet", article.outlet),
                        ("author", article.author), ("dateline", article.dateline)):
        value = field.value.isoformat() if hasattr(field.value, "isoformat") else field.value
        yield name, value, field.kind, field.basis


def print_article_report(articles: list[Article], out: TextIO) -> None:
    for article in articles:
        print(f"{article.source_file} -> {article.id}", file=out)
        for name, value, kind, basis in field_rows(article):
            print(f"  {name:9} {value!s:40} [{kind}] {basis}", file=out)
        for warning in article.warnings:
            print(f"  warning: {warning}", file=out)
        print(f"  body: {len(article.body)} paragraph(s); removed: {len(article.removed)} line(s)", file=out)


def render_report_page(articles: list[Article], issues: list[Issue], events: Sequence[Event] = ()) -> Page:
    """The build report: issues, every article's fields with their basis, and, for the editor, the weakest
    automatic joins of an article to an event (the first to check) and how to correct the grouping."""
    parts = [
        "---",
        dump_front_matter({"title": "تقرير البناء", "generator": GENERATOR}).rstrip("\n"),
        "---",
        "",
        '<h1 class="arshif-title">تقرير البناء</h1>',
        "",
        f"<p>بُنيت {len(articles)} مقالة. الأخطاء: {sum(i.severity == 'error' for i in issues)}، "
        f"التنبيهات: {sum(i.severity == 'warning' for i in issues)}.</p>",
        "",
    ]
    if issues:
        rows = "".join(
            f"<tr><td>{_SEVERITY_AR.get(i.severity, i.severity)}</td><td dir=\"ltr\">{esc(i.file)}</td>"
            f"<td>{esc(i.stage)}/{esc(i.code)}</td><td>{esc(i.message)}</td></tr>"
            for i in sorted(issues, key=lambda i: (i.severity != "error", i.file, i.code))
        )
        parts += ['<h2 id="issues">المشكلات</h2>', "",
                  f'<table class="arshif-issues"><thead><tr><th>النوع</th><th>الملف</th><th>المرحلة</th><th>السبب</th></tr></thead><tbody>{rows}</tbody></table>', ""]
    rows = []
    for a in sorted(articles, key=lambda a: a.id):
        cells = "".join(f"<td>{esc(value if value is not None else '—')}<br><small>{esc(kind)}: {esc(basis)}</small></td>"
                        for name, value, kind, basis in field_rows(a) if name != "title")
        rows.append(f'<tr><td><a href="articles/{esc(a.id)}.html">{esc(a.title.value or a.id)}</a></td>{cells}</tr>')
    parts += ['<h2 id="fields">الحقول وأساسها</h2>', "",
              '<table class="arshif-fields"><thead><tr><th>المقالة</th><th>التاريخ</th><th>المصدر</th><th>الكاتب</th><th>المكان</th></tr></thead><tbody>'
              + "".join(rows) + "</tbody></table>", ""]
    # Editor information lives here, not on the readers' pages.
    parts += ['<h2 id="editing">للمحرر</h2>', ""]
    parts += _weakest_joins(articles, events)
    parts += [
              '<p>يُسمّى كل حدث تلقائياً بعنوان أقدم تغطياته؛ تُغيَّر الأسماء ويُدمج الحدثان أو يُفصلان في '
              '<code dir="ltr">rules/events.yaml</code>، وتُصحَّح حقول مقالة في '
              '<code dir="ltr">source_articles/&lt;name&gt;.meta.yaml</code>.</p>', ""]
    return Page("report.md", "\n".join(parts).encode("utf-8"))


def _weakest_joins(articles: list[Article], events: Sequence[Event]) -> list[str]:
    """The weakest automatic joins, weakest first: the similarity of the article to its event when it joined
    (its centroid, or the other piece of the story), the event and the article, each linked."""
    rows = weakest_joins(events, WEAKEST_JOINS)
    if not rows:
        return []
    title = {a.id: a.title.value or a.id for a in articles}
    by_id = {e.id: e for e in events}
    cells = []
    for score, ev_id, article_id in rows:
        event = by_id[ev_id]
        name = esc(event.name)
        if event_paged(event):
            name = f'<a href="events/{esc(ev_id)}.html">{name}</a>'
        cells.append(f'<tr><td dir="ltr">{score:.3f}</td><td>{name}</td>'
                     f'<td><a href="articles/{esc(article_id)}.html">{esc(title.get(article_id, article_id))}</a></td></tr>')
    return ['<h3 id="weakest-joins">أضعف الانضمامات إلى الأحداث</h3>', "",
            '<p>مقالات ضُمّت آلياً إلى حدث بأدنى تشابه، الأضعف أولاً: أولى ما يراجعه المحرر. يُفصل ما ضُمّ خطأً '
            'في <code dir="ltr">rules/events.yaml</code> (split).</p>', "",
            '<table class="arshif-joins"><thead><tr><th>التشابه</th><th>الحدث</th><th>المقالة</th></tr></thead>'
            f'<tbody>{"".join(cells)}</tbody></table>', ""]


__all__ = ["summary_lines", "print_summary", "print_article_report", "render_report_page", "format_date"]
