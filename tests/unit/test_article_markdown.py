"""Article pages are Markdown: the body is the paragraphs as escaped Markdown text, everything else front-matter."""
from __future__ import annotations

import datetime as dt
import html

import markdown
import pytest
import yaml
from hypothesis import given, strategies as st

from arshif.models import Article, Field
from arshif.site.catalog import article_from_page
from arshif.site.render import markdown_text, plain_text, render_article

PAYLOADS = ["</title><script>alert(1)</script>", "*x*", "[a](javascript:x)", "{{ x }}", "{% x %}", "<!-- -->",
            "| a | b |", "1. first", "2) second", "# heading", "- item", "+ item", "> quote", "=== ", "---", "***",
            "    indented code", "`code`", "a_b_c", "&amp; &#60; &lt;", "back\\slash", "<https://example.org>",
            "![i](x.png)", "{: #id .class }", "line one  \nline two", "قال (داعش): «لا». 1. 2.", "~~x~~ ^y^ $z$"]
EXTENSIONS = ["toc"]  # mkdocs.yml's


def _html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_paragraph_renders_to_exactly_its_text(payload):
    text = " ".join(payload.split())
    md = markdown_text(payload)
    assert "\n" not in md and "{" not in md and "<" not in md
    assert html.unescape(_html(md)) == f"<p>{text}</p>"
    assert plain_text(md) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_any_text_renders_as_one_paragraph_of_itself(payload):
    text = " ".join(payload.split())
    if not text:
        return
    rendered = _html(markdown_text(payload))
    assert rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<") == 2, rendered
    assert html.unescape(rendered[3:-4]) == text
    assert plain_text(markdown_text(payload)) == text


def _article(title: str, body: tuple[str, ...]) -> Article:
    f = lambda v: Field(v, "printed", "basis", "rule", v)  # noqa: E731
    return Article(id="a1", source_file="a1.txt", source_sha256="0" * 64, encoding="utf-8", title=f(title),
                   title_derived=False, date=Field(dt.date(2014, 9, 11), "printed", "printed: 11 سبتمبر 2014",
                                                   "date-numeric", "11 سبتمبر 2014"),
                   outlet=f("كونا"), author=f(None), dateline=f(None), body=body, removed=(), warnings=(), extra=())


def test_page_is_front_matter_and_markdown_paragraphs():
    page = render_article(_article("*عنوان*", ("<b>فقرة</b> أولى. وثانية", "فقرة ثانية")),
                          {"event": {"id": "ev-a1", "name": "حدث", "count": "تغطية واحدة", "page": False}})
    text = page.content.decode("utf-8")
    front, body = text.split("\n---\n", 1)
    meta = yaml.safe_load(front.removeprefix("---\n"))
    assert meta["title"] == "*عنوان*" and meta["template"] == "article.html"
    assert meta["date_rule"] == "date-numeric" and meta["date_evidence"] == "11 سبتمبر 2014"
    assert meta["date_note"] == ["مطبوع في الصفحة:", "11 سبتمبر 2014", ""]
    assert meta["date_text"] == "11 سبتمبر 2014" and meta["links"]["event"]["count"] == "تغطية واحدة"
    assert body.strip().split("\n\n") == ["&lt;b>فقرة&lt;/b> أولى. وثانية", "فقرة ثانية"]
    assert "<h1" not in body and "<dl" not in body  # the furniture is the theme's
    record = article_from_page(text, "a1")
    assert record.lead == "<b>فقرة</b> أولى." and record.title == "*عنوان*"


def _articles_hook():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "hooks" / "articles.py"
    spec = importlib.util.spec_from_file_location("arshif_test_articles_hook", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tags(fragment: str) -> list[str]:
    import re

    return re.findall(r"</?\w+", fragment)


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40), min_size=0, max_size=4))
def test_the_articles_hook_gives_the_html_python_markdown_gives(paragraphs):
    """hooks/articles.py: paragraphs written by markdown_text() become the same HTML text as Python-Markdown makes."""
    hook = _articles_hook()
    body = "".join(markdown_text(p) + "\n\n" for p in paragraphs if " ".join(p.split()))
    ours, theirs = hook.paragraphs_html(body), _html(body)
    assert ours is not None
    assert html.unescape(ours) == html.unescape(theirs) and _tags(ours) == _tags(theirs)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_articles_hook_on_hostile_paragraphs(payload):
    hook = _articles_hook()
    body = f"{markdown_text(payload)}\n\n{markdown_text('فقرة ثانية.')}\n"
    ours = hook.paragraphs_html(body)
    assert html.unescape(ours) == html.unescape(_html(body)) and _tags(ours) == ["<p", "</p", "<p", "</p"]


def test_the_articles_hook_leaves_other_bodies_and_pages_to_markdown():
    hook = _articles_hook()
    for edited in ("فقرة **بخط عريض**\n", "سطر أول\nسطر ثان\n", "# عنوان\n", "- بند\n", "فقرة<br>\n"):
        assert hook.paragraphs_html(edited) is None, edited
    page = type("P", (), {"meta": {"template": "article.html", "generator": "arshif"},
                          "file": type("F", (), {"src_uri": "articles/a1.md"})()})()
    body = markdown_text("فقرة <b>أولى</b>") + "\n"
    assert hook.on_page_markdown(body, page, {}, None) == body
    page.render({}, None)  # the page's own render, set by the hook: no Python-Markdown
    assert page.content == "<p>فقرة &lt;b&gt;أولى&lt;/b&gt;</p>" and not page.toc.items and page.present_anchor_ids == set()
    other = type("P", (), {"meta": {"title": "صفحة يدوية"}})()  # not an article page of arshif's: Python-Markdown's
    assert hook.on_page_markdown(body, other, {}, None) == body and "render" not in vars(other)
    edited = type("P", (), {"meta": {"template": "article.html", "generator": "arshif"}})()
    assert hook.on_page_markdown("فقرة **عريضة**\n", edited, {}, None) and "render" not in vars(edited)
