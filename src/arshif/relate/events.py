"""events: group the articles that report the same event.

Two articles report one event when their dates allow it and they say the same thing about the same actors:

  dates     both dated: at most MAX_GAP days apart, and an event never spans more than MAX_SPAN days (so a
            chain of daily stories cannot drift into one event). A year the text proves (`year` from the
            extractor) must agree. An article without a date joins by text and entities alone, at a higher bar.
  text      cosine similarity of TF-IDF vectors over normalised words (normalize.keys, title words counted
            twice, sublinear term frequency, function words of rules/events.yaml dropped).
  entities  weighted Jaccard of the entities both name, each weighted by its IDF (two articles both naming
            "الولايات المتحدة" says little; both naming "نيثان تك" says a lot).

Why TF-IDF and not MinHash: coverage of one event by different outlets is rarely near-duplicate text
(the seeds' three Kuwait reports share whole KUNA sentences, but the Al Ittihad interview shares only the
topic), and MinHash on word shingles measures copying, not topic. TF-IDF cosine degrades gracefully from
copy to paraphrase, its IDF discounts what every article says, and with no numpy it is cheap in pure Python
when vectors are pruned to their top terms.

Sub-quadratic: no pair is scored unless it shares at least two *blocking keys*: the article's highest-weight
terms and its entities whose document frequency is between 2 and a cap (rare enough to be telling, common
enough to pair). Each posting list is bounded by the cap, so candidates grow with N × keys × cap, not N².

Groups are built by constrained single linkage: linked pairs are joined strongest first, and a join that
would break the date span, the year or an editor's split is refused. Editors then merge, split and name
events in rules/events.yaml. Ids are "ev-" + the earliest member's article id: stable when coverage joins later.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from ..text.normalize import fold
from .entities import fast_keys
from .event_overrides import Overrides, overrides  # noqa: F401 (Overrides is part of group_events' API)

MAX_GAP = 3  # days between two dated reports of one event
MAX_SPAN = 7  # days between the first and last dated report of one event
TOP_TERMS = 60  # terms kept per vector (pruning: the tail adds cost, not signal)
BLOCK_TERMS = 15  # highest-weight terms used as blocking keys
MIN_SHARED_KEYS = 2
# A pair links when score = TEXT_WEIGHT * cosine + (1 - TEXT_WEIGHT) * entity overlap reaches the bar.
TEXT_WEIGHT = 0.7
LINK_DATED = 0.20
LINK_UNDATED = 0.40  # a date that cannot confirm the pairing asks for more text evidence
# IDF is log((N+1)/(df+1)) plus this floor: words every article uses weigh almost nothing, but a tiny
# archive whose articles all report one event still has words to compare.
IDF_FLOOR = 0.1
# Cosine between two groups' summed vectors, for them to join: a small event (three reports) may gather a
# report that shares the actors more than the words (an interview beside the wire story); a larger one only
# coverage that is like it as a whole, so a week of stories on one war does not chain into one "event".
CENTROID_BAR = 0.15
CENTROID_BAR_LARGE = 0.40
SMALL_EVENT = 3
CENTROID_TERMS = 200
PERSON_WEIGHT = 3.0  # sharing a person is stronger evidence of one event than sharing a country


@dataclass(frozen=True)
class Doc:
    """What grouping needs to know of an article."""

    id: str
    date: Optional[dt.date]
    year: Optional[int]  # a year the text proves when the day is unknown
    title: str
    text: str
    entities: tuple[str, ...] = ()

    @property
    def floor(self) -> Optional[int]:
        if self.date is not None:
            return None
        if "_floor" not in self.__dict__:  # computed once: pairs ask many times
            object.__setattr__(self, "_floor", year_floor(self.text))
        return self.__dict__["_floor"]


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    members: tuple[str, ...]  # article ids, dated first by date, then undated; ties by id
    start: Optional[dt.date]
    end: Optional[dt.date]
    named_by: str  # "auto" | "editor"
    basis: str  # why these articles are one event


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    score: float
    cosine: float
    entities: float


@dataclass
class Figures:
    """Grouping figures for reports and tests."""

    articles: int = 0
    candidate_pairs: int = 0
    scored_pairs: int = 0
    linked_pairs: int = 0
    refused_joins: int = 0
    events: int = 0
    multi_events: int = 0
    largest: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"{self.articles} articles -> {self.events} events ({self.multi_events} with 2+ articles, largest "
                f"{self.largest}); {self.candidate_pairs} candidate pairs, {self.scored_pairs} scored, "
                f"{self.linked_pairs} linked, {self.refused_joins} joins refused; {self.seconds:.2f}s")


# ---------------------------------------------------------------------------------------------- vectors
def _terms(doc: Doc, ignore: frozenset) -> Counter:
    counts = Counter(fast_keys(doc.text))
    for k in fast_keys(doc.title):
        counts[k] += 1  # title words count twice
    for k in [k for k in counts if k in ignore or len(k) < 3]:
        del counts[k]
    return counts


def _vectors(docs: Sequence[Doc], ignore: frozenset) -> tuple[list[dict], Counter]:
    """Pruned, L2-normalised TF-IDF vectors. A word only one article uses cannot pair it with another, so
    it is dropped before normalising (min_df 2): otherwise long articles would look unlike everything."""
    counts = [_terms(d, ignore) for d in docs]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(docs)
    idf = {t: math.log((n + 1) / (f + 1)) + IDF_FLOOR for t, f in df.items() if f >= 2}
    damp = [0.0] + [1 + math.log(tf) for tf in range(1, 64)]
    vectors = []
    for c in counts:
        weights = {t: (damp[tf] if tf < 64 else 1 + math.log(tf)) * idf[t] for t, tf in c.items() if t in idf}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top})
    return vectors, df


def _cosine(u: dict, v: dict) -> float:
    if len(u) > len(v):
        u, v = v, u
    return sum(w * v.get(t, 0.0) for t, w in u.items())


def _unit_cosine(u: dict, v: dict) -> float:
    nu = math.sqrt(sum(w * w for w in u.values())) or 1.0
    nv = math.sqrt(sum(w * w for w in v.values())) or 1.0
    return _cosine(u, v) / (nu * nv)


def _entity_idf(docs: Sequence[Doc]) -> tuple[dict[str, float], Counter]:
    from .entities import gazetteer

    known = gazetteer().entities
    n = len(docs)
    edf: Counter = Counter()
    for d in docs:
        edf.update(set(d.entities))
    out = {}
    for e, c in edf.items():
        person = e.startswith("p-") or (e in known and known[e].type == "person")
        out[e] = (math.log((n + 1) / (c + 1)) + 1) * (PERSON_WEIGHT if person else 1.0)
    return out, edf


def _entity_overlap(a: set, b: set, idf: dict) -> float:
    union = a | b
    if not union:
        return 0.0
    return sum(idf[e] for e in a & b) / sum(idf[e] for e in union)


# ---------------------------------------------------------------------------------------------- grouping
def _year(doc: Doc) -> Optional[int]:
    return doc.date.year if doc.date else doc.year


_MONTHS = ("يناير|كانون الثاني|فبراير|شباط|مارس|اذار|ابريل|نيسان|مايو|ماي|ايار|يونيو|يونيه|حزيران|يوليو|يوليه|"
           "تموز|اغسطس|غشت|اب|سبتمبر|ايلول|اكتوبر|تشرين الاول|نوفمبر|تشرين الثاني|ديسمبر|كانون الاول")
# "12 يوليو (تموز) 2018", "نهاية سبتمبر 2025": a month and a year name a time the text knows of.
_MONTH_YEAR = re.compile(rf"(?:{_MONTHS})(?:\s*\([^)]{{1,15}}\))?\s+((?:19|20)\d\d)\b")


def year_floor(text: str) -> Optional[int]:
    """The earliest year an article can be from: one before the latest month-and-year it names.

    Only month-and-year phrases count: "رؤية 2030" names a plan, "سبتمبر 2025" a time already in view.
    """
    years = [int(y) for y in _MONTH_YEAR.findall(fold(text))]
    return max(years) - 1 if years else None


def _dates_allow(a: Doc, b: Doc) -> bool:
    if a.date and b.date:
        return abs((a.date - b.date).days) <= MAX_GAP
    ya, yb = _year(a), _year(b)
    if ya is not None and yb is not None and ya != yb:
        return False
    return _floor_allows(a, b) and _floor_allows(b, a)


def _floor_allows(a: Doc, b: Doc) -> bool:
    """An undated article `a` that names a late month cannot join a report `b` from before it."""
    if a.date is not None or a.floor is None:
        return True
    year = _year(b)
    return year is None or year >= a.floor


def score_pairs(docs: Sequence[Doc], figures: Optional[Figures] = None) -> tuple[list[Link], list[dict]]:
    """Every linked pair (score at or above its bar), strongest first, and the documents' vectors.
    Sub-quadratic via blocking keys."""
    figures = figures if figures is not None else Figures()
    ign = overrides().ignore
    vectors, df = _vectors(docs, ign)
    n = len(docs)
    cap = max(20, n // 200)
    eidf, edf = _entity_idf(docs)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (d, vec) in enumerate(zip(docs, vectors)):
        block = [t for t in vec if 2 <= df[t] <= cap][:BLOCK_TERMS]  # vec is ordered by weight
        block += ["\0" + e for e in set(d.entities) if 2 <= edf[e] <= cap]
        for key in block:
            postings[key].append(i)
    shared: Counter = Counter()
    for members in postings.values():
        for x in range(len(members)):
            i = members[x]
            for j in members[x + 1:]:
                shared[(i, j)] += 1
    figures.candidate_pairs = len(shared)
    links = []
    entity_sets = [set(d.entities) for d in docs]
    for (i, j), count in shared.items():
        if count < MIN_SHARED_KEYS or not _dates_allow(docs[i], docs[j]):
            continue
        figures.scored_pairs += 1
        cos = _cosine(vectors[i], vectors[j])
        ent = _entity_overlap(entity_sets[i], entity_sets[j], eidf)
        score = TEXT_WEIGHT * cos + (1 - TEXT_WEIGHT) * ent
        bar = LINK_DATED if docs[i].date and docs[j].date else LINK_UNDATED
        if score >= bar:
            a, b = sorted((docs[i].id, docs[j].id))
            links.append(Link(a, b, round(score, 6), round(cos, 6), round(ent, 6)))
    links.sort(key=lambda l: (-l.score, l.a, l.b))
    figures.linked_pairs = len(links)
    return links, vectors


class _Groups:
    """Union-find whose joins respect the date span, the proven year and the editor's splits."""

    def __init__(self, docs: Sequence[Doc], locks: dict[str, int], vectors: list[dict]):
        self.parent = {d.id: d.id for d in docs}
        self.centroid = {d.id: dict(v) for d, v in zip(docs, vectors)}
        self.size = {d.id: 1 for d in docs}
        dates = {d.id: d.date for d in docs}
        self.first = dict(dates)
        self.last = dict(dates)
        self.year = {d.id: _year(d) for d in docs}
        self.lock = {d.id: locks.get(d.id) for d in docs}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def can_join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.lock[ra] != self.lock[rb]:
            return False
        ya, yb = self.year[ra], self.year[rb]
        if ya is not None and yb is not None and ya != yb:
            return False
        firsts = [d for d in (self.first[ra], self.first[rb]) if d]
        lasts = [d for d in (self.last[ra], self.last[rb]) if d]
        if firsts and (max(lasts) - min(firsts)).days > MAX_SPAN:
            return False
        # Average linkage in effect: the two groups as wholes must still be alike, so one strong pair
        # cannot chain two stories of the same week into one event.
        size = self.size[ra] + self.size[rb]
        return _unit_cosine(self.centroid[ra], self.centroid[rb]) >= (CENTROID_BAR if size <= SMALL_EVENT else CENTROID_BAR_LARGE)

    def join(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra == rb:
            return
        self.parent[rb] = ra
        firsts = [d for d in (self.first[ra], self.first[rb]) if d]
        lasts = [d for d in (self.last[ra], self.last[rb]) if d]
        self.first[ra] = min(firsts) if firsts else None
        self.last[ra] = max(lasts) if lasts else None
        self.year[ra] = self.year[ra] if self.year[ra] is not None else self.year[rb]
        self.lock[ra] = self.lock[ra] if self.lock[ra] is not None else self.lock[rb]
        self.size[ra] += self.size.pop(rb)
        merged = self.centroid[ra]
        for t, w in self.centroid.pop(rb).items():
            merged[t] = merged.get(t, 0.0) + w
        if len(merged) > CENTROID_TERMS:
            merged = dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])
        self.centroid[ra] = merged


