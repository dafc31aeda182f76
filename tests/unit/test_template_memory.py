"""Template memory across the archive (issue 12, item 2): lines that recur in a site's pages are chrome there.

The archive here is generated in the test: six whole pages of one invented outlet ("منارة الوادي"), the same
menus, notices and footer on every page, and two lines the site prints inside every article, between its
paragraphs (a label and an app notice), which no chrome rule knows and which the locator alone keeps.
"""
from __future__ import annotations

from pathlib import Path

from arshif.build.cache import ExtractCache, fingerprint
from arshif.build.pipeline import collect_archive, configure_rules, learn_templates, process_all, process_file
from arshif.extract import extract_article
from arshif.ingest import templates as tpl
from arshif.ingest.clean import clean_article
from arshif.models import RawArticle
from arshif.site.report import render_report_page

SITE = "منارة الوادي"
LABEL = f"{SITE} | متابعات خاصة"
NOTICE = f"ولمتابعة آخر المستجدات على مدار الساعة يمكنكم تحميل تطبيق {SITE} على الهواتف الذكية من المتاجر الإلكترونية."
MENU = ["الرئيسية", "أخبار", "محليات", "اقتصاد", "رياضة", "ثقافة", "منوعات", "فيديو", "صور", "مقالات", "الدوري المحلي",
        "أسواق المال", "العقارات", "الوظائف", "الطقس", "الصحة", "التعليم", "سيارات", "تقنية", "سياحة"] * 2
FOOTER = ["من نحن", "اتصل بنا", "أعلن معنا", "سياسة الخصوصية", "شروط الاستخدام", "خريطة الموقع",
          "رئيس التحرير: سامي الراشد", f"جميع الحقوق محفوظة لـ{SITE} 2016"]
TOPICS = ["الطريق الساحلي", "مستشفى الأطفال", "ميناء الصيادين", "السوق المركزي", "محطة التحلية", "مكتبة المدينة",
          "الحديقة العامة", "الملعب البلدي", "مركز الإسعاف", "جسر الوادي"]
HEADLINES = [f"افتتاح المرحلة الأولى من {t} قبل نهاية العام" for t in TOPICS]


def page(k: int, most_read: tuple[int, ...] = ()) -> str:
    topic = TOPICS[k]
    paras = [
        f"أعلنت البلدية أمس أن العمل في المرحلة الأولى من مشروع {topic} سينتهي قبل نهاية العام، وأن المشروع "
        f"سيخدم أكثر من {k + 2}0 ألف ساكن في المنطقة بعد افتتاحه.",
        f"وقال المتحدث باسم البلدية إن الشركات المنفذة لمشروع {topic} التزمت بالجدول الزمني، مشيرا إلى أن المرحلة "
        "الثانية ستبدأ مطلع العام المقبل.",
        f"وأضاف أن كلفة {topic} لم تتجاوز ما رصد له في الميزانية، وأن البلدية ستنشر تقريرا عن سير العمل كل شهر.",
    ]
    lines = ["تسجيل الدخول", "إنشاء حساب", *MENU, "عاجل", *HEADLINES[:3], "", HEADLINES[k], "كتب: ماجد الشمري",
             "الخميس 14 يوليو 2016", "شارك", "فيسبوك", "تويتر", "", paras[0], "", LABEL, "", NOTICE, "", paras[1], "",
             paras[2], "", "الأكثر قراءة", *(HEADLINES[j] for j in most_read), *FOOTER]
    return "\n".join(lines) + "\n"


def _raw(text: str, name: str = "page.txt") -> RawArticle:
    return RawArticle(path=Path(name), name=name, text=text, sha256="0" * 64, encoding="utf-8", size=len(text.encode()))


def _archive(folder: Path, count: int = 5) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        paths.append(folder / f"{k:03d}.txt")
        paths[-1].write_text(page(k), encoding="utf-8")
    return paths


