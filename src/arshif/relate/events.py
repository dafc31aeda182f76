"""events: group the articles that report the same event, at story level.

What an event is: Topic Detection and Tracking's definition, a seminal event together with the directly
related events and activities that follow it. The bombing, the casualty counts, the naming of the bomber,
the funerals and the condemnations over the next days are one event; another attack in the same region days
later, or another crash of the same airline, is another.

How (one job a module):
  event_vectors  an article as a TF-IDF vector over normalised words (title words weighted up) and entities;
                 words common to many events dropped, which bounds the pairs compared (sub-quadratic).
  event_stream   articles in date order, each joined to the open event whose centroid it is most like (time
                 decay, an event open for WINDOW days after its last article), or starting a new one; undated
                 articles last, at a higher bar, never across a year the text proves.
  event_merge    pieces of one story the stream left apart, joined when their centroids agree.
  event_kinds    what incident an event reports (rules/events.yaml incidents): a headline that names an
                 incident the event's coverage does not (an attack, in a story on a leader's death) starts
                 another event, however many words the two share; so does, in the stream, a report that never
                 names the incident most of the event's headlines name.
  here           the editor's word (rules/events.yaml via event_overrides: names, merge, split) and the events.

An automatic event's id is "ev-" + its earliest member's article id: stable when later coverage joins.
Each event keeps its joins with their scores (`joins`), for the build report's weakest joins; its `basis`
says in words, without scores, why its articles are one event.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from .event_overrides import Overrides, overrides

if TYPE_CHECKING:
    from .event_terms import EventWords
    from .term_numbers import TermNumbers

# event_vectors, event_stream and event_merge import numpy and scipy (about 90 MB): only the
# grouping after the barrier needs them, so they are imported there, not by every worker that reads an article.


def year_floor(text: str) -> Optional[int]:
    """The earliest year the text proves (see event_stream.year_floor)."""
    from .event_stream import year_floor as floor

    return floor(text)


@dataclass(frozen=True)
class Doc:
    """What grouping needs to know of an article."""

    id: str
    date: Optional[dt.date]
    year: Optional[int]  # a year the text proves when the day is unknown
    title: str
    text: str
    entities: tuple[str, ...] = ()
    # The terms as the worker found and counted them (event_terms.event_words, with the archive's own
    # ignore_words): found again here when None, or when grouping is given other rules.
    words: Optional["EventWords"] = None

    @property
    def floor(self) -> Optional[int]:
        if self.date is not None:
            return None
        if "_floor" not in self.__dict__:  # computed once
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
    basis: str  # why these articles are one event, in words for readers
    joins: tuple[tuple[str, float], ...] = ()  # (article id, similarity when it joined), weakest first


@dataclass
class Figures:
    """Grouping figures for reports and tests."""

    articles: int = 0
    candidate_pairs: int = 0  # (article, earlier article) pairs sharing a term
    scored_pairs: int = 0  # (article, open event) pairs scored
    linked_pairs: int = 0  # articles that joined an event
    refused_joins: int = 0  # events passed over by date window, proven year or an editor's split
    events: int = 0
    multi_events: int = 0
    largest: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"{self.articles} articles -> {self.events} events ({self.multi_events} with 2+ articles, largest "
                f"{self.largest}); {self.candidate_pairs} candidate pairs, {self.scored_pairs} scored, "
                f"{self.linked_pairs} joined, {self.refused_joins} refused; {self.seconds:.2f}s")


def _order(doc: Doc) -> tuple:
    return (doc.date is None, doc.date or dt.date.min, doc.id)


def _year(doc: Doc) -> Optional[int]:
    return doc.date.year if doc.date else doc.year


class _Union:
    """The editor's merges and the pieces of one split group, joined after the automatic grouping."""

    def __init__(self, labels: Iterable[int]):
        self.parent = {x: x for x in labels}

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra


