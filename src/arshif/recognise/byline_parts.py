"""The parts of a byline: a short text split at dashes, colons, slashes, parentheses and quotes, each part read
as a place, an outlet, a credit or author word, a role, a date or a person's name (`Item`). Which runs of
parts are bylines is decided in byline.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .names import _LETTERS, _plain, byline_rules, is_place, person_name
from .outlet_names import lookup, name_key

# ---------------------------------------------------------------------------------------------- parts
# Delimiters between parts. A tatweel run standing alone is a dash ("محمد الشريف ـ القاهرة"); inside a word
# it is decoration ("جـدة"). The comma is not one: it joins names or places of one part.
_DELIM = re.compile(r"--+|[-–—_]|(?<!\S)ـ+(?!\S)|[:：/|()«»\"“”{}]")
_CLOSERS = re.compile(r"(?:--+|[-–—:：/|)»\"”}]|(?<!\S)ـ+(?!\S))")
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


def _words(text: str) -> list[str]:
    return _plain(text).strip(" ،,.*•").split()


def _is_date(words: list[str]) -> bool:
    r = byline_rules()
    return bool(words) and all(_DIGITS.match(w) or name_key(w) in r.date_words for w in words) and any(
        _DIGITS.match(w) or name_key(w) not in ("في", "م", "ه", "هـ") for w in words)


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
