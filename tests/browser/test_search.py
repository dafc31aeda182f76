"""Arabic search in headless Chromium: a query matrix over every normalisation class, with queries that must find
given articles and queries that must not, over http, from file:// and from the unzipped site.zip.

The test site is the seeds plus a few short articles written for this matrix (each uses one spelling only,
so a hit proves the folding and a miss proves there is no false match). Built in a temporary folder.
"""
from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from sitebuild import SEED_IDS, _open_watch, build_project, copy_project, run_arshif

pytestmark = pytest.mark.browser

S000, S001, S002, S003, S004 = SEED_IDS

# Articles for the matrix: file stem -> raw text (title line, blank line, paragraphs).
EXTRA_ARTICLES = {
    "s01_diacritics": "افتتاح مكتبة عامة جديدة في حائل\n\nافتُتِحَت المَكْتَبَةُ العامّة في حائل، وقال مُحَمَّدٌ الشَّمَّرِيُّ إن الكُتُبَ "
                      "متاحة للجميع في قاعة الثقـــافة الكبرى.\n\nوأضاف أن المكتبة تفتح أبوابها كل يوم.\n",
    "s02_alef_ta_ya": "إبراهيم يعود إلى الإسكندرية\n\nعاد المهندس إبراهيم أحمد إلى الإسكندرية بعد رحلة طويلة، ونُقل إلى مستشفى "
                      "المدينة للعلاج.\n\nوقالت آمال زوجته إن المدرسة القريبة أغلقت أبوابها.\n",
    "s03_clitics": "نقاش ساخن في البرلمان\n\nوبالبرلمان جرى نقاش طويل حول الميزانية، ثم توجه النواب للحديقة العامة، "
                   "فالجامعة أعلنت عطلة، ووقف الحارس كالصقر عند الباب.\n\nوعقد المؤتمر بالفندق الكبير وسط العاصمة.\n",
    "s04_trump_short": "ترمب يصل إلى دمشق في زيارة مفاجئة\n\nوصل الرئيس ترمب إلى دمشق صباح اليوم في زيارة لم يعلن عنها.\n",
    "s05_trump_long": "ترامب يلتقي زعماء في بكين\n\nالتقى الرئيس ترامب زعماء آسيويين في بكين لبحث التجارة.\n",
    "s06_tram": "افتتاح خط الترام الجديد في المدينة\n\nافتتحت البلدية خط الترام الجديد الذي يربط وسط المدينة بالميناء، "
                "وقال مسؤول إن الترام سيعمل كل يوم.\n",
    "s07_quotes": "مباراة «الهلال» و“النصر” الليلة\n\nيلتقي فريق «الهلال» مع “النصر” الليلة في الرياض، وقال المدرب: «سنفوز».\n",
    "s08_phrase_yes": "انخفاض سعر النفط هذا الأسبوع\n\nانخفض سعر النفط في الأسواق العالمية بنسبة كبيرة هذا الأسبوع.\n",
    "s09_phrase_no": "ارتفاع سعر الذهب\n\nارتفع سعر الذهب أمس، بينما بقيت أسواق النفط هادئة طوال اليوم.\n",
    "s10_russia": "زيارة إلى روسيا وقصر الإليزيه\n\nزار الوفد روسيا ثم توجه إلى قصر الإليزيه في باريس عام ٢٠٢٣ لإجراء محادثات.\n",
    "s11_markup": "عنوان فيه <img src=x onerror=alert(1)> و<b>وسم</b> مدسوس\n\nنص يحوي <script>alert(2)</script> "
                  "وكلمة مدسوس وعلامات & \" ' أخرى.\n",
}
X = {k: k for k in EXTRA_ARTICLES}
ALL = set(SEED_IDS) | set(X)
TRUMP = {X["s04_trump_short"], X["s05_trump_long"], S004}  # the seed writes ترمب

