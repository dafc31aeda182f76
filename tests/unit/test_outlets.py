"""Outlets: signature lines, wire credits, self-references, the gazetteer and its extension by data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from arshif import rules
from arshif.extract.outlet import find_outlet
from arshif.recognise.byline import wire_credit
from arshif.recognise.outlet_names import gazetteer, name_key
from arshif.recognise.outlets import outlet_line

SEEDS = Path("/work/shared/seeds")
TRUTH = Path("/work/shared/truth/seeds.yaml")

# (line, where, expected outlet name or None): styles of many outlets and countries.
LINES = [
    ("أخبار ليبيا24", "head", "أخبار ليبيا24"),
    ("الشرق الأوسط", "tail", "الشرق الأوسط"),
    ("الشرق الأوسط", "head", None),  # a region or section label above the body
    ("المصدر: الخليج", "tail", "الخليج"),
    ("المصدر : وكالة الأنباء الكويتية", "tail", "كونا"),
    ("نقلا عن موقع اليوم السابع", "tail", "اليوم السابع"),
    ("© جريدة الرياض", "tail", "الرياض"),
    ("جميع الحقوق محفوظة لمركز الاتحاد للأخبار 2024©", "tail", "الاتحاد"),
    ("جميع الحقوق محفوظة © 2024 هسبريس", "tail", "هسبريس"),
    ("Copyright © 2024 Hespress", "tail", "هسبريس"),
    ("© 2024 الجزيرة نت", "tail", "الجزيرة نت"),
    ("حقوق النشر محفوظة لصحيفة الوطن السعودية 2023", "tail", "الوطن"),
    ("جميع الحقوق محفوظة لجريدة القبس 2024", "tail", "القبس"),
    ("جميع حقوق النشر محفوظة لبوابة الأهرام", "tail", "الأهرام"),
    ("«عكاظ»", "tail", "عكاظ"),
    ("جريدة الرياض", "head", "الرياض"),
    ("alriyadh.com", "tail", "الرياض"),
    ("إندبندنت عربية", "head", "إندبندنت عربية"),
    ("بوابة الوسط", "tail", "بوابة الوسط"),
    ("سكاي نيوز عربية", "tail", "سكاي نيوز عربية"),
    ("France 24", "tail", "فرانس 24"),
    ("اخبار ليبيا 24", "tail", "أخبار ليبيا24"),  # spelling variant: hamza, space before the digits
    # common words are no signature alone
    ("الرياض", "tail", None),
    ("اليوم", "tail", None),
    ("الاتحاد", "tail", None),
    ("الأخبار", "head", None),
    ("السياسة", "head", None),
    ("قنا", "head", None),  # Qena (Egypt) as a section label
    ("- متابعات", "tail", None),  # a credit, not an outlet
    ("وقال وزير الخارجية لصحيفة الشرق الأوسط إن الاجتماع ناجح", "tail", None),
    ("جميع الحقوق محفوظة", "tail", None),
]


@pytest.mark.parametrize("line,where,expected", LINES)
def test_outlet_line(line, where, expected):
    m = outlet_line(line, where=where)
    assert (m.name if m else None) == expected


WIRES = [
    ("(كونا) -- تنطلق اليوم الثلاثاء اعمال", "كونا", "(كونا) --", None),
    ("الرياض - واس - أكد معالي وزير", "واس", "الرياض - واس -", "الرياض"),
    ("القاهرة - أ ش أ: أكد وزير الخارجية", "أ ش أ", "القاهرة - أ ش أ:", "القاهرة"),
    ("الكويت - 13 - 2 (كونا) -- أكد وزير", "كونا", "الكويت - 13 - 2 (كونا) --", "الكويت"),
    ("عمان 5 آب (بترا) - أكد رئيس الوزراء", "بترا", "عمان 5 آب (بترا) -", "عمان"),
    ("أبوظبي في 12 فبراير / وام / استقبل", "وام", "أبوظبي في 12 فبراير / وام /", "أبوظبي"),
    ("الدوحة / قنا / بحث معالي", "قنا", "الدوحة / قنا /", "الدوحة"),
    ("الرياض 05 رجب 1445 هـ الموافق 17 يناير 2024 م واس رعى", "واس",
     "الرياض 05 رجب 1445 هـ الموافق 17 يناير 2024 م واس", "الرياض"),
    ("دمشق-سانا أكد الرئيس", "سانا", "دمشق-سانا", "دمشق"),
    ("الخرطوم (سونا) - أعلن مجلس السيادة", "سونا", "الخرطوم (سونا) -", "الخرطوم"),
    ("الرباط - و م ع - أكد", "لاماب", "الرباط - و م ع -", "الرباط"),
    ("الجزائر - وأج - استقبل", "وأج", "الجزائر - وأج -", "الجزائر"),
    ("تونس (وات) - قال", "وات", "تونس (وات) -", "تونس"),
    ("طرابلس - وال - أعلنت حكومة", "وال", "طرابلس - وال -", "طرابلس"),
    ("باريس، 5 يونيو (رويترز) - قال", "رويترز", "باريس، 5 يونيو (رويترز) -", "باريس"),
    ("مدريد - الفرنسية: قالت", "فرانس برس", "مدريد - الفرنسية:", "مدريد"),
    ("كاليفورنيا: رويترز - اندلع", "رويترز", "كاليفورنيا: رويترز -", "كاليفورنيا"),
    ("لندن - «الشرق الأوسط»: قالت", "الشرق الأوسط", "لندن - «الشرق الأوسط»:", "لندن"),
    ("سبق- الرياض: اختتمت", "سبق", "سبق- الرياض:", "الرياض"),
]


@pytest.mark.parametrize("paragraph,name,text,city", WIRES)
def test_wire_credit(paragraph, name, text, city):
    outlet, cut, dateline = wire_credit(paragraph)
    assert (outlet.name, cut, dateline) == (name, text, city)


@pytest.mark.parametrize("paragraph", [
    "انطلقت اليوم الثلاثاء أعمال الاجتماع الوزاري للتحالف الدولي ضد تنظيم (داعش) الإرهابي",
    "دينا مصطفى (الكويت) أكد المتحدث",  # a byline, not a credit
    "الكويت اليوم: احتفالات واسعة",  # "اليوم" glued to a place is today, not the Saudi daily
    "وقال وزير الخارجية (الكويتي) إن",
    "ذكرت وكالة رويترز أن الاجتماع",
])
def test_not_wire_credit(paragraph):
    assert wire_credit(paragraph) is None


SELF = [
    ("وقال تك في تصريح خاص للاتحاد على هامش المؤتمر إن التحالف", "الاتحاد"),
    ("وقال الوزير المفوض خالد حسني لـ «كونا» إن الاجتماع ناقش", "كونا"),
    ("وقال مسؤول خليجي لـ«الشرق الأوسط» إن المحادثات مستمرة", "الشرق الأوسط"),
    ("وأوضح لـ«القبس» أن المشروع سيبدأ", "القبس"),
    ("وأكد في حديث خاص لهسبريس أن الحكومة", "هسبريس"),
]


@pytest.mark.parametrize("sentence,name", SELF)
def test_self_reference(sentence, name):
    f = find_outlet(head=[], body=["مقدمة الخبر.", sentence], tail=[])
    assert (f.value, f.kind) == (name, "inferred")


@pytest.mark.parametrize("sentence", [
    "وقدم طلبا للاتحاد الأوروبي من أجل الانضمام",  # the union, not the paper
    "وانضم اللاعب لـ«الاتحاد» الموسم الماضي",  # the club: no speech around it
    "ونقلت صحيفة «نيويورك تايمز» عن مسؤولين",  # quoting another paper
])
def test_no_self_reference(sentence):
    assert find_outlet(head=[], body=[sentence], tail=[]).value is None


def test_footer_wins_over_wire_credit():
    f = find_outlet(head=["عنوان"], body=["القاهرة - أ ش أ: أكد الوزير أن", "وأضاف."],
                    tail=["جميع الحقوق محفوظة لموقع مصراوي 2024"])
    assert (f.value, f.kind) == ("مصراوي", "printed")
    assert "أ ش أ" in f.basis


def test_wire_credit_wins_over_self_reference():
    f = find_outlet(head=[], body=["(كونا) -- قال مسؤول لـ«الشرق الأوسط» إن"], tail=[])
    assert (f.value, f.kind, f.rule) == ("كونا", "printed", "wire-credit")
    assert "الشرق الأوسط" in f.basis


def test_ambiguous_name_keeps_candidates():
    m = outlet_line("حقوق النشر محفوظة لجريدة الوطن")
    assert m.name == "الوطن" and len(m.candidates) >= 3


def test_unknown_has_reason():
    f = find_outlet(head=["عنوان"], body=["نص عادي لا يذكر أحدا."], tail=["أضف تعليقك"])
    assert f.value is None and f.kind == "unknown" and f.basis


# ---------------------------------------------------------------------------------------------- seeds
def _split(text: str):
    """Head, body and tail of a seed as a cleaner would give them (good enough for outlets)."""
    lines = text.split("\n")
    first = next(i for i, l in enumerate(lines) if re.search(r'[.!؟»"”]\s*$', l.strip()) or len(l) > 200)
    last = max(i for i, l in enumerate(lines) if len(l.strip()) >= 80)
    return lines[:first], [l for l in lines[first:last + 1] if l.strip()], lines[last + 1:]


TRUTH_ARTICLES = yaml.safe_load(TRUTH.read_text(encoding="utf-8"))["articles"] if TRUTH.exists() else {}


# ../shared is beside the checkout in CI; without it these tests fail rather than skip.
@pytest.mark.parametrize("stem", sorted(TRUTH_ARTICLES))
def test_seed_outlet(stem):
    head, body, tail = _split((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
    f = find_outlet(head=head, body=body, tail=tail)
    assert f.value == TRUTH_ARTICLES[stem]["outlet"]
    assert f.kind == ("inferred" if stem.startswith("002") else "printed")
    assert f.basis and f.evidence


# ---------------------------------------------------------------------------------------------- the data
def test_gazetteer_size_and_unique_ids():
    g = gazetteer()
    assert len(g.outlets) >= 150
    ids = [o.id for o in g.outlets]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_aliases_unique_unless_declared_ambiguous():
    doc = yaml.safe_load((Path(rules.SHIPPED_DIR) / "outlets.yaml").read_text(encoding="utf-8"))
    declared = {name_key(a["name"]): set(a["ids"]) for a in doc.get("ambiguous", [])}
    owners: dict[str, set] = {}
    for o in doc["outlets"]:
        for text in {o["name"], *o.get("aliases", []), *o.get("credit_only", [])}:
            owners.setdefault(name_key(text), set()).add(o["id"])
    for key, ids in owners.items():
        if len(ids) > 1:
            assert ids <= declared.get(key, set()), f"{key}: {ids} shared but not declared ambiguous"


def test_every_arab_country_has_outlets():
    countries = {o.country for o in gazetteer().outlets}
    arab = "SA KW AE QA BH OM YE IQ JO LB SY PS EG LY TN DZ MA SD MR".split()
    assert not [c for c in arab if c not in countries]


@pytest.fixture
def extra_rules(tmp_path):
    yield tmp_path
    rules.set_extra_dirs([])


def test_extra_rules_folder_adds_an_outlet(extra_rules):
    assert outlet_line("صدى الأطلس") is None
    (extra_rules / "outlets.yaml").write_text(
        "outlets:\n"
        "  - {id: sada-atlas, name: صدى الأطلس, aliases: [وكالة صدى الأطلس, SADA], kind: agency, country: MA}\n",
        encoding="utf-8")
    rules.set_extra_dirs([extra_rules])
    assert outlet_line("صدى الأطلس").id == "sada-atlas"
    outlet, cut, city = wire_credit("مراكش - صدى الأطلس - أعلنت السلطات")
    assert (outlet.name, cut, city) == ("صدى الأطلس", "مراكش - صدى الأطلس -", "مراكش")
    f = find_outlet(head=[], body=["نص."], tail=["جميع الحقوق محفوظة لوكالة صدى الأطلس 2025"])
    assert f.value == "صدى الأطلس"


def test_extra_rules_undeclared_shared_alias_is_refused(extra_rules):
    (extra_rules / "outlets.yaml").write_text(
        "outlets:\n  - {id: another-okaz, name: عكاظ, aliases: [], kind: site, country: SA}\n", encoding="utf-8")
    rules.set_extra_dirs([extra_rules])
    with pytest.raises(rules.RulesError) as err:
        gazetteer()
    assert "ambiguous" in str(err.value)


def test_bad_entry_is_reported_with_file_and_key(extra_rules):
    (extra_rules / "outlets.yaml").write_text(
        "outlets:\n  - {id: Bad_Id, name: س, kind: blog, country: xx, signatures: ['(']}\n", encoding="utf-8")
    rules.set_extra_dirs([extra_rules])
    with pytest.raises(rules.RulesError) as err:
        gazetteer()
    text = str(err.value)
    assert all(k in text for k in (".id", ".kind", ".country", "signatures[0]"))
