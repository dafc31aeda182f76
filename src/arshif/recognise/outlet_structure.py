"""Outlets the gazetteer has never heard of, read from where a page prints its own name (issue 12).

A site names itself in a few fixed places, whatever the name is: the copyright line ("© X 2024", "جميع الحقوق
محفوظة لـX"), its masthead and notices ("جريدة X بتاريخ ...", "يرحب موقع X بتعليقات القراء"), a dateline
credit opening the body ("الرياض - X:"), the body speaking to it ("قال مصدر لـ«X» إن"), or a one-word line
under the headline. Each reader returns the name as printed, or None; extract/outlet.py weighs them (a
gazetteer match beats any of these; a copyright or masthead line beats a credit, a credit beats a name line,
and a self-reference is the weakest).
"""
from __future__ import annotations

import re
from typing import Optional

from .names import is_place, person_name
from .outlets import _COPYRIGHT, _RIGHTS
from .outlet_names import tidy

_QUALIFIERS = ("صحيفة", "جريدة", "موقع", "بوابة", "شبكة", "مجلة", "وكالة", "قناة")
_QUALIFIER_RE = "|".join(_QUALIFIERS)
# What ends a name after its qualifier: a description or date word of the site itself, or an ordinary word.
_DESCRIPTORS = frozenset(("بتاريخ", "الإلكتروني", "الالكتروني", "الإلكترونية", "الالكترونية", "الإخباري", "الاخباري",
                          "الإخبارية", "الاخبارية", "اليومية", "اليومي", "الأسبوعية", "بتعليقات", "ملفات", "العدد"))
_STOPS = frozenset(("على", "في", "من", "عن", "إلى", "الى", "أي", "كل", "جميع", "وجميع", "لا", "غير", "يرحب", "يستخدم",
                    "تستخدم", "ترحب", "هو", "هي"))
_NAME_ENDS = _DESCRIPTORS | _STOPS
_LEAD = re.compile(rf"(?:^|[\s(«\"“])(?:ل|لـ)?(?P<q>{_QUALIFIER_RE})\s+(?P<rest>[^\d\n]{{2,80}})")
_WORD_EDGE = "«»\"“”'()[]،,.:؛;!؟?-–—|©"
_MAX_NAME_WORDS = 3
# "قال مصدر لـ«X» إن", "في تصريح خاص لـ«X»": a quoted name after ل, in a speech frame.
_SELF_REF = re.compile(r"(?:لـ|ل)\s*«(?P<name>[^«»\d]{2,30})»")
_SPEECH = re.compile(r"(?:قال|قالت|أكد|أكدت|أوضح|أوضحت|صرح|صرحت|كشف|كشفت|أضاف|أضافت|ذكر|ذكرت|أفاد|أفادت|تصريح|تصريحات|حديث|"
                     r"خاص|خاصة|وقال|وأكد|وأوضح|وكشف|وأضاف)(?![\u0600-\u06ff])")
_COMPLEMENT = re.compile(r"^\s*(?:،\s*)?(?:إن|ان|إنه|انه|أن|أنه|بأن|:)(?![\u0600-\u06ff])")
_CREDIT = re.compile(r"^(?P<city>[^\d\-–—:]{2,30}?)\s*[-–—]\s*(?P<name>[^\d\-–—:]{2,40}?)\s*[:\-–—]\s+(?=\S)")


def _clean_name(words: list[str]) -> Optional[str]:
    out: list[str] = []
    for w in words:
        bare = w.strip(_WORD_EDGE)
        if not bare or bare in _NAME_ENDS or bare.isdigit() or not any("\u0621" <= ch <= "\u064a" or ch.isalpha() for ch in bare):
            break
        out.append(bare)
        if w != bare and w.rstrip(_WORD_EDGE) != w:
            break  # punctuation after the word ends the name
        if len(out) == _MAX_NAME_WORDS:
            break
    return " ".join(out) or None


