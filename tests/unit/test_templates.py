"""The theme templates (overrides/) print page.meta as text: link previews, JSON-LD, the article furniture.

Rendered here with Jinja2 as MkDocs configures it (no autoescape: every value must be escaped by the template
itself); tests/browser/test_zensical.py renders them with Zensical's engine in a real build.
"""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from arshif.site.catalog import article_from_page
from arshif.site.citation import citation_text
from arshif.site.render import render_article
from arshif.site import messages

REPO = Path(__file__).resolve().parents[2]
URL = "https://arshif.news.sa/arshif/articles/a1.html"
HOSTILE = ['</title><script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "{{ config }} {% if 1 %}x{% endif %}",
           "</script><!--", "' onmouseover='alert(3)"]
ALLOWED = {"meta", "link", "script", "h1", "p", "dl", "div", "dt", "dd", "time", "span", "bdi", "a", "button",
           "section", "h2", "ul", "li", "nav"}


class _Parsed(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "overrides")), autoescape=False)
    env.filters["url"] = lambda value: value
    return env


def _page(payload: str):
    from test_article_markdown import _article  # the same Article shape as the Markdown tests

    article = _article(payload, (payload, "فقرة ثانية."))
    import dataclasses

    from arshif.models import Field
    article = dataclasses.replace(article, author=Field(payload, "printed", "b"), dateline=Field(payload, "printed", "b"))
    links = {"outlet": "kuna", "event": {"id": "ev-a1", "name": payload, "count": messages.plural("coverage", 3), "page": True},
             "related": [{"id": "b2", "title": payload, "reason": payload}],
             "entities": [{"id": "kuwait", "name": payload, "type": "place", "page": True},
                          {"id": "p-1", "name": "شخص", "type": "person", "page": False}],
             "previous": {"id": "b0", "title": payload}, "next": {"id": "b3", "title": payload}}
    text = render_article(article, links).content.decode("utf-8")
    import yaml

    meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    page = type("Page", (), {"meta": meta, "canonical_url": URL, "title": meta["title"], "content": "<p>نص</p>"})()
    config = {"site_name": "أرشيف", "site_url": "https://arshif.news.sa/arshif/", "site_description": "أرشيف أخبار",
              "theme": {"direction": "rtl"}}
    return text, page, config


def _render_head(page, config) -> str:
    env = _env()
    msg = env.get_template("partials/arshif-messages.html").module
    return env.get_template("partials/arshif-head.html").render(page=page, config=config, msg=msg)


def _render_article(page, config) -> str:
    template = _env().get_template("article.html")
    context = template.new_context({"page": page, "config": config})
    return "".join(template.blocks["content"](context))


def _inert(out: str) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(out)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED, tag
        assert not any(name.startswith("on") for name in attrs), attrs
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
        if tag == "script":
            assert attrs.get("type") == "application/ld+json"
    assert not parsed.comments
    return parsed


@pytest.mark.parametrize("payload", HOSTILE)
def test_head_previews_and_json_ld_are_text(payload):
    _, page, config = _page(payload)
    out = _render_head(page, config)
    parsed = _inert(out)
    metas = {(a.get("property") or a.get("name")): a.get("content") for t, a in parsed.tags if t == "meta"}
    assert metas["og:title"] == payload and metas["og:type"] == "article" and metas["twitter:card"] == "summary"
    assert metas["og:url"] == URL and metas["article:published_time"] == "2014-09-11"
    (script,) = parsed.scripts
    assert "<" not in script and ">" not in script
    data = json.loads(script)
    assert data["headline"] == payload and data["author"] == {"@type": "Person", "name": payload}
    assert data["isBasedOn"] == "https://arshif.news.sa/arshif/originals/a1.txt"
    assert data["about"] == [{"@type": "Place", "name": payload, "url": "https://arshif.news.sa/arshif/entities/kuwait.html"},
                             {"@type": "Person", "name": "شخص"}]
    assert data["isPartOf"] == {"@type": "WebSite", "name": "أرشيف", "url": "https://arshif.news.sa/arshif/"}
    feeds = [a["href"] for t, a in parsed.tags if t == "link" and "feed" in a.get("rel", "")]
    assert feeds == ["feed.xml", "atom.xml"]


def test_non_article_page_gets_previews_but_no_json_ld():
    page = type("Page", (), {"meta": {"title": "الأحداث"}, "canonical_url": "https://arshif.news.sa/arshif/events/index.html",
                             "title": "الأحداث"})()
    parsed = _inert(_render_head(page, {"site_name": "أرشيف", "site_url": "https://arshif.news.sa/arshif", "site_description": "د"}))
    assert not parsed.scripts
    assert ("meta", {"property": "og:type", "content": "website"}) in parsed.tags