# (query, must find, must not find). Every normalisation class, phrases, AND, fields other than the body.
MATRIX: list[tuple[str, set[str], set[str]]] = [
    # diacritics and tatweel, in the text and in the query
    ("محمد", {X["s01_diacritics"]}, ALL - {X["s01_diacritics"]}),
    ("مُحَمَّد الشمري", {X["s01_diacritics"]}, ALL - {X["s01_diacritics"]}),
    ("الثقافة", {X["s01_diacritics"]}, {X["s02_alef_ta_ya"]}),
    ("المكـــتبة", {X["s01_diacritics"]}, {X["s02_alef_ta_ya"]}),
    # alef forms
    ("ابراهيم", {X["s02_alef_ta_ya"]}, ALL - {X["s02_alef_ta_ya"]}),
    ("الاسكندريه", {X["s02_alef_ta_ya"]}, ALL - {X["s02_alef_ta_ya"]}),
    ("امال", {X["s02_alef_ta_ya"]}, {X["s01_diacritics"]}),
    # ة/ه and ى/ي
    ("مدرسه", {X["s02_alef_ta_ya"]}, {X["s01_diacritics"], X["s03_clitics"]}),
    ("مستشفي", {X["s02_alef_ta_ya"]}, {X["s01_diacritics"], X["s03_clitics"]}),
    # clitic prefixes و ف ب ل ك ال and their combinations, on either side
    ("البرلمان", {X["s03_clitics"]}, ALL - {X["s03_clitics"]}),
    ("برلمان", {X["s03_clitics"]}, ALL - {X["s03_clitics"]}),
    ("حديقة", {X["s03_clitics"]}, {X["s01_diacritics"]}),
    ("الجامعة", {X["s03_clitics"]}, {X["s01_diacritics"]}),
    ("صقر", {X["s03_clitics"]}, {X["s01_diacritics"]}),
    ("فندق", {X["s03_clitics"]}, {X["s01_diacritics"]}),
    ("والفندق", {X["s03_clitics"]}, {X["s01_diacritics"]}),
    ("كويت", {S000, S001, S003}, set(X.values())),
    ("بالكويت", {S000, S001, S003}, set(X.values())),
    ("للتحالف", set(SEED_IDS), set(X.values())),
    # spelling variants from the variants table
    ("أمريكي", set(SEED_IDS), set(X.values())),
    ("الأميركي", set(SEED_IDS), set(X.values())),
    ("ترامب", TRUMP, ALL - TRUMP),
    ("ترمب", TRUMP, ALL - TRUMP),
    ("ترام", {X["s06_tram"]}, {X["s04_trump_short"], X["s05_trump_long"]}),  # a query submitted is complete
    ("سورية", set(SEED_IDS), set(X.values())),
    ("سوريا", set(SEED_IDS), {X["s10_russia"]}),
    ("روسيا", {X["s10_russia"]}, set(SEED_IDS)),
    # words inside « » and “ ”, and quotes in the query
    ("الهلال", {X["s07_quotes"]}, ALL - {X["s07_quotes"]}),
    ("النصر", {X["s07_quotes"]}, ALL - {X["s07_quotes"]}),
    ("«الهلال»", {X["s07_quotes"]}, ALL - {X["s07_quotes"]}),
    ("داعش", set(SEED_IDS), set(X.values())),
    # several words: all of them
    ("ترامب دمشق", {X["s04_trump_short"]}, {X["s05_trump_long"]}),
    ("ترمب بكين", {X["s05_trump_long"]}, {X["s04_trump_short"]}),
    ("سعر النفط", {X["s08_phrase_yes"], X["s09_phrase_no"]}, set()),
    # a phrase in quotes: in order and adjacent
    ('"سعر النفط"', {X["s08_phrase_yes"]}, {X["s09_phrase_no"]}),
    ("«سعر النفط»", {X["s08_phrase_yes"]}, {X["s09_phrase_no"]}),
    ('"النفط سعر"', set(), ALL),
    ('"وزير الخارجية"', {S000, S002, S003, S004}, set(X.values())),
    # false friends: no match
    ("مصر", set(), {X["s10_russia"]}),
    ("الكويتي", {S003}, set(X.values())),
    ("الفراق", set(), ALL),
    ('"العراق الفراق"', set(), ALL),
    # outlet, author and names
    ("ليبيا24", {S000}, ALL - {S000}),
    ("أخبار ليبيا24", {S000}, ALL - {S000}),
    ("دينا مصطفى", {S001}, ALL - {S001}),
    ("تيلرسون", {S000, S003}, {S004} | set(X.values())),
    ("بومبيو", {S004}, ALL - {S004}),
    # digits of every script
    ("2023", {X["s10_russia"]}, ALL - {X["s10_russia"]}),
    ("٢٠٢٣", {X["s10_russia"]}, ALL - {X["s10_russia"]}),
    # markup in an article is text
    ("مدسوس", {X["s11_markup"]}, ALL - {X["s11_markup"]}),
]
# Typed into the header search box with real key events on an article page: (text, an article it must list).
TYPED = [("ترمب", X["s04_trump_short"]), ("مُحَمَّد", X["s01_diacritics"]), ('"سعر النفط"', X["s08_phrase_yes"])]
IGNORED_CONSOLE = ("sitemap.xml",)  # Material fetches it for the feeds' <link rel=alternate>; not the search's


