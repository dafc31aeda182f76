"""Markup in the text is text: rendered pages, run through the site's Markdown, create no element from article text.

The site-level proof (MkDocs templates, Chromium) is in test_site.py; here every field of an Article carries
a payload and the page is converted with Python-Markdown and the extensions of mkdocs.yml.
"""
from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from arshif.models import Article, Field, Issue
from arshif.site.render import esc, render_article, render_index
from arshif.site.report import render_report_page
from robust_corpus import MARKUP_LINES, REPO, XSS_TITLE

PAYLOADS = (XSS_TITLE,) + MARKUP_LINES + (
    '"><svg onload=alert(6)>',
    "'><iframe src=javascript:alert(7)>",
    "</p></dd></dl><script>alert(8)</script>",
    "<style>body{display:none}</style>",
    "\x02wzxhzdk:0\x03 placeholder",  # Python-Markdown's own stash marker (read.py drops the controls anyway)
    "&lt;script&gt; already escaped",
    "![img](x onerror=alert(9))",
    "<https://example.org> autolink",
    "line one  \nline two with a hard break",
)
ALLOWED_TAGS = {"h1", "h2", "p", "dl", "div", "dt", "dd", "time", "span", "a", "table", "thead", "tbody", "tr", "th",
                "td", "br", "small", "section", "ul", "li", "nav", "strong", "em", "details", "summary", "code", "bdi"}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def site_markdown(text: str) -> str:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nhooks:")[0])
    exts, configs = [], {}
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict):
            (name, conf), = ext.items()
            exts.append(name)
            configs[name] = conf or {}
        else:
            exts.append(ext)
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return markdown.markdown(body, extensions=exts, extension_configs=configs)


def article_with(payload: str, n: int = 0) -> Article:
    def f(value):
        return Field(value, "printed", f"basis {payload}", "rule", payload)
    return Article(
        id=f"a{n}", source_file=f"{payload}.txt", source_sha256="0" * 64, encoding="utf-8",
        title=f(payload), title_derived=False, date=Field(dt.date(2020, 1, 2), "printed", payload),
        outlet=f(payload), author=f(payload), dateline=f(payload),
        body=(payload, f"نص قبل {payload} ونص بعده.", "عادي."), removed=(), warnings=(payload,),
        extra=(("subtitle", payload),),
    )


def assert_inert(html: str, payload: str) -> Elements:
    parsed = Elements()
    parsed.feed(html)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, f"element <{tag}> created from {payload!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} from {payload!r}"
            if name in ("href", "src"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), value
    assert not parsed.comments, f"an HTML comment was created from {payload!r}"
    return parsed


@pytest.mark.parametrize("payload", PAYLOADS)
def test_article_page_shows_every_payload_as_text(payload):
    page = render_article(article_with(payload))
    text = page.content.decode("utf-8")
    meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert meta["title"] == payload and meta["author"] == payload and meta["generator"] == "arshif"
    html = site_markdown(text)
    parsed = assert_inert(html, payload)
    visible = "".join(parsed.text)
    shown = " ".join(payload.replace("\x02", "").replace("\x03", "").split())
    assert shown in " ".join(visible.split()), f"{payload!r} is not shown literally"
    assert "{{" not in html and "{%" not in html  # nothing a later template pass could evaluate


@pytest.mark.parametrize("payload", PAYLOADS)
def test_index_and_report_show_payloads_as_text(payload):
    articles = [article_with(payload, 1)]
    for page in (render_index(articles),
                 render_report_page(articles, [Issue(f"source_articles/{payload}.txt", "read", "not-text", payload)])):
        assert_inert(site_markdown(page.content.decode("utf-8")), payload)


def test_esc_leaves_no_markup_character():
    out = esc("<a href='x'>{{ y }}{% z %}`&\"</a>")
    assert not set(out) & set("<>'\"{}`")
