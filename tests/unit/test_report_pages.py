"""The build report stays small at any archive size (issue 13: no page over 1 MB): report.md shows the first
ROWS issues and field rows, the rest go on over report/issues-k.md and report/fields-k.md, linked both ways."""
from __future__ import annotations

import dataclasses
import re

import pytest

from arshif.build.pipeline import configure_rules, process_file
from arshif.models import Issue
from arshif.site.listing_common import ROWS
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
    assert [p.path for p in pages] == ["report.md", "report/issues-2.md", "report/issues-3.md"]
    texts = [p.content.decode("utf-8") for p in pages]
    shown = [re.findall(r"source_articles/(\d{5})\.txt", t) for t in texts]
    assert [len(s) for s in shown] == [ROWS, ROWS, 5]
    assert sorted(sum(shown, [])) == [f"{n:05d}" for n in range(2 * ROWS + 5)]
    assert 'href="report/issues-2.html"' in texts[0] and 'href="../report.html"' in texts[1]
    assert 'href="../report/issues-3.html"' in texts[1]


def test_long_field_tables_are_paginated_with_links_one_level_up(seed):
    articles = [dataclasses.replace(seed, id=f"a{n:04d}") for n in range(ROWS + 1)]
    pages = render_report_pages(articles, [])
    assert [p.path for p in pages] == ["report.md", "report/fields-2.md"]
    last = pages[1].content.decode("utf-8")
    assert re.findall(r'href="\.\./articles/(a\d{4})\.html"', last) == [f"a{ROWS:04d}"]
    assert 'href="articles/a0000.html"' in pages[0].content.decode("utf-8")


def test_a_small_archive_has_one_report_page(seed):
    pages = render_report_pages([seed], [Issue("a.txt", "read", "empty", "فارغ")])
    assert [p.path for p in pages] == ["report.md"]
    assert "arshif-pager" not in pages[0].content.decode("utf-8")
