"""entities: the people, places and organisations an article names, each with a stable id.

Two sources, tried in this order on the article's words:
  gazetteer  rules/entities.yaml: names and aliases compared as normalize.keys() sequences, longest first,
             so "ريكس تيلرسون" and "تيلرسون" are one person, "بالكويت" is Kuwait, "سورية" is Syria, and
             "التحالف الدولي ضد (داعش)" is the coalition rather than Daesh.
  pattern    a title ("وزير الخارجية", "الرئيس", "المتحدث باسم") followed by qualifiers ("الأمريكي",
             "وزارة الخارجية الأميركية في الشرق الأوسط") and then two to four name words ("نيثان تك"). Such
             names are people the gazetteer does not know; they get a hash-based id ("p-…") and are marked as
             pattern-found on their pages. A name the gazetteer covers always wins.

Nothing here needs a model: the gazetteer and the title words are data, the matcher is a token-trie walk.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

from ..rules import Problem, RulesError, cached_rules, load_yaml_files
from ..text.normalize import PREFIXES, fold, strip_clitics, variants
from .entity_words import _HARD, _WORD, _WORD_EDGE, SIGMA, Surfaces, fast_keys, scan, span_surfaces  # noqa: F401 (fast_keys: as before, for callers of entities)
from .entity_words import key as _key

TYPES = {"people": "person", "places": "place", "organisations": "organisation"}
TYPE_LABELS = {"person": "أشخاص", "place": "أماكن", "organisation": "منظمات وهيئات"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A word with the article (and its clitics): "الأمريكي", "والخارجية", "للشؤون".
_ARTICLE = re.compile(r"^[وف]?(?:ال|بال|كال|لل)")
MAX_QUALIFIERS = 9  # words skipped between a title and the name
MAX_NAME = 4


@dataclass(frozen=True)
class Entity:
    id: str  # URL-safe slug: the gazetteer id, or "p-<hash>" for a pattern-found name
    name: str  # display name
    type: str  # person | place | organisation
    aliases: tuple[str, ...] = ()
    found_by: str = "gazetteer"  # gazetteer | pattern


@dataclass(frozen=True)
class Mention:
    entity: str  # entity id
    text: str  # the words as printed
    rule: str  # "gazetteer" or the title rule that found the name


@dataclass(frozen=True)
class Word:
    key: str  # normalize.keys() of the word
    folded: str  # normalize.fold() of the word, clitics kept
    chunk: str  # the whitespace-separated chunk of the source it comes from
    single: bool  # the chunk holds this word only
    hard: bool  # a hard break (full stop, comma, colon...) comes before it
    soft: bool  # any punctuation (quotes, brackets too) comes before it

    @property
    def surface(self) -> str:
        """As printed: the chunk without edge punctuation and tatweel."""
        text = _WORD_EDGE.sub("", self.chunk) if self.single else self.folded
        return text.replace("\u0640", "")


@dataclass(frozen=True)
class Gazetteer:
    entities: dict  # id -> Entity
    index: dict  # first key -> tuple[(tuple[Part, ...], id)], longest first
    titles: dict  # first key -> tuple[(rule id, keys tuple)], longest first
    qualifiers: frozenset  # keys skipped between title and name
    stops: frozenset  # keys that cannot be (or end) a name
    connectors: frozenset  # keys that continue a name ("بن", "ابو", "عبد")


@dataclass(frozen=True)
class Part:
    """How one word of a name matches a word of the text.

    Usually by key. But clitic stripping cannot tell "ك" of "كيري" from the preposition "ك", so a name
    word that stripping shortens ("كيري" -> "يري", which is also "يرى"; "فرنسا" -> "رنسا" while
    "وفرنسا" -> "فرنسا") matches only a text word that is the whole name word behind a clitic group.
    """

    key: str
    form: Optional[str] = None  # folded name word, when matching must see it whole

    def matches(self, w: "Word") -> bool:
        if self.form is None:
            return w.key == self.key
        f, a = w.folded, self.form
        if f == a or (f.endswith(a) and f[: len(f) - len(a)] in _PREFIX_SET):
            return True
        return a.startswith("ال") and f.endswith(a[2:]) and f[: len(f) - len(a) + 2] in ("لل", "ولل", "فلل")

    def index_keys(self) -> set[str]:
        if self.form is None:
            return {self.key}
        table = variants()
        out = set()
        for prefix in ("", *PREFIXES):
            k = strip_clitics(prefix + self.form)
            out.add(table.get(k, k))
        return out


_PREFIX_SET = frozenset(PREFIXES)


def name_parts(name: str) -> tuple[Part, ...]:
    parts = []
    for w in words(name):
        bare = w.folded[2:] if w.folded.startswith("ال") else w.folded
        shortened = strip_clitics(w.folded) != bare and strip_clitics(w.folded) != w.folded
        parts.append(Part(w.key, w.folded if shortened else None))
    return tuple(parts)


# ---------------------------------------------------------------------------------------------- words
def words(text: str) -> list[Word]:
    """The article's words with their keys (exactly normalize.keys(text)) and where punctuation falls."""
    out: list[Word] = []
    hard = soft = True
    chunks = text.split()
    folded_all = fold(text).split()
    if len(folded_all) != len(chunks):  # a chunk of diacritics only: fold chunk by chunk
        folded_all = [fold(c) for c in chunks]
    for chunk, folded in zip(chunks, folded_all):
        found = list(_WORD.finditer(folded))
        if not found:
            hard = hard or bool(_HARD.search(folded))
            soft = True
            continue
        pos = 0
        for m in found:
            if m.start() > pos:
                soft = True
                hard = hard or bool(_HARD.search(folded, pos, m.start()))
            token = m.group()
            out.append(Word(_key(token), token, chunk, len(found) == 1, hard, soft))
            hard = soft = False
            pos = m.end()
        if pos < len(folded):
            soft = True
            hard = bool(_HARD.search(folded, pos))
    return out


