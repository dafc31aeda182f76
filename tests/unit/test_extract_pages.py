"""Whole raw pages in the style of many outlets and countries, through read -> clean -> extract.

Written for these tests (not copied from the seeds): each checks title, outlet, author, dateline, date and the
start of the body, and that no chrome line is left in the body.
"""
import textwrap
from pathlib import Path

import pytest
import yaml

from arshif.tools.contract import extract_path
from arshif.tools.evaluate import evaluate
from arshif.text.helpers import squash_spaces, visible

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the checkout

PAGES = [
    dict(
        name="gulf_agency",
        text="""
            الرئيسية » محليات
            أمير الرياض يدشن مشروعات تنموية بقيمة 3 مليارات ريال

            الرياض 15 جمادى الأولى 1439 هـ الموافق 01 فبراير 2018 م واس
            دشن صاحب السمو الملكي أمير منطقة الرياض اليوم عددا من المشروعات التنموية في المنطقة بتكلفة إجمالية تبلغ ثلاثة مليارات ريال.
            وأوضح أن المشروعات تشمل الطرق والمياه والصحة والتعليم في عدد من محافظات المنطقة.
            طباعة
            جميع الحقوق محفوظة لوكالة الأنباء السعودية 2018
        """,
        title="أمير الرياض يدشن مشروعات تنموية بقيمة 3 مليارات ريال",
        date="2018-02-01",
        first="دشن صاحب السمو الملكي",
        chrome=["الرئيسية » محليات", "طباعة", "جميع الحقوق محفوظة لوكالة الأنباء السعودية 2018"],
    ),
    dict(
        name="egypt_byline",
        text="""
            الأحد، 03 مارس 2019 10:00 ص
            الحكومة المصرية تطلق مبادرة جديدة لدعم الصادرات
            كتب: أحمد عبد الله
            أعلنت الحكومة المصرية اليوم الأحد إطلاق مبادرة جديدة لدعم الصادرات المصرية إلى الأسواق الأفريقية، وذلك ضمن خطة شاملة لزيادة الصادرات.
            وقال وزير التجارة والصناعة إن المبادرة تستهدف زيادة الصادرات بنسبة عشرين في المئة خلال العام المقبل.
            شارك
            أضف تعليق
        """,
        title="الحكومة المصرية تطلق مبادرة جديدة لدعم الصادرات",
        date="2019-03-03",
        author="أحمد عبد الله",
        first="أعلنت الحكومة المصرية",
        chrome=["شارك", "أضف تعليق"],
    ),
    dict(
        name="levant_dateline",
        text="""
            بيروت: نذير رضا
            البرلمان اللبناني يقر موازنة العام الجديد بعد جلسات ماراثونية
            أقر مجلس النواب اللبناني مساء أمس موازنة العام الجديد بعد ثلاثة أيام من الجلسات المتواصلة التي شهدت نقاشات حادة بين الكتل النيابية.
            وصوت لصالح الموازنة 63 نائبا مقابل معارضة 37 وامتناع خمسة نواب عن التصويت.
        """,
        title="البرلمان اللبناني يقر موازنة العام الجديد بعد جلسات ماراثونية",
        author="نذير رضا",
        dateline="بيروت",
        first="أقر مجلس النواب اللبناني",
    ),
    dict(
        name="maghreb_date",
        text="""
            الجزائر تطلق أكبر محطة لتحلية مياه البحر في أفريقيا
            الأربعاء 06 جوان 2018
            أعلنت السلطات الجزائرية اليوم عن إطلاق أكبر محطة لتحلية مياه البحر في القارة الأفريقية بطاقة إنتاجية تبلغ نصف مليون متر مكعب يوميا.
            وستزود المحطة أكثر من مليوني نسمة بمياه الشرب في ولايات الغرب الجزائري.
        """,
        title="الجزائر تطلق أكبر محطة لتحلية مياه البحر في أفريقيا",
        date="2018-06-06",
        first="أعلنت السلطات الجزائرية",
    ),
    dict(
        name="levant_months",
        text="""
            دمشق تستضيف معرضا دوليا للكتاب بمشاركة 200 دار نشر
            الثلاثاء 12 شباط 2019
            افتتح في دمشق اليوم معرض الكتاب الدولي بمشاركة أكثر من مئتي دار نشر عربية وأجنبية، ويستمر المعرض حتى نهاية الشهر.
            ويضم المعرض أكثر من خمسين ألف عنوان في مختلف مجالات المعرفة.
            مقالات ذات صلة
            وزير الثقافة يفتتح مهرجان المسرح
            انطلاق فعاليات أيام الفن التشكيلي
        """,
        title="دمشق تستضيف معرضا دوليا للكتاب بمشاركة 200 دار نشر",
        date="2019-02-12",
        first="افتتح في دمشق اليوم",
        chrome=["مقالات ذات صلة", "وزير الثقافة يفتتح مهرجان المسرح", "انطلاق فعاليات أيام الفن التشكيلي"],
    ),
    dict(
        name="kuwait_wire",
        text="""
            الكويت ترحب بنتائج قمة مجلس التعاون الخليجي

            (كونا) -- رحبت دولة الكويت بالنتائج التي خلصت إليها القمة الخليجية التي عقدت في الرياض، مؤكدة أهمية تعزيز العمل الخليجي المشترك.

            وأكد مصدر مسؤول في وزارة الخارجية أن القمة شكلت محطة مهمة في مسيرة المجلس.

            أضف تعليقك

            تعليقات \u00a00
        """,
        title="الكويت ترحب بنتائج قمة مجلس التعاون الخليجي",
        outlet="كونا",
        first="رحبت دولة الكويت",
        chrome=["أضف تعليقك", "تعليقات \u00a00"],
    ),
    dict(
        name="no_headline",
        text="""
            أعلنت وزارة الصحة العمانية تسجيل انخفاض ملحوظ في أعداد الإصابات بالأمراض الموسمية خلال الشهر الماضي مقارنة بالفترة نفسها من العام الذي سبقه.
            وأوضحت الوزارة أن حملات التوعية والتطعيم ساهمت في هذا الانخفاض.
        """,
        title=None,
        first="أعلنت وزارة الصحة العمانية",
    ),
    dict(
        name="numeric_date_signature",
        text="""
            ارتفاع أسعار الذهب في الأسواق المحلية
            2021/03/15
            سجلت أسعار الذهب في الأسواق المحلية ارتفاعا جديدا اليوم مدفوعة بصعود الأسعار العالمية وتراجع الدولار أمام العملات الرئيسية.
            وبلغ سعر غرام الذهب عيار 21 نحو 18 دينارا.
            القبس
        """,
        title="ارتفاع أسعار الذهب في الأسواق المحلية",
        date="2021-03-15",
        outlet="القبس",
        first="سجلت أسعار الذهب",
        chrome=["القبس"],
    ),
    dict(
        name="iso_date_and_counters",
        text="""
            تونس: انطلاق الموسم السياحي وسط توقعات بأرقام قياسية
            12
            2023-06-01T09:30:00+01:00
            انطلق الموسم السياحي في تونس وسط توقعات بتسجيل أرقام قياسية في عدد الوافدين هذا العام بعد سنوات من التراجع.
            وتتوقع وزارة السياحة استقبال أكثر من عشرة ملايين سائح.
            1500 مشاهدة
        """,
        title="تونس: انطلاق الموسم السياحي وسط توقعات بأرقام قياسية",
        date="2023-06-01",
        first="انطلق الموسم السياحي",
        chrome=["12", "1500 مشاهدة"],
    ),
    dict(
        name="arabic_indic_digits",
        text="""
            افتتاح الدورة البرلمانية الجديدة في الأردن
            ١٥/١١/٢٠٢٠
            افتتح العاهل الأردني اليوم الدورة العادية الأولى لمجلس الأمة بخطاب العرش الذي تناول أولويات المرحلة المقبلة.
            وأكد في خطابه أهمية تعزيز الاقتصاد الوطني.
        """,
        title="افتتاح الدورة البرلمانية الجديدة في الأردن",
        date="2020-11-15",
        first="افتتح العاهل الأردني",
    ),
    dict(
        name="gulf_two_calendars_issue_number",
        text="""
            وزراء الخارجية العرب يبحثون في القاهرة تطورات الأزمة السودانية
            السبت 7 رمضان 1440 هـ - 11 مايو 2019 مـ رقم العدد [14774]
            القاهرة: سوسن أبو حسين
            بحث وزراء الخارجية العرب في اجتماع طارئ عقد في مقر الجامعة العربية بالقاهرة تطورات الأزمة في السودان وسبل دعم الاستقرار.
            وأكد البيان الختامي ضرورة الحفاظ على وحدة السودان وسلامة أراضيه.
        """,
        title="وزراء الخارجية العرب يبحثون في القاهرة تطورات الأزمة السودانية",
        date="2019-05-11",
        author="سوسن أبو حسين",
        dateline="القاهرة",
        first="بحث وزراء الخارجية العرب",
    ),
    dict(
        name="decoy_copyright_only",
        text="""
            مهرجان للتراث في الشارقة يستقطب آلاف الزوار
            يستقطب مهرجان التراث في الشارقة آلاف الزوار يوميا من داخل الدولة وخارجها، ويقدم عروضا للحرف التقليدية والفنون الشعبية.
            ويستمر المهرجان أسبوعين بمشاركة فرق من عدة دول عربية.
            © 2024 جميع الحقوق محفوظة
        """,
        title="مهرجان للتراث في الشارقة يستقطب آلاف الزوار",
        date=None,
        first="يستقطب مهرجان التراث",
        chrome=["© 2024 جميع الحقوق محفوظة"],
    ),
]


