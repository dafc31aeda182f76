"""page_memo: an article page is taken from the last run only when its data and paragraphs are the same, and it
is then the same bytes as rendering it again."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from arshif.build.pipeline import process_file
from arshif.site.page_memo import PageMemo
from arshif.site.render import render_article

REPO = Path(__file__).resolve().parents[2]

SEEDS = sorted((REPO / "source_articles").glob("*.txt"))


def _articles():
    out = []
    for path in SEEDS:
        _, article, issue = process_file(path)
        assert issue is None
        out.append(article)
    return out


def test_a_hit_is_the_same_page_as_rendering_again():
    articles = _articles()
    links = {"event": {"id": "ev-x", "name": "حدث", "count": "مقالتان", "page": True}}
    first = PageMemo()
    pages = [first.page(first.article(a, links)) for a in articles]
    assert [p.content for p in pages] == [render_article(a, links).content for a in articles]
    assert [p.data_json for p in pages] == [render_article(a, links).data_json for a in articles]
    second = PageMemo(first.used)
    sent = [second.article(a, links) for a in articles]
    assert all(r.page is None for r in sent)  # nothing rendered, nothing sent back but the key
    again = [second.page(r) for r in sent]
    assert again == pages and [p.data_json for p in again] == [p.data_json for p in pages]
    assert not second.changed()


def test_any_change_of_data_or_text_renders_again():
    article = _articles()[0]
    memo = PageMemo()
    memo.page(memo.article(article, {"previous": {"id": "a", "title": "أ"}}))
    later = PageMemo(memo.used)
    moved = later.article(article, {"previous": {"id": "b", "title": "أ"}})  # a neighbour in time changed
    assert moved.page is not None and b"id: b" in moved.page.content
    edited = dataclasses.replace(article, body=article.body[:-1] + (article.body[-1] + " تصحيح",))
    assert later.article(edited, {"previous": {"id": "a", "title": "أ"}}).page is not None
    assert later.article(article, {"previous": {"id": "a", "title": "أ"}}).page is None
    later.page(moved)
    assert later.changed()
