"""Date extraction: find_dates, date_stamp, resolve_date (printed > dateline > inferred), the rules file.

Strings are written the way outlets of many countries print them. Nothing here is keyed to the seeds'
texts except the seed test itself, which reads the files.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml

from arshif import rules
from arshif.extract.dates import resolve_date
from arshif.recognise.dates import find_dates, load_date_rules
from arshif.recognise.dates_stamp import date_stamp
from arshif.rules import RulesError

D = dt.date
SHARED = Path(__file__).resolve().parents[3] / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")

# ---------------------------------------------------------------- find_dates
# (text, [(rule, date or (year, month, day), time)])
FIND = [
    ("15 فبراير 2018 01:56", [("day-month-year", D(2018, 2, 15), "01:56")]),
    ("الأحد، 03 مارس 2019 10:00 ص", [("day-month-year", D(2019, 3, 3), "10:00")]),
    ("الخميس 14 فبراير 2019 - 03:15 م", [("day-month-year", D(2019, 2, 14), "15:15")]),
    ("الثلاثاء 26 يونيو 2012", [("day-month-year", D(2012, 6, 26), None)]),
    ("الثلاثاء 12 شباط 2019", [("day-month-year", D(2019, 2, 12), None)]),
    ("بيروت في 2 كانون الثاني 2020", [("day-month-year", D(2020, 1, 2), None)]),
    ("الأربعاء 06 جوان 2018", [("day-month-year", D(2018, 6, 6), None)]),
    ("الجزائر، 12 جويلية 2019", [("day-month-year", D(2019, 7, 12), None)]),
    ("الرباط، الجمعة 15 نونبر 2019", [("day-month-year", D(2019, 11, 15), None)]),
    ("2018/02/15", [("numeric-ymd", D(2018, 2, 15), None)]),
    ("15/02/2018", [("numeric-dmy", D(2018, 2, 15), None)]),
    ("15.02.2018", [("numeric-dmy", D(2018, 2, 15), None)]),
    ("١٥/٠٢/٢٠١٨", [("numeric-dmy", D(2018, 2, 15), None)]),
    ("06/07/2012", [("numeric-dmy", D(2012, 7, 6), None)]),  # day first by default
    ("الخميس 06/07/2012", [("numeric-mdy", D(2012, 6, 7), None)]),  # 7 June 2012 was a Thursday
    ("الجمعة 06/07/2012", [("numeric-dmy", D(2012, 7, 6), None)]),
    ("2018-02-15T09:30:00+03:00", [("iso", D(2018, 2, 15), "09:30")]),
    ("12 يوليو (تموز) 2018", [("day-month-year", D(2018, 7, 12), None)]),
    ("يوليو (تموز) 2018", [("month-year", (2018, 7, None), None)]),
    ("5 جمادى الأولى 1439هـ", [("hijri", D(2018, 1, 22), None)]),
    ("السادس من فبراير (شباط)", [("ordinal-day-month", (None, 2, 6), None)]),
    ("يقام في الفترة من 12 إلى 14 فبراير الجاري", [("day-range", (None, 2, 12), None)]),
    ("في نهاية سبتمبر 2025", [("month-year", (2025, 9, None), None)]),
    ("شكلته الولايات المتحدة في 2014 بعد", [("year", (2014, None, None), None)]),
    ("الحملة التي يقودها التحالف منذ 10 أعوام", [("ago", (None, None, None), None)]),
    ("وقع في 11 سبتمبر 2001 الهجوم", [("day-month-year", D(2001, 9, 11), None)]),
    ("الرياض 15 جمادى الأولى 1439 هـ الموافق 1 فبراير 2018 م واس",
     [("hijri", D(2018, 2, 1), None), ("day-month-year", D(2018, 2, 1), None)]),
    ("في 5 و6 أبريل المقبل", [("day-range", (None, 4, 5), None)]),
    ("يوم 3 آذار 2019 الساعة 10:30", [("day-month-year", D(2019, 3, 3), "10:30")]),
    # traps: nothing with a month or a year
    ("فاز الأهلي 2 - 1 على الزمالك", []),
    ("بموجب قرار مجلس الأمن 2254", []),
    ("جميع الحقوق محفوظة لمركز الاتحاد للأخبار 2024©", []),
    ("مارس الرياضة منذ صغره", []),  # "مارس" is also a verb
    ("رجب طيب أردوغان", []),
    ("في الصيف 2010 الماضي", []),  # a Libyan month name that is a season
    ("رمضان 2019", []),  # a Gregorian year after a Hijri month
    ("نسخة 1.15.02.2018 من البرنامج", []),  # a version number, not a date
]


@pytest.mark.parametrize("text,expected", FIND, ids=[t for t, _ in FIND])
def test_find_dates(text, expected):
    found = find_dates(text)
    assert [m.rule for m in found] == [e[0] for e in expected]
    for m, (_, want, want_time) in zip(found, expected):
        if isinstance(want, dt.date):
            assert m.date == want
        else:
            assert (m.year, m.month, m.day) == want
        assert m.time == want_time
        assert text[m.start:m.end] == m.text


def test_find_dates_details():
    (m,) = find_dates("انطلقت من 12 إلى 14 فبراير الجاري")
    assert (m.day, m.day_end, m.month, m.relative) == (12, 14, 2, "this")
    (m,) = find_dates("الخميس 25 ابريل 2024 أبوظبي الإمارات")
    assert m.weekday == 3 and m.weekday_matches is True
    hijri, greg = find_dates("15 جمادى الأولى 1439 هـ الموافق 20 فبراير 2018 م")
    assert hijri.conflict and greg.conflict  # the pair disagrees by 19 days
    assert hijri.text.endswith("هـ")


def test_find_dates_linear_on_a_megabyte_line():
    chunk = "أعلن الوزير اليوم الثلاثاء 12/02/2018 أن 15 فبراير 2018 و1.5 و2,000 و10:30 مارس "
    line = chunk * (1_000_000 // len(chunk))
    started = time.perf_counter()
    found = find_dates(line)
    assert len(found) >= 2 * (len(line) // len(chunk))
    assert time.perf_counter() - started < 20
    started = time.perf_counter()
    find_dates("1/" * 500_000)
    assert time.perf_counter() - started < 20


# ---------------------------------------------------------------- date_stamp
# (line, date, rest, label); date None = not a stamp
STAMPS = [
    ("15 فبراير 2018 01:56", D(2018, 2, 15), "", None),
    ("الخميس 25 ابريل 2024 أبوظبي الإمارات", D(2024, 4, 25), "أبوظبي الإمارات", None),
    ("الأحد، 03 مارس 2019 10:00 ص", D(2019, 3, 3), "", None),
    ("نشر في: 15 فبراير 2018 - 12:30 م", D(2018, 2, 15), "", "published"),
    ("آخر تحديث: الخميس 14 فبراير 2019 - 03:15 م", D(2019, 2, 14), "", "updated"),
    ("تاريخ النشر: 2018/02/15", D(2018, 2, 15), "", "published"),
    ("الرياض 15 جمادى الأولى 1439 هـ الموافق 1 فبراير 2018 م واس", D(2018, 2, 1), "الرياض واس", None),
    ("2018-02-15T09:30:00+03:00", D(2018, 2, 15), "", None),
    ("الثلاثاء 12 شباط 2019 | بيروت", D(2019, 2, 12), "بيروت", None),
    ("وقع الهجوم في 11 سبتمبر 2001 في نيويورك وقتل الآلاف", None, None, None),
    ("قال الوزير إن الاجتماع سيعقد في 6 فبراير 2019.", None, None, None),
    ("يقام من 12 إلى 14 فبراير الجاري", None, None, None),
    ("عدد 1234 - 15 فبراير 2018", None, None, None),
    ("مواقيت الصلاة", None, None, None),
]


@pytest.mark.parametrize("line,date,rest,label", STAMPS, ids=[s[0] for s in STAMPS])
def test_date_stamp(line, date, rest, label):
    stamp = date_stamp(line)
    if date is None:
        assert stamp is None
    else:
        assert stamp is not None and stamp.mention.date == date
        assert (stamp.rest, stamp.label) == (rest, label)


# ---------------------------------------------------------------- resolve_date
# (id, stamps, body, date, kind, time)
RESOLVE = [
    ("egypt-stamp", ["الأحد، 03 مارس 2019 10:00 ص"], ["أعلنت وزارة الصحة المصرية عن ..."], D(2019, 3, 3), "printed", "10:00"),
    ("levant-stamp", ["الثلاثاء 12 شباط 2019"], ["أكد رئيس الحكومة اللبنانية أمس ..."], D(2019, 2, 12), "printed", None),
    ("maghreb-stamp", ["الأربعاء 06 جوان 2018"], ["قال وزير الداخلية الجزائري ..."], D(2018, 6, 6), "printed", None),
    ("numeric-stamp", ["15/02/2018"], ["نص الخبر"], D(2018, 2, 15), "printed", None),
    ("arabic-digits", ["١٥/٠٢/٢٠١٨"], ["نص الخبر"], D(2018, 2, 15), "printed", None),
    ("iso-stamp", ["2018-02-15T09:30:00+03:00"], ["نص الخبر"], D(2018, 2, 15), "printed", "09:30"),
    ("published-beats-updated", ["آخر تحديث: 16 فبراير 2018 - 09:00 ص", "نشر في: 15 فبراير 2018 - 12:30 م"],
     ["نص الخبر"], D(2018, 2, 15), "printed", "12:30"),
    ("today-decoy-in-stamps", ["الخميس 25 ابريل 2024 أبوظبي الإمارات", "15 فبراير 2018 01:56"],
     ["نص الخبر"], D(2018, 2, 15), "printed", "01:56"),
    ("hijri-stamp", ["5 جمادى الأولى 1439هـ"], ["نص الخبر"], D(2018, 1, 22), "printed", None),
    ("stamp-beats-body", ["15 فبراير 2018"], ["الرياض 10 فبراير 2018 (واس) -- نص"], D(2018, 2, 15), "printed", None),
    ("spa-dateline", [], ["الرياض 15 جمادى الأولى 1439 هـ الموافق 1 فبراير 2018 م واس", "أكد معالي الوزير ..."],
     D(2018, 2, 1), "printed", None),
    ("wire-dateline", [], ["الرياض 15 فبراير 2018 (واس) -- أكد وزير الخارجية أن ..."], D(2018, 2, 15), "printed", None),
    ("weekday-dateline", [], ["الأحد 3 مارس 2019 - أعلنت الحكومة الأردنية ..."], D(2019, 3, 3), "printed", None),
    ("mena-dateline", [], ["القاهرة في 15 فبراير 2018 /أ ش أ/ أعلن المتحدث ..."], D(2018, 2, 15), "printed", None),
    ("byline-then-dateline", [], ["دبي - الخليج", "دبي، الأربعاء 14 نوفمبر 2018: أطلقت هيئة ..."], D(2018, 11, 14), "printed", None),
    # decoys: a past event at the start of the body, a copyright year, related-article dates
    ("history-at-start", [], ["في 11 سبتمبر 2001 وقعت الهجمات التي غيرت العالم", "ويستذكر العالم ..."], None, "unknown", None),
    ("event-at-start", [], ["11 سبتمبر 2001 يوم لا ينساه الأمريكيون، إذ قتل ..."], None, "unknown", None),
    ("copyright-only", [], ["قال الوزير اليوم الثلاثاء إن ...", "جميع الحقوق محفوظة © 2024"], None, "unknown", None),
    ("direct-cue", [], ["أعلن الوزير اليوم الثلاثاء 13 فبراير 2018 أن الاجتماع ناجح"], D(2018, 2, 13), "inferred", None),
    ("direct-cue-no-year", [], ["تأسست الشركة عام 2017.", "وقال المدير اليوم الأحد (3 مارس) إن الأرباح ارتفعت"],
     D(2019, 3, 3), "inferred", None),
    ("yesterday-cue-full-date", [], ["وكان الوزير قد أعلن أمس الأربعاء 14 فبراير 2018 عن خطة"], D(2018, 2, 15), "inferred", None),
    ("range-started-yesterday", [], ["انطلقت أمس فعاليات المعرض الذي يقام من 10 إلى 14 مارس الجاري",
                                     "وزار الوزير اليوم الاثنين أجنحة المعرض الذي تأسس عام 2017"], D(2019, 3, 11), "inferred", None),
    ("range-unpinned", [], ["تتواصل اليوم الاثنين فعاليات المهرجان المقام من 10 إلى 14 مارس الجاري", "وكان قد أطلق عام 2017"],
     None, "unknown", None),
    ("future-anchor-bare-year-only", [], ["قال الوزير اليوم الأربعاء إن المؤتمر سيعقد في 20 أغسطس المقبل",
                                          "وكان المؤتمر الأول عقد في 2012"], None, "unknown", None),
    ("future-anchor", [], ["أعلنت الوزارة اليوم الخميس أنها ستعقد المنتدى في العاشر من أكتوبر المقبل",
                           "وكانت الدورة السابقة عقدت في 14 مارس 2019 بالقاهرة"], D(2019, 10, 3), "inferred", None),
    ("weekday-cues-disagree", [], ["قال اليوم الثلاثاء ...", "وأضاف اليوم الخميس ...", "في 5 فبراير الجاري", "عام 2016"],
     None, "unknown", None),
    ("no-anchor", [], ["عقد الوزراء اجتماعا امس الاثنين في واشنطن", "ويعود التحالف إلى عام 2014"], None, "unknown", None),
    ("nothing", [], ["نص بلا تاريخ"], None, "unknown", None),
    ("pair-conflict", ["15 جمادى الأولى 1439 هـ الموافق 20 فبراير 2018 م"], ["نص"], None, "unknown", None),
    ("partial-stamp-with-weekday", ["الأحد 3 مارس"], ["افتتح الوزير المعرض الذي أطلق عام 2017"], D(2019, 3, 3), "inferred", None),
    ("partial-dateline-no-weekday", [], ["القاهرة في 15 فبراير /أ ش أ/ أعلن المتحدث ...", "منذ عام 2016"], None, "unknown", None),
    ("wrong-weekday-kept-with-note", ["الجمعة 15 فبراير 2018"], ["نص"], D(2018, 2, 15), "printed", None),
]


@pytest.mark.parametrize("stamps,body,date,kind,time_", [c[1:] for c in RESOLVE], ids=[c[0] for c in RESOLVE])
def test_resolve_date(stamps, body, date, kind, time_):
    result = resolve_date(stamps, body)
    assert result.field.value == date, result.field.basis
    assert result.field.kind == kind
    assert result.time == time_
    assert result.field.basis
    if date is not None:
        assert result.year == date.year and result.field.rule and result.field.evidence


def test_resolve_basis_is_checkable():
    result = resolve_date(["الجمعة 15 فبراير 2018"], ["نص"])
    assert "printed" in result.field.basis and "'الجمعة 15 فبراير 2018'" in result.field.basis
    assert "Thursday" in result.field.basis  # the weekday mismatch is reported
    result = resolve_date(["15 جمادى الأولى 1439 هـ الموافق 20 فبراير 2018 م"], ["نص"])
    assert result.candidates == (D(2018, 2, 1), D(2018, 2, 20))
    result = resolve_date([], ["تتواصل اليوم الاثنين فعاليات المهرجان المقام من 10 إلى 14 مارس الجاري", "وكان قد أطلق عام 2017"])
    assert len(result.candidates) >= 2 and all(d.weekday() == 0 for d in result.candidates)


# ---------------------------------------------------------------- the five seeds
def _seed_body(path: Path, first_line: str) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]
    lines = [line for line in lines if line and line.strip("\u00a0 ")]
    start = next(i for i, line in enumerate(lines) if first_line in line)
    return lines[start:]


# ../shared is beside the checkout in CI; without it these tests fail rather than skip.
def test_seeds_against_truth():
    truth = yaml.safe_load((SHARED / "truth" / "seeds.yaml").read_text(encoding="utf-8"))["articles"]
    for name, want in truth.items():
        body = _seed_body(SHARED / "seeds" / f"{name}.txt", want["first_body_line_starts"])
        stamps = ["15 فبراير 2018 01:56"] if want.get("time") else []
        body = [line for line in body if line not in stamps]
        result = resolve_date(stamps, body)
        expected = dt.date.fromisoformat(want["date"]) if want["date"] else None
        assert result.field.value == expected, (name, result.field.basis)
        if expected is None:
            assert result.field.kind == "unknown" and result.field.basis
            if want.get("year"):
                assert result.year in (None, want["year"])
        if want.get("time"):
            assert result.time == str(want["time"]) or result.time == "01:56"


# ---------------------------------------------------------------- the rules file
def test_rule_examples():
    loaded = load_date_rules()
    assert len(loaded.examples) >= 15
    for ex in loaded.examples:
        found = [m for m in find_dates(ex.text) if m.month is not None]
        if ex.expected is None:
            assert not found, (ex.key, ex.text)
        elif ex.expected == "partial":
            assert found and found[0].date is None, (ex.key, ex.text)
        else:
            assert found and found[-1].date == ex.expected, (ex.key, ex.text)


def test_extra_rules_folder_adds_a_month_spelling(tmp_path):
    assert not [m for m in find_dates("15 فبرايير 2018") if m.month]
    (tmp_path / "dates.yaml").write_text(
        "gregorian_months:\n  archive:\n    months:\n      2: [فبرايير]\n"
        "    examples:\n      '15 فبرايير 2018': 2018-02-15\n", encoding="utf-8")
    rules.set_extra_dirs([tmp_path])
    try:
        (m,) = find_dates("15 فبرايير 2018")
        assert m.date == D(2018, 2, 15)
        assert find_dates("15 فبراير 2018")[0].date == D(2018, 2, 15)  # shipped names still there
        assert any(ex.text == "15 فبرايير 2018" for ex in load_date_rules().examples)
    finally:
        rules.set_extra_dirs([])
    assert not [m for m in find_dates("15 فبرايير 2018") if m.month]


def test_bad_rules_report_file_key_and_reason(tmp_path):
    (tmp_path / "dates.yaml").write_text(
        "gregorian_months:\n  bad:\n    months:\n      13: [فلان]\n      3: [فبراير]\n"
        "weekdays:\n  9: [الخميس]\nfuture_markers: [1]\nunknown_section: []\n", encoding="utf-8")
    rules.set_extra_dirs([tmp_path])
    try:
        with pytest.raises(RulesError) as err:
            load_date_rules()
    finally:
        rules.set_extra_dirs([])
    keys = {(p.key, p.file.endswith("dates.yaml")) for p in err.value.problems}
    reasons = " ".join(p.reason for p in err.value.problems)
    assert ("gregorian_months.bad.months.13", True) in keys
    assert ("gregorian_months.bad.months.3", True) in keys  # "فبراير" is already month 2
    assert ("weekdays.9", True) in keys and ("future_markers[0]", True) in keys and ("unknown_section", True) in keys
    assert "already month 2" in reasons
    load_date_rules()  # shipped rules load again
