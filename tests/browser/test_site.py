"""The built site as a reader meets it: right to left, Arabic font from the site itself, links that lead
somewhere, nothing fetched from the network, no script errors, over http and from file://.

The file-level checks (links, anchors, CSS urls) read site/ with html.parser and need no browser; the
others drive headless Chromium and are marked `browser`.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from sitebuild import SEED_IDS, BuiltSite

TITLE_001 = "محاور جديدة للقضاء على «داعش» وإعادة استقرار المنطقة"
UNKNOWN_DATE = "تاريخ غير معروف"
ORIGINAL_TEXT = "النص الأصلي"
# The seeds that print no day and month of publication (../shared/truth/seeds.yaml: date null).
UNDATED = {"002_dbecf9ef6e395945", "003_50ac9ffaa13a6bae"}
FONT_FAMILY = "Noto Naskh Arabic"

# ---------------------------------------------------------------- file-level checks (no browser)

_LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src", "video": "src", "audio": "src"}
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        attr = _LINK_ATTRS.get(tag)
        if attr and attrs.get(attr) is not None:
            self.links.append((tag, attrs[attr]))
        if tag == "img" and attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.links.append((tag, candidate.split()[0]))


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file a relative URL on `page` points to, and its fragment."""
    base = "file:///" + page.relative_to(site).as_posix()
    parts = urlsplit(urljoin(base, url))
    return site / unquote(parts.path).lstrip("/"), unquote(parts.fragment)


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _site_path(built_site: BuiltSite) -> str:
    """The path part of mkdocs.yml's site_url, e.g. '/arshif/'."""
    config = yaml.safe_load((built_site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    return urlsplit(config["site_url"]).path or "/"


def test_every_internal_link_and_anchor_resolves(built_site: BuiltSite):
    """Every page links relatively (file://, any sub-path); 404.html alone uses site_url's path, since a
    server shows it at whatever URL was missing. Every target file exists, every #fragment is an id there."""
    site = built_site.site
    site_path = _site_path(built_site)
    pages = _html_pages(site)
    assert len(pages) >= len(SEED_IDS) + 3, f"too few pages built: {[p.name for p in pages]}"
    parsed = {p: _parse(p) for p in pages}
    broken = []
    checked = 0
    for page, parser in parsed.items():
        name = page.relative_to(site).as_posix()
        for tag, url in parser.links:
            if not url or _EXTERNAL.match(url):
                continue
            if url.startswith("/"):
                if name != "404.html":
                    broken.append(f"{name}: <{tag}> {url!r} is an absolute path (breaks file:// and sub-paths)")
                    continue
                if not url.startswith(site_path):
                    broken.append(f"{name}: <{tag}> {url!r} is outside site_url's path {site_path!r}")
                    continue
                target, fragment = _target(site, site / "index.html", url[len(site_path):])
            else:
                target, fragment = _target(site, page, url)
            if target.is_dir():
                # use_directory_urls is off: a link to a folder has no index page from file://.
                broken.append(f"{name}: <{tag}> {url!r} points to a folder")
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{name}: <{tag}> {url!r} -> missing {target.relative_to(site)}")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{name}: <{tag}> {url!r} -> no id {fragment!r} in {target.relative_to(site)}")
    assert not broken, "broken links:\n" + "\n".join(broken)
    assert checked > 50  # the crawl really saw the site


def test_every_page_links_to_each_article_from_the_index(built_site: BuiltSite):
    links = {url for tag, url in _parse(built_site.site / "index.html").links if tag == "a"}
    for seed in SEED_IDS:
        assert f"articles/{seed}.html" in links
    for seed in SEED_IDS:
        article = _parse(built_site.site / "articles" / f"{seed}.html")
        assert f"../originals/{seed}.txt" in {url for tag, url in article.links if tag == "a"}
        assert (built_site.site / "originals" / f"{seed}.txt").is_file()


def test_stylesheet_urls_resolve(built_site: BuiltSite):
    site = built_site.site
    broken = []
    sheets = sorted(site.rglob("*.css"))
    assert site / "stylesheets" / "arshif.css" in sheets
    for sheet in sheets:
        for _, url in _CSS_URL.findall(sheet.read_text(encoding="utf-8")):
            url = url.strip()
            if _EXTERNAL.match(url) or url.startswith("#"):
                if not url.startswith(("data:", "#")):
                    broken.append(f"{sheet.relative_to(site)}: loads {url!r} from outside the site")
                continue
            target, _ = _target(site, sheet, url)
            if not target.is_file():
                broken.append(f"{sheet.relative_to(site)}: url({url!r}) -> missing {target.relative_to(site)}")
    assert not broken, "\n".join(broken)


def test_no_page_loads_anything_from_outside(built_site: BuiltSite):
    """Static view of the browser test below: no <script>, <link rel=stylesheet|icon|preload>, <img> off-site."""
    offenders = []
    for page in _html_pages(built_site.site):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r"<(script|img|iframe|source)\b[^>]*\bsrc=\"((?:https?:)?//[^\"]+)\"", text):
            offenders.append(f"{page.name}: <{m.group(1)}> {m.group(2)}")
        for m in re.finditer(r"<link\b[^>]*>", text):
            tag = m.group(0)
            href = re.search(r'href="([^"]+)"', tag)
            rel = re.search(r'rel="([^"]+)"', tag)
            if href and _EXTERNAL.match(href.group(1)) and rel and rel.group(1) not in ("canonical", "alternate"):
                offenders.append(f"{page.name}: {tag}")
    assert not offenders, "\n".join(offenders)


