"""The site files read each article page's front-matter back; the records are kept by page content, so a run after
one edit reads only the changed page again, and the files are the same as with nothing kept (issue 14)."""
from __future__ import annotations

from pathlib import Path

from arshif.build import published
from arshif.site import sitefiles

FRONT = "---\ntitle: {title}\ndate: 2018-02-{day:02d}\noutlet: كونا\nsource_file: a.txt\ngenerator: arshif\n---\n<p dir=\"auto\">نص {title}</p>\n"


def _pages(titles: list[str]):
    from arshif.models import Page

    return [Page(f"articles/a{n}.md", FRONT.format(title=t, day=n + 1).encode("utf-8")) for n, t in enumerate(titles)]


def test_records_are_read_again_only_for_changed_pages(tmp_path, monkeypatch):
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    titles = ["خبر أول", "خبر ثان", "خبر ثالث"]
    first, _ = published.site_files(_pages(titles), docs, None, cache, "code-1")
    read = []
    real = published.article_record
    monkeypatch.setattr(published, "article_record", lambda path, text, data=None: read.append(path) or real(path, text, data))
    titles[1] = "خبر ثان مصحح"
    again, _ = published.site_files(_pages(titles), docs, None, cache, "code-1")
    assert read == ["articles/a1.md"]
    fresh, _ = published.site_files(_pages(titles), docs, None, None, "")
    assert [(p.path, p.content) for p in again] == [(p.path, p.content) for p in fresh]
    assert [(p.path, p.content) for p in again] != [(p.path, p.content) for p in first]
    # other code or rules: nothing is reused
    read.clear()
    published.site_files(_pages(titles), docs, None, cache, "code-2")
    assert read == ["articles/a0.md", "articles/a1.md", "articles/a2.md"]


def test_a_damaged_store_means_every_page_is_read(tmp_path):
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    cache.mkdir()
    (cache / published.RECORDS).write_bytes(b"not a pickle")
    done, issues = published.site_files(_pages(["خبر"]), docs, None, cache, "x")
    assert issues == [] and any(p.path.endswith(".bib") for p in done)


def test_article_records_keeps_its_order_and_problems():
    records, problems = sitefiles.article_records([("articles/b.md", FRONT.format(title="ب", day=2)),
                                                   ("articles/x.md", "---\n[: bad\n---\n"),
                                                   ("articles/a.md", FRONT.format(title="أ", day=1))])
    assert [r.id for r in records] == ["a", "b"] and len(problems) == 1 and problems[0].startswith("articles/x.md:")