def _order(doc: Doc) -> tuple:
    return (doc.date is None, doc.date or dt.date.min, doc.id)


def group_events(docs: Sequence[Doc], rules: Optional[Overrides] = None,
                 figures: Optional[Figures] = None) -> tuple[list[Event], list[str]]:
    """Group `docs` into events (every article in exactly one). Returns the events and editor warnings."""
    started = time.perf_counter()
    figures = figures if figures is not None else Figures()
    rules = rules if rules is not None else overrides()
    by_id = {d.id: d for d in docs}
    warnings: list[str] = []

    def known(ids: Iterable[str], where: str) -> list[str]:
        out = []
        for a in ids:
            if a in by_id:
                out.append(a)
            else:
                warnings.append(f"events.yaml {where}: no article '{a}' in this archive")
        return out

    locks: dict[str, int] = {}
    splits = []
    for n, (ev_id, name, ids) in enumerate(rules.split):
        members = known(ids, "split")
        for a in members:
            locks[a] = n
        splits.append((ev_id, name, members))
    links, vectors = score_pairs(docs, figures)
    groups = _Groups(docs, locks, vectors)
    reasons: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        if groups.find(link.a) == groups.find(link.b):
            continue
        if groups.can_join(link.a, link.b):
            groups.join(link.a, link.b)
            reasons[link.a].append(link)
        else:
            figures.refused_joins += 1
    for ev_id, name, members in splits:
        for a in members[1:]:
            groups.join(members[0], a)
    named_by_editor: list[tuple[str, Optional[str], Optional[str], str]] = []  # (an article, id, name, kind)
    for ev_id, name, ids in rules.merge:
        members = known(ids, "merge")
        for a in members[1:]:
            groups.parent[groups.find(a)] = groups.find(members[0])  # the editor's word overrides every limit
        if members:
            named_by_editor.append((members[0], ev_id, name, "merge"))
    for ev_id, name, members in splits:
        if members:
            named_by_editor.append((members[0], ev_id, name, "split"))
    editor: dict[str, tuple[Optional[str], Optional[str], str]] = {}  # root -> (id, name, kind)
    for article, ev_id, name, kind in named_by_editor:
        editor.setdefault(groups.find(article), (ev_id, name, kind))
    clusters: dict[str, list[Doc]] = defaultdict(list)
    for d in docs:
        clusters[groups.find(d.id)].append(d)
    linked = {(l.a, l.b): l for l in links}
    events = []
    for root, members in clusters.items():
        members.sort(key=_order)
        ids = tuple(m.id for m in members)
        ev_id, name, kind = editor.get(groups.find(root), (None, None, ""))
        auto_id = "ev-" + ids[0]
        ev_id = ev_id or auto_id
        dated = [m.date for m in members if m.date]
        named = name or rules.names.get(ev_id) or rules.names.get(auto_id)
        events.append(Event(
            id=ev_id,
            name=named or (members[0].title or members[0].id),
            members=ids,
            start=min(dated) if dated else None,
            end=max(dated) if dated else None,
            named_by="editor" if named else "auto",
            basis=_basis(ids, linked, kind),
        ))
    events.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
    seen_ids = Counter(e.id for e in events)
    for ev_id, count in seen_ids.items():
        if count > 1:
            warnings.append(f"events.yaml: event id '{ev_id}' is given to {count} events")
    figures.articles = len(docs)
    figures.events = len(events)
    figures.multi_events = sum(1 for e in events if len(e.members) > 1)
    figures.largest = max((len(e.members) for e in events), default=0)
    figures.seconds = time.perf_counter() - started
    return events, warnings


def _basis(ids: tuple[str, ...], linked: dict, kind: str) -> str:
    if kind == "merge":
        return "دمجها المحرر (rules/events.yaml)"
    if kind == "split":
        return "فصلها المحرر (rules/events.yaml)"
    if len(ids) == 1:
        return "لا تغطية أخرى لهذا الحدث في الأرشيف"
    best = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            link = linked.get(tuple(sorted((ids[x], ids[y]))))
            if link:
                best.append(link)
    if not best:
        return "جمعتها تغطيات متقاربة"
    top = max(best, key=lambda l: l.score)
    return f"تشابه النص {top.cosine:.2f} والكيانات المشتركة {top.entities:.2f} وتقارب التاريخ"