def test_root_element_is_arabic_and_right_to_left(built_site: BuiltSite):
    for page in _html_pages(built_site.site):
        head = page.read_text(encoding="utf-8")[:400]
        tag = re.search(r"<html\b[^>]*>", head)
        assert tag, page
        assert 'lang="ar"' in tag.group(0) and 'dir="rtl"' in tag.group(0), f"{page.name}: {tag.group(0)}"


def test_the_theme_script_settings_hold_what_its_script_reads_on_these_pages(built_site: BuiltSite):
    """overrides/main.html writes the theme's settings without its search's strings and worker (arshif's search is
    its own): the base address relative to each page, the features of mkdocs.yml and the clipboard's strings."""
    import json

    config = yaml.safe_load((built_site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    features = config["theme"]["features"]
    for page in _html_pages(built_site.site):
        text = page.read_text(encoding="utf-8")
        settings = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S).group(1))
        depth = len(page.relative_to(built_site.site).parts) - 1
        # The 404 page is served at any address, so its base is the published path (MkDocs' own rule).
        base = urlsplit(config["site_url"]).path if page.name == "404.html" else ("/".join([".."] * depth) or ".")
        assert settings["base"] == base, page
        assert settings["features"] == features and set(settings["translations"]) == {"clipboard.copy", "clipboard.copied"}
        assert "search" not in settings and "search.result.none" not in text, page


# ---------------------------------------------------------------- in Chromium


def _goto(watch, url: str) -> None:
    watch.page.goto(url, wait_until="load")


def _all_pages(built_site: BuiltSite) -> list[str]:
    # 404.html links through site_url's path (/arshif/...), which neither file:// nor the test server at /
    # has: the file-level check above covers it.
    return [p.relative_to(built_site.site).as_posix() for p in _html_pages(built_site.site) if p.name != "404.html"]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", f"articles/{SEED_IDS[1]}.html"])
def test_page_is_rtl_arabic(watch, site_url, path):
    _goto(watch, site_url + path)
    root = watch.page.evaluate("() => [document.documentElement.getAttribute('dir'), document.documentElement.getAttribute('lang'), getComputedStyle(document.body).direction]")
    assert root == ["rtl", "ar", "rtl"]
    watch.check()


@pytest.mark.browser
def test_article_001_shows_its_title_and_text(watch, site_url):
    _goto(watch, site_url + f"articles/{SEED_IDS[1]}.html")
    page = watch.page
    assert page.locator("h1").first.inner_text().strip() == TITLE_001
    assert TITLE_001 in page.title()  # MkDocs read the front-matter title
    body = page.locator("article").inner_text()
    assert "نيثان تك" in body  # the article's own text, not only its metadata
    assert page.locator(".arshif-meta").is_visible()
    watch.check()


@pytest.mark.browser
def test_index_lists_every_article_undated_last(watch, site_url):
    _goto(watch, site_url + "index.html")
    rows = watch.page.locator("table.arshif-index tbody tr")
    assert rows.count() == len(SEED_IDS)
    listed = []
    for i in range(rows.count()):
        row = rows.nth(i)
        href = row.locator("a").first.get_attribute("href")
        datetime_attr = row.locator("td.arshif-date time").first.get_attribute("datetime") if row.locator("td.arshif-date time").count() else None
        listed.append((href, datetime_attr, row.locator("td.arshif-date").inner_text().strip()))
    assert sorted(h for h, _, _ in listed) == [f"articles/{s}.html" for s in SEED_IDS]
    dated = [d for _, d, _ in listed if d]
    kinds = ["dated" if d else "undated" for _, d, _ in listed]
    assert kinds == sorted(kinds), f"undated articles must come after the dated ones: {listed}"
    assert dated == sorted(dated, reverse=True), f"newest first: {dated}"
    undated = {h.split("/")[-1][:-5] for h, d, _ in listed if not d}
    assert undated == UNDATED
    assert all(text == UNKNOWN_DATE for _, d, text in listed if not d)
    watch.check()


@pytest.mark.browser
def test_click_from_index_to_article_to_original(watch, site_url):
    page = watch.page
    _goto(watch, site_url + "index.html")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE_001).click()
    assert page.url == site_url + f"articles/{SEED_IDS[1]}.html"
    assert page.locator("h1").first.inner_text().strip() == TITLE_001
    with page.expect_navigation():
        page.get_by_role("link", name=ORIGINAL_TEXT).click()
    assert page.url == site_url + f"originals/{SEED_IDS[1]}.txt"
    text = page.locator("body").inner_text()
    assert TITLE_001 in text  # decoded as UTF-8 (the copy carries a BOM), not mojibake
    assert "مواقيت الصلاة" in text  # the original keeps the page chrome the article page dropped
    watch.check()


