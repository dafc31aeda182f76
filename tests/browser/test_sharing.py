"""Sharing in a real browser: link-preview tags and JSON-LD as Chromium reads them, the copy buttons, the
printed page, and a redirect from an old address, over http and from file://.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from arshif.site.catalog import split_front_matter
from sitebuild import SEED_IDS, BuiltSite, build_project, copy_project

DATED = SEED_IDS[1]  # 001: date, author, outlet and dateline printed
UNDATED = "002_dbecf9ef6e395945"  # prints no day of publication
BASE = "https://arshif.news.sa/arshif/"

pytestmark = pytest.mark.browser


def _front(built_site: BuiltSite, id_: str) -> dict:
    meta, _ = split_front_matter((built_site.docs / "articles" / f"{id_}.md").read_text(encoding="utf-8"))
    return meta


def _json_ld(page) -> list[dict]:
    texts = page.eval_on_selector_all('script[type="application/ld+json"]', "els => els.map(e => e.textContent)")
    return [json.loads(t) for t in texts]


def _meta(page, key: str):
    return page.evaluate(
        "k => { const m = document.querySelector(`meta[property=\"${k}\"], meta[name=\"${k}\"]`); return m ? m.content : null; }",
        key,
    )


@pytest.mark.parametrize("id_", [DATED, UNDATED])
def test_opengraph_twitter_and_json_ld(watch, site_url, built_site, id_):
    front = _front(built_site, id_)
    page = watch.page
    page.goto(site_url + f"articles/{id_}.html")
    url = BASE + f"articles/{id_}.html"
    assert _meta(page, "og:title") == front["title"]
    # The Twitter card reads og:title and og:description; the page carries no second copy of either.
    assert page.evaluate("document.querySelectorAll('meta[name^=\"twitter:\"]').length") == 1
    assert _meta(page, "og:type") == "article" and _meta(page, "og:url") == url
    assert _meta(page, "og:description") and _meta(page, "description") == _meta(page, "og:description")
    assert _meta(page, "twitter:card") == "summary"
    assert page.eval_on_selector('link[rel="canonical"]', "e => e.getAttribute('href')") == url
    assert page.evaluate("document.querySelectorAll('meta[name=\"description\"]').length") == 1

    (data,) = _json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == front["title"] and data["inLanguage"] == "ar" and data["url"] == url
    assert data["isBasedOn"] == BASE + f"originals/{id_}.txt"
    if front.get("date"):
        assert data["datePublished"] == str(front["date"])
    else:
        assert "datePublished" not in data
    if front.get("outlet"):
        assert data["publisher"] == {"@type": "Organization", "name": front["outlet"]}
    if front.get("author"):
        assert data["author"]["name"] == front["author"]
    watch.check()


def test_index_has_opengraph_and_feed_links_but_no_json_ld(watch, site_url):
    page = watch.page
    page.goto(site_url + "index.html")
    assert _meta(page, "og:type") == "website" and _meta(page, "og:url") == BASE + "index.html"
    feeds = page.eval_on_selector_all('link[rel~="alternate"]', "els => els.map(e => [e.type, e.getAttribute('href')])")
    assert feeds == [["application/rss+xml", "feed.xml"], ["application/atom+xml", "atom.xml"]]
    assert _json_ld(page) == []
    watch.check()


def test_copy_buttons_put_the_permalink_and_the_citation_on_the_clipboard(open_watch, site_server):
    w = open_watch(site_server, permissions=["clipboard-read", "clipboard-write"])
    page = w.page
    page.goto(f"{site_server}/articles/{DATED}.html")
    citation = page.inner_text(".arshif-citation")
    assert "دينا مصطفى" in citation and "الاتحاد" in citation and BASE + f"articles/{DATED}.html" in citation

    page.get_by_role("button", name="نسخ الرابط").click()
    page.wait_for_function("document.querySelector('.arshif-copy-status').textContent.includes('نُسخ')")
    assert page.evaluate("navigator.clipboard.readText()") == BASE + f"articles/{DATED}.html"

    page.get_by_role("button", name="نسخ الاستشهاد").click()
    page.wait_for_function("document.querySelector('.arshif-copy-status').textContent.includes('الاستشهاد')")
    assert page.evaluate("navigator.clipboard.readText()") == citation
    w.check()


def test_copy_works_from_file_and_downloads_are_there(open_watch, built_site):
    w = open_watch("file://", permissions=["clipboard-read", "clipboard-write"])
    page = w.page
    page.goto((built_site.site / "articles" / f"{UNDATED}.html").as_uri())
    button = page.get_by_role("button", name="نسخ الاستشهاد")
    # What is copied is the citation printed on the page (and, with no site_url, the address it was read at).
    expected = page.locator("#arshif-citation").inner_text()
    if button.get_attribute("data-copy-here") is not None:
        expected += button.get_attribute("data-copy-here") + page.url
    assert "د.ت" in expected  # an unknown date is cited as "no date", never guessed
    button.click()
    page.wait_for_selector("[data-arshif-copy='citation'][data-copied]")
    assert button.get_attribute("data-copied") == expected
    for link, suffix in (("BibTeX", ".bib"), ("CSL-JSON", ".csl.json")):
        href = page.get_by_role("link", name=link).get_attribute("href")
        assert href == UNDATED + suffix and (built_site.site / "articles" / href).is_file()
    w.check()


def test_print_shows_the_article_and_its_citation_without_site_chrome(watch, site_url):
    page = watch.page
    page.goto(site_url + f"articles/{DATED}.html")
    assert page.is_visible(".md-header")  # on screen, the chrome is there
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".arshif-share"):
        assert not page.is_visible(chrome), chrome
    assert page.is_visible("h1.arshif-title") and page.is_visible(".arshif-cite .arshif-citation")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    watch.check()


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory) -> tuple[Path, str]:
    """The seeds with one article renamed, its override naming the old file: (site folder, old id)."""
    root = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    sources = root / "source_articles"
    old = f"{DATED}.txt"
    (sources / old).rename(sources / "itihad-kuwait-2018.txt")
    (sources / "itihad-kuwait-2018.meta.yaml").write_text(yaml.safe_dump({"aliases": [old]}), encoding="utf-8")
    build_project(root)
    return root / "site", DATED


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_old_address_redirects_to_the_renamed_article(open_watch, renamed_site, scheme):
    site, old_id = renamed_site
    if scheme == "file":
        w = open_watch("file://")
        start = (site / "articles" / f"{old_id}.html").as_uri()
    else:
        import functools
        import http.server
        import threading

        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        handler.log_message = lambda *a: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        w = open_watch(origin)
        start = f"{origin}/articles/{old_id}.html"
    try:
        page = w.page
        page.goto(start)
        page.wait_for_url("**/articles/itihad-kuwait-2018.html")
        assert page.inner_text("h1.arshif-title")
        assert _meta(page, "og:url") == BASE + "articles/itihad-kuwait-2018.html"
    finally:
        if scheme == "http":
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def placeholder_site(tmp_path_factory) -> Path:
    """The seeds under the repository's own placeholder site_url (example.org): no published address."""
    root = copy_project(tmp_path_factory.mktemp("placeholder") / "project", site_url=None)
    build_project(root)
    return root / "site"


def test_without_a_published_address_copy_gives_the_address_the_reader_is_at(open_watch, placeholder_site):
    w = open_watch("file://", permissions=["clipboard-read", "clipboard-write"])
    page = w.page
    page.goto((placeholder_site / "articles" / f"{DATED}.html").as_uri())
    here = page.url.split("#")[0]
    assert page.evaluate("document.querySelector('link[rel=\"canonical\"]')") is None
    assert _meta(page, "og:url") is None and "url" not in _json_ld(page)[0]
    shown = page.inner_text(".arshif-citation")
    assert "example.org" not in shown and page.query_selector(".arshif-permalink") is None
    page.get_by_role("button", name="نسخ الرابط").click()
    page.wait_for_selector("[data-arshif-copy='link'][data-copied]")
    assert page.get_attribute("[data-arshif-copy='link']", "data-copied") == here
    page.get_by_role("button", name="نسخ الاستشهاد").click()
    page.wait_for_selector("[data-arshif-copy='citation'][data-copied]")
    assert page.get_attribute("[data-arshif-copy='citation']", "data-copied") == shown + ": " + here
    w.check()
