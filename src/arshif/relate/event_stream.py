"""event_stream: articles in date order, each joined to the event it is most like, or starting a new one.

Streaming clustering against event centroids with time decay (Miranda et al., EMNLP 2018, "Multilingual
Clustering of Streaming News"), the way a newsroom reads the wire: an article is compared with every event
still open (its last article at most WINDOW days before), by the cosine between the article's vector and the
sum of the event's vectors (its centroid). A centroid is what the coverage as a whole says, so the bombing,
the naming of the bomber and the funerals gather into one event, while another attack in the same region,
whose words and names differ, starts its own. Similarity fades with the days since the event's last article
(FRESH days at full strength, then by half every HALF_LIFE days), and the best event joins if it reaches the
bar and the incidents its headline and the event's headlines name agree (event_kinds). Dated articles come
first, by date then id; undated ones after, at a higher bar, with no window (their date is unknown) but never
across a year the text proves.

Cost: an article is compared only with the earlier articles that share one of its terms (event_vectors
bounds them), and their events are found by their labels; nothing is quadratic.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from ..text.normalize import fold
from .event_kinds import Kinds
from .event_vectors import earlier_neighbours

WINDOW = 14  # days since an event's last article after which it is closed
FRESH = 3  # days at full similarity
HALF_LIFE = 7.0  # then similarity halves every week
BAR_DATED = 0.25
BAR_UNDATED = 0.45  # a date that cannot confirm the join asks for more text evidence
# An article joins an event only if it shares this many terms with one of its articles: a short article whose
# only shared word is a common one would otherwise be all that word, and like every other such article.
MIN_SHARED = 3


@dataclass
class Cluster:
    first_member: int  # position of its first article
    lock: Optional[int]  # the editor's split group, if any
    norm2: float = 0.0  # squared length of the summed vectors
    last: Optional[dt.date] = None
    years: set = field(default_factory=set)  # years of its dated articles and years the texts prove
    floor: Optional[int] = None  # the latest year floor of its undated articles
    kinds: Kinds = field(default_factory=Kinds)  # the incidents its titles and leads name (event_kinds)


@dataclass(frozen=True)
class Join:
    position: int  # the article that joined
    cluster: int
    score: float


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


def decay(days: int) -> float:
    return 1.0 if days <= FRESH else 0.5 ** ((days - FRESH) / HALF_LIFE)


# decay() of 0 to WINDOW + 1 days, for the arrays stream() scores (past WINDOW an event is closed anyway): days are
# whole, so one look-up an event replaces a power each (6 % of the stream's time, line-profiled at 10,000).
_FADE = np.array([decay(days) for days in range(WINDOW + 2)])


def _allowed(c: Cluster, date: Optional[dt.date], year: Optional[int], floor: Optional[int],
             lock: Optional[int], head: int = 0, lead: int = 0) -> bool:
    if c.lock != lock:
        return False
    if (head or c.kinds.heads) and not c.kinds.admits(Kinds.of(head, lead)):
        return False  # the headline names another incident, or the report does not name the event's
    if date is not None:
        if c.last is not None and (date - c.last).days > WINDOW:
            return False
        if c.floor is not None and date.year < c.floor:
            return False
    if year is not None and c.years and year not in c.years:
        return False
    if floor is not None and c.years and max(c.years) < floor:
        return False
    return True


def _shares_terms(x, p: int, members, dots) -> bool:
    """Whether article p shares MIN_SHARED terms with one of `members` (tried most similar first)."""
    mine = x.indices[x.indptr[p]:x.indptr[p + 1]]
    for q in members[np.argsort(-dots, kind="stable")]:
        theirs = x.indices[x.indptr[q]:x.indptr[q + 1]]
        if len(np.intersect1d(mine, theirs, assume_unique=True)) >= MIN_SHARED:
            return True
    return False


def stream(dates: Sequence[Optional[dt.date]], years: Sequence[Optional[int]], floors: Sequence[Optional[int]],
           locks: Sequence[Optional[int]], x, figures, kinds: Optional[Sequence[tuple[int, int]]] = None,
           ) -> tuple[list[int], list[Join]]:
    """Cluster label of each row of `x` (rows already in processing order: dated by date, then undated),
    and every join with its score. Labels are the position of the cluster's first article. `kinds`: for each
    row, the incident kinds its title names and those its title or lead names (bit masks, event_kinds)."""
    n = x.shape[0]
    label = np.full(n, -1, dtype=np.int64)
    clusters: dict[int, Cluster] = {}
    joins: list[Join] = []
    own = np.asarray(x.multiply(x).sum(axis=1)).ravel()  # 1, or 0 for an article with no shared term
    norm2 = np.zeros(n)  # by label: squared length of the cluster's summed vectors
    last = np.zeros(n, dtype=np.int64)  # by label: ordinal of its last dated article, 0 when none
    for p, (cols, dots) in enumerate(earlier_neighbours(x)):
        date, year, floor, lock = dates[p], years[p], floors[p], locks[p]
        head_kinds, lead_kinds = kinds[p] if kinds is not None else (0, 0)
        figures.candidate_pairs += len(cols)
        best, best_score, best_dot = -1, 0.0, 0.0
        bar = BAR_DATED if date is not None else BAR_UNDATED
        if len(cols):
            member_of = label[cols]
            labs = member_of
            order = np.argsort(labs, kind="stable")
            labs, sums = labs[order], dots[order]
            starts = np.flatnonzero(np.concatenate(([True], labs[1:] != labs[:-1])))  # np.r_ costs a tenth more
            totals = np.add.reduceat(sums, starts)
            labs = labs[starts]
            scores = totals / np.sqrt(np.maximum(norm2[labs], 1e-12))
            if date is not None:
                ends = last[labs]
                gap = date.toordinal() - ends
                dated = ends > 0
                scores = np.where(dated, scores * _FADE.take(gap, mode="clip"), scores)  # clip: 0 to WINDOW + 1
                scores[dated & (gap > WINDOW)] = -1.0  # closed events
            figures.scored_pairs += len(labs)
            passing = scores >= bar
            for k in np.flatnonzero(passing)[np.lexsort((labs[passing], -scores[passing]))]:
                c_id = int(labs[k])
                if _allowed(clusters[c_id], date, year, floor, lock, head_kinds, lead_kinds) and \
                        _shares_terms(x, p, cols[member_of == c_id], dots[member_of == c_id]):
                    best, best_score, best_dot = c_id, float(scores[k]), float(totals[k])
                    break
                figures.refused_joins += 1
        if best != -1:
            c = clusters[best]
            joins.append(Join(p, best, round(best_score, 6)))
            figures.linked_pairs += 1
        else:
            best, best_dot = p, 0.0
            c = clusters[p] = Cluster(p, lock)
        label[p] = best
        c.kinds.add(head_kinds, lead_kinds)
        c.norm2 += 2 * best_dot + float(own[p])
        norm2[best] = c.norm2
        if date is not None:
            c.last = date if c.last is None or date > c.last else c.last
            last[best] = c.last.toordinal()
            c.years.add(date.year)
        elif year is not None:
            c.years.add(year)
        if floor is not None:
            c.floor = floor if c.floor is None else max(c.floor, floor)
    return label.tolist(), joins