def test_the_locator_alone_keeps_the_sites_lines_template_memory_removes_them():
    texts = [page(k) for k in range(8)]  # a sentence goes from inside articles once seen in eight files
    alone = extract_article(clean_article(_raw(texts[0])))
    assert LABEL in alone.body and NOTICE in alone.body  # what the locator alone decides: article lines
    learnt = tpl.learn(tpl.prints(t) for t in texts)
    assert learnt.seen(LABEL) == 8 and learnt.seen(NOTICE) == 8 and learnt.seen("الرئيسية") == 8
    assert not learnt.seen(HEADLINES[4])  # a page's own headline, printed in one file only
    cleaned = clean_article(_raw(texts[0]), learnt)
    got = extract_article(cleaned)
    assert LABEL not in got.body and NOTICE not in got.body
    assert {r.text for r in got.removed if r.reason == tpl.REASON} >= {LABEL, NOTICE}
    # The rest of the decision is the locator's own: same headline, same body otherwise.
    assert got.title.value == alone.title.value == HEADLINES[0]
    assert got.body == tuple(p for p in alone.body if p not in (LABEL, NOTICE))
    assert got.outlet.value == SITE and got.author.value == "ماجد الشمري"
    assert len(got.located) == 3


def test_a_headline_in_other_pages_lists_stays_its_own_pages_headline():
    # Page 4's headline is echoed in the "most read" lists of the four other pages: five files in all.
    texts = [page(k, most_read=(4,) if k != 4 else ()) for k in range(5)]
    learnt = tpl.learn(tpl.prints(t) for t in texts)
    own = extract_article(clean_article(_raw(texts[4]), learnt))
    assert own.title.value == HEADLINES[4] and own.body and own.body[0].startswith("أعلنت البلدية")
    other = extract_article(clean_article(_raw(texts[0]), learnt))
    assert HEADLINES[4] not in other.body and other.title.value == HEADLINES[0]


def test_a_story_the_archive_holds_several_times_keeps_its_text():
    # The same short page (a wire story) in five files: every line is a template line, and the page keeps it.
    story = "\n".join([HEADLINES[0], "الرياض - واس", page(0).split("\n\n")[2], "", "وأضاف أن العمل مستمر في كل المواقع."])
    learnt = tpl.learn(tpl.prints(story) for _ in range(5))
    assert learnt.seen(HEADLINES[0]) == 5
    alone = extract_article(clean_article(_raw(story)))
    got = extract_article(clean_article(_raw(story), learnt))
    assert got.body == alone.body and got.title.value == alone.title.value == HEADLINES[0]


def test_an_added_article_is_judged_against_the_archives_templates(tmp_path):
    src = tmp_path / "src"
    paths = _archive(src, 7)
    configure_rules(src)
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    first = process_all(paths, {}, cache, jobs=1)
    assert all(LABEL not in a.body and NOTICE in a.body for _, a, _ in first)  # a sentence: seven files, not eight
    # An added article: the archive's template lines come from the cached prints, and it is cleaned with them.
    added = src / "007.txt"
    added.write_text(page(7), encoding="utf-8")
    learnt = learn_templates(paths + [added], cache, jobs=1)
    assert learnt.seen(NOTICE) == 8
    _, article, _ = process_file(added, None, cache, templates=learnt)
    assert article is not None and NOTICE not in article.body and LABEL not in article.body
    # The old pages hold a line that is now a template inside articles: they are extracted again (the added one
    # comes from the cache), and the result is that of a full extraction.
    hits = cache.hits
    again = process_all(paths + [added], {}, cache, jobs=1)
    assert cache.hits - hits == 1 and all(NOTICE not in a.body for _, a, _ in again)
    full = process_all(paths + [added], {}, None, jobs=1)
    assert [a for _, a, _ in again] == [a for _, a, _ in full]


def test_a_line_of_the_new_page_that_becomes_a_template_redoes_the_pages_that_hold_it(tmp_path):
    src = tmp_path / "src"
    paths = _archive(src, 2)  # two files: nothing recurs in three yet
    configure_rules(src)
    cache = ExtractCache(tmp_path / "cache", fingerprint())
    before = process_all(paths, {}, cache, jobs=1)
    assert LABEL in before[0][1].body
    added = src / "002.txt"
    added.write_text(page(2), encoding="utf-8")
    after = process_all(paths + [added], {}, cache, jobs=1)
    # Three files: the label is a template line now (a sentence needs five files: it stays, by design).
    assert all(LABEL not in a.body and NOTICE in a.body for _, a, _ in after)
    assert [a for _, a, _ in after] == [a for _, a, _ in process_all(paths + [added], {}, None, jobs=1)]