@pytest.mark.browser
def test_arabic_font_comes_from_the_site(watch, site_url):
    page = watch.page
    _goto(watch, site_url + f"articles/{SEED_IDS[1]}.html")
    page.evaluate("() => document.fonts.ready")
    faces = page.evaluate(
        "() => [...document.fonts].map(f => [f.family.replace(/[\"']/g, ''), f.weight, f.status])"
    )
    loaded = [f for f in faces if f[0] == FONT_FAMILY and f[2] == "loaded"]
    assert loaded, f"no {FONT_FAMILY} face loaded: {faces}"
    assert page.evaluate(f"() => document.fonts.check('16px \"{FONT_FAMILY}\"', 'العربية')")
    family = page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")
    assert family.replace('"', "").startswith(FONT_FAMILY), family
    fonts = [u for u in watch.requests if u.endswith(".woff2")]
    assert any(u.endswith("/assets/fonts/noto-naskh-arabic-arabic-400-normal.woff2") for u in fonts), fonts
    assert all(u.startswith(site_url) for u in fonts), fonts
    watch.check()


@pytest.mark.browser
def test_every_page_loads_without_errors_or_outside_requests(watch, site_url, built_site):
    for path in _all_pages(built_site):
        _goto(watch, site_url + path)
    # The originals are plain text, opened from the article pages.
    for seed in SEED_IDS:
        _goto(watch, site_url + f"originals/{seed}.txt")
    watch.check()
    assert any(u.endswith(".css") for u in watch.requests) and any(u.endswith(".js") for u in watch.requests)


@pytest.mark.browser
def test_palette_toggle_switches_to_dark_without_network(watch, site_url):
    page = watch.page
    _goto(watch, site_url + "index.html")
    before = len(watch.requests)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "default"
    toggle = page.locator("form[data-md-component=palette] label:visible").first
    # The toggle shows its icon (drawn by the stylesheet, not written into the page): a box the icon's size, masked.
    icon = toggle.evaluate("""l => { const i = l.querySelector('.arshif-icon, svg'); const r = i.getBoundingClientRect();
                                     const s = getComputedStyle(i); return [r.width, r.height, s.maskImage || s.webkitMaskImage, i.tagName]; }""")
    assert icon[0] >= 16 and icon[1] >= 16 and (icon[3] == "svg" or icon[2].startswith("url(")), icon
    toggle.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    # The choice is kept (localStorage works from file:// too) and survives a reload.
    page.reload(wait_until="load")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    new = watch.requests[before:]
    assert all(watch.allowed(u) for u in new), new
    watch.check()


_ICON_BOX = """el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                       return [Math.round(r.width), Math.round(r.height), s.maskImage || s.webkitMaskImage || '', s.backgroundColor]; }"""


@pytest.mark.browser
def test_the_theme_icons_are_drawn_by_the_stylesheet_at_the_theme_sizes(watch, site_url, open_watch):
    """Logo, menu button, drawer logo and back-to-top arrow: no SVG written into the page, each a masked box the
    size the theme gives its inline SVG (1.2rem = 24 px; the drawer's logo 2.4rem), painted in the text colour."""
    page = watch.page
    _goto(watch, site_url + "about.html")
    assert page.evaluate("() => document.querySelectorAll('.md-header svg, .md-nav__title svg, .md-top svg').length") == 0
    wide = page.locator(".md-header__button.md-logo .arshif-icon--library").evaluate(_ICON_BOX)
    top = page.locator(".md-top .arshif-icon--arrow-up").evaluate(_ICON_BOX)
    for box in (wide, top):
        assert box[:2] == [24, 24] and box[2].startswith("url(") and box[3] not in ("", "rgba(0, 0, 0, 0)"), box
    watch.check()
    phone = open_watch(watch.origin, color_scheme="light", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    _goto(phone, site_url + "about.html")
    menu = phone.page.locator("label.md-header__button[for='__drawer'] .arshif-icon--menu")
    assert menu.evaluate(_ICON_BOX)[:2] == [24, 24]
    menu.click()
    phone.page.wait_for_timeout(400)  # the drawer slides in
    drawer = phone.page.locator(".md-nav__title .md-logo .arshif-icon--library").evaluate(_ICON_BOX)
    assert drawer[:2] == [48, 48] and drawer[2].startswith("url("), drawer
    phone.check()


@pytest.mark.browser
def test_index_table_reads_right_to_left_and_fits_a_phone(watch, site_url, open_watch, built_site):
    page = watch.page
    _goto(watch, site_url + "index.html")
    xs = page.evaluate("() => [...document.querySelectorAll('table.arshif-index thead th')].map(th => th.getBoundingClientRect().x)")
    assert len(xs) == 3 and xs == sorted(xs, reverse=True), f"first column (date) must be rightmost: {xs}"
    watch.check()
    phone = open_watch(watch.origin, color_scheme="light", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    for path in ("index.html", f"articles/{SEED_IDS[1]}.html"):
        phone.page.goto(site_url + path, wait_until="load")
        width = phone.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways on a phone: {width}"
    phone.check()