def _write(tmp_path: Path, page: dict) -> Path:
    path = tmp_path / f"{page['name']}.txt"
    path.write_text(textwrap.dedent(page["text"]).strip("\n") + "\n", encoding="utf-8")
    return path


def _norm(text):
    return squash_spaces(visible(text)) if text is not None else None


@pytest.mark.parametrize("page", PAGES, ids=[p["name"] for p in PAGES])
def test_page(tmp_path, page):
    record = extract_path(_write(tmp_path, page))
    assert record["ok"], record["error"]
    if "title" in page:
        if page["title"] is None:
            assert record["title_derived"] is True and record["title"]
        else:
            assert record["title"] == page["title"] and record["title_derived"] is False
    for key in ("date", "outlet", "author", "dateline"):
        if key in page:
            assert record[key] == page[key], (key, record[key], record.get("fields", {}).get(key))
    assert _norm(record["body"][0]).startswith(page["first"]), record["body"][0][:80]
    body = {_norm(p) for p in record["body"]}
    for line in page.get("chrome", []):
        assert _norm(line) not in body
        assert not any(p.endswith(_norm(line)) for p in body)


def test_derived_title_is_cut_at_a_word_boundary(tmp_path):
    record = extract_path(_write(tmp_path, next(p for p in PAGES if p["name"] == "no_headline")))
    title = record["title"]
    assert 40 <= len(title) <= 92
    lead = record["body"][0]
    assert lead.startswith(title.rstrip("…"))


def test_seeds_against_truth():
    truth = SHARED / "truth" / "seeds.yaml"
    sources = Path(__file__).resolve().parents[2] / "source_articles"
    score = evaluate(truth, sources)
    assert score.misses == []
    articles = yaml.safe_load(truth.read_text(encoding="utf-8"))["articles"]
    assert score.total["title"] == len(articles) == 5