def phrase_keys(text: str) -> tuple[str, ...]:
    return tuple(w.key for w in words(text))


# ---------------------------------------------------------------------------------------------- rules
@cached_rules
def gazetteer() -> Gazetteer:
    """Load and check rules/entities.yaml (and the archive's own), reporting every problem."""
    problems: list[Problem] = []
    entities: dict[str, Entity] = {}
    owner: dict[tuple, tuple[str, str]] = {}
    titles: list[tuple[str, tuple]] = []
    qualifiers: set[str] = set()
    stops: set[str] = set()
    connectors: set[str] = set()
    for file, doc in load_yaml_files("entities.yaml"):
        if not isinstance(doc, dict):
            problems.append(Problem(file, "-", "must be a mapping with people, places, organisations"))
            continue
        for key in doc:
            if key not in (*TYPES, "titles", "qualifiers", "name_stops", "name_connectors"):
                problems.append(Problem(file, str(key), "unknown section"))
        for section, kind in TYPES.items():
            block = doc.get(section) or {}
            if not isinstance(block, dict):
                problems.append(Problem(file, section, "must be a mapping: id -> [name, alias, ...]"))
                continue
            for ent_id, names in block.items():
                where = f"{section}.{ent_id}"
                if not isinstance(ent_id, str) or not _ID.match(ent_id):
                    problems.append(Problem(file, where, "id must be lowercase ASCII words joined by hyphens"))
                    continue
                if ent_id.startswith("p-"):
                    problems.append(Problem(file, where, "ids starting 'p-' are kept for pattern-found names"))
                    continue
                if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
                    problems.append(Problem(file, where, "must be a non-empty list of names"))
                    continue
                if ent_id in entities and entities[ent_id].type != kind:
                    problems.append(Problem(file, where, f"id already used for a {entities[ent_id].type}"))
                    continue
                old = entities.get(ent_id)
                aliases = tuple(dict.fromkeys([*(old.aliases if old else ()), *names[1:]] if old else names[1:]))
                entities[ent_id] = Entity(ent_id, old.name if old else names[0], kind, aliases)
                for name in names:
                    keys = name_parts(name)
                    if not keys:
                        problems.append(Problem(file, where, f"{name!r} has no words"))
                        continue
                    if keys in owner and owner[keys][0] != ent_id:
                        problems.append(Problem(file, where, f"{name!r} is already a name of {owner[keys][0]} ({owner[keys][1]})"))
                        continue
                    owner[keys] = (ent_id, file)
        for i, entry in enumerate(doc.get("titles") or []):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(entry.get("words"), list):
                problems.append(Problem(file, f"titles[{i}]", "must be {id: rule-id, words: [title, ...]}"))
                continue
            for title in entry["words"]:
                keys = phrase_keys(str(title))
                if keys:
                    titles.append((f"title-{entry['id']}", keys))
        for section, target in (("qualifiers", qualifiers), ("name_stops", stops), ("name_connectors", connectors)):
            values = doc.get(section) or []
            if not isinstance(values, list):
                problems.append(Problem(file, section, "must be a list of words"))
                continue
            for value in values:
                target.update(phrase_keys(str(value)))
    if problems:
        raise RulesError(problems)
    index: dict[str, list] = {}
    for keys, (ent_id, _) in owner.items():
        for first in keys[0].index_keys():
            index.setdefault(first, []).append((keys, ent_id))
    for first in index:
        index[first] = tuple(sorted(index[first], key=lambda kv: (-len(kv[0]), kv[1])))
    title_words = {k for _, keys in titles for k in keys}  # "وزير" after "نائب" is a qualifier
    return Gazetteer(
        entities=entities,
        index=index,
        titles=_by_first(titles),
        qualifiers=frozenset(qualifiers | title_words),
        stops=frozenset(stops),
        connectors=frozenset(connectors),
    )


