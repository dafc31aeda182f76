"""Person names and the word lists that bylines are read with (rules/bylines.yaml, rules/places.yaml).

`person_name` says whether a run of words reads as one or more person names, and how sure that is;
`clear_name` whether a name read with some doubt is clearly one on a line of its own. Both are shape tests:
a given name, particles, family names with the article; a sentence has verbs and function words instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..rules import Problem, RulesError, cached_rules, load_yaml_files
from .outlet_names import _TASHKEEL, name_key, tidy

_LETTERS = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+|[A-Za-z][A-Za-z'’-]*")


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


# ---------------------------------------------------------------------------------------------- names
def _plain(text: str) -> str:
    """Text as a name is compared: tidy, without diacritics ("العلوْيط", "محمد رُضا")."""
    return _TASHKEEL.sub("", tidy(text))


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


def bare_name(line: str) -> Optional[str]:
    """The name when a whole line is only a person's name, known with confidence (byline rules' given names)."""
    found = person_name(line)
    return found[0] if found and found[1] in ("full", "strong") else None
