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


def test_with_the_extraction_key_a_hit_needs_no_front_matter_and_any_change_still_renders_again(monkeypatch):
    from arshif.site import page_memo

    articles = _articles()
    links = {"event": {"id": "ev-x", "name": "حدث", "count": "مقالتان", "page": True}}
    entries = [f"key-{n}" for n in range(len(articles))]
    first = PageMemo()
    pages = [first.page(first.article(a, links, e)) for a, e in zip(articles, entries)]
    assert [p.content for p in pages] == [render_article(a, links).content for a in articles]
    second = PageMemo(first.used)

    def no_front_matter(*args):
        raise AssertionError("a hit with the extraction key needs no front-matter")

    monkeypatch.setattr(page_memo, "front_matter", no_front_matter)
    sent = [second.article(a, links, e) for a, e in zip(articles, entries)]
    assert all(r.page is None for r in sent) and [second.page(r) for r in sent] == pages
    monkeypatch.undo()
    # Other links (a neighbour's title, the event's count) or another extraction (the source, its override, the
    # rules or the template lines changed: another key) render again.
    other = {"event": {"id": "ev-x", "name": "حدث", "count": "ثلاث مقالات", "page": True}}
    moved = second.article(articles[0], other, entries[0])
    assert moved.page is not None and moved.page.content == render_article(articles[0], other).content
    assert second.article(articles[0], links, "key-edited").page is not None
    # A key made without the extraction key is another key: the two never stand for each other.
    assert second.article(articles[0], links).page is not None


def test_the_key_of_links_built_again_is_the_same_and_of_other_links_another():
    """The links are keyed as pickled bytes: the same links built again (another run) give the same key, a value
    changed anywhere another, and a value pickle cannot hold is keyed by its text instead of failing."""
    from arshif.site.page_memo import _entry_key

    def links(title: str) -> dict:
        shared = "".join(["كاميرون ", "يدعو"])  # one string in two places, as a title in related and previous
        return {"event": {"id": "ev-1", "name": "حدث", "count": "مقالتان", "page": True},
                "related": [{"id": "002", "title": shared, "reason": "الحدث نفسه"}],
                "previous": {"id": "002", "title": shared}, "next": {"id": "003", "title": title}}

    assert _entry_key("k", links("عنوان")) == _entry_key("k", links("عنوان"))
    assert _entry_key("k", links("عنوان")) != _entry_key("k", links("عنوان آخر"))
    assert _entry_key("k", links("عنوان")) != _entry_key("k2", links("عنوان")) != _entry_key("k2", None)
    odd = {"event": {"id": "ev-1", "made": lambda: 1}}
    assert _entry_key("k", odd) == _entry_key("k", odd) != _entry_key("k", None)
