"""report: what was built, what was not and why — on the terminal and as a page of the site."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional, Sequence, TextIO

from ..ingest.templates import NONE, Templates
from ..models import Article, Field, Issue, Page
from ..relate.archive import event_paged
from ..relate.events import Event, weakest_joins
from . import messages
from .listing_common import pager, page_slices
from .render import GENERATOR, data_json, dump_front_matter, esc, format_date

WEAKEST_JOINS = 20  # rows of the report's weakest joins

_SEVERITY_AR = {"error": "خطأ", "warning": "تنبيه"}


# The terminal shows this many problems of one kind (severity, stage and code); the rest are counted, not printed:
# at 10,000 articles a thousand near-duplicate notes would bury the one unreadable file. The report lists them all.
SHOWN_PER_KIND = 10


def summary_lines(articles: "list[Article] | int", issues: list[Issue], shown: Optional[int] = None,
                  report: str = "report.md") -> list[str]:
    """The run's summary; `articles` may be the count alone (a skipped unchanged run has no Article objects).
    `shown`: how many problems of one kind are printed (all when None); `report`: where the others are listed."""
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity == "warning"]
    count = articles if isinstance(articles, int) else len(articles)
    lines = [f"built {count} article(s), {len(warnings)} warning(s), {len(errors)} error(s)"]
    printed: Counter = Counter()
    for issue in sorted(issues, key=lambda i: (i.severity != "error", i.file, i.stage, i.code)):
        kind = (issue.severity != "error", issue.severity, issue.stage, issue.code)
        printed[kind] += 1
        if shown is None or printed[kind] <= shown:
            lines.append(f"  {issue.severity}: {issue.file}: [{issue.stage}/{issue.code}] {issue.message}")
    for (_, severity, stage, code), n in sorted(printed.items()):
        if shown is not None and n > shown:
            lines.append(f"  ... and {n - shown} more {severity}(s) [{stage}/{code}], not printed: all are listed in "
                         f"{report} (the site's build report) and by `arshif report`")
    return lines


def print_summary(articles: "list[Article] | int", issues: list[Issue], out: TextIO, shown: Optional[int] = None,
                  report: str = "report.md") -> None:
    for line in summary_lines(articles, issues, shown, report):
        print(line, file=out)


def field_rows(article: Article) -> Iterable[tuple[str, object, Field]]:
    """(name, value as printed, the field with its kind, basis, rule and evidence) of each extracted field."""
    for name, field in (("title", article.title), ("date", article.date), ("outlet", article.outlet),
                        ("author", article.author), ("dateline", article.dateline)):
        yield name, (field.value.isoformat() if hasattr(field.value, "isoformat") else field.value), field


def print_article_report(articles: list[Article], out: TextIO) -> None:
    for article in articles:
        print(f"{article.source_file} -> {article.id}", file=out)
        for name, value, field in field_rows(article):
            print(f"  {name:9} {value!s:40} [{field.kind}] {field.basis}", file=out)
        for warning in article.warnings:
            print(f"  warning: {warning}", file=out)
        print(f"  body: {len(article.body)} paragraph(s); removed: {len(article.removed)} line(s)", file=out)


# The report stays small at 10,000 articles: this many whole pages are shown (by id), and the templates' own cap.
LOCATED_SHOWN = 60
REASONS_SHOWN = 6
# Lines the cleaner took out of the body as the article's own metadata: not chrome, not counted as such.
_METADATA = frozenset({"title-first-headline", "title-repeated", "subtitle-under-title", "date-stamp", "outlet-signature",
                       "outlet-under-headline", "byline-line", "byline-bare-name"})


def template_section(templates: Templates) -> list[str]:
    """Which template lines were learnt, and from how many files (the most widespread first, capped)."""
    t = messages.text
    out = ['<h2 id="templates">' + esc(t("report.templates.heading")) + "</h2>", ""]
    if not templates:
        return out + [f"<p>{esc(t('report.templates.none'))}</p>", ""]
    out += [f"<p>{esc(t('report.templates.summary', lines=len(templates.lines), files=templates.files))}</p>", ""]
    top = templates.top()
    rows = "".join(f"<tr><td>{esc(line)}</td><td>{n}</td></tr>" for line, n in top)
    out += [f'<table class="arshif-templates"><thead><tr><th>{esc(t("report.templates.line"))}</th>'
            f'<th>{esc(t("report.templates.files"))}</th></tr></thead><tbody>{rows}</tbody></table>', ""]
    if len(templates.lines) > len(top):
        out += [f"<p>{esc(t('report.templates.more', n=len(templates.lines) - len(top)))}</p>", ""]
    return out


def locator_rows(article: Article) -> tuple[str, str, str]:
    """(body line range, headline line and why, chrome lines by reason) of a whole page, line numbers 1-based."""
    t = messages.text
    head, start, end = article.located
    reasons: dict[str, int] = {}
    for r in article.removed:
        if r.reason not in _METADATA:
            reasons[r.reason] = reasons.get(r.reason, 0) + 1
    ranked = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    chrome = "، ".join(f"{reason} {n}" for reason, n in ranked[:REASONS_SHOWN])
    if len(ranked) > REASONS_SHOWN:
        chrome += f"، … {sum(n for _, n in ranked[REASONS_SHOWN:])}"
    why = article.title.rule or article.title.kind
    return (t("report.locator.lines", start=start + 1, end=end + 1), f"{t('report.locator.line', line=head + 1)}: {why}", chrome)


def locator_section(articles: list[Article]) -> list[str]:
    """What the locator decided on whole pages (the first LOCATED_SHOWN by id)."""
    t = messages.text
    pages = sorted((a for a in articles if len(a.located) == 3), key=lambda a: a.id)
    if not pages:
        return []
    shown = pages[:LOCATED_SHOWN]
    rows = "".join(f'<tr><td><a href="articles/{esc(a.id)}.html">{esc(a.id)}</a></td>'
                   + "".join(f"<td>{esc(cell)}</td>" for cell in locator_rows(a)) + "</tr>" for a in shown)
    return ['<h2 id="locator">' + esc(t("report.locator.heading")) + "</h2>", "",
            f"<p>{esc(t('report.locator.summary', pages=len(pages), shown=len(shown)))}</p>", "",
            f'<table class="arshif-locator"><thead><tr><th>المقالة</th><th>{esc(t("report.locator.body"))}</th>'
            f'<th>{esc(t("report.locator.headline"))}</th><th>{esc(t("report.locator.chrome"))}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>", ""]


# The report is paginated like the listings (page_slices): report.md shows the first issues and field rows, the rest on
# report/issues-k.md and report/fields-k.md (k >= 2), so no page grows with the archive.
REPORT_DIR = "report"


def _pager(kind: str, k: int, total: int, up: str) -> str:
    """Links between the pages of one report table; page 1 is report.md itself, the others are in report/."""
    return pager("", k, total, lambda n: f"{up}report.html" if n == 1 else f"{up}{REPORT_DIR}/{kind}-{n}.html",
                 "صفحات الجدول")


def _issue_rows(issues: list[Issue]) -> list[str]:
    # What the problem is, in Arabic, by its code; the run's own message (English, naming files and figures) is
    # the technical detail, folded, marked as English for screen readers.
    return [f"<tr><td>{_SEVERITY_AR.get(i.severity, i.severity)}</td><td dir=\"ltr\">{esc(i.file)}</td>"
            f"<td dir=\"ltr\"><code>{esc(i.stage)}/{esc(i.code)}</code></td><td>{esc(messages.issue_text(i.code))}"
            f'<details class="arshif-detail"><summary>{esc(messages.text("report.detail"))}</summary>'
            f'<span lang="en" dir="ltr">{esc(i.message)}</span></details></td></tr>'
            for i in sorted(issues, key=lambda i: (i.severity != "error", i.file, i.code))]


def _issues_table(rows: Sequence[str]) -> str:
    return ('<table class="arshif-issues"><thead><tr><th>النوع</th><th>الملف</th><th>المرحلة</th><th>السبب</th></tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table>')


def _fields_table(chosen: Sequence[Article], up: str) -> str:
    rows = []
    for a in chosen:
        cells = "".join(f"<td>{esc(value if value is not None else '—')}<br><small>{_basis_note(name, field)}</small></td>"
                        for name, value, field in field_rows(a) if name != "title")
        rows.append(f'<tr><td><a href="{up}articles/{esc(a.id)}.html">{esc(a.title.value or a.id)}</a></td>{cells}</tr>')
    return ('<table class="arshif-fields"><thead><tr><th>المقالة</th><th>التاريخ</th><th>المصدر</th><th>الكاتب</th>'
            '<th>المكان</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def _basis_note(name: str, field: Field) -> str:
    """A field's basis for readers (messages.yaml), the evidence quoted as the article pages quote it; the
    developer's basis in English stays in the front-matter, archive.json and `arshif report`."""
    note = messages.date_note if name == "date" else (lambda *a: messages.field_note(name, *a))
    before, evidence, after = note(field.kind, field.rule, field.evidence)
    quoted = f' «<bdi class="arshif-evidence">{esc(evidence)}</bdi>»' if evidence else ""
    return esc(before) + quoted + (" " + esc(after) if after else "")


