"""Line roles: chrome rules, title, repeated title, page 'today' line, related boxes, glued chrome."""
import textwrap

import pytest

from arshif import rules
from arshif.ingest.chrome import chrome_rules, match_chrome, split_glued_chrome
from arshif.ingest.clean import classify_lines, clean_article
from arshif.models import RawArticle
from arshif.text.helpers import squash_spaces, visible

BODY_1 = "وقال الوزير في مؤتمر صحفي عقده اليوم إن الحكومة ماضية في تنفيذ خطتها الاقتصادية الجديدة خلال العام الحالي."
BODY_2 = "وأضاف أن الخطة تشمل دعم المشروعات الصغيرة والمتوسطة وتوفير فرص العمل للشباب في مختلف المحافظات."


def raw(text: str, name: str = "x.txt") -> RawArticle:
    text = textwrap.dedent(text).strip("\n")
    return RawArticle(path=__import__("pathlib").Path(name), name=name, text=text, sha256="0" * 64, encoding="utf-8", size=len(text))


def roles(text: str) -> list[tuple[str, str]]:
    return [(line.role, squash_spaces(visible(line.text))) for line in classify_lines(textwrap.dedent(text).strip("\n").split("\n")) if line.role != "blank"]


def test_every_rule_example_matches_its_rule():
    loaded = chrome_rules()
    assert len(loaded) >= 25
    for rule in loaded:
        for example in rule.examples:
            assert rule.pattern.match(squash_spaces(visible(example))), (rule.id, example)


@pytest.mark.parametrize("line,region,rule_id", [
    ("مواقيت الصلاة", "head", "prayer-times"),
    ("عدد اليوم", "head", "nav-today-issue"),
    ("أبرز الأخبار", "head", "nav-section"),
    ("5", "head", "counter-number"),
    ("62", "tail", "counter-number"),
    ("تعليقات\u00a00", "tail", "counter-labelled"),
    ("أضف تعليقك", "tail", "comments-box"),
    ("التعليقات مغلقة.", "tail", "comments-box"),
    ("جميع الحقوق محفوظة لمركز الاتحاد للأخبار 2024©", "tail", "copyright"),
    ("© 2023 جميع الحقوق محفوظة لصحيفة المثال", "tail", "copyright"),
    ("مقالات ذات صلة", "tail", "related-header"),
    ("اقرأ أيضاً:", "body", "related-header"),
    ("الوسوم: العراق، الكويت، داعش", "tail", "tag-list"),
    ("فيسبوك تويتر واتساب", "tail", "share-buttons"),
    ("طباعة", "body", "share-buttons"),
    ("تابعونا على تويتر وفيسبوك", "tail", "follow-us"),
    ("صورة أرشيفية", "body", "photo-caption-label"),
    ("إعلان", "body", "advertisement"),
    ("• • •", "body", "punctuation-only"),
    ("الرئيسية » أخبار » محليات", "head", "nav-breadcrumb"),
    ("3 دقائق للقراءة", "head", "reading-time"),
    ("الخبر التالي", "tail", "page-nav-arrows"),
])
def test_chrome_lines(line, region, rule_id):
    rule = match_chrome(squash_spaces(visible(line)), region)
    assert rule is not None and rule.id == rule_id


@pytest.mark.parametrize("line,region", [
    ("أخبار الاقتصاد تتصدر اهتمام المستثمرين في الخليج هذا الأسبوع", "head"),
    ("وقال الوزير إن التعليقات مغلقة على الموقع بسبب الصيانة.", "body"),
    ("وأشار إلى أن 5 دول شاركت في الاجتماع.", "body"),
    ("شارك في الاجتماع ممثلون عن 74 دولة", "body"),
    ("محليات", "body"),  # section labels are chrome only above the body
])
def test_not_chrome(line, region):
    assert match_chrome(squash_spaces(visible(line)), region) is None