# site_url -> what the templates take for the published root ("" = no published address): the Python rule
# (permalinks.public_base, used for the site files and the build's warning) and the template's must agree.
PUBLIC_CASES = ["https://arshif.news.sa/arshif/", "https://arshif.news.sa/arshif", "http://archive.alriyadh.com",
                "https://News.SA:8443/a/", "https://example.org/arshif/", "https://EXAMPLE.com/", "http://www.example.net/x/",
                "https://news.test/", "https://a.b.invalid/", "http://localhost:8000/", "https://x.localhost/",
                "https://archive.example/", "https://examples.org/", "https://example.org.sa/", "https://mytest.com/",
                "", None, "/arshif/", "ftp://arshif.news.sa/", "https://", "https://testing.invalid:80/"]


@pytest.mark.parametrize("site_url", PUBLIC_CASES)
def test_the_templates_take_the_same_sites_for_published_as_arshif(site_url):
    from arshif.site.permalinks import public_base

    module = _env().get_template("partials/arshif-public.html").module
    assert str(module.root(site_url)).strip() == public_base(site_url)


def _placeholder(config: dict) -> dict:
    return {**config, "site_url": "https://example.org/arshif/"}


def test_with_a_placeholder_site_url_the_head_names_no_address():
    _, page, config = _page("عنوان")
    page.canonical_url = "https://example.org/arshif/articles/a1.html"  # what MkDocs computes from the placeholder
    out = _render_head(page, _placeholder(config))
    parsed = _inert(out)
    assert "example.org" not in out
    assert not [a for t, a in parsed.tags if a.get("property") == "og:url" or a.get("rel") == "canonical"]
    data = json.loads(parsed.scripts[0])
    assert not {"url", "mainEntityOfPage", "isBasedOn"} & set(data)
    assert data["isPartOf"] == {"@type": "WebSite", "name": "أرشيف"}
    assert all("url" not in e for e in data["about"])
    feeds = [a["href"] for t, a in parsed.tags if t == "link" and "feed" in a.get("rel", "")]
    assert feeds == ["atom.xml"]  # no feed.xml is written: RSS needs the site's address


def test_with_a_placeholder_site_url_main_writes_no_canonical_link():
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(REPO / "overrides")),
        jinja2.DictLoader({"base.html": "{% block site_meta %}{% endblock %}"})]), autoescape=False)
    env.filters["url"] = lambda value: value
    page = type("Page", (), {"meta": {}, "canonical_url": "https://example.org/arshif/about.html", "title": "عن"})()
    config = {"site_name": "أرشيف", "site_url": "https://example.org/arshif/", "theme": {}}
    assert "canonical" not in env.get_template("main.html").render(page=page, config=config)
    page.canonical_url = "https://arshif.news.sa/arshif/about.html"
    out = env.get_template("main.html").render(page=page, config={**config, "site_url": "https://arshif.news.sa/arshif/"})
    assert '<link rel="canonical" href="https://arshif.news.sa/arshif/about.html">' in out


def test_with_a_placeholder_site_url_the_citation_names_no_address():
    source, page, config = _page("عنوان")
    page.canonical_url = "https://example.org/arshif/articles/a1.html"
    out = _render_article(page, _placeholder(config))
    parsed = _inert(out)
    assert "example.org" not in out and "arshif-permalink" not in out
    citation = html.unescape(re.search(r'<p class="arshif-citation" id="arshif-citation" dir="rtl">(.*?)</p>', out, re.S).group(1))
    assert citation == citation_text(article_from_page(source, "a1"), "", "أرشيف") and citation.endswith("أرشيف")
    buttons = {a["data-arshif-copy"]: a for t, a in parsed.tags if t == "button"}
    assert buttons["link"]["data-copy"] == ""  # copy-link.js copies the page's own address
    # The citation button copies the printed citation (copy-link.js adds the reader's address after ": ").
    assert buttons["citation"]["data-copy-of"] == "arshif-citation" and buttons["citation"]["data-copy-here"] == ": "