def test_the_report_says_which_lines_were_learnt_and_what_the_locator_decided(tmp_path):
    src = tmp_path / "src"
    paths = _archive(src, 5)
    configure_rules(src)
    done, issues, _, learnt = collect_archive(paths, jobs=1)
    html = render_report_page([a for _, a in done], issues, templates=learnt).content.decode("utf-8")
    assert learnt.seen(NOTICE) == 5 and len(learnt.lines) > tpl.SHOWN
    assert 'id="templates"' in html and learnt.top()[0][0] in html and "<td>5</td>" in html
    assert f"{len(learnt.lines) - tpl.SHOWN}." in html  # the lines not shown are counted
    assert 'id="locator"' in html and tpl.REASON in html and "title-" in html
    assert html == render_report_page([a for _, a in done], issues, templates=learnt).content.decode("utf-8")


def test_the_report_stays_small_with_many_templates_and_pages():
    from arshif.site import report

    learnt = tpl.Templates({f"سطر {n}": 3 + n % 7 for n in range(5000)}, 10000)
    assert learnt.top(1) == [("سطر 1000", 9)]  # the most widespread first, ties by text
    rows = report.template_section(learnt)
    assert sum(r.count("<tr>") for r in rows) == tpl.SHOWN + 1
    assert "4960" in "".join(rows)  # the lines not shown are counted


def test_on_a_lighter_page_the_menu_goes_and_an_echoed_headline_stays():
    # Short pages of one site (no whole-page layout): a menu line of three words above the headline (taken for
    # the headline without template memory), a deck under it.
    def short(k: int) -> str:
        body = page(k).split("\n\n")[2]
        return "\n".join(["بوابة المنارة الإخبارية", HEADLINES[k], f"تفاصيل جديدة عن مشروع {TOPICS[k]} في المدينة",
                          "", body]) + "\n"
    texts = [short(k) for k in range(5)]
    alone = extract_article(clean_article(_raw(texts[0])))
    learnt = tpl.learn([*(tpl.prints(t) for t in texts), *(tpl.prints(f"{HEADLINES[0]}\nمقال آخر") for _ in range(4))])
    assert learnt.seen("بوابة المنارة الإخبارية") == 5 and learnt.seen(HEADLINES[0]) == 5
    assert alone.title.value == "بوابة المنارة الإخبارية"
    got = extract_article(clean_article(_raw(texts[0]), learnt))
    assert got.title.value == HEADLINES[0] and got.body == alone.body
    assert {r.text for r in got.removed if r.reason == tpl.REASON} == {"بوابة المنارة الإخبارية"}


def test_adding_a_page_to_a_whole_page_archive_builds_the_docs_a_full_build_builds(tmp_path):
    from arshif.build.pipeline import preprocess

    def tree(root: Path) -> dict:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file() and ".arshif" not in p.as_posix()}

    inc = tmp_path / "inc"
    _archive(inc / "source_articles", 4)
    preprocess(inc / "source_articles", inc / "docs", jobs=1)
    report = (inc / "docs" / "report.md").read_text(encoding="utf-8")
    assert 'id="templates"' in report and 'id="locator"' in report
    (inc / "source_articles" / "004.txt").write_text(page(4), encoding="utf-8")  # the notice is a template now
    preprocess(inc / "source_articles", inc / "docs", jobs=1)
    full = tmp_path / "full"
    _archive(full / "source_articles", 5)
    preprocess(full / "source_articles", full / "docs", jobs=1, use_cache=False)
    assert tree(inc / "docs") == tree(full / "docs")
    shown = tpl.learn(tpl.prints(page(k)) for k in range(5)).top()
    assert all(f"<td>{line}</td><td>{n}</td>" in (inc / "docs" / "report.md").read_text(encoding="utf-8") for line, n in shown)