# ---------------------------------------------------------------- the site in three modes


@pytest.fixture(scope="module")
def search_project(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("search") / "project")
    for stem, text in EXTRA_ARTICLES.items():
        (root / "source_articles" / f"{stem}.txt").write_text(text, encoding="utf-8")
    build_project(root)
    proc = run_arshif(["zip"], cwd=root)
    assert proc.returncode == 0, proc.stderr
    return root


@pytest.fixture(scope="module")
def search_server(search_project: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2"}

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(search_project / "site")))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def unzipped(search_project: Path, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(search_project / "site.zip") as archive:
        archive.extractall(dest)
    (site,) = [p for p in dest.iterdir() if p.is_dir()]
    assert (site / "index.html").is_file()
    return site


@pytest.fixture(params=["http", "file", "zip"])
def mode(request, search_project):
    """(base URL ending in '/', origin allowed for requests)."""
    if request.param == "http":
        origin = request.getfixturevalue("search_server")
        return origin + "/", origin
    site = search_project / "site" if request.param == "file" else request.getfixturevalue("unzipped")
    return site.as_uri() + "/", "file://"


@pytest.fixture
def watch(browser, mode):
    context, w = _open_watch(browser, mode[1], color_scheme="light", viewport={"width": 1280, "height": 900})
    try:
        yield w
    finally:
        context.close()


def _check(watch) -> None:
    watch.console_errors[:] = [e for e in watch.console_errors if not any(s in e for s in IGNORED_CONSOLE)]
    watch.failed[:] = [e for e in watch.failed if not any(s in e for s in IGNORED_CONSOLE)]
    watch.check()


def _result_ids(page, selector: str = "#search-results a.arshif-result__title") -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    return [unquote(h.rsplit("/", 1)[-1].removesuffix(".html")) for h in hrefs]


def _search_page(page, base: str, query: str) -> list[str]:
    page.goto(base + "search/index.html?q=" + quote(query))
    page.wait_for_function("q => window.arshifSearch && arshifSearch.last && arshifSearch.last.query === q", arg=query, timeout=10_000)
    return _result_ids(page)


# ---------------------------------------------------------------- the matrix


def test_query_matrix(watch, mode):
    page = watch.page
    failures = []
    for query, must, must_not in MATRIX:
        found = set(_search_page(page, mode[0], query))
        missing, wrong = must - found, must_not & found
        if missing or wrong:
            failures.append(f"{query!r}: missing {sorted(missing)}, must not find {sorted(wrong)}")
    assert not failures, f"{len(failures)}/{len(MATRIX)} queries failed:\n" + "\n".join(failures)
    _check(watch)


def test_results_show_title_date_outlet_and_highlighted_snippet(watch, mode):
    page = watch.page
    ids = _search_page(page, mode[0], "الأمريكي")
    assert ids[: len(SEED_IDS)] and set(ids) == set(SEED_IDS)
    items = page.locator("#search-results li.arshif-result")
    assert items.count() == len(SEED_IDS)
    first = items.first
    assert first.locator("time").inner_text().strip()
    assert first.locator(".arshif-result__outlet").inner_text().strip()
    marks = page.eval_on_selector_all("#search-results .arshif-result__snippet mark", "els => els.map(e => e.textContent)")
    assert marks and all(m in {"الأمريكي", "الأميركي", "الامريكي"} for m in marks), marks
    # the link leads to the article page
    first.locator("a.arshif-result__title").click()
    page.wait_for_load_state()
    assert "/articles/" in page.url and page.locator("h1").first.inner_text().strip()
    _check(watch)


def test_phrase_highlights_in_order_and_marks_nothing_else(watch, mode):
    page = watch.page
    assert _search_page(page, mode[0], '"سعر النفط"') == [X["s08_phrase_yes"]]
    marks = page.eval_on_selector_all("#search-results .arshif-result__snippet mark", "els => els.map(e => e.textContent)")
    assert marks[:2] == ["سعر", "النفط"]
    _check(watch)


def test_article_markup_is_shown_as_text(watch, mode):
    page = watch.page
    assert _search_page(page, mode[0], "مدسوس") == [X["s11_markup"]]
    results = page.locator("#search-results")
    assert results.locator("img, b, script:not([src])").count() == 0
    assert "<img src=x onerror=alert(1)>" in results.inner_text()
    _check(watch)


def test_header_box_shows_results_as_you_type_and_enter_opens_the_results_page(watch, mode):
    page = watch.page
    for text, expected in TYPED:
        page.goto(mode[0] + f"articles/{S000}.html")
        box = page.locator(".arshif-searchbox__input")
        assert box.count() == 1
        box.click()
        box.press_sequentially(text, delay=20)
        panel = page.locator(".arshif-searchbox__results")
        panel.locator(f'a.arshif-result__title[href$="{expected}.html"]').wait_for(timeout=10_000)
        assert panel.is_visible()
        all_link = panel.locator("a.arshif-searchbox__all").get_attribute("href")
        assert all_link.startswith("../search/index.html?q=")
        box.press("Enter")
        page.wait_for_url("**/search/index.html?q=*")
        page.wait_for_function("q => window.arshifSearch && arshifSearch.last && arshifSearch.last.query === q", arg=text)
        assert expected in _result_ids(page)
        assert page.locator("#arshif-search-query").input_value() == text
    _check(watch)


def test_results_page_updates_as_you_type(watch, mode):
    page = watch.page
    page.goto(mode[0] + "search/index.html")
    box = page.locator("#arshif-search-query")
    box.press_sequentially("ترامب دمشق", delay=20)
    page.wait_for_function("() => arshifSearch.last && arshifSearch.last.query === 'ترامب دمشق'")
    assert _result_ids(page) == [X["s04_trump_short"]]
    _check(watch)


def _type_on_results_page(page, base: str, text: str) -> list[str]:
    page.goto(base + "search/index.html")
    page.locator("#arshif-search-query").press_sequentially(text, delay=20)
    page.wait_for_function("q => arshifSearch.last && arshifSearch.last.query === q", arg=text, timeout=10_000)
    return _result_ids(page)


def test_the_word_being_typed_finds_its_completions_below_itself(watch, mode):
    page = watch.page
    ids = _type_on_results_page(page, mode[0], "ترام")
    assert ids[0] == X["s06_tram"], ids
    assert {X["s04_trump_short"], X["s05_trump_long"]} <= set(ids[1:])
    marks = page.eval_on_selector_all("#search-results .arshif-result__title mark", "els => els.map(e => e.textContent)")
    assert "ترامب" in marks and "الترام" in marks, marks
    assert _type_on_results_page(page, mode[0], "الترا")[0] == X["s06_tram"]  # a clitic group before a partial word
    assert X["s04_trump_short"] not in _search_page(page, mode[0], "ترام")  # a query opened from a link is complete
    _check(watch)


def test_a_word_that_finds_nothing_leaves_the_others_and_is_named(watch, mode):
    page = watch.page
    alone = set(_search_page(page, mode[0], "العراق "))
    assert alone and alone == set(_search_page(page, mode[0], "العراق الفراق "))
    note = page.locator("#search-results .arshif-search-note").inner_text()
    assert "الفراق" in note and "العراق" not in note
    assert page.evaluate("() => arshifSearch.last.unknown") == ["الفراق"]
    _check(watch)


def test_results_are_ranked_by_relevance_not_date(watch, mode):
    page = watch.page
    ids = _search_page(page, mode[0], "النفط ")
    assert ids.index(X["s08_phrase_yes"]) < ids.index(X["s09_phrase_no"])  # in the title beats in the text
    ids = _search_page(page, mode[0], "سعر الذهب ")
    assert ids == [X["s09_phrase_no"]]  # articles holding every word, when there are any
    ids = _search_page(page, mode[0], "الذهب دمشق ")  # no article holds both: those holding one, and a note
    assert {X["s09_phrase_no"], X["s04_trump_short"]} <= set(ids)
    assert "بعضها" in page.locator("#search-results .arshif-search-note").inner_text()
    _check(watch)


def test_the_first_result_is_shown_before_any_text_is_loaded(watch, mode):
    page = watch.page
    _search_page(page, mode[0], "الأمريكي")
    report = page.evaluate("() => arshifSearch.last")
    assert report["firstLoads"] and not [n for n in report["firstLoads"] if n.startswith("text/")], report["firstLoads"]
    assert any(n.startswith("text/") for n in report["loaded"])  # the snippets follow
    assert page.locator("#search-results .arshif-result__snippet--loading").count() == 0
    _check(watch)


def test_every_page_has_the_search_box(search_project: Path):
    site = search_project / "site"
    pages = sorted(site.rglob("*.html"))
    missing = [p.relative_to(site).as_posix() for p in pages if "arshif-searchbox__input" not in p.read_text(encoding="utf-8")
               and p.name != "404.html"]
    assert not missing, missing
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="search/index.html"' in nav and "البحث" in nav
