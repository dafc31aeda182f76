"""Bylines: author, dateline and credit from byline lines, paragraph openings and titles."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from arshif import rules
from arshif.recognise.byline import byline_line, byline_prefix, byline_rules, split_title_author

SEEDS = Path("/work/shared/seeds")
TRUTH = Path("/work/shared/truth/seeds.yaml")

# (line, author, dateline, credit): byline lines as Saudi, Egyptian, Gulf, Levant and wire pages print them.
LINES = [
    ("كتب: أحمد علي", "أحمد علي", None, None),
    ("بقلم: د. سعاد", "د. سعاد", None, None),
    ("كتب - زيد السبيعي:", "زيد السبيعي", None, None),
    ("إعداد: عادل الماس", "عادل الماس", None, None),
    ("تقرير- عبدالسلام محمد البلوي", "عبدالسلام محمد البلوي", None, None),
    ("بيروت: نذير رضا", "نذير رضا", "بيروت", None),
    ("الكويت - دينا مصطفى", "دينا مصطفى", "الكويت", None),
    ("دينا مصطفى (الكويت)", "دينا مصطفى", "الكويت", None),
    ("الرياض – عايض الطريسي", "عايض الطريسي", "الرياض", None),
    ("محمد الشريف ـ القاهرة", "محمد الشريف", "القاهرة", None),
    ("عبدالقادر عبدالباري - جـدة", "عبدالقادر عبدالباري", "جدة", None),
    ("عواد الطوالة، سطام الجميعة (حائل)", "عواد الطوالة، سطام الجميعة", "حائل", None),
    ("القاهرة - مكتب الجزيرة - علي فراج:", "علي فراج", "القاهرة", "مكتب الجزيرة"),
    ("جازان-الوئام- حجب العصيمي:", "حجب العصيمي", "جازان", "الوئام"),
    ("بدر الجبل- سبق- متابعة:", "بدر الجبل", None, "سبق"),
    ("محمد الـــعلي", "محمد العلي", None, None),
    ("القاهرة - وكالات", None, "القاهرة", "وكالات"),
    ("(صنعاء) -", None, "صنعاء", None),
    ("الدمام: واس", None, "الدمام", "واس"),
    ("واس - مانيلا", None, "مانيلا", "واس"),
    ("أ.ف.ب (شيكاغو)", None, "شيكاغو", "أ.ف.ب"),
    ("نيويورك/ لندن : (رويترز)", None, "نيويورك، لندن", "رويترز"),
    ("سالمون (ولاية إيداهو): «الشرق الأوسط»", None, "سالمون", "الشرق الأوسط"),
    ("ناشفيل(تنيسي)- رويترز", None, "ناشفيل", "رويترز"),
    ("متابعات", None, None, "متابعات"),
    # shapes of real Saudi bylines (../shared/corpus; see tests/data/bylines_real.yaml for more)
    ("«الاقتصادية» من الرياض", None, "الرياض", "الاقتصادية"),
    ("الاقتصادية الإلكترونية من الرياض", None, "الرياض", "الاقتصادية الإلكترونية"),
    ("جون كاي من لندن", "جون كاي", "لندن", None),
    ("طارق محيي:", "طارق محيي", None, None),
    ("عبده خال", "عبده خال", None, None),
    ("إبراهيم علي نسيب", "إبراهيم علي نسيب", None, None),
    ("د. سليمان العلوْيط", "د. سليمان العلويط", None, None),
    ("سعيد المعبدي - ممدوح العويضي - جدة", "سعيد المعبدي، ممدوح العويضي", "جدة", None),
    ("صنعاء: عرفات مدابش - عدن: محمد علي محسن", "عرفات مدابش، محمد علي محسن", "صنعاء، عدن", None),
    ("الجزيرة - المحليات:", None, None, "الجزيرة، المحليات"),
    ("إعداد - المحرر الثقافي", None, None, "المحرر الثقافي"),
    ("الرياض، تحقيق- أسمهان الغامدي", "أسمهان الغامدي", "الرياض", None),
    ("اليوم، وكالات - عواصم", None, "عواصم", "اليوم، وكالات"),
    ("لندن: {الشرق الأوسط}", None, "لندن", "الشرق الأوسط"),
    ("عبدالعزيز المقهوي_الدمام", "عبدالعزيز المقهوي", "الدمام", None),
    ("وادي الدواسر - قبلان الحزيمي:", "قبلان الحزيمي", "وادي الدواسر", None),
    ("اعداد: إدارة المسؤولية الاجتماعية بالمستشفى", None, None, "إدارة المسؤولية الاجتماعية بالمستشفى"),
]


@pytest.mark.parametrize("line,author,dateline,credit", LINES)
def test_byline_line(line, author, dateline, credit):
    b = byline_line(line)
    assert b is not None, line
    assert (b.author, b.dateline, b.credit, b.text) == (author, dateline, credit, line.strip())


@pytest.mark.parametrize("line", [
    "الأخبار العالمية", "انطلاق الاجتماع الوزاري", "الرياض", "مواقيت الصلاة", "15 فبراير 2018 01:56",
    "أبرز الأخبار", "عدد اليوم", "الشرق الأوسط", "أخبار ليبيا24", "أضف تعليقك", "تعليقات 0",
    "محاور جديدة للقضاء على «داعش» وإعادة استقرار المنطقة", "وزير الخارجية الأمريكي", "مقالات ذات صلة",
    # real headlines that look like names or credits (../shared/corpus titles)
    "عبدالغني يعود للأخضر", "رمضان علمنا", "سارة وأزمة الحوار", "فواز العنزي عريساً", "أمل جديد لمرضى الزهايمر",
    "خالد بوعلي رئيسًا لتحرير «الشرق»", "«6 أكتوبر» تعد الفرسان", "صور اقتصادية", "تحرير عدن..", "عيد الفطر السعيد",
    "المحليات", "ثقافة اليوم", "كلمة الملك", "الفال رئيساً لتحرير «عكاظ»", "\"وطنية\" مشكوكٌ فيها",
    "تصوير", "إعداد:",  # a label with no one after it
])
def test_not_byline_line(line):
    assert byline_line(line) is None


# (paragraph, author, dateline, credit, text): bylines that open the body.
PREFIXES = [
    ("دينا مصطفى (الكويت) أكد المتحدث باسم وزارة الخارجية", "دينا مصطفى", "الكويت", None, "دينا مصطفى (الكويت)"),
    ("بيروت: نذير رضا - قال مصدر لبناني إن", "نذير رضا", "بيروت", None, "بيروت: نذير رضا -"),
    ("القاهرة - أ ش أ: أكد وزير الخارجية", None, "القاهرة", "أ ش أ", "القاهرة - أ ش أ:"),
    ("(صنعاء) - قالت مصادر يمنية", None, "صنعاء", None, "(صنعاء) -"),
    ("الرياض - واس - أكد معالي وزير", None, "الرياض", "واس", "الرياض - واس -"),
    ("(كونا) -- تنطلق اليوم الثلاثاء", None, None, "كونا", "(كونا) --"),
    ("أحمد علي- سبق- القاهرة: تسعى بريطانيا", "أحمد علي", "القاهرة", "سبق", "أحمد علي- سبق- القاهرة:"),
    ("أحمد البراهيم- جازان: شارك وفد", "أحمد البراهيم", "جازان", None, "أحمد البراهيم- جازان:"),
    ("رام الله - وفا - قال الرئيس", None, "رام الله", "وفا", "رام الله - وفا -"),
]


# (line, author, dateline, photo): a photographer is credited, never the author.
PHOTOS = [
    ("تصوير: أحمد علي", None, None, "أحمد علي"),
    ("تصوير - سليمان وهيب:", None, None, "سليمان وهيب"),
    ("تصوير : واس", None, None, "واس"),
    ("مكة المكرمة - سامي علي / تصوير - سليمان وهيب:", "سامي علي", "مكة المكرمة", "سليمان وهيب"),
    ("عبدالرحيم الحدادي - المدينة المنورة تصوير - عبدالرحمن مرسي", "عبدالرحيم الحدادي", "المدينة المنورة", "عبدالرحمن مرسي"),
    ("الرياض - يحيى زيلع (عدسة/ عليان العليان)", "يحيى زيلع", "الرياض", "عليان العليان"),
    ("حنان الحامدي – جدة (تصوير: علي الزهراني)", "حنان الحامدي", "جدة", "علي الزهراني"),
]


@pytest.mark.parametrize("line,author,dateline,photo", PHOTOS)
def test_photo_credit(line, author, dateline, photo):
    b = byline_line(line)
    assert b is not None, line
    assert (b.author, b.dateline, b.photo) == (author, dateline, photo)


# ---------------------------------------------------------------------------------------------- real bylines
REAL = yaml.safe_load((Path(__file__).parent.parent / "data" / "bylines_real.yaml").read_text(encoding="utf-8"))["bylines"]


@pytest.mark.parametrize("row", [
    pytest.param(r, marks=pytest.mark.xfail(reason=r["xfail"], strict=True)) if r.get("xfail") else r for r in REAL
], ids=[r["line"] for r in REAL])
def test_real_byline(row):
    """Bylines exactly as Saudi sites printed them, hand-labelled; `byline: false` rows are no byline line."""
    b = byline_line(row["line"])
    if row.get("byline") is False:
        assert b is None
        return
    assert b is not None, row["line"]
    assert (b.author, b.dateline, b.credit, b.photo) == (row.get("author"), row.get("dateline"), row.get("credit"), row.get("photo"))


@pytest.mark.parametrize("paragraph,author,dateline,credit,text", PREFIXES)
def test_byline_prefix(paragraph, author, dateline, credit, text):
    b = byline_prefix(paragraph)
    assert b is not None, paragraph
    assert (b.author, b.dateline, b.credit, b.text) == (author, dateline, credit, text)
    assert paragraph.startswith(b.text)


@pytest.mark.parametrize("paragraph", [
    "وقال وزير الخارجية (الكويتي) إن الاجتماع",
    "أكد المتحدث باسم الوزارة أن الاجتماع",
    "الكويت تحتفل بالعيد الوطني: احتفالات واسعة",
    "ترامب: سنفرض رسوما جديدة",
    "انطلقت اليوم الثلاثاء أعمال الاجتماع الوزاري للتحالف الدولي ضد تنظيم (داعش) الإرهابي",
    "يستضيف وزير الخارجية الأميركي مايك بومبيو في السادس من فبراير (شباط)، اجتماعاً",
    "وانضم اللاعب لـ«الاتحاد» الموسم الماضي",
    "دينا مصطفى (الكويت)",  # all of it: that is a byline line, not a prefix
])
def test_not_byline_prefix(paragraph):
    assert byline_prefix(paragraph) is None


TITLES = [
    ("الإصلاح الاقتصادي وتحدياته (بقلم د. سعاد الحربي)", "الإصلاح الاقتصادي وتحدياته", "د. سعاد الحربي"),
    ("عن الشعر والحياة (محمد العلي)", "عن الشعر والحياة", "محمد العلي"),
    ("الخليج بين الأمس واليوم - د. عبدالله المدني", "الخليج بين الأمس واليوم", "د. عبدالله المدني"),
    ("محاور جديدة للقضاء على (داعش)", "محاور جديدة للقضاء على (داعش)", None),
    ("اجتماع وزاري في العاصمة (الكويت)", "اجتماع وزاري في العاصمة (الكويت)", None),
    ("ارتفاع الأسعار بنسبة (15)", "ارتفاع الأسعار بنسبة (15)", None),
    ("التحالف الدولي يبحث هزيمة التنظيم - تقرير مفصل", "التحالف الدولي يبحث هزيمة التنظيم - تقرير مفصل", None),
]


@pytest.mark.parametrize("title,rest,author", TITLES)
def test_split_title_author(title, rest, author):
    assert split_title_author(title) == (rest, author)


# ---------------------------------------------------------------------------------------------- seeds
TRUTH_ARTICLES = yaml.safe_load(TRUTH.read_text(encoding="utf-8"))["articles"] if TRUTH.exists() else {}


# ../shared is beside the checkout in CI; without it these tests fail rather than skip.
@pytest.mark.parametrize("stem", sorted(TRUTH_ARTICLES))
def test_seed_byline(stem):
    truth = TRUTH_ARTICLES[stem]
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    start = truth["first_body_line_starts"]
    line = next(l for l in text.split("\n") if start in l)
    b = byline_prefix(line)
    assert (b.author if b else None) == truth["author"]
    assert (b.dateline if b else None) == truth["dateline"]
    if b:
        assert line[len(b.text):].strip().startswith(start)
    # no other line of the seed reads as a byline
    assert [l for l in text.split("\n") if byline_line(l)] == []


# ---------------------------------------------------------------------------------------------- the data
@pytest.fixture
def extra_rules(tmp_path):
    yield tmp_path
    rules.set_extra_dirs([])


def test_extra_places_and_words(extra_rules):
    assert byline_line("تاودني - حمادي ولد الأنصاري") is None
    (extra_rules / "places.yaml").write_text("places:\n  ML: [تاودني]\n", encoding="utf-8")
    (extra_rules / "bylines.yaml").write_text("given_names: [حمادي]\n", encoding="utf-8")
    rules.set_extra_dirs([extra_rules])
    b = byline_line("تاودني - حمادي ولد الأنصاري")
    assert (b.author, b.dateline) == ("حمادي ولد الأنصاري", "تاودني")


def test_bad_bylines_file_is_reported(extra_rules):
    (extra_rules / "bylines.yaml").write_text("author_words: كتب\nauthors: []\n", encoding="utf-8")
    rules.set_extra_dirs([extra_rules])
    with pytest.raises(rules.RulesError) as err:
        byline_rules()
    assert "author_words" in str(err.value) and "authors" in str(err.value)