def group_events(docs: Sequence[Doc], rules: Optional[Overrides] = None, figures: Optional[Figures] = None,
                 numbers: Optional["TermNumbers"] = None) -> tuple[list[Event], list[str]]:
    """Group `docs` into events (every article in exactly one). Returns the events and editor warnings.
    `numbers`: the terms' numbers kept from the last run (term_numbers; the same events without it)."""
    started = time.perf_counter()
    figures = figures if figures is not None else Figures()
    rules = rules if rules is not None else overrides()
    ordered = sorted(docs, key=_order)  # the input order never matters
    position = {d.id: p for p, d in enumerate(ordered)}
    warnings: list[str] = []

    def known(ids: Iterable[str], where: str) -> list[str]:
        out = []
        for a in ids:
            if a in position:
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
    from .event_merge import merge_pieces
    from .event_stream import stream
    from .event_vectors import terms, vectorize

    own = rules is overrides()  # the rules the workers found the words with
    term_lists = [terms(d.title, d.text, d.entities, rules.ignore, rules.incidents, d.words if own else None)
                  for d in ordered]
    kinds = [(t[2], t[3]) for t in term_lists]
    x = vectorize(term_lists, numbers)
    labels, joins = stream([d.date for d in ordered], [_year(d) for d in ordered], [d.floor for d in ordered],
                           [locks.get(d.id) for d in ordered], x, figures, kinds)
    pieces, piece_joins = merge_pieces(labels, [d.date for d in ordered], [_year(d) for d in ordered],
                                       [locks.get(d.id) for d in ordered], x, kinds)
    labels = [pieces[c] for c in labels]
    union = _Union(labels)
    for _, _, members in splits:  # a split group is one event even if grouping saw it as several
        for a in members[1:]:
            union.join(labels[position[members[0]]], labels[position[a]])
    editor: dict[int, tuple[Optional[str], Optional[str], str]] = {}  # root -> (id, name, kind)
    named: list[tuple[str, Optional[str], Optional[str], str]] = []
    for ev_id, name, ids in rules.merge:
        members = known(ids, "merge")
        for a in members[1:]:  # the editor's word overrides every limit
            union.join(labels[position[members[0]]], labels[position[a]])
        if members:
            named.append((members[0], ev_id, name, "merge"))
    for ev_id, name, members in splits:
        if members:
            named.append((members[0], ev_id, name, "split"))
    for article, ev_id, name, kind in named:
        editor.setdefault(union.find(labels[position[article]]), (ev_id, name, kind))
    clusters: dict[int, list[Doc]] = defaultdict(list)
    for p, d in enumerate(ordered):
        clusters[union.find(labels[p])].append(d)
    join_of = {ordered[j.position].id: j.score for j in joins}
    join_of.update({ordered[c].id: score for c, score in piece_joins.items()})
    events = []
    for root, members in clusters.items():
        ids = tuple(m.id for m in members)  # already in _order
        ev_id, name, kind = editor.get(root, (None, None, ""))
        auto_id = "ev-" + ids[0]
        ev_id = ev_id or auto_id
        dated = [m.date for m in members if m.date]
        given = name or rules.names.get(ev_id) or rules.names.get(auto_id)
        events.append(Event(
            id=ev_id,
            name=given or (members[0].title or members[0].id),
            members=ids,
            start=min(dated) if dated else None,
            end=max(dated) if dated else None,
            named_by="editor" if given else "auto",
            basis=_basis(members, kind),
            joins=tuple(sorted(((a, join_of[a]) for a in ids if a in join_of), key=lambda j: (j[1], j[0]))),
        ))
    events.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
    for ev_id, count in Counter(e.id for e in events).items():
        if count > 1:
            warnings.append(f"events.yaml: event id '{ev_id}' is given to {count} events")
    figures.articles = len(docs)
    figures.events = len(events)
    figures.multi_events = sum(1 for e in events if len(e.members) > 1)
    figures.largest = max((len(e.members) for e in events), default=0)
    figures.seconds = time.perf_counter() - started
    return events, warnings


def weakest_joins(events: Sequence[Event], limit: int = 20) -> list[tuple[float, str, str]]:
    """(score, event id, article id) of the weakest automatic joins, for an editor to check first."""
    rows = [(score, e.id, a) for e in events for a, score in e.joins]
    return sorted(rows)[:limit]


def _basis(members: Sequence[Doc], kind: str) -> str:
    if kind == "merge":
        return "دمجها المحرر (rules/events.yaml)"
    if kind == "split":
        return "فصلها المحرر (rules/events.yaml)"
    if len(members) == 1:
        return "لا تغطية أخرى لهذا الحدث في الأرشيف"
    return "تغطيات متتابعة تتشابه في نصها والأسماء التي تذكرها"
