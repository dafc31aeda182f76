"""Bylines: who wrote an article (author), where it was filed (dateline) and who is credited (wires, desks).

A byline is a short run of parts split by dashes, colons, slashes, parentheses or quotes. Each part is a
place (rules/places.yaml), an outlet (rules/outlets.yaml), a credit word, an author word, a date fragment or
a person's name (rules/bylines.yaml). A run is a byline only in the combinations listed in `_decide`;
anything else, and any part that is none of these, means "not a byline": a body sentence has verbs,
function words or office nouns that no name carries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from ..rules import Problem, RulesError, cached_rules, load_yaml_files
from .outlets import _TASHKEEL, OutletMatch, _match, lookup, name_key, tidy


@dataclass(frozen=True)
class Byline:
    author: Optional[str]
    dateline: Optional[str]
    credit: Optional[str]  # agency, "وكالات", "متابعات", the outlet's own desk: not an author
    text: str  # exactly the prefix or line that was recognised (stripped), so the caller can cut it
    rule: str
    photo: Optional[str] = None  # who is credited for the photos ("تصوير - سليمان وهيب"): never the author


# ---------------------------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class BylineRules:
    author_words: frozenset
    other_roles: frozenset
    credit_words: frozenset
    credit_prefixes: frozenset
    titles: frozenset
    not_name: frozenset
    not_openers: frozenset
    particles: frozenset
    given: frozenset
    date_words: frozenset
    places: frozenset
    longest: int  # most words in a place or credit phrase
    label_words: frozenset = frozenset()
    desk_words: frozenset = frozenset()


_LISTS = ("author_words", "label_words", "other_roles", "credit_words", "desk_words", "dateline_words", "credit_prefixes",
          "titles", "not_name_words", "not_name_openers", "name_particles", "given_names", "date_words")


@cached_rules
def byline_rules() -> BylineRules:
    problems: list[Problem] = []
    lists: dict[str, set] = {k: set() for k in _LISTS}
    places: set[str] = set()
    longest = 1
    for file, doc in load_yaml_files("bylines.yaml"):
        if not isinstance(doc, dict):
            problems.append(Problem(file, "-", "must be a mapping"))
            continue
        for key, value in doc.items():
            if key not in lists:
                problems.append(Problem(file, key, f"unknown key (expected one of {', '.join(_LISTS)})"))
            elif not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(Problem(file, key, "must be a list of non-empty strings"))
            else:
                lists[key].update(name_key(v, maqsura=key.startswith("not_name")) for v in value)
                longest = max([longest, *(len(v.split()) for v in value)])
    for file, doc in load_yaml_files("places.yaml"):
        table = doc.get("places") if isinstance(doc, dict) else None
        if not isinstance(table, dict):
            problems.append(Problem(file, "places", "must be a mapping of country code to a list of names"))
            continue
        for code, names in table.items():
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2}", code):
                problems.append(Problem(file, f"places.{code}", "must be an ISO 3166 code such as KW"))
            if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
                problems.append(Problem(file, f"places.{code}", "must be a list of non-empty strings"))
                continue
            places.update(name_key(n) for n in names)
            longest = max([longest, *(len(n.split()) for n in names)])
    if problems:
        raise RulesError(problems)
    places.update(lists["dateline_words"])  # "عواصم": a dateline that is no one place
    return BylineRules(
        frozenset(lists["author_words"]), frozenset(lists["other_roles"]), frozenset(lists["credit_words"]), frozenset(lists["credit_prefixes"]),
        frozenset(lists["titles"]),
        frozenset(lists["not_name_words"]), frozenset(lists["not_name_openers"]), frozenset(lists["name_particles"]), frozenset(lists["given_names"]),
        frozenset(lists["date_words"]), frozenset(places), longest, frozenset(lists["label_words"]), frozenset(lists["desk_words"]))


def is_place(text: str) -> bool:
    return name_key(text) in byline_rules().places


# ---------------------------------------------------------------------------------------------- parts
# Delimiters between parts. A tatweel run standing alone is a dash ("محمد الشريف ـ القاهرة"); inside a word
# it is decoration ("جـدة"). The comma is not one: it joins names or places of one part.
_DELIM = re.compile(r"--+|[-–—_]|(?<!\S)ـ+(?!\S)|[:：/|()«»\"“”{}]")
_CLOSERS = re.compile(r"(?:--+|[-–—:：/|)»\"”}]|(?<!\S)ـ+(?!\S))")
_LETTERS = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+|[A-Za-z][A-Za-z'’-]*")
_DIGITS = re.compile(r"^[0-9٠-٩]{1,4}$")
_TOKEN = re.compile(r"[^\s\-–—_:：/|()«»\"“”{}،,]+")
_MAX_PREFIX = 110  # characters: a byline is short


_NAME_KIND = {"full": "name!", "strong": "name", "weak": "name?"}


@dataclass(frozen=True)
class Item:
    kind: str  # place | outlet | credit | author | role | date | name | name? (not sure) | unknown | bad
    text: str
    paren: bool  # inside parentheses (or quotes)
    part: int  # index of the part it came from
    alone: bool = True  # the whole part (delimited on both sides)


def _plain(text: str) -> str:
    """Text as a name is compared: tidy, without diacritics ("العلوْيط", "محمد رُضا")."""
    return _TASHKEEL.sub("", tidy(text))


def _words(text: str) -> list[str]:
    return _plain(text).strip(" ،,.*•").split()


def _is_date(words: list[str]) -> bool:
    r = byline_rules()
    return bool(words) and all(_DIGITS.match(w) or name_key(w) in r.date_words for w in words) and any(
        _DIGITS.match(w) or name_key(w) not in ("في", "م", "ه", "هـ") for w in words)


_GLUED = ("ابو", "عبد", "بو", "ال")  # particles written glued: "أبوالمكارم", "عبدالله", "بوعائشة"


def person_name(text: str, *, loose: bool = False) -> Optional[tuple[str, str]]:
    """(the name, how sure) when `text` reads as one or more person names ("أحمد الدوسري، عادل القرني").
    How sure: "full" when it opens with a title or a known given name and every later word is a family name
    with the article, a given name or a particle ("محمد العلي", "فيصل بن خالد"); "strong" when it opens with a
    title or given name or holds a particle; "weak" when it only ends in a family name ("حجب العصيمي").
    Anything else (a headline, a sentence) is None. `loose`: after an author word one word is enough."""
    r = byline_rules()
    items = [i for i in re.split(r"\s*[،,]\s*", _plain(text).strip(" ،,.*•")) if i]
    if not items:
        return None
    levels = []
    for item in items:
        words = item.split()
        lead = 0
        while lead < len(words) - 1 and name_key(" ".join(words[:lead + 1])) in r.titles:
            lead += 1
        if lead == 0 and len(words) > 2 and name_key(" ".join(words[:2])) in r.titles:
            lead = 2
        core = words[lead:]
        keys = [name_key(w) for w in core]
        plain = [k for k in keys if k not in r.particles]
        if not (1 if loose else 2) <= len(core) or not 1 <= len(plain) <= 4:
            return None
        if not all(len(w) > 1 and _LETTERS.fullmatch(w) for w in (c.replace("\u0640", "") for c in core)):
            return None  # letters only, no lone letter ("وانضم اللاعب لـ«...»")
        if any(name_key(w, maqsura=True) in r.not_name and not (i and name_key(core[i - 1]) in r.particles)
               for i, w in enumerate(core)):
            return None  # a function word or a verb; after a particle it is a name ("حمود أبو طالب")
        first = keys[0]
        if name_key(core[0], maqsura=True) in r.not_openers:
            return None  # "الوزير فلان": the subject of a sentence
        if first.startswith("ال") and first not in r.given and not lead:
            return None  # "المتحدث ...": a name does not open with the article
        if first[:1] in ("و", "ف") and first not in r.given and (
                len(first) <= 3 or name_key(core[0][1:], maqsura=True) in r.not_name
                or first[1:] in r.author_words or first[1:] in r.other_roles):
            return None  # "وقال", "فقد", "وتصوير": a conjunction opens a sentence ("فريح" is a name)
        for i, k in enumerate(keys[1:], 1):
            if k in r.given or k in r.particles or keys[i - 1] in r.particles or k.startswith(_GLUED):
                continue
            if k[:1] == "ل" and len(k) >= 5 or k[:1] in ("ي", "ت") and 4 <= len(k) <= 5:
                return None  # "رئيسا لتحرير", "آل الشيخ يزور": a preposition or a verb, not a name
        opens = bool(lead) or first in r.given or first.startswith(_GLUED[:2])
        later = all(k.startswith(_GLUED) or k in r.given or k in r.particles or keys[i] in r.particles
                    for i, k in enumerate(keys[1:]))
        if opens and later:
            levels.append("full")
        elif opens or any(k in r.particles for k in keys[1:]):
            levels.append("strong")
        elif first[:1] in ("ي", "ت") and len(first) <= 4 and not loose:
            return None  # "تعد الفرسان", "يعود الهلال": an imperfect verb opens a sentence
        elif loose or len(plain) <= 3 and all(k.startswith("ال") for k in keys[1:]) or len(keys) == 2 and (
                keys[1] in r.given):
            levels.append("weak")  # "حجب العصيمي", "نذير رضا" (a father's name)
        else:
            return None  # "انفجار قرب السفارة": no name shape at all
    level = min(levels, key=("weak", "strong", "full").index)
    return "، ".join(tidy(i) for i in items), "full" if "\u0640" in text and level == "strong" else level


def _phrase_kind(words: list[str]) -> Optional[str]:
    r = byline_rules()
    k = name_key(" ".join(words))
    if k in r.credit_words:
        return "credit"
    if k in r.author_words:
        return "author"
    if k in r.places or all(name_key(p) in r.places for p in re.split(r"\s*[،,]\s*", " ".join(words)) if p):
        return "place"
    if lookup(" ".join(words), credit=True):
        return "outlet"
    if k in r.desk_words:
        return "desk"
    return None


_PHOTO_WORDS = ("تصوير", "عدسه")


def _role_at(words: list[str]) -> int:
    """How many leading words of `words` are a role other than the author ("تصوير", "تدقيق لغوي"), or 0."""
    r = byline_rules()
    return next((n for n in (2, 1) if len(words) >= n and name_key(" ".join(words[:n])) in r.other_roles), 0)


def _classify(text: str, paren: bool, part: int, after: Optional[str] = None) -> list[Item]:
    """The items of one part; a part that is nothing known is one `bad` item. `after`: the kind of the item
    the part follows: after an author word ("بقلم: د. سعاد") or a role ("تصوير: فلان") one name word is enough,
    and after a role the name is the photo credit."""
    words = _words(text)
    if not words:
        return []
    if after == "role":
        kind = _phrase_kind(words)
        name = person_name(" ".join(words), loose=True) if not kind else None
        if kind == "outlet" or name:  # "تصوير: واس", "تصوير - سليمان وهيب"
            return [Item("photo", name[0] if name else " ".join(words), paren, part)]
    pieces = [p for p in re.split(r"\s*[،,]\s*", " ".join(words)) if p]
    if len(pieces) > 1 and not person_name(" ".join(words), loose=after == "author") and not _phrase_kind(words):
        # "الرياض، تحقيق", "اليوم، وكالات", "مسعود آل معيض، الوطن", "الوطن، واس": one part, several items
        items = []
        for piece in pieces:
            sub = _classify_words(piece.split(), paren, part, after == "author" and not items)
            if not sub or any(i.kind == "bad" for i in sub):
                break
            items.extend(sub)
        else:
            return items
    got = _classify_words(words, paren, part, after == "author")
    if len(got) == 1 and got[0].kind == "bad":
        n = next((n for n in (2, 1) if len(words) > n and name_key(" ".join(words[-n:])) in byline_rules().other_roles), 0)
        if n:  # "المدينة المنورة تصوير": the role opens the next part
            head = _classify_words(words[:-n], paren, part, after == "author")
            if head and "bad" not in [i.kind for i in head]:
                return [*head, Item("role", " ".join(words[-n:]), paren, part, False)]
    return got


def _classify_words(words: list[str], paren: bool, part: int, after_author: bool = False) -> list[Item]:
    whole = " ".join(words)
    kind = _phrase_kind(words)
    if kind:
        return [Item(kind, whole, paren, part)]
    r = byline_rules()
    if _is_date(words):
        return [Item("date", whole, paren, part)]
    n = _role_at(words)
    if n:  # "تصوير: فلان", "تصوير حسن إبراهيم": someone, but not the author
        if len(words) == n:
            return [Item("role", whole, paren, part)]
        # Without a delimiter only a photo word before a sure name: "صور اقتصادية", "تحرير عدن" are headlines.
        rest = person_name(" ".join(words[n:])) if name_key(words[0]) in _PHOTO_WORDS else None
        if rest and rest[1] in ("full", "strong"):
            return [Item("role", " ".join(words[:n]), paren, part, False), Item("photo", rest[0], paren, part)]
        return [Item("bad", whole, paren, part)]
    for n in (2, 1):  # "محرر الشؤون السياسية", "مكتب الجزيرة", "مراسلنا في بيروت"
        if len(words) > n and name_key(" ".join(words[:n])) in r.credit_prefixes:
            rest = [w for w in words[n:] if name_key(w) not in ("في", "ب", "ل")]
            if _phrase_kind(rest) in ("place", "outlet") or len(words) <= 4 and n == 2:
                return [Item("credit", whole, paren, part)]
    for n in (3, 2, 1):  # "بقلم د. سعاد", "كتب أحمد علي"
        if len(words) > n and name_key(" ".join(words[:n])) in r.author_words:
            rest = person_name(" ".join(words[n:]), loose=True)
            if rest and not (name_key(words[n])[:1] == "و" and name_key(words[n][1:]) in r.author_words):
                return [Item("author", " ".join(words[:n]), paren, part, False), Item("name", rest[0], paren, part)]
            return [Item("bad", whole, paren, part)]
    name = person_name(whole, loose=after_author)
    if name:
        return [Item(_NAME_KIND[name[1]], name[0], paren, part)]
    if words[0] == "من" and len(words) > 1 and is_place(" ".join(words[1:])):
        return [Item("place", " ".join(words[1:]), paren, part, False)]  # "«الاقتصادية» من الرياض"
    at = words.index("من") if "من" in words[1:-1] else 0  # "منال الأحمدي من جدة", "الاقتصادية الإلكترونية من الرياض"
    if at and is_place(" ".join(words[at + 1:])):
        name = person_name(" ".join(words[:at])) if at > 1 else None
        if name:
            return [Item(_NAME_KIND[name[1]], name[0], paren, part, False),
                    Item("place", " ".join(words[at + 1:]), paren, part, False)]
        if lookup(" ".join(words[:at]), credit=True):  # the shape sets the name apart: "اليوم" counts here
            return [Item("outlet", " ".join(words[:at]), paren, part),
                    Item("place", " ".join(words[at + 1:]), paren, part, False)]
    for n in range(min(r.longest, len(words) - 2), 0, -1):  # "الرياض أحمد غاوي": a place, then a sure name
        if is_place(" ".join(words[:n])):
            name = person_name(" ".join(words[n:]))
            if name and name[1] == "full":
                return [Item("place", " ".join(words[:n]), paren, part, False), Item("name!", name[0], paren, part, False)]
            break
    # A wire credit without delimiters: place, date, agency ("الرياض 05 رجب 1445 هـ ... م واس").
    words = [w.strip("،,") for w in words]
    items: list[Item] = []
    i = 0
    while i < len(words):
        for n in range(min(r.longest + 2, len(words) - i), 0, -1):
            kind = _phrase_kind(words[i:i + n])
            if kind in ("place", "outlet"):
                items.append(Item(kind, " ".join(words[i:i + n]), paren, part, False))
                i += n
                break
        else:
            j = i
            while j < len(words) and (_DIGITS.match(words[j]) or name_key(words[j]) in r.date_words):
                j += 1
            if j == i or not _is_date(words[i:j]):
                return [Item("bad", whole, paren, part)]
            items.append(Item("date", " ".join(words[i:j]), paren, part, False))
            i = j
    return items


def _unknown(words: list[str]) -> bool:
    """A short run that could be a place we do not list ("سالمون", "ناشفيل")."""
    r = byline_rules()
    words = [w.strip("،,") for w in words]
    return (1 <= len(words) <= 2 and words[0][:1] not in ("و", "ف")  # "وانضم": a conjunction opens a sentence
            and all(len(w) > 1 and _LETTERS.fullmatch(w) and name_key(w, maqsura=True) not in r.not_name
                    for w in words) and not any(w.startswith("ل") for w in words[1:]))  # "رئيسا لتحرير"


def _items(text: str) -> tuple[list[Item], int]:
    """The items of `text` and the number of delimiters in it."""
    items: list[Item] = []
    paren = False
    pos = part = delims = 0
    for m in [*_DELIM.finditer(text), None]:
        chunk = text[pos:m.start() if m else len(text)]
        got = _classify(chunk, paren, part, items[-1].kind if items and items[-1].kind in ("author", "role") else None)
        if len(got) == 1 and got[0].kind == "bad" and _unknown(_words(chunk)):
            got = [Item("unknown", got[0].text, paren, part)]
        items.extend(got)
        if m is None:
            break
        delims += 1
        part += 1
        pos = m.end()
        if m.group() in "(«“{":
            paren = True
        elif m.group() in ")»”}":
            paren = False
        elif m.group() == '"':
            paren = not paren
    return _resolve(items), delims


def _resolve(items: list[Item]) -> list[Item]:
    """Parts read in the light of their neighbours:
    - "سالمون (ولاية إيداهو)", "ناشفيل(تنيسي)": a parenthesised part right after a place is its region;
    - "الدوحة / قنا /": a name that is both a place (Qena) and an agency is the agency after a place."""
    out: list[Item] = []
    for item in items:
        if (item.paren and out and out[-1].kind in ("place", "unknown") and not out[-1].paren
                and (item.kind in ("name?", "unknown", "place") or item.kind == "bad" and len(item.text.split()) <= 3
                     and all(_LETTERS.fullmatch(w) for w in item.text.split()))
                and not lookup(item.text, credit=True)):
            continue
        if item.kind == "place" and any(o.kind == "place" for o in out) and any(
                o.kind == "agency" for o in lookup(item.text, credit=True)):
            item = Item("outlet", item.text, item.paren, item.part, item.alone)
        out.append(item)
    return out


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


def clear_name(text: str) -> bool:
    """A name read as "strong" (a given name, then a family name we do not list) that is also clearly a name on a
    line of its own: "محمد كركوتي", "إبراهيم علي نسيب", not "عبدالغني يعود للأخضر", "رمضان علمنا", "سارة وأزمة الحوار".
    Only the last word may be unknown, and it must not read as a verb, a conjunction or a word with a pronoun."""
    r = byline_rules()
    for item in (i for i in re.split(r"\s*[،,]\s*", _plain(text)) if i):
        words = item.split()
        lead = 0
        while lead < len(words) - 1 and name_key(" ".join(words[:lead + 1])) in r.titles:
            lead += 1
        core = words[lead:]
        keys = [name_key(w) for w in core]
        if not core or not (lead or keys[0] in r.given or keys[0].startswith(_GLUED[:2])):
            return False
        unknown = [i for i, k in enumerate(keys[1:], 1) if not (
            k in r.given or k in r.particles or keys[i - 1] in r.particles or k.startswith(_GLUED))]
        # One unknown word: the family name at the end ("محمد كركوتي"), or a father's name before a family
        # name with the article ("عبدالله منور الجميلي").
        if len(unknown) > 1 or unknown and unknown[0] != len(keys) - 1 and not keys[-1].startswith("ال"):
            return False
        if unknown:
            word = keys[unknown[0]]
            if (word[:1] in ("و", "ل", "ي", "ت") or word[:1] == "ف" and (len(word) < 5 or word[1:] in r.not_name)
                    or re.search(r"(?:نا|ها|هم|كم|هما)$", word) or len(word) < 3):
                return False  # "يعود", "وأزمة", "للأخضر", "فقد", "علمنا": a sentence, not a name ("فتيني" is)
            if unknown[0] == len(keys) - 1 and len(keys) > 2 and keys[-2].startswith("ال") and keys[-3] not in r.particles:
                return False  # "فواز العنزي عريسا": nothing follows a family name with the article
    return True


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


def _prefix_ends(text: str) -> list[int]:
    """Where a byline opening `text` may end: after a closing delimiter (and the spaces and dashes that
    follow it), or right after an agency's name ("... م واس رعى"). Longest first."""
    head = text[:_MAX_PREFIX]
    ends = set()
    for m in _CLOSERS.finditer(head):
        end = m.end()
        tail = re.match(r"[\s\-–—:]*", text[end:])
        ends.add(end + len(tail.group()) if tail else end)
    for m in _TOKEN.finditer(head):
        for n in range(1, 4):
            words = re.match(r"(?:%s\s+){%d}%s" % (_TOKEN.pattern, n - 1, _TOKEN.pattern), text[m.start():])
            if words and any(o.kind == "agency" and o.bare == "yes" for o in lookup(words.group(), credit=True)):
                ends.add(m.start() + words.end())
    return sorted(ends, reverse=True)


def _read_prefix(paragraph: str, want, *, whole: bool) -> Optional[tuple[_Reading, str]]:
    """The longest byline opening `paragraph` that `want` accepts; `whole`: it may be all of it."""
    text = paragraph.strip()
    ends = _prefix_ends(text)
    if whole and len(text) <= _MAX_PREFIX:
        ends.insert(0, len(text))
    for end in ends:
        if end >= len(text) and not whole:
            continue
        items, delims = _items(text[:end])
        closed = bool(re.search(r"(?:[-–—:：]|(?<!\S)ـ+)\s*$", text[:end]))
        reading = _decide(items, delims, line=end == len(text), closed=closed)
        if reading and want(reading):
            return reading, text[:end].strip()
    return None


# ---------------------------------------------------------------------------------------------- API
def parse_credit(paragraph: str) -> Optional[tuple[OutletMatch, str, Optional[str]]]:
    """A wire credit opening a paragraph (see outlets.wire_credit)."""
    found = _read_prefix(paragraph, lambda r: r.outlet is not None and r.author is None, whole=True)
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
    items, delims = _items(text)
    reading = _decide(items, delims, line=True)
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