def test_glued_chrome_is_cut_from_the_end_of_a_body_line():
    body, glued = split_glued_chrome(BODY_1 + " جميع الحقوق محفوظة لصحيفة المثال 2024")
    assert body == BODY_1 and glued == ("جميع الحقوق محفوظة لصحيفة المثال 2024", "copyright")
    body, glued = split_glued_chrome(BODY_1 + " أضف تعليقك")
    assert body == BODY_1 and glued[1] == "comments-box"
    assert split_glued_chrome(BODY_1) == (BODY_1, None)


def test_title_nav_and_repeated_headline():
    got = roles(f"""
        سياسة دولية
        قمة عربية طارئة في القاهرة لبحث الأوضاع في غزة

        قمة عربية طارئة في القاهرة لبحث الأوضاع في غزة
        {BODY_1}
        {BODY_2}
    """)
    assert got[0] == ("chrome", "سياسة دولية")
    assert got[1] == ("title", "قمة عربية طارئة في القاهرة لبحث الأوضاع في غزة")
    assert got[2] == ("chrome", "قمة عربية طارئة في القاهرة لبحث الأوضاع في غزة")
    assert [r for r, _ in got[3:]] == ["body", "body"]


def test_page_without_headline_has_no_title():
    got = roles(f"{BODY_1}\n{BODY_2}")
    assert [r for r, _ in got] == ["body", "body"]


def test_related_box_removes_the_headlines_after_it():
    got = roles(f"""
        الحكومة تعلن خطة اقتصادية جديدة
        {BODY_1}
        {BODY_2}
        اقرأ أيضا
        وزير المالية يلتقي وفد صندوق النقد الدولي
        ارتفاع أسعار النفط في الأسواق العالمية
    """)
    assert [r for r, _ in got] == ["title", "body", "body", "chrome", "chrome", "chrome"]


def test_subtitle_under_headline():
    got = roles(f"""
        الحكومة تعلن خطة اقتصادية جديدة
        الخطة تستهدف خفض البطالة إلى النصف خلال خمس سنوات
        {BODY_1}
    """)
    assert [r for r, _ in got] == ["title", "subtitle", "body"]


def test_invisible_only_line_is_chrome():
    cleaned = clean_article(raw(f"عنوان الخبر هنا للاختبار\n\u00a0\n\u200f\n{BODY_1}"))
    reasons = [r.reason for r in cleaned.removed]
    assert reasons.count("invisible-only") == 2


def test_every_non_body_line_is_recorded_with_a_reason():
    cleaned = clean_article(raw(f"""
        مواقيت الصلاة
        الحكومة تعلن خطة اقتصادية جديدة
        {BODY_1}
        أضف تعليقك
        تعليقات 0
    """))
    body_lines = [line for line in cleaned.lines if line.role == "body"]
    assert len(body_lines) == 1
    non_blank = [line for line in cleaned.lines if line.role not in ("blank", "body")]
    assert len(cleaned.removed) == len(non_blank)
    assert all(r.reason for r in cleaned.removed)


def test_extra_rules_folder_adds_a_chrome_pattern(tmp_path):
    (tmp_path / "chrome.yaml").write_text(
        "groups:\n  local:\n    - id: local-newsletter\n      pattern: '^احصل على النشرة اليومية مجانا$'\n      examples: ['احصل على النشرة اليومية مجانا']\n",
        encoding="utf-8",
    )
    assert match_chrome("احصل على النشرة اليومية مجانا", "tail") is None
    try:
        rules.set_extra_dirs([tmp_path])
        assert match_chrome("احصل على النشرة اليومية مجانا", "tail").id == "local-newsletter"
    finally:
        rules.set_extra_dirs([])


def test_bad_rules_are_reported_with_file_and_key(tmp_path):
    (tmp_path / "chrome.yaml").write_text(
        "groups:\n  local:\n    - id: broken\n      pattern: '^(unclosed$'\n    - pattern: '^x$'\n", encoding="utf-8"
    )
    try:
        rules.set_extra_dirs([tmp_path])
        with pytest.raises(rules.RulesError) as info:
            chrome_rules()
        text = str(info.value)
        assert "groups.local[0].pattern" in text and "bad regular expression" in text
        assert "groups.local[1].id: missing" in text
    finally:
        rules.set_extra_dirs([])
