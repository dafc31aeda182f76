"""The build report stays small at any archive size (issue 13: no page over 1 MB): report.md shows the first page
of issues and field rows (at most ROWS), the rest go on over report/issues-k.md and report/fields-k.md, linked both
ways."""
from __future__ import annotations

import dataclasses
import re

import pytest

from arshif.build.pipeline import configure_rules, process_file
from arshif.models import Issue
from arshif.site.listing_common import FEWEST_ROWS, ROWS
from arshif.site.report import render_report_pages

from sitebuild import REPO


@pytest.fixture(scope="module")
def seed():
    configure_rules(REPO / "source_articles")
    _, article, _ = process_file(sorted((REPO / "source_articles").glob("*.txt"))[0])
    return article


def test_long_issue_tables_are_paginated_and_every_row_is_somewhere(seed):
    issues = [Issue(f"source_articles/{n:05d}.txt", "extract", "no-body", f"سبب {n}") for n in range(2 * ROWS + 5)]
    pages = render_report_pages([seed], issues)
    assert [p.path for p in pages] == ["report.md"] + [f"report/issues-{k}.md" for k in range(2, len(pages) + 1)]
    assert len(pages) >= 3
    texts = [p.content.decode("utf-8") for p in pages]
    shown = [re.findall(r"source_articles/(\d{5})\.txt", t) for t in texts]
    assert all(FEWEST_ROWS <= len(s) <= ROWS for s in shown[:-1]) and 0 < len(shown[-1]) <= ROWS
    assert sum(shown, []) == [f"{n:05d}" for n in range(2 * ROWS + 5)]  # every row once, in order
    assert 'href="report/issues-2.html"' in texts[0] and 'href="../report.html"' in texts[1]
    assert 'href="../report/issues-3.html"' in texts[1]


def test_long_field_tables_are_paginated_with_links_one_level_up(seed):
    articles = [dataclasses.replace(seed, id=f"a{n:04d}") for n in range(ROWS + 1)]
    pages = render_report_pages(articles, [])
    assert [p.path for p in pages] == ["report.md", "report/fields-2.md"]
    first = re.findall(r'href="articles/(a\d{4})\.html"', pages[0].content.decode("utf-8"))
    last = re.findall(r'href="\.\./articles/(a\d{4})\.html"', pages[1].content.decode("utf-8"))
    assert FEWEST_ROWS <= len(first) <= ROWS and first + last == [f"a{n:04d}" for n in range(ROWS + 1)]
    assert 'href="articles/a0000.html"' in pages[0].content.decode("utf-8")


def test_a_small_archive_has_one_report_page(seed):
    pages = render_report_pages([seed], [Issue("a.txt", "read", "empty", "فارغ")])
    assert [p.path for p in pages] == ["report.md"]
    assert "arshif-pager" not in pages[0].content.decode("utf-8")