def _page(path: str, title: str, body: list[str]) -> Page:
    # arshif_html: HTML throughout, handed to the theme as written (hooks/listings.py), as the listings are.
    data = {"title": title, "generator": GENERATOR, "arshif_html": True}
    front = dump_front_matter(data).rstrip("\n")
    return Page(path, "\n".join(["---", front, "---", "", *body]).encode("utf-8"), data_json(data))


def render_report_page(articles: list[Article], issues: list[Issue], events: Sequence[Event] = (),
                       templates: Templates = NONE) -> Page:
    """report.md alone (render_report_pages gives it with the pages of its long tables)."""
    return render_report_pages(articles, issues, events, templates)[0]


def render_report_pages(articles: list[Article], issues: list[Issue], events: Sequence[Event] = (),
                        templates: Templates = NONE) -> list[Page]:
    """The build report: issues, every article's fields with their basis, and, for the editor, the weakest
    automatic joins of an article to an event (the first to check) and how to correct the grouping. The two long
    tables show their first page on report.md and go on over report/issues-k.md and report/fields-k.md."""
    issue_rows = _issue_rows(issues)
    ordered = sorted(articles, key=lambda a: a.id)
    issue_slices, field_slices = page_slices(issue_rows), page_slices([a.id for a in ordered])
    issue_pages, field_pages = len(issue_slices), len(field_slices)
    parts = [
        '<h1 class="arshif-title">تقرير البناء</h1>',
        "",
        f"<p>بُنيت {len(articles)} مقالة. الأخطاء: {sum(i.severity == 'error' for i in issues)}، "
        f"التنبيهات: {sum(i.severity == 'warning' for i in issues)}.</p>",
        "",
    ]
    if issues:
        nav = _pager("issues", 1, issue_pages, "")
        parts += ['<h2 id="issues">المشكلات</h2>', "", nav, "", _issues_table(issue_rows[issue_slices[0]]), "", nav, ""]
    nav = _pager("fields", 1, field_pages, "")
    first = _fields_table(ordered[field_slices[0]], "")
    parts += ['<h2 id="fields">الحقول وأساسها</h2>', "", nav, "", first, "", nav, ""]
    parts += template_section(templates) + locator_section(articles)
    # Editor information lives here, not on the readers' pages.
    parts += ['<h2 id="editing">للمحرر</h2>', ""]
    parts += _weakest_joins(articles, events)
    parts += [
              '<p>يُسمّى كل حدث تلقائياً بعنوان أقدم تغطياته؛ تُغيَّر الأسماء ويُدمج الحدثان أو يُفصلان في '
              '<code dir="ltr">rules/events.yaml</code>، وتُصحَّح حقول مقالة في '
              '<code dir="ltr">source_articles/&lt;name&gt;.meta.yaml</code>.</p>', ""]
    pages = [_page("report.md", "تقرير البناء", parts)]
    for k in range(2, issue_pages + 1):
        nav = _pager("issues", k, issue_pages, "../")
        chunk = issue_rows[issue_slices[k - 1]]
        pages.append(_page(f"{REPORT_DIR}/issues-{k}.md", f"تقرير البناء: المشكلات ({k})",
                           ['<h1 class="arshif-title">تقرير البناء: المشكلات</h1>', "", nav, "", _issues_table(chunk), "", nav, ""]))
    for k in range(2, field_pages + 1):
        nav = _pager("fields", k, field_pages, "../")
        chunk = ordered[field_slices[k - 1]]
        pages.append(_page(f"{REPORT_DIR}/fields-{k}.md", f"تقرير البناء: الحقول ({k})",
                           ['<h1 class="arshif-title">تقرير البناء: الحقول وأساسها</h1>', "", nav, "",
                            _fields_table(chunk, "../"), "", nav, ""]))
    return pages


def is_report_page(path: str) -> bool:
    return path == "report.md" or path.startswith(REPORT_DIR + "/")


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


__all__ = ["summary_lines", "print_summary", "print_article_report", "render_report_page", "render_report_pages",
           "is_report_page", "format_date"]
