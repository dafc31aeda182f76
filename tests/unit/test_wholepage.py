"""Whole pages (issue 12): the labelled set generated from ../shared/corpus, and table tests per field.

The set is generated in the test (tools/wholepage.py, seeded): corpus articles laid out as whole pages of eight
invented outlets. Nothing of the corpus is stored in the project. Floors are the issue's (95 % a field, no
confident wrong date); the table tests are hand-written strings.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from arshif.ingest.chrome import match_chrome
from arshif.recognise import outlet_structure as structure
from arshif.recognise.byline import byline_line
from arshif.recognise.dates_stamp import date_stamp
from arshif.tools.wholepage import labelled_pages

_SPEC = importlib.util.spec_from_file_location("wholepage_eval", Path(__file__).parents[2] / "scripts" / "wholepage_eval.py")
wholepage_eval = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(wholepage_eval)
FIELDS = ("title", "body_start", "outlet", "date", "author")


def _scores(tmp_path, count, seed, templates=True):
    """Scores of the set, extracted as a build does: the template lines learnt across the set first."""
    from arshif.build.pipeline import learn_templates
    from arshif.ingest.templates import NONE
    from arshif.tools.contract import extract_path

    pages = labelled_pages(count, seed)
    tmp_path.mkdir(parents=True, exist_ok=True)
    paths = [tmp_path / f"p{n:03d}.txt" for n in range(len(pages))]
    for path, (text, _) in zip(paths, pages):
        path.write_text(text, encoding="utf-8")
    learnt = learn_templates(paths, jobs=1) if templates else NONE
    return [wholepage_eval.score(extract_path(path, learnt), label) for path, (_, label) in zip(paths, pages)]


def test_the_sites_own_lines_inside_articles_go_only_with_template_memory(tmp_path):
    # Six of the eight outlets print a line of their own between the first paragraphs (tools/wholepage.py); a
    # sentence goes from inside articles once seen in eight files: twelve pages an outlet.
    alone = _scores(tmp_path / "alone", 96, 12, templates=False)
    learnt = _scores(tmp_path / "learnt", 96, 12)
    assert sum(bool(s["leaked"]) for s in alone) >= 40
    assert not any(s["leaked"] for s in learnt)
    for field in FIELDS:
        assert sum(s[field] for s in learnt) >= sum(s[field] for s in alone), field


@pytest.mark.parametrize("count,seed", [(48, 12), (60, 99)])
def test_whole_page_set_meets_the_floors(tmp_path, count, seed):
    scores = _scores(tmp_path, count, seed)
    assert len(scores) == count and count >= 40
    for field in FIELDS:
        share = sum(s[field] for s in scores) / count
        assert share >= 0.95, (field, share)
    assert not any(s["date_wrong"] for s in scores)
    kept = sum(s["chrome"][0] for s in scores)
    total = sum(s["chrome"][1] for s in scores)
    assert kept / total >= 0.95


def test_the_set_is_deterministic_and_varied():
    a, b = labelled_pages(40, 12), labelled_pages(40, 12)
    assert a == b
    assert len({label.outlet for _, label in a}) == 8
    assert min(len(text.splitlines()) for text, _ in a) >= 50


# ------------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize("line,iso", [
    ("الخميس, 14-مارس-2013", "2013-03-14"),
    ("الخميس,14-مارس-2013", "2013-03-14"),
    ("١٤-مارس-٢٠١٣", "2013-03-14"),
    ("الاثنين,8 آب 2011", "2011-08-08"),
    ("09:40 GMT 21 مارس/ آذار 2021", "2021-03-21"),
    ("21 مارس/ آذار 2021", "2021-03-21"),
    ("2 145 مشاهدة 12 جويلية 2013", "2013-07-12"),
    ("345 مشاهدة 12 جويلية 2013", "2013-07-12"),
    ("الخميس ٢٣ يوليو ٢٠١٥", "2015-07-23"),
    ("٢٣ يوليو ٢٠١٥", "2015-07-23"),
    ("نشر في: 23 يوليو 2015 - آخر تحديث: 25 يوليو 2015", "2015-07-23"),
    ("23 يوليو 2015 | آخر تحديث: 24 يوليو 2015", "2015-07-23"),
    ("الثلاثاء 21 تموز 2015", "2015-07-21"),
    ("23/7/2015 - 13:38", "2015-07-23"),
    ("الخميس 23 يوليو 2015 - 00:44", "2015-07-23"),
    ("12 UTC 23 يوليو 2015", None),   # "12 UTC" is no clock: refused
    ("3 12 مارس 2015", None),        # a bare number before the date: not only a date
    ("23 يوليو 2015 - 25 يوليو 2015", None),  # two dates without a label: no stamp
    ("12-14 فبراير", None),          # a range is a phrase, not a stamp
    ("قال الوزير في 12 مارس 2015 إن", None),
    ("مارس/ آذار", None),
])
def test_date_stamp_forms(line, iso):
    stamp = date_stamp(line)
    got = stamp.mention.date.isoformat() if stamp and stamp.mention.date else None
    assert got == iso


# ------------------------------------------------------------------------------------------- outlets
@pytest.mark.parametrize("line,name", [
    ("© نبض المدينة 2015", "نبض المدينة"),
    ("© 2015 نبض المدينة", "نبض المدينة"),
    ("جميع الحقوق محفوظة لـصدى الساحل 2015", "صدى الساحل"),
    ("جميع الحقوق محفوظة لصدى الساحل 2015", "صدى الساحل"),
    ("جميع الحقوق محفوظة لموقع الميزان ©", "الميزان"),
    ("حقوق النشر محفوظة لموقع منبر الشمال ©", "منبر الشمال"),
    ("جميع الحقوق محفوظة لصحيفة الرصيف الإلكترونية", "الرصيف"),
    ("جميع الحقوق محفوظة 2015 ©", None),
    ("© 2024 جميع الحقوق محفوظة", None),
    ("حقوق الإنسان في العالم العربي", None),
])
def test_copyright_names(line, name):
    assert structure.copyright_name(line) == name


@pytest.mark.parametrize("line,name", [
    ("جريدة مرآة الخليج بتاريخ 21 يوليو 2015", "مرآة الخليج"),
    ("يرحب موقع نبض المدينة بتعليقات القراء شرط الالتزام بآداب الحوار", "نبض المدينة"),
    ("يستخدم موقع الميزان ملفات تعريف الارتباط لتحسين تجربتك", "الميزان"),
    ("موقع البوصلة الإخباري", "البوصلة"),
    ("صحيفة أنباء الواحة الإلكترونية", "أنباء الواحة"),
    ("زار الوفد موقع الحادث في جدة", None),      # a place: not a name
    ("موقع 2015", None),
])
def test_qualified_names(line, name):
    assert structure.qualified_name(line) == name


@pytest.mark.parametrize("paragraph,name", [
    ("أبها - البوصلة: أبرمت أمانة المنطقة عقدا جديدا لتطوير الطرق.", "البوصلة"),
    ("الرياض - نبض المدينة - أعلنت الوزارة أمس عن خطة جديدة.", "نبض المدينة"),
    ("جدة – الميزان: افتتح المعرض أبوابه أمس.", "الميزان"),
    ("أعلنت الوزارة - في بيان أمس - عن خطة جديدة.", None),
    ("الرياض - محمد العتيبي: أعلنت الوزارة أمس عن خطة جديدة.", None),  # a reporter, not an outlet
])
def test_credit_names(paragraph, name):
    found = structure.credit_name(paragraph)
    assert (found[0] if found else None) == name


@pytest.mark.parametrize("text,names", [
    ("وقال مصدر مطلع لـ«أنباء الواحة» إن العمل مستمر.", ["أنباء الواحة"]),
    ("وأكد في تصريح خاص لـ«الرصيف»: إن المشروع سيكتمل.", ["الرصيف"]),
    ("ونقلت الصحيفة عن «الرصيف» خبرا.", []),
    ("وذهب الوفد لـ«الرياض» أمس.", []),
])
def test_self_reference_names(text, names):
    assert [n for n, _ in structure.self_reference_names(text)] == names


# ------------------------------------------------------------------------------------------- bylines
@pytest.mark.parametrize("line,author", [
    ("كتب: سامر الحربي", "سامر الحربي"),
    ("كتبت - منى القحطاني", "منى القحطاني"),
    ("بقلم: يوسف الدوسري", "يوسف الدوسري"),
    ("حوار: ريم العنزي", "ريم العنزي"),
    ("إعداد: طارق الزهراني", "طارق الزهراني"),
    ("هالة السبيعي", "هالة السبيعي"),
])
def test_byline_forms(line, author):
    found = byline_line(line)
    assert found is not None and found.author == author


@pytest.mark.parametrize("line", ["رئيس التحرير: سامر الحربي", "رئيس مجلس الإدارة: منى القحطاني",
                                  "مدير التحرير: يوسف الدوسري", "المشرف العام - ريم العنزي"])
def test_masthead_lines_are_chrome_never_the_author(line):
    assert match_chrome(line, "tail") is not None and match_chrome(line, "head") is not None


# ------------------------------------------------------------------------------------------- markup residue
@pytest.mark.parametrize("line", [
    "<script>window.dataLayer = window.dataLayer || [];</script>", "<script type=\"text/javascript\">",
    "{{ article.views }} مشاهدة", "{% include 'ads/top.html' %}", "{% endif %}", "<!-- ad slot 300x250 -->",
    "| --- | --- |", "|:---|---:|", "javascript:void(0)", "<div class=\"share-bar\"></div>", "</p>",
    "<style>.a{color:red}</style>",
])
def test_markup_residue_is_chrome(line):
    rule = match_chrome(line, "body")
    assert rule is not None and rule.group == "markup"


@pytest.mark.parametrize("line", [
    "قال الوزير إن سعر الدولار 3.75 ريال ثابت منذ سنوات.", "الهاتف المحمول أصبح ضرورة لكل طالب",
    "وأشار إلى أن ملفات تعريف الارتباط تستخدم في المواقع لأغراض إعلانية.",
])
def test_sentences_are_not_chrome(line):
    assert match_chrome(line, "body") is None