def _visible_outside_details(html: str) -> str:
    """The report's text a reader sees without opening a technical detail: tags, folded details, code, file names
    (written left to right) and addresses left out."""
    html = re.sub(r"<details\b.*?</details>", " ", html, flags=re.S)
    html = re.sub(r"<(code|td dir=\"ltr\")[^>]*>.*?</(code|td)>", " ", html, flags=re.S)
    html = re.sub(r"^---.*?^---", " ", html, flags=re.S | re.M)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_report_speaks_arabic_and_folds_the_technical_detail(seed):
    from arshif.models import Field

    replace = dataclasses.replace
    articles = [replace(seed, id=f"a{n}") for n in range(3)]
    articles[0] = replace(articles[0], outlet=Field("الشرق الأوسط", "printed", "printed: signature line 'الشرق الأوسط' below the body",
                                                    "outlet-signature", "الشرق الأوسط"),
                          author=Field.unknown("no byline found"),
                          dateline=Field("لندن", "printed", "the byline that opens the first paragraph: 'لندن:'", "byline-dateline", "لندن:"))
    articles[1] = replace(articles[1], outlet=Field.unknown("printed outlet lines disagree: 'A' and ['B']", "outlet-conflict"))
    issues = [Issue("source_articles/x.txt", "read", "not-text", "the file holds binary data (many NUL bytes), not text"),
              Issue("source_articles/y.txt", "relate", "near-duplicate", "nearly the same text as z.txt (81% of the 5-word phrases)", "warning"),
              Issue("source_articles/w.txt", "read", "a-code-no-message-names", "something new")]
    html = render_report_pages(articles, issues)[0].content.decode("utf-8")
    seen = _visible_outside_details(html)
    assert not re.findall(r"[A-Za-z]{3,}", seen), re.findall(r"[A-Za-z]{3,}[^<]{0,40}", seen)[:5]
    assert 'مطبوع في الصفحة: «<bdi class="arshif-evidence">الشرق الأوسط</bdi>»' in html
    assert "لا اسم كاتب في الصفحة" in html and "أسطر المصدر في الصفحة تسمّي مصادر مختلفة" in html
    assert "الملف ليس نصاً" in html and "نص المقالة شبه مطابق لنص مقالة أخرى" in html and "مشكلة في هذا الملف" in html
    # the run's own message is kept, folded and marked as English
    assert '<span lang="en" dir="ltr">nearly the same text as z.txt (81% of the 5-word phrases)</span></details>' in html


def test_every_problem_the_build_can_report_has_its_sentence():
    """Every issue code in the source (Issue(..., stage, code, ...), ReadError(code, ...), a CODE constant) has a
    sentence in messages.yaml, so the report never falls back to the generic one for a known problem."""
    from pathlib import Path

    from arshif.site import messages

    source = Path(messages.__file__).resolve().parents[1]
    codes = set()
    for f in source.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        codes |= set(re.findall(r'Issue\(\s*[^,()]*(?:\([^()]*\))?[^,()]*,\s*f?"[a-z]+",\s*f?"([a-z]+(?:-[a-z]+)*)"', text))
        codes |= set(re.findall(r'ReadError\(\s*"([a-z]+(?:-[a-z]+)*)"', text))
        codes |= set(re.findall(r'\bCODE = "([a-z]+(?:-[a-z]+)*)"', text))
    assert len(codes) >= 25  # the scan finds them
    assert sorted(c for c in codes if c not in messages.messages().issues) == []


def test_the_terminal_summary_prints_a_few_problems_of_each_kind_and_counts_the_rest():
    from arshif.site.report import summary_lines

    near = [Issue(f"source_articles/{n:03d}.txt", "relate", "near-duplicate", f"like {n - 1:03d}.txt", "warning")
            for n in range(1, 26)]
    odd = [Issue("source_articles/x.bin", "read", "not-text", "binary", "error"),
           Issue("source_articles/y.txt", "read", "empty", "no text", "error"),
           Issue("source_articles/z.txt", "extract", "no-date", "none printed", "warning")]
    lines = summary_lines(30, near + odd, shown=10, report="docs/report.md")
    assert lines[0] == "built 30 article(s), 26 warning(s), 2 error(s)"
    assert lines[1:3] == ["  error: source_articles/x.bin: [read/not-text] binary",
                          "  error: source_articles/y.txt: [read/empty] no text"]  # errors first, as before
    shown = [line for line in lines if "[relate/near-duplicate]" in line and line.startswith("  warning:")]
    assert shown == [f"  warning: source_articles/{n:03d}.txt: [relate/near-duplicate] like {n - 1:03d}.txt" for n in range(1, 11)]
    assert "  warning: source_articles/z.txt: [extract/no-date] none printed" in lines  # a kind under the limit: whole
    assert lines[-1] == ("  ... and 15 more warning(s) [relate/near-duplicate], not printed: all are listed in "
                         "docs/report.md (the site's build report) and by `arshif report`")
    assert len(lines) == 1 + 2 + 10 + 1 + 1
    # Without a limit (arshif report), every problem is printed and nothing is counted apart.
    assert len(summary_lines(30, near + odd)) == 1 + len(near + odd)