def _by_first(titles: list[tuple[str, tuple]]) -> dict:
    out: dict[str, list] = {}
    for rule, keys in sorted(titles, key=lambda t: (-len(t[1]), t[0])):
        out.setdefault(keys[0], []).append((rule, keys))
    return {k: tuple(v) for k, v in out.items()}


# ---------------------------------------------------------------------------------------------- matching
def pattern_id(keys: Iterable[str]) -> str:
    """A stable, URL-safe id for a pattern-found name: a hash of its normalised keys."""
    return "p-" + hashlib.sha1(" ".join(keys).encode("utf-8")).hexdigest()[:10]


def find_mentions(text: str) -> tuple[list[Mention], dict[str, Entity]]:
    """Every entity mention in `text`, in order, and the pattern-found entities among them."""
    return _mentions(text, scan(text), gazetteer())


def _mentions(text: str, ws: list, g: Gazetteer) -> tuple[list[Mention], dict[str, Entity]]:
    """find_mentions of `text`, whose words (entity_words.scan) are `ws`. Only the words that begin a name or a
    title are tried: the others cannot start a match (a gazetteer match then skips the words it took)."""
    n = len(ws)
    owner: list[Optional[str]] = [None] * n
    found: list[tuple[int, Mention]] = []
    after = _by_second()  # of gazetteer(), which g is
    titles = g.titles
    starts = [i for i, w in enumerate(ws) if w.key in after]  # words that begin a name or a title
    free = 0  # the first word no gazetteer match has taken
    for i in starts:
        if i < free:
            continue
        others, by_second = after[ws[i].key]
        for parts, ent_id in (by_second.get(ws[i + 1].key, others) if i + 1 < n else others):
            size = len(parts)
            if i + size <= n and all(parts[k].matches(ws[i + k]) for k in range(size)) \
                    and not any(ws[i + k].hard for k in range(1, size)):
                found.append((i, Mention(ent_id, " ".join(w.folded for w in ws[i:i + size]), "gazetteer")))
                for k in range(size):
                    owner[i + k] = ent_id
                free = i + size
                break
    new: dict[str, Entity] = {}
    walk = None  # the text's chunks, walked once for the names found by title (entity_words.Surfaces)
    for i in starts:
        for rule, keys in titles.get(ws[i].key, ()):
            size = len(keys)
            if i + size <= n and owner[i] is None and all(ws[i + k].key == keys[k] for k in range(size)):
                name = _name_after(ws, owner, i + size, g)
                if name:
                    start, end = name
                    name_keys = tuple(w.key for w in ws[start:end])
                    ent_id = pattern_id(name_keys)
                    walk = walk or Surfaces(text)
                    surface = _surface(text, ws, start, end, walk)
                    found.append((start, Mention(ent_id, surface, rule)))
                    new.setdefault(ent_id, Entity(ent_id, surface, "person", (), "pattern"))
                    for k in range(start, end):
                        owner[k] = ent_id
                break
    found.sort(key=lambda f: f[0])
    return [m for _, m in found], new


