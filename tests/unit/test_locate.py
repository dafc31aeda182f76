"""The article locator (issue 12): line classes, the headline above the body, and whole pages built by hand.

Every page here is written for the test (short invented paragraphs, invented outlets), laid out the way whole
pages are: a masthead, a long menu, tickers, notices, the article, lists and footers.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from arshif.ingest.clean import clean_article, classify_lines
from arshif.ingest.locate import find_headline, line_class, locate
from arshif.models import RawArticle
from arshif.extract import extract_article

P1 = ("أعلنت وزارة النقل أمس أن العمل في المرحلة الأولى من مشروع الطريق الساحلي سينتهي قبل نهاية العام، "
      "وأن الطريق سيخدم أكثر من مئة ألف مسافر في اليوم بعد افتتاحه.")
P2 = ("وقال المتحدث باسم الوزارة إن الشركات المنفذة التزمت بالجدول الزمني، مشيرا إلى أن المرحلة الثانية "
      "ستبدأ مطلع العام المقبل وتشمل جسرين وثلاثة أنفاق.")
P3 = ("وأضاف أن الوزارة تعمل مع البلديات على تحسين الطرق الفرعية التي تصل القرى بالطريق الجديد، "
      "وأن كلفة المشروع كله لم تتجاوز ما رصد له في الميزانية.")
TITLE = "الطريق الساحلي يفتح مرحلته الأولى قبل نهاية العام"
MENU = ["الرئيسية", "أخبار", "محليات", "اقتصاد", "رياضة", "ثقافة", "منوعات", "فيديو", "صور", "مقالات",
        "الدوري المحلي", "أسواق المال", "العقارات", "الوظائف", "الطقس", "الصحة", "التعليم", "سيارات"] * 3
TICKER = ["ارتفاع أسعار النفط في ختام تعاملات الأسبوع", "افتتاح معرض الكتاب بمشاركة مئات الناشرين",
          "المنتخب يستعد لمباراته الودية الثانية"]
FOOTER = ["من نحن", "اتصل بنا", "أعلن معنا", "سياسة الخصوصية", "شروط الاستخدام", "خريطة الموقع", "الأرشيف",
          "رئيس التحرير: سامي الراشد", "رئيس مجلس الإدارة: هند الفارس"]


def _raw(text: str) -> RawArticle:
    return RawArticle(path=Path("page.txt"), name="page.txt", text=text, sha256="0" * 64, encoding="utf-8",
                      size=len(text.encode("utf-8")))


def _extract(lines: list[str]):
    return extract_article(clean_article(_raw("\n".join(lines) + "\n")))


def _page(top=(), head=(TITLE,), meta=("كتب: فهد الناصر", "الخميس 14 مايو 2015"), body=(P1, P2, P3), bottom=(),
          copyright="© صدى الوادي 2015"):
    lines = ["الأربعاء 2 ديسمبر 2026", *top, *MENU, "عاجل", *TICKER, *head, *meta, "شارك", "فيسبوك", "تويتر", ""]
    for p in body:
        lines += [p, ""]
    lines += ["الأكثر قراءة", *TICKER, *bottom, *FOOTER, copyright]
    return lines


# ------------------------------------------------------------------------------------------- line classes
@pytest.mark.parametrize("text,expected", [
    (P1, "good"), (P2, "good"), (P3, "good"),
    ("وقال إن العمل مستمر في جميع المواقع دون توقف منذ بداية الشهر.", "near-good"),
    ("وأكد أن الوزارة لن تقبل أي تأخير في التنفيذ.", "near-good"),
    ("الرئيسية", "short"), ("أسواق المال", "short"), ("الدوري المحلي الرياض", "short"),
    (TITLE, "short"), (TICKER[0], "short"), ("سامي الراشد", "short"), ("عاجل", "short"),
    ("Toggle navigation", "bad"), ("Skip to content", "bad"),
    ("We use cookies to improve your experience on our website. By browsing this website, you agree. Accept", "bad"),
    ("الفجر 04:12", "bad"), ("الرياض 43° 31° 28°", "bad"), ("12:45 15:21 18:40 20:10", "bad"),
    ("2 145", "bad"), ("<script>var a = 1;</script>", "bad"), ("{{ article.views }}", "bad"),
    ("| --- | --- |", "bad"),
])
def test_line_class(text, expected):
    assert line_class(text)[0] == expected


def test_locate_takes_the_densest_run_and_keeps_a_short_line_between_article_lines():
    texts = [*MENU, P1, "", "المرحلة الثانية", "", P2, P3, *FOOTER]
    found = locate(texts)
    assert texts[found.start] == P1 and texts[found.end] == P3


def test_find_headline_skips_metadata_and_prefers_an_echoed_line():
    texts = ["عاجل", *TICKER, TITLE, "شارك", "كتب: فهد الناصر", P1]
    meta = {texts.index("شارك"), texts.index("كتب: فهد الناصر")}
    got = find_headline(texts, len(texts) - 1, lambda i: i in meta, lambda i: len(texts[i]) < 120)
    assert texts[got] == TITLE
    texts = [*MENU[:5], TICKER[0], TITLE, TITLE, P1]  # printed twice in the stack: the headline
    got = find_headline(texts, len(texts) - 1, lambda i: False, lambda i: len(texts[i]) < 120)
    assert texts[got] == TITLE and got == len(texts) - 3
    deck = "الوزارة: المرحلة الثانية من المشروع تبدأ مطلع العام المقبل وتشمل جسرين وثلاثة أنفاق وطرقا فرعية"
    texts = [*TICKER, TITLE, deck, P1]  # a long deck under the headline
    got = find_headline(texts, len(texts) - 1, lambda i: False, lambda i: len(texts[i]) < 120)
    assert texts[got] == TITLE


# ------------------------------------------------------------------------------------------- whole pages
CASES = {
    "plain": {},
    "cookie-ar-top": {"top": ("يستخدم موقع صدى الوادي ملفات تعريف الارتباط لتحسين تجربتك، وباستمرارك فإنك توافق على ذلك. موافق",)},
    "cookie-en-top": {"top": ("We use cookies to improve your experience. By browsing this website, you agree to our use of cookies. Accept",)},
    "toggle-navigation": {"top": ("Toggle navigation", "Skip to content", "Home", "News", "Contact Us")},
    "login-box": {"top": ("تسجيل الدخول", "اسم المستخدم", "كلمة المرور", "نسيت كلمة المرور؟")},
    "markup-residue": {"top": ("<script>window.ads = [];</script>", "{% include 'menu.html' %}", "<!-- header -->")},
    "prayer-weather": {"top": ("مواقيت الصلاة", "الفجر 04:12", "الظهر 11:58", "المغرب 18:40", "الرياض 43°", "الدولار 3.75")},
    "title-echoed": {"head": (TITLE, "", TITLE)},
    "deck-under-title": {"head": (TITLE, "الوزارة: المرحلة الثانية من المشروع تبدأ مطلع العام المقبل وتشمل جسرين وثلاثة أنفاق وطرقا فرعية تصل القرى")},
    "breadcrumb": {"head": ("الرئيسية » محليات", TITLE)},
    "name-line": {"head": (TITLE, "الوادي"), "copyright": "جميع الحقوق محفوظة لموقع الوادي"},
    "no-byline": {"meta": ("الخميس 14 مايو 2015",)},
    "byline-after-date": {"meta": ("الخميس 14 مايو 2015", "بقلم: فهد الناصر")},
    "hyphen-date": {"meta": ("كتب: فهد الناصر", "الخميس, 14-مايو-2015")},
    "gmt-date": {"meta": ("كتب: فهد الناصر", "09:40 GMT 14 مايو/ أيار 2015")},
    "counter-date": {"meta": ("كتب: فهد الناصر", "2 145 مشاهدة 14 ماي 2015")},
    "eastern-digits": {"meta": ("كتب: فهد الناصر", "الخميس ١٤ مايو ٢٠١٥")},
    "updated-date": {"meta": ("كتب: فهد الناصر", "نشر في: 14 مايو 2015 - آخر تحديث: 16 مايو 2015")},
    "comments-footer": {"bottom": ("أضف تعليقك", "الاسم", "البريد الإلكتروني", "إرسال", "اشترك الآن")},
    "tags-share": {"bottom": ("الوسوم: النقل، الطرق", "طباعة", "واتساب")},
    "one-word-copyright": {"copyright": "© الوادي 2015", "head": (TITLE,)},
    "short-paragraph-between": {"body": (P1, "المرحلة الثانية", P2, P3)},
}
EXPECTED_OUTLET = {"name-line": "الوادي", "one-word-copyright": "الوادي"}
NO_AUTHOR = {"no-byline"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_whole_page_fields(case):
    article = _extract(_page(**CASES[case]))
    assert article.title.value == TITLE, case
    assert article.body[0] == P1, case
    assert all("الأكثر قراءة" not in p and "رئيس التحرير" not in p for p in article.body)
    assert len(article.body) == (4 if case == "short-paragraph-between" else 3), article.body
    assert article.outlet.value == EXPECTED_OUTLET.get(case, "صدى الوادي"), article.outlet
    assert article.date_value is not None and article.date_value.isoformat() == "2015-05-14", article.date
    assert article.author.value == (None if case in NO_AUTHOR else "فهد الناصر"), article.author


def test_the_masthead_clock_is_a_decoy_with_its_reason():
    article = _extract(_page(meta=("كتب: فهد الناصر",)))
    assert article.date_value is None or article.date_value.isoformat() != "2026-12-02"
    assert any(r.reason == "outside-article-date" and "2026" in r.text for r in article.removed)


def test_lines_outside_the_article_are_recorded_not_dropped():
    lines = _page()
    article = _extract(lines)
    removed = {r.text for r in article.removed}
    for line in MENU + FOOTER:
        assert line in removed


def test_a_short_page_keeps_the_seed_rules():
    # Under the whole-page size the locator does not cut anything: the head rules decide as before.
    lines = ["محليات", TITLE, "الخميس 14 مايو 2015", P1, P2]
    roles = [line.role for line in classify_lines(lines)]
    assert roles == ["chrome", "title", "date", "body", "body"]


LEAD = "عندما يفتح الطريق الساحلي ستختصر الرحلة بين المدينتين إلى نصف ساعة فقط بعد أن كانت تستغرق ساعتين"


@pytest.mark.parametrize("credit", ["جدة - صدى الوادي: ", "جدة - واس - "])
def test_a_dateline_credit_opens_the_body_without_a_full_stop(credit):
    # A one-sentence lead without its full stop, then a line of the site's own: the credit that opens the lead
    # (a site's or an agency's) says the article starts there, so the headline is the one above it.
    article = _extract(_page(body=(credit + LEAD, "شاهد أيضا على قناة الوادي", P2, P3)))
    assert article.title.value == TITLE
    assert article.body[0] == LEAD
    assert article.dateline.value == "جدة"
    assert article.author.value == "فهد الناصر"
    assert article.date_value is not None and article.date_value.isoformat() == "2015-05-14"