def copyright_name(line: str) -> Optional[str]:
    """The owner named by a copyright line: "© نبض المدينة 2015", "جميع الحقوق محفوظة لـصدى الساحل 2015"."""
    text = tidy(line.replace("لـ", "ل "))  # "لـX": the preposition glued with a tatweel
    if len(text) > 120:
        return None
    rights = _RIGHTS.match(text)
    m = rights or _COPYRIGHT.match(text)
    if not m:
        return None
    words = re.sub(r"[©®]|\(c\)|[0-9٠-٩]{4}", " ", m.group("rest")).split()
    if words and words[0] in ("لـ", "ل"):
        words = words[1:]
    elif rights and words and words[0].startswith("ل") and not words[0].startswith("لل") and len(words[0]) > 3 \
            and words[0][1:] not in _QUALIFIERS and words[0][1:] != "ـ":
        words[0] = words[0][1:]  # "محفوظة لصدى الساحل": after محفوظة, ل is the preposition
    if words and words[0].startswith("لـ"):
        words[0] = words[0][2:]
    elif words and words[0].startswith("ل") and words[0][1:] in _QUALIFIERS:
        words[0] = words[0][1:]
    if words and words[0] in _QUALIFIERS:
        words = words[1:]
    if words and words[0].startswith("لل"):
        words[0] = "ا" + words[0][1:]  # "للنهار" -> "النهار"
    if not words or len(words) > 4 or words[0] in ("جميع", "كل", "الحقوق"):
        return None
    return _clean_name(words)


def qualified_name(line: str) -> Optional[str]:
    """A site naming itself with its kind: "جريدة مرآة الخليج بتاريخ ...", "يرحب موقع الميزان بتعليقات القراء"."""
    text = tidy(line)
    if len(text) > 200:
        return None
    m = _LEAD.search(text)
    if not m:
        return None
    words = m.group("rest").split()
    name = _clean_name(words)
    if name is None or is_place(name) or _is_person(name):
        return None
    if m.start("q") > 0:
        # Inside a sentence ("زار الوفد موقع الحادث في جدة") the qualifier is a common noun, unless the site's
        # own description follows the name ("يستخدم موقع X ملفات ...", "يرحب موقع X بتعليقات القراء").
        after = words[len(name.split())] if len(words) > len(name.split()) else ""
        if after.strip(_WORD_EDGE) not in _DESCRIPTORS:
            return None
    return name


def _is_person(name: str) -> bool:
    found = person_name(name)
    return found is not None and found[1] != "weak"  # "weak": any "X الY" reads so; a site name often does


def credit_name(paragraph: str) -> Optional[tuple[str, str, str]]:
    """A dateline credit opening the body with an unknown name: "أبها - البوصلة: ..." -> (name, credit, city)."""
    m = _CREDIT.match(paragraph[:80])
    if not m:
        return None
    city, name = tidy(m.group("city")), tidy(m.group("name"))
    if not is_place(city) or len(name.split()) > _MAX_NAME_WORDS or is_place(name) or _is_person(name):
        return None
    return name, m.group().rstrip(), city


def self_reference_names(text: str) -> list[tuple[str, str]]:
    """(name, evidence) for each "لـ«X»" in a speech frame: "وقال مصدر مطلع لـ«أنباء الواحة» إن"."""
    found = []
    for m in _SELF_REF.finditer(text):
        before = " ".join(text[max(0, m.start() - 60):m.start()].split()[-6:])
        if _SPEECH.search(before) and _COMPLEMENT.match(text[m.end():m.end() + 12]):
            name = tidy(m.group("name"))
            if len(name.split()) <= _MAX_NAME_WORDS and not _is_person(name):
                found.append((name, tidy(text[m.start():m.end()])))
    return found


def name_line(line: str) -> Optional[str]:
    """A short line of its own under the headline that can be the outlet's name (one to three words, no digits)."""
    text = tidy(line).strip(_WORD_EDGE + " ")
    words = text.split()
    if not 1 <= len(words) <= 2 or any(ch.isdigit() for ch in text) or _is_person(text) or is_place(text):
        return None
    return text
