"""Bylines: who wrote an article (author), where it was filed (dateline) and who is credited (wires, desks).

A byline is a short run of parts split by dashes, colons, slashes, parentheses or quotes. Each part is a
place (rules/places.yaml), an outlet (rules/outlets.yaml), a credit word, an author word, a date fragment or
a person's name (rules/bylines.yaml). A run is a byline only in the combinations listed in `_decide`;
anything else, and any part that is none of these, means "not a byline": a body sentence has verbs,
function words or office nouns that no name carries.

Reading the parts lives in byline_parts.py, person names and the word lists in names.py; this module decides
which runs are bylines and where one opening a paragraph ends, and is the API (names.py's too, re-exported).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from .byline_parts import _CLOSERS, _MAX_PREFIX, _TOKEN, Item, _items
from .names import BylineRules, byline_rules, clear_name, is_place, person_name
from .outlet_names import OutletMatch, _match, gazetteer, lookup, name_key, rules_memo, tidy

__all__ = ["Byline", "BylineRules", "byline_line", "byline_prefix", "byline_rules", "clear_name", "is_place",
           "parse_credit", "person_name", "split_title_author"]


@dataclass(frozen=True)
class Byline:
    author: Optional[str]
    dateline: Optional[str]
    credit: Optional[str]  # agency, "وكالات", "متابعات", the outlet's own desk: not an author
    text: str  # exactly the prefix or line that was recognised (stripped), so the caller can cut it
    rule: str
    photo: Optional[str] = None  # who is credited for the photos ("تصوير - سليمان وهيب"): never the author


# ---------------------------------------------------------------------------------------------- decisions
@dataclass(frozen=True)
class _Reading:
    author: Optional[str]
    dateline: Optional[str]
    credit: Optional[str]
    outlet: Optional[OutletMatch]
    rule: str
    photo: Optional[str] = None


def _join(items: list[Item]) -> Optional[str]:
    return "، ".join(i.text for i in items) or None


def _decide(items: list[Item], delims: int, *, line: bool, closed: bool = True) -> Optional[_Reading]:
    """Which runs of items are bylines (see `_decide_parts`); a photo credit ("تصوير - فلان") is set apart first:
    alone it is a byline line with no author, beside a byline it is recorded with it."""
    roles = [i for i in items if i.kind == "role"]
    photos = [i for i in items if i.kind == "photo"]
    if not roles and not photos:
        return _decide_parts(items, delims, line=line, closed=closed)
    if any(i.kind == "role" and (k + 1 >= len(items) or items[k + 1].kind != "photo") for k, i in enumerate(items)):
        return None  # a role with no one after it
    if not (line or closed):
        return None
    rest = [i for i in items if i.kind not in ("role", "photo")]
    photo = _join(photos)
    if not rest:
        return _Reading(None, None, None, None, "byline-photo-credit", photo)
    reading = _decide_parts(rest, delims, line=line, closed=True)
    return replace(reading, photo=photo) if reading else None


def _decide_parts(items: list[Item], delims: int, *, line: bool, closed: bool = True) -> Optional[_Reading]:
    """Which runs of items are bylines. `line`: the run is a whole line (not the start of a paragraph);
    `closed`: it ends with a dash or colon (a paragraph's "«المدينة» تواصلت" is the paper as subject)."""
    kinds = [i.kind for i in items]
    if not items:
        return None
    r = byline_rules()
    if (line and kinds[0] == "author" and items[0].alone and name_key(items[0].text) in r.label_words and len(items) > 1
            and all(k in ("bad", "unknown") for k in kinds[1:]) and sum(len(i.text.split()) for i in items[1:]) <= 14):
        # "اعداد: إدارة المسؤولية الاجتماعية بمستشفى ...": a department prepared it; no person to name
        return _Reading(None, None, _join(items[1:]), None, "byline-label")
    if "bad" in kinds:
        return None
    of = {k: [i for i in items if i.kind == k] for k in ("place", "outlet", "credit", "author", "date", "unknown", "desk")}
    names = [i for i in items if i.kind in ("name!", "name", "name?")]
    places, outlets, unknowns = of["place"], of["outlet"], of["unknown"]
    credits = [i for i in items if i.kind in ("credit", "desk")]
    if of["desk"] and not (places or outlets or names or of["credit"] or of["author"]):
        return None  # "المحليات" alone is a navigation label
    if of["date"] and not outlets:
        return None
    for o in outlets:  # a name that is also a common word ("اليوم") is an outlet only when set apart
        if lookup(o.text, credit=True)[0].bare == "no" and not o.alone:
            return None
    outlet = _match(lookup(outlets[0].text, credit=True), "wire-credit", outlets[0].text) if outlets else None
    credit = _join(outlets + credits)
    if of["author"]:
        if unknowns or not (names or credits or outlets):
            return None
        if not line and not all(a.alone for a in of["author"]):
            return None  # in a paragraph only "كتب: فلان -"; "كتب بورخس قصة" is a sentence
        return _Reading(_join(names), _join(places), credit, outlet, "byline-author-word")
    if unknowns and outlets and items[-1] is unknowns[0] and items[-2].kind == "outlet" and len(unknowns) == 1 and (
            not places):
        # "ا ف ب - كاليفورنيا", "محمد الزهراني- سبق- المخواة:": the place after the credit
        if lookup(items[-2].text, credit=True)[0].bare == "no" and not names:
            return None
        places, unknowns = places + [unknowns[0]], []
    if names:
        if unknowns and (not line or places or outlets or credits or len(names) > 1):
            return None
        if len(names) > 1:
            # several reporters: "سعيد المعبدي - ممدوح العويضي - جدة", "صنعاء: عرفات مدابش - عدن: محمد علي محسن"
            if not (line or closed) or not all(n.kind != "name?" for n in names) and not places:
                return None
            if not places and not all(n.kind == "name!" or clear_name(n.text) for n in names):
                return None
            rule = "byline-names-place" if places else "byline-names"
            return _Reading(_join(names), _join(places), credit, outlet, rule)
        if places or outlets or credits:
            if names[0].kind == "name?" and not places and not credits and all(
                    lookup(o.text, credit=True)[0].kind == "agency" for o in outlets):
                # "نيو مكسيكو - رويترز": an unlisted two-word place reads like a name; say neither
                return _Reading(None, None, credit, outlet, "byline-wire-credit")
            return _Reading(names[0].text, _join(places), credit, outlet, "byline-name-place" if places
                            else "byline-name-credit")
        # A line that is only a name, or a name and its colon ("طارق محيي:"): sure names, or clear ones.
        trailing = delims == 1 and all(i.part == 0 for i in items)
        sure = names[0].kind == "name!" or names[0].kind == "name" and clear_name(names[0].text)
        if line and sure and (delims == 0 or trailing or unknowns and items[0] is unknowns[0]) and len(
                unknowns) <= 1:  # "محمد الـــعلي", "المجمعة - عبدالعزيز الصالح" (a place we do not list)
            return _Reading(names[0].text, None, None, None, "byline-name-line")
        return None
    if outlets or credits:
        first = kinds.index(next(k for k in kinds if k in ("outlet", "credit", "desk")))
        if len(unknowns) > 1 or unknowns and not (kinds.index("unknown") < first or unknowns[0].paren):
            return None
        if unknowns and any(lookup(o.text, credit=True)[0].bare == "no" for o in outlets):
            return None  # "وانضم اللاعب لـ«الاتحاد»": a common-word outlet needs a known place
        if not delims and not places and (outlets or len(items) > 1):
            return None  # an outlet's name alone is a signature (outlets.outlet_line), not a byline
        if not (line or closed or places):
            return None
        dateline = _join(places) or (unknowns[0].text if unknowns else None)
        return _Reading(None, dateline, credit, outlet, "byline-wire-credit" if outlets else "byline-credit")
    if places and not unknowns and delims and (line or closed):
        return _Reading(None, _join(places), None, None, "byline-dateline")
    return None


# ---------------------------------------------------------------------------------------------- prefixes
_RUN = re.compile(r"[\s\-–—:]*")  # what follows a closing delimiter and belongs to the byline


def _tokens(text: str, stop: int) -> list[tuple[int, int, str]]:
    """(start, end, key) of the words of `text` that start before `stop`, and the two words after them."""
    out = []
    extra = 2
    for m in _TOKEN.finditer(text):
        if m.start() >= stop:
            if not extra:
                break
            extra -= 1
        out.append((m.start(), m.end(), name_key(m.group())))
    return out


def _prefix_ends(text: str, tokens: list[tuple[int, int, str]]) -> list[int]:
    """Where a byline opening `text` may end: after a closing delimiter (and the spaces and dashes that
    follow it), or right after an agency's name ("... م واس رعى"). Longest first. `tokens`: _tokens(text)."""
    head = text[:_MAX_PREFIX]
    ends = set()
    for m in _CLOSERS.finditer(head):
        ends.add(_RUN.match(text, m.end()).end())
    g = gazetteer()
    for i, (start, _, key) in enumerate(tokens):
        if start >= len(head):
            break
        # One to three words with only spaces between them; the key of a phrase is the keys of its words.
        for j in range(i, min(i + 3, len(tokens))):
            if j > i:
                if not text[tokens[j - 1][1]:tokens[j][0]].isspace():
                    break
                key += tokens[j][2]
            if key not in g.credit_prefixes:
                break
            if any(o.kind == "agency" and o.bare == "yes" for o in g.credits.get(key, ())):
                ends.add(tokens[j][1])
    return sorted(ends, reverse=True)


def _may_name_outlet(tokens: list[tuple[int, int, str]]) -> bool:
    """Whether some run of `tokens` (_tokens of a paragraph) is an outlet's name or credit alias: without one,
    no reading of a prefix can credit an outlet. Every prefix a reading is tried on ends within these words; every
    part and phrase it looks up is a run of them (they are split at every delimiter, comma and space a reading
    splits at), and the key of a run is the keys of its words."""
    g = gazetteer()
    for i in range(len(tokens)):
        key = ""
        for _, _, k in tokens[i:]:
            key += k
            if key in g.credits:
                return True
            if key not in g.credit_prefixes:
                break
    return False


@rules_memo(4096)
def _reading(text: str, line: bool, closed: bool) -> Optional[_Reading]:
    items, delims = _items(text)
    return _decide(items, delims, line=line, closed=closed)


def _read_prefix(paragraph: str, want, *, whole: bool, outlet: bool = False) -> Optional[tuple[_Reading, str]]:
    """The longest byline opening `paragraph` that `want` accepts; `whole`: it may be all of it; `outlet`:
    `want` accepts only readings that credit an outlet."""
    text = paragraph.strip()
    tokens = _tokens(text, _MAX_PREFIX)
    if outlet and not _may_name_outlet(tokens):
        return None
    ends = _prefix_ends(text, tokens)
    if whole and len(text) <= _MAX_PREFIX:
        ends.insert(0, len(text))
    for end in ends:
        if end >= len(text) and not whole:
            continue
        closed = bool(re.search(r"(?:[-–—:：]|(?<!\S)ـ+)\s*$", text[:end]))
        reading = _reading(text[:end], end == len(text), closed)
        if reading and want(reading):
            return reading, text[:end].strip()
    return None


# ---------------------------------------------------------------------------------------------- API
def parse_credit(paragraph: str) -> Optional[tuple[OutletMatch, str, Optional[str]]]:
    """A wire credit opening a paragraph (see wire_credit)."""
    found = _read_prefix(paragraph, lambda r: r.outlet is not None and r.author is None, whole=True, outlet=True)
    if not found:
        return None
    reading, text = found
    return replace(reading.outlet, evidence=text), text, reading.dateline


def byline_line(line: str) -> Optional[Byline]:
    """A whole line that is a byline: "كتب: أحمد علي", "بيروت: نذير رضا", "دينا مصطفى (الكويت)",
    "القاهرة - وكالات", "(صنعاء) -", "محمد الـــعلي"."""
    text = line.strip()
    if not text or len(text) > _MAX_PREFIX:
        return None
    reading = _reading(text, True, True)
    if not reading:
        return None
    return Byline(reading.author, reading.dateline, reading.credit, text, reading.rule, reading.photo)


def byline_prefix(paragraph: str) -> Optional[Byline]:
    """A byline opening a body paragraph: "دينا مصطفى (الكويت) أكد ..." -> دينا مصطفى, الكويت,
    text "دينا مصطفى (الكويت)". Something must follow it: a paragraph that is only a byline is a line."""
    found = _read_prefix(paragraph, lambda r: True, whole=False)
    if not found:
        return None
    reading, text = found
    return Byline(reading.author, reading.dateline, reading.credit, text, reading.rule, reading.photo)


_PAREN_AUTHOR = re.compile(r"^(?P<title>.{6,}?)\s*[(\[]\s*(?P<inner>[^()\[\]]{3,60})\s*[)\]]\s*$")
_DASH_AUTHOR = re.compile(r"^(?P<title>.{10,}?)\s+[-–—]\s+(?P<inner>[^-–—]{3,60})$")


def split_title_author(title: str) -> tuple[str, Optional[str]]:
    """A title carrying its author at the end: "عنوان المقال (بقلم فلان)", "عنوان - د. فلان الفلاني".
    Only when the end reads as a person's name: not "(داعش)", not a place, not a number."""
    text = tidy(title)
    for pattern, need_strong in ((_PAREN_AUTHOR, False), (_DASH_AUTHOR, True)):
        m = pattern.match(text)
        if not m:
            continue
        inner = m.group("inner").strip()
        words = inner.replace(":", " : ").split()
        r = byline_rules()
        n = next((n for n in (3, 2, 1) if len(words) > n and name_key(" ".join(words[:n])) in r.author_words), 0)
        rest = " ".join(w for w in words[n:] if w != ":")
        if is_place(rest) or lookup(rest, credit=True):
            continue
        name = person_name(rest, loose=bool(n) and not need_strong)
        if name and (name[1] in ("full", "strong") or n and not need_strong):
            return m.group("title").strip(), name[0]
    return title, None


def wire_credit(paragraph: str) -> Optional[tuple[OutletMatch, str, Optional[str]]]:
    """A credit opening a paragraph: (outlet, the credit text to cut, dateline city or None).
    "(كونا) -- تنطلق..." -> (كونا, "(كونا) --", None); "الرياض - واس - أكد..." -> (واس, "الرياض - واس -", "الرياض")."""
    return parse_credit(paragraph)