@cached_rules
def _by_second() -> dict:
    """For each first key of the gazetteer's index: (the names to try whatever word follows, {K: the names to try
    when a word of key K follows}), each in the index's order. A name whose second word matches by key alone
    (Part.form None) can follow only that key; a one-word name, or one whose second word matches by its form, any."""
    g = gazetteer()
    out = {}
    for first, entries in g.index.items():
        loose = [len(parts) == 1 or parts[1].form is not None for parts, _ in entries]
        seconds = {parts[1].key for (parts, _), free in zip(entries, loose) if not free}
        out[first] = (tuple(e for e, free in zip(entries, loose) if free),
                      {k: tuple(e for e, free in zip(entries, loose) if free or e[0][1].key == k) for k in seconds})
    for first in g.titles.keys() - out.keys():
        out[first] = ((), {})  # begins a title only: its words are looked for as one (_mentions)
    return out


def _surface(text: str, ws: list, start: int, end: int, walk: Optional[Surfaces] = None) -> str:
    """The words ws[start:end] as printed (Word.surface), found from the chunks they come from (`walk`: a
    Surfaces of `text`, kept across the names of one text)."""
    if SIGMA not in text:  # scan() went chunk by chunk, as words() does
        return " ".join((walk or Surfaces(text))(start, end))
    surfaces = words(text)
    if len(surfaces) == len(ws):
        return " ".join(w.surface for w in surfaces[start:end])
    return " ".join(w.folded for w in ws[start:end])  # cannot happen while words() and scan() agree


def _name_after(ws: list, owner: list, j: int, g: Gazetteer) -> Optional[tuple[int, int]]:
    """The span of a name after a title at ws[j:], skipping qualifiers; None when no name follows."""
    n = len(ws)
    skipped = 0
    while j < n and skipped <= MAX_QUALIFIERS:
        w = ws[j]
        if w.hard:
            return None
        if owner[j] is not None:
            if owner[j].startswith("p-") or g.entities[owner[j]].type == "person":
                return None  # the gazetteer (or an earlier title) already named this person
            j += 1  # a place or organisation qualifies the title: "الخارجية الأمريكية", "الشرق الأوسط"
        elif _ARTICLE.match(w.folded) or w.key in g.qualifiers:
            j += 1
        else:
            break
        skipped += 1
    if j >= n or not _name_word(ws[j], g) or ws[j].hard:
        return None
    start = j
    j += 1
    while j < n and j - start < MAX_NAME and not ws[j].soft and owner[j] is None and _name_word(ws[j], g):
        if j - start >= 2 and not (_ARTICLE.match(ws[j].folded) or ws[j - 1].key in g.connectors):
            break  # a third or fourth word continues a name only as a family name ("اليحيا") or after "بن"
        j += 1
    if j - start < 2:
        return None
    return start, j


def _name_word(w, g: Gazetteer) -> bool:
    return len(w.key) >= 2 and not w.key.isdigit() and w.key not in g.stops and w.key not in g.qualifiers


def extract_entities(title: str, body: Iterable[str], body_words: Optional[list] = None
                     ) -> tuple[tuple[str, ...], list[Mention], dict[str, Entity]]:
    """Entity ids of an article (first mention order), its mentions, and any pattern-found entities. With
    `body_words`, the folded words of the body's paragraphs, in order, are added to it (for its shingles)."""
    g = gazetteer()
    mentions: list[Mention] = []
    new: dict[str, Entity] = {}
    for k, text in enumerate((title, *body)):
        text = text or ""
        ws = scan(text)
        found, extra = _mentions(text, ws, g)
        mentions.extend(found)
        new.update(extra)
        if k and body_words is not None:
            body_words.extend([w.folded for w in ws])
    ids = tuple(dict.fromkeys(m.entity for m in mentions))
    return ids, mentions, new


def name_for(entity_id: str, surfaces: Counter) -> str:
    """The display name of a pattern-found entity: its most frequent spelling (ties: the first in order)."""
    best = sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0]))
    return best[0][0] if best else entity_id


def entity(entity_id: str) -> Optional[Entity]:
    return gazetteer().entities.get(entity_id)