@pytest.mark.parametrize("payload", HOSTILE)
def test_article_furniture_is_text(payload):
    source, page, config = _page(payload)
    out = _render_article(page, config)
    parsed = _inert(out)
    h1 = re.search(r'<h1 class="arshif-title" dir="auto">(.*?)</h1>', out, re.S).group(1)
    assert html.unescape(h1) == payload  # shown as written: not evaluated, not stripped
    citation = html.unescape(re.search(r'<p class="arshif-citation" id="arshif-citation" dir="rtl">(.*?)</p>', out, re.S).group(1))
    assert citation == citation_text(article_from_page(source, "a1"), URL, "أرشيف")
    copy = [a for t, a in parsed.tags if t == "button" and a.get("data-arshif-copy") == "citation"][0]
    assert copy["data-copy-of"] == "arshif-citation" and "data-copy" not in copy  # copies the citation shown
    hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
    assert "../events/ev-a1.html" in hrefs and "../entities/kuwait.html" in hrefs and "../outlets/kuna.html" in hrefs
    assert "../entities/p-1.html" not in hrefs  # an entity without a page is named, not linked
    assert "b0.html" in hrefs and "b3.html" in hrefs and "../originals/a1.txt" in hrefs
    visible = html.unescape(re.sub(r"<[^>]+>", " ", out))
    assert "3 تغطيات" in visible and "مطبوع في الصفحة" in visible and "date-numeric" not in visible
    assert '<bdi class="arshif-evidence">11 سبتمبر 2014</bdi>' in out
    assert '<bdi dir="ltr">a1.txt</bdi>' in out


def test_language_partial_puts_the_direction_on_html():
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(REPO / "overrides")),
        jinja2.DictLoader({"partials/languages/ar.html": '{% macro t(key) %}{{ {"language": "ar"}[key] }}{% endmacro %}',
                           "partials/languages/en.html": '{% macro t(key) %}{% endmacro %}',
                           "base.html": '{% import "partials/language.html" as lang with context %}'
                                        '<html lang="{{ lang.t(\'language\') }}" class="no-js">'})]))
    out = env.get_template("base.html").render(config={"theme": {"language": "ar", "direction": "rtl"}})
    assert out == '<html lang="ar" dir="rtl" class="no-js">'


class _NavItem:
    def __init__(self, title, url, children=None, active=False, meta=None):
        self.title, self.url, self.children, self.active, self.meta = title, url, children, active, meta or {}
        self.typeset = self.encrypted = self.is_index = None
        self.pages = None
        self.toc = []


def _nav_html(template_dirs, nav, page) -> str:
    import material

    theme = Path(material.__file__).parent / "templates"
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(
        [jinja2.DictLoader({"partials/logo.html": "<svg></svg>"}), *(jinja2.FileSystemLoader(str(d)) for d in template_dirs),
         jinja2.FileSystemLoader(str(theme))]), autoescape=False)
    env.filters["url"] = lambda value: "../" + value
    lang = type("Lang", (), {"t": staticmethod(lambda key: {"nav": "تصفح"}.get(key, key))})()
    nav_obj = type("Nav", (), {"items": nav, "homepage": nav[0]})()
    out = env.get_template("partials/nav.html").render(
        nav=nav_obj, page=page, lang=lang, features=[], config={"site_name": "أرشيف", "extra": {}, "repo_url": None})
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", re.sub(r"\s+", " ", out)).strip()


def test_the_nav_reads_as_the_theme_writes_it():
    """overrides/partials/nav.html writes plain page links itself: the same markup as the theme's, whitespace aside."""
    here = _NavItem("البحث", "search/index.html", active=True)
    child = _NavItem("فرعي", "part/a.html")
    nav = [_NavItem("الفهرس", "index.html"), here, _NavItem("عن", "about.html", meta={"subtitle": "نبذة"}),
           _NavItem("قسم", None, children=[child, _NavItem("آخر", "part/b.html")])]
    for page in (here, _NavItem("مقالة", "articles/a.html")):
        ours, theirs = _nav_html([REPO / "overrides"], nav, page), _nav_html([], nav, page)
        assert ours == theirs and "md-nav__link" in ours and ours.count("<li") == 6


def test_the_json_hook_writes_arabic_as_text_and_still_no_markup():
    import importlib.util

    spec = importlib.util.spec_from_file_location("arshif_test_json_text", REPO / "hooks" / "json_text.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    env = hook.on_env(jinja2.Environment(), {}, None)
    value = {"headline": "عنوان </script><!-- & 'x'"}
    out = env.from_string("{{ v | tojson }}").render(v=value)
    assert "عنوان" in out and "<" not in out and ">" not in out and "&" not in out and "'" not in out
    assert json.loads(out) == value
    assert env.policies["json.dumps_kwargs"]["sort_keys"] is True  # Jinja2's own setting kept
