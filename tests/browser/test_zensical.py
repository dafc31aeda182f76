"""The same archive under Zensical: `zensical build` of arshif's docs/ (which runs no MkDocs hook) publishes the
feeds, exports and citation files, JSON-LD and link previews, dir="rtl" on every page, and keeps a headline and
paragraphs made of markup as text, in the HTML and in Chromium.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import jsonschema
import pytest

from arshif.site.catalog import article_from_page, split_front_matter
from arshif.site.citation import citation_text
from arshif.site.render import plain_text
from sitebuild import SEED_IDS, copy_project, run_arshif

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BASE = "https://arshif.news.sa/arshif/"
HEADLINE = "</title><script>alert(1)</script> عنوان يطول قليلا *مائل* <img src=x onerror=alert(2)> [رابط](javascript:alert(5))"
BODY = (
    "قال المتحدث الرسمي باسم الوزارة في مؤتمر صحفي عقده اليوم إن الاجتماع بحث سبل التعاون بين البلدين في مجالات عدة.",
    "وأضاف أن الجانبين اتفقا على مواصلة التنسيق خلال الفترة المقبلة وعقد اجتماع آخر في العاصمة قبل نهاية العام الجاري.",
    "<script>alert('body')</script> نص عربي بعد الوسم البرمجي في السطر نفسه وهو طويل بما يكفي ليكون متنا للخبر.",
    "{{ config.site_name }} و {% include 'base.html' %} قوالب لا تنفذ أبدا في صفحات الأرشيف العربي هنا.",
    "| جدول | في | بداية | السطر | يبقى خطوطا عمودية ظاهرة في النص الأصلي للخبر المنشور هنا اليوم.",
    "<img src=x onerror=alert(3)> صورة مزيفة و [اضغط](javascript:alert(4)) و *نجمة* و <!-- تعليق --> في المتن.",
)
MARKUP_FILE = "markup-headline.txt"


def _zensical() -> list[str]:
    script = Path(sys.executable).parent / "zensical"
    if not script.exists():
        pytest.fail("zensical is not installed in this venv: pip install -e '.[test]'", pytrace=False)
    return [str(script)]


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    page = "\n".join([HEADLINE, "", "11 سبتمبر 2014", "", *[p + "\n" for p in BODY]])
    (root / "source_articles" / MARKUP_FILE).write_text(page, encoding="utf-8")
    proc = run_arshif(["preprocess"], cwd=root)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(_zensical() + ["build", "--config-file", "mkdocs.yml"], cwd=root, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (root / "site" / "index.html").is_file(), proc.stdout + proc.stderr
    return root


def _markup_id(root: Path) -> str:
    for md in (root / "docs" / "articles").glob("*.md"):
        if split_front_matter(md.read_text(encoding="utf-8"))[0].get("source_file") == MARKUP_FILE:
            return md.stem
    raise AssertionError("the markup article has no page")


def _json_ld(text: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)]


def test_feeds_and_exports_are_published(zensical_site: Path):
    site, docs = zensical_site / "site", zensical_site / "docs"
    for name in ("feed.xml", "atom.xml", "archive.json", "archive.csv", "archive.schema.json"):
        assert (site / name).read_bytes() == (docs / name).read_bytes(), name
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert not feed.bozo, (name, feed.bozo_exception)
        links = {e.link for e in feed.entries}
        assert BASE + f"articles/{SEED_IDS[1]}.html" in links and all(link.startswith(BASE) for link in links)
    data = json.loads((site / "archive.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((site / "archive.schema.json").read_text(encoding="utf-8")))
    assert data["count"] == len(SEED_IDS) + 1
    for id_ in SEED_IDS:
        assert (site / "articles" / f"{id_}.bib").read_text(encoding="utf-8").startswith(f"@article{{arshif-{id_},")
        assert json.loads((site / "articles" / f"{id_}.csl.json").read_text(encoding="utf-8"))[0]["id"] == f"arshif-{id_}"


def test_every_page_is_right_to_left_at_the_root(zensical_site: Path):
    pages = sorted((zensical_site / "site").rglob("*.html"))
    assert len(pages) > len(SEED_IDS) * 2
    for page in pages:
        tag = re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8"), re.I)
        assert tag and 'dir="rtl"' in tag.group(0) and 'lang="ar"' in tag.group(0), page


@pytest.mark.parametrize("id_", SEED_IDS)
def test_article_json_ld_previews_and_citation(zensical_site: Path, id_: str):
    source = (zensical_site / "docs" / "articles" / f"{id_}.md").read_text(encoding="utf-8")
    meta, _ = split_front_matter(source)
    text = (zensical_site / "site" / "articles" / f"{id_}.html").read_text(encoding="utf-8")
    (data,) = _json_ld(text)
    url = BASE + f"articles/{id_}.html"
    assert data["@type"] == "NewsArticle" and data["headline"] == meta["title"] and data["url"] == url
    assert data["isBasedOn"] == BASE + f"originals/{id_}.txt" and data["inLanguage"] == "ar"
    assert ("datePublished" in data) == bool(meta.get("date"))
    if meta.get("outlet"):
        assert data["publisher"]["name"] == meta["outlet"]
    assert html.unescape(re.search(r'<meta property="og:title" content="([^"]*)"', text).group(1)) == meta["title"]
    assert text.count('name="description"') == 1
    # The citation the template writes is the one citation.py writes for BibTeX's neighbours.
    record = article_from_page(source, id_)
    shown = html.unescape(re.search(r'<p class="arshif-citation"[^>]*>(.*?)</p>', text, re.S).group(1))
    assert shown == citation_text(record, url, "أرشيف")
    # Reader-facing, not developer text: no rule id or English basis on the page.
    assert meta["date_basis"] not in html.unescape(text) and (meta.get("date_rule") or "date-") not in text


def test_markup_headline_and_body_stay_text(zensical_site: Path, browser):
    id_ = _markup_id(zensical_site)
    path = zensical_site / "site" / "articles" / f"{id_}.html"
    text = path.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img src=x" not in text
    (data,) = _json_ld(text)
    assert data["headline"] == HEADLINE
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        assert page.title().startswith(HEADLINE)
        assert page.inner_text("h1.arshif-title") == HEADLINE
        body = " ".join(page.inner_text(".arshif-body").split())
        _, markdown = split_front_matter((zensical_site / "docs" / "articles" / f"{id_}.md").read_text(encoding="utf-8"))
        kept = [plain_text(block.strip()) for block in markdown.split("\n\n") if block.strip()]
        assert any("<img src=x" in p and "[اضغط](javascript:" in p and "<!--" in p for p in kept)  # markup reached the page
        for paragraph in kept:
            assert paragraph in body
        made = page.evaluate("""() => ({
            scripts: [...document.querySelectorAll('script')].filter(s => !s.src && s.type !== 'application/ld+json'
                     && /alert/.test(s.textContent)).length,
            imgs: document.querySelectorAll('.md-content img').length,
            js_links: [...document.querySelectorAll('a')].filter(a => /^javascript:/i.test(a.getAttribute('href') || '')).length,
            em: document.querySelectorAll('.arshif-body em, h1 em').length,
            tables: document.querySelectorAll('.arshif-body table').length})""")
        assert made == {"scripts": 0, "imgs": 0, "js_links": 0, "em": 0, "tables": 0}
        assert dialogs == []
    finally:
        context.close()


def test_with_the_placeholder_site_url_zensical_names_no_address(tmp_path):
    """The repository's own placeholder site_url under Zensical: the templates decide alike (no canonical link,
    og:url or sitemap entry; Zensical writes the sitemap's empty output as an empty file, MkDocs skips it)."""
    root = copy_project(tmp_path / "project", site_url=None)
    proc = run_arshif(["preprocess"], cwd=root)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(_zensical() + ["build", "--config-file", "mkdocs.yml"], cwd=root, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = root / "site"
    sitemap = site / "sitemap.xml"
    assert not sitemap.exists() or not sitemap.read_bytes().strip()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in text and "og:url" not in text and "example.org" not in text, page
