"""What readers see (issue 17): every page kind of the seeds' site, on a 390 px phone and a 1280 px desktop, light
and dark, fits its screen, passes axe-core's WCAG 2.1 A/AA rules with no serious or critical violation, and shows
no Latin developer words or rules paths outside article text; the footer and the 404 page are Arabic and useful,
and no empty table-of-contents column is left on a desktop.

The site is served under site_url's path (e.g. /arshif/) with 404.html for any missing address, as a web server
hosting the archive would; nothing may load from outside it. axe-core comes from the npm registry for the tests
only (tests/js/package.json, installed by `make test`); a missing copy fails the test, it never skips.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml

from sitebuild import REPO, BuiltSite

AXE_JS = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {390: 844, 1280: 900}  # viewport width: height
SCHEMES = ("light", "dark")
KINDS = ("home", "article", "event", "entity", "entity-index", "outlet", "timeline", "search", "about", "404")

# Developer text a reader must not meet outside article text (issue 17): rules paths and source file names, code
# identifiers (snake_case rule ids and field names), the basis vocabulary of the front-matter, and English prose
# (three lowercase Latin words in a row, as in "printed in the article's date line"). Proper names (a font, a
# licence), formats and file names a reader downloads are not developer text.
_DEV_PATH = re.compile(r"\brules/|[\w-]+\.(?:ya?ml|py)\b", re.IGNORECASE)
_DEV_IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
_DEV_WORD = re.compile(r"\b(?:inferred|printed|derived|explicit|basis|override|overrides|heuristic|fallback|similarity|"
                       r"signature|self-references?|pattern|rule|unknown|none|null|true|false)\b", re.IGNORECASE)
_ENGLISH_PROSE = re.compile(r"\b[a-z][a-z']*(?:[ ,:;]+[a-z][a-z']*){2,}\b")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_']*")


def _axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm install --prefix tests/js` (make test does it; needs npm)", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


# ---------------------------------------------------------------- serving the site as a web host would


class _HostHandler(http.server.SimpleHTTPRequestHandler):
    """The site under `prefix`, 404.html (status 404) for any missing address."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2"}
    prefix = "/"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix):
            return self._not_found()
        self.path = "/" + self.path[len(self.prefix):]
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file():
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(built_site: BuiltSite):
    """The built site at http://127.0.0.1:PORT<site_url path>; yields that base URL (ends with '/')."""
    config = yaml.safe_load((built_site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    prefix = urlsplit(config["site_url"]).path or "/"
    handler = type("Handler", (_HostHandler,), {"prefix": prefix if prefix.endswith("/") else prefix + "/"})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site.site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="readers-host", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{handler.prefix}"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- the page of each kind, found in the built site


def _largest(folder: Path, pattern: str) -> str:
    """The biggest page of a kind (most rows, so the phone layout has the most to fit), ties by name."""
    pages = sorted((p for p in folder.glob(pattern) if p.name != "index.html"), key=lambda p: (-p.stat().st_size, p.name))
    assert pages, f"no page {pattern} in {folder}"
    return pages[0].relative_to(folder.parent).as_posix()


def _search_word(site: Path) -> str:
    """A word of the first article's title, so the results page has results."""
    title = json.loads((site / "archive.json").read_text(encoding="utf-8"))["articles"][0]["title"]
    words = re.findall(r"[\u0621-\u064a]{4,}", title)
    assert words, title
    return max(words, key=len)


@functools.cache
def _paths(site: Path) -> dict[str, str]:
    return {
        "home": "index.html",
        "article": _largest(site / "articles", "*.html"),
        "event": _largest(site / "events", "*.html"),
        "entity": _largest(site / "entities", "*.html"),
        "entity-index": "entities/index.html",
        "outlet": _largest(site / "outlets", "*.html"),
        "timeline": "timeline.html",
        "search": "search/index.html?q=" + quote(_search_word(site)),
        "about": "about.html",
        "404": "no-such-section/no-such-page.html",
    }


@functools.cache
def _article_latin(site: Path) -> frozenset[str]:
    """Latin words of the articles themselves (their original text): a reader may meet these anywhere."""
    words: set[str] = set()
    for original in sorted((site / "originals").glob("*.txt")):
        words.update(w.lower() for w in _LATIN_WORD.findall(original.read_text(encoding="utf-8", errors="replace")))
    return frozenset(words)


class _Opened:
    def __init__(self, watch, kind: str, width: int, scheme: str):
        self.watch, self.page, self.kind, self.width, self.scheme = watch, watch.page, kind, width, scheme


@pytest.fixture
def opened(open_watch, host, built_site: BuiltSite):
    """Factory: opened(kind, width, scheme) -> _Opened; checks that nothing left the site when the test ends."""
    made = []
    origin = re.match(r"^https?://[^/]+", host).group(0)

    def make(kind: str, width: int, scheme: str) -> _Opened:
        watch = open_watch(origin, color_scheme=scheme, viewport={"width": width, "height": WIDTHS[width]})
        page = watch.page
        response = page.goto(host + _paths(built_site.site)[kind], wait_until="load")
        if kind == "404":
            assert response.status == 404, response.status
            # The missing page itself is what is under test, not a failed load to report.
            for log in (watch.bad_status, watch.console_errors):
                log[:] = [s for s in log if "no-such-page" not in s]
        if kind == "search":
            page.wait_for_selector(".arshif-results .arshif-result", timeout=15000)
        page.evaluate("document.fonts.ready.then(() => true)")
        wanted = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == wanted, f"{kind}: not in {scheme} mode"
        o = _Opened(watch, kind, width, scheme)
        made.append(o)
        return o

    yield make
    for o in made:
        o.watch.check()


def _cases() -> list:
    return [pytest.param(kind, width, scheme, id=f"{kind}-{width}-{scheme}")
            for kind in KINDS for width in WIDTHS for scheme in SCHEMES]


# ---------------------------------------------------------------- width: nothing wider than the screen

_WIDTH_JS = """() => {
  const wide = [];
  const vw = document.documentElement.clientWidth;
  // Inside a box that scrolls sideways (the build report's wide tables) a wide child does not widen the page.
  const scrolls = el => { for (let e = el.parentElement; e && e !== document.body; e = e.parentElement)
    if (getComputedStyle(e).overflowX !== 'visible') return true; return false; };
  for (const el of document.querySelectorAll('.md-content *, .md-header *, .md-footer *')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > vw + 1 || r.left < -1) && getComputedStyle(el).position !== 'fixed'
        && !el.closest('[hidden], .md-sidebar') && !scrolls(el)) wide.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return {doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, vw, wide: wide.slice(0, 5)};
}"""

# The closed navigation drawer is off the screen: no point of the content is covered by it.
_DRAWER_JS = """() => {
  const vw = document.documentElement.clientWidth, vh = window.innerHeight, hits = [];
  for (let x = 10; x < vw; x += 40) for (let y = 80; y < vh; y += 60) {
    const el = document.elementFromPoint(x, y);
    if (el && el.closest('.md-sidebar--primary, .md-nav--primary')) hits.push([x, y]);
  }
  return hits;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("kind,width,scheme", _cases())
def test_page_fits_the_screen(opened, kind, width, scheme):
    o = opened(kind, width, scheme)
    got = o.page.evaluate(_WIDTH_JS)
    assert got["doc"] <= width and got["body"] <= width, f"{kind} at {width} px is {got['doc']} px wide; too wide: {got['wide']}"
    assert not got["wide"], f"{kind} at {width} px: elements past the screen's edge: {got['wide']}"
    if width < 700:
        covered = o.page.evaluate(_DRAWER_JS)
        assert not covered, f"{kind} at {width} px: the closed navigation drawer covers the page at {covered[:5]}"


@pytest.mark.browser
def test_every_page_fits_a_phone(open_watch, host, built_site: BuiltSite):
    """Not only the largest page of a kind: every page of the site, light, at 390 px (a long basis, a long name)."""
    origin = re.match(r"^https?://[^/]+", host).group(0)
    watch = open_watch(origin, color_scheme="light", viewport={"width": 390, "height": WIDTHS[390]})
    too_wide = []
    for path in sorted(built_site.site.rglob("*.html")):
        rel = path.relative_to(built_site.site).as_posix()
        watch.page.goto(host + rel, wait_until="load")
        got = watch.page.evaluate(_WIDTH_JS)
        if got["doc"] > 390 or got["body"] > 390 or got["wide"]:
            too_wide.append(f"{rel}: {got['doc']} px {got['wide'][:2]}")
    watch.check()
    assert not too_wide, "pages wider than a 390 px phone:\n" + "\n".join(too_wide)


@pytest.mark.browser
def test_open_drawer_is_seen_by_the_drawer_check(opened):
    """The drawer check can fail: with the drawer opened (its menu button), it covers the page."""
    o = opened("home", 390, "light")
    o.page.locator("label.md-header__button[for='__drawer']").click()
    o.page.wait_for_timeout(400)  # the drawer slides in
    assert o.page.evaluate(_DRAWER_JS)


# ---------------------------------------------------------------- axe-core


def _axe(page) -> list[dict]:
    page.add_script_tag(content=_axe_source())
    return page.evaluate(
        """async (tags) => {
          const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 220))}));
        }""", AXE_TAGS)


# axe-core takes most Arabic text for icon-font ligatures (joined letters are narrower than the letters measured one
# by one) and leaves it out of its colour-contrast rule. So every visible text node is also checked here: its colour
# (with the opacity of its ancestors) over the backgrounds stacked under it, 4.5:1, or 3:1 for large text (WCAG 1.4.3).
_CONTRAST_JS = """() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => { const a = top[3] + under[3] * (1 - top[3]);
    return a ? [0, 1, 2].map(i => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a).concat([a]) : [0, 0, 0, 0]; };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const canvas = getComputedStyle(document.body).backgroundColor;
  const background = el => { let c = [0, 0, 0, 0];
    for (let e = el; e; e = e.parentElement) { const b = parse(getComputedStyle(e).backgroundColor);
      if (b && b[3]) { c = over(c, b); if (c[3] >= 0.999) return c; } }
    return over(c, parse(canvas).slice(0, 3).concat([1])); };
  const bad = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !n.textContent.trim() || el.closest('script, style, noscript, [hidden], [aria-hidden="true"], svg, .md-sidebar, option')) continue;
    seen.add(el);
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect(); if (!r.width || !r.height) continue;
    const st = getComputedStyle(el); let fg = parse(st.color), alpha = fg[3];
    for (let e = el; e; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
    const bg = background(el), text = over([fg[0], fg[1], fg[2], alpha], bg);
    const [hi, lo] = [lum(text), lum(bg)].sort((a, b) => b - a), ratio = (hi + 0.05) / (lo + 0.05);
    const px = parseFloat(st.fontSize), large = px >= 24 || (px >= 18.66 && Number(st.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5) - 0.005) bad.push(`${ratio.toFixed(2)}:1 ${el.tagName.toLowerCase()}.${el.className} «${n.textContent.trim().slice(0, 40)}» ${st.color} on rgb(${bg.slice(0, 3).map(Math.round)})`);
  }
  return bad.slice(0, 8);
}"""


@pytest.mark.browser
def test_contrast_check_reports_pale_arabic_text(opened):
    """The own contrast check can fail where axe is blind: pale Arabic paragraphs are reported."""
    o = opened("about", 1280, "light")
    o.page.evaluate("() => document.querySelectorAll('.md-content p').forEach(p => p.style.color = '#bbb')")
    assert len(o.page.evaluate(_CONTRAST_JS)) >= 3


@pytest.mark.browser
def test_axe_reports_what_it_should(opened):
    """The harness can fail: an unnamed menu and pale grey (Latin: see _CONTRAST_JS) text added to a page are reported."""
    o = opened("about", 390, "light")
    o.page.evaluate("""() => { const p = document.createElement('p'); p.style.color = '#bbb';
      p.textContent = 'pale text'; const menu = document.createElement('select'); menu.append(new Option('أ'));
      document.querySelector('.md-content__inner').prepend(p, menu); }""")
    assert {"select-name", "color-contrast"} <= {v["id"] for v in _axe(o.page)}


@pytest.mark.browser
@pytest.mark.parametrize("kind,width,scheme", _cases())
def test_axe_finds_no_serious_violation(opened, kind, width, scheme):
    o = opened(kind, width, scheme)
    low = o.page.evaluate(_CONTRAST_JS)
    assert not low, f"{kind} at {width} px, {scheme}: text below WCAG AA contrast:\n" + "\n".join(low)
    violations = _axe(o.page)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, f"{kind} at {width} px, {scheme}:\n" + "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in bad)


# ---------------------------------------------------------------- words: Arabic for the reader

# Visible text and the attributes a reader meets (tooltips, accessible names, placeholders), outside article text:
# the article's body paragraphs, its lead and search snippets are the article's own words.
_WORDS_JS = """() => {
  const skip = 'script, style, noscript, template, [hidden], .md-search, svg';
  const out = [];
  const visible = el => el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : !!el.offsetParent;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest(skip) || !n.textContent.trim() || !visible(el)) continue;
    out.push(n.textContent);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], img[alt]')) {
    if (el.closest(skip)) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
  }
  out.push(document.title);
  return out;
}"""


def _developer_words(texts: list[str], article_words: frozenset[str]) -> list[str]:
    """Each piece of developer text in `texts`, with its context; words the articles themselves use pass."""
    found = []
    for text in texts:
        hits = [m.group(0) for m in _DEV_PATH.finditer(text)]
        for pattern in (_DEV_IDENTIFIER, _DEV_WORD, _ENGLISH_PROSE):
            hits += [h for h in (m.group(0) for m in pattern.finditer(text))
                     if not all(w.lower() in article_words for w in _LATIN_WORD.findall(h))]
        found += [f"{hit!r} in {text.strip()[:120]!r}" for hit in hits]
    return list(dict.fromkeys(found))


@pytest.mark.browser
@pytest.mark.parametrize("kind", [pytest.param(k, marks=[])
                                  for k in KINDS])
def test_no_developer_words_outside_article_text(opened, built_site: BuiltSite, kind):
    o = opened(kind, 1280, "light")
    found = _developer_words(o.page.evaluate(_WORDS_JS), _article_latin(built_site.site))
    assert not found, f"{kind}: Latin developer words a reader sees:\n" + "\n".join(found[:15])


def test_developer_words_are_found():
    """The word check catches what issue 17 names, and lets article words, formats and Arabic through."""
    texts = ["inferred: 'اليوم الثلاثاء'", "يسميه المحرر في rules/events.yaml", "مطبوع في الصفحة", "BibTeX", "CSL-JSON",
             "explicit", "the text ties the span to the day of writing: end_is_tomorrow", "نص فيه FTF WG",
             "الخط: Noto Naskh Arabic، برخصة SIL Open Font License 1.1", "archive.json", "articles/<المعرّف>.html",
             "said the minister of state", "the minister of state"]
    found = _developer_words(texts, frozenset({"the", "minister", "of", "state"}))
    assert [f.split(" in ")[0] for f in found] == [
        "'inferred'", "'rules/'", "'events.yaml'", "'explicit'", "'end_is_tomorrow'",
        "'the text ties the span to the day of writing'", "'said the minister of state'"]


# ---------------------------------------------------------------- layout: phones, empty columns, footer, 404


@pytest.mark.browser
@pytest.mark.parametrize("kind", [pytest.param(k, marks=[])
                                  for k in ("home", "entity", "outlet", "event", "timeline")])
def test_phone_tables_are_labelled_cards(opened, kind):
    """On a phone a table row is a card: no column headers to read, so every linked cell shows its column's name
    before it unless it is the row's title or its date; two cells never look the same without a label, and a label
    is the one its column's header gives."""
    o = opened(kind, 390, "light")
    problems = o.page.evaluate(
        """() => {
          const out = [];
          for (const table of document.querySelectorAll('.md-content table')) {
            const head = table.tHead;
            const headVisible = head && head.getBoundingClientRect().height > 0 && getComputedStyle(head).display !== 'none';
            if (headVisible) continue;  // still a table with its headers
            const names = head ? [...head.rows[0].cells].map(th => th.textContent.trim()) : [];
            for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
              let unlabelled = 0;
              [...row.cells].forEach((td, i) => {
                if (!td.querySelector('a') || td.classList.contains('arshif-date')) return;
                // the home page's card sets the outlet apart by place (beside the date, small), not by a label
                if (td.classList.contains('arshif-outlet') && table.tHead.rows[0].cells.length < 4) return;
                const before = getComputedStyle(td, '::before').content;
                if (!before || before === 'none' || before === 'normal') { unlabelled += 1; return; }
                if (!names[i] || !before.includes(names[i])) out.push('label ' + before + ' under column ' + names[i]);
              });
              if (unlabelled > 1) out.push(row.textContent.trim().slice(0, 80));
            }
          }
          return out.slice(0, 5);
        }""")
    assert not problems, f"{kind} at 390 px: rows with several unlabelled linked cells: {problems}"


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_no_empty_table_of_contents_column(opened, kind):
    o = opened(kind, 1280, "light")
    toc = o.page.evaluate(
        """() => { const s = document.querySelector('.md-sidebar--secondary');
                   if (!s) return null;
                   return {links: s.querySelectorAll('.md-nav__link').length, width: s.getBoundingClientRect().width}; }""")
    if toc and toc["links"] == 0:
        assert toc["width"] == 0, f"{kind}: an empty table-of-contents column {toc['width']:.0f} px wide"


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["home", "article", "404"])
def test_footer_is_arabic_and_leads_somewhere(opened, kind):
    o = opened(kind, 1280, "light")
    footer = o.page.locator(".md-footer")
    text = footer.inner_text()
    assert "Made with" not in text and "Material for MkDocs" not in text, text
    assert re.search(r"[\u0621-\u064a]{3}", text), text
    hrefs = footer.locator("a").evaluate_all("els => els.map(a => a.href)")
    assert len(hrefs) >= 4, hrefs
    for href in hrefs:  # every footer link stays in the site and opens a page
        assert href.startswith(o.watch.origin + "/"), href
        assert o.page.request.get(href).status == 200, href


@pytest.mark.browser
def test_not_found_page_is_arabic_and_searches(opened):
    o = opened("404", 390, "light")
    page = o.page
    assert "404 - Not found" not in page.content()
    assert re.search(r"[\u0621-\u064a]", page.locator("h1").first.inner_text())
    box = page.get_by_role("searchbox", name="ابحث في الأرشيف").filter(visible=True)
    assert box.count() >= 1
    # The box in the page (not the header's) leads to the results page.
    content_box = page.locator(".md-content").get_by_role("searchbox")
    content_box.fill("التحالف")
    content_box.press("Enter")
    page.wait_for_selector(".arshif-results .arshif-result", timeout=15000)
    assert "/search/index.html?q=" in page.url
