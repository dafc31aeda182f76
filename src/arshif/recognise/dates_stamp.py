"""Date-stamp lines: a line that is only a date ("الثلاثاء 13 فبراير 2018", "آخر تحديث: ..."), with the place
words beside it. The article's date is resolved from these in extract/dates.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .dates import DateMention, Scan, _Hit

MAX_REST_WORDS = 4  # place words after a stamp: "أبوظبي الإمارات"
MAX_LEAD_WORDS = 3  # place words before a stamp or a dateline: "الرياض", "رام الله -"


@dataclass(frozen=True)
class DateStamp:
    """A line that is only a date stamp."""

    mention: DateMention
    rest: str  # leftover words (e.g. place "أبوظبي الإمارات"), "" if none
    label: Optional[str] = None  # "published" | "updated" when a label is printed ("آخر تحديث:")


def _pick(pairs: list[tuple[_Hit, DateMention]]) -> DateMention:
    """Of a "الموافق" pair, the Gregorian date (the Hijri one was checked against it)."""
    full = [m for _, m in pairs if m.date is not None]
    greg = [m for m in full if m.calendar == "gregorian"]
    return (greg or full or [m for _, m in pairs])[0]


def _paired(scan: Scan, first_pair: tuple, second_pair: tuple) -> bool:
    (first, a), (second, b) = first_pair, second_pair
    k = scan.skip_seps(first.end)
    pair = scan.rules.pairing.match(scan.w, k)
    if pair is not None and scan.skip_seps(pair[0], 1) == second.start:
        return True
    # Gulf papers print both calendars side by side without "الموافق": "السبت 7 رمضان 1440 هـ - 11 مايو 2019 م".
    # Only separators between them, one Hijri and one Gregorian, naming the same day (±2: sighting vs Umm al-Qura).
    if k == second.start and {a.calendar, b.calendar} == {"hijri", "gregorian"} and a.date and b.date:
        return abs((a.date - b.date).days) <= 2
    return False


# A newspaper's issue number after the date ("رقم العدد [14774]", "العدد 1234") is part of the stamp.
_ISSUE_NUMBER = re.compile(r"\s*[-|،,]?\s*(?:رقم\s+)?العدد\s*[\[(]?\s*[0-9٠-٩]{1,6}\s*[\])]?\s*$")


def _updated_after(scan: Scan, start: int, stop: int) -> Optional[int]:
    """Where an "updated" label stands between two dates (only separators before it), or None."""
    k = scan.skip_seps(start)
    lab = scan.rules.labels.match(scan.w, k)
    if lab is None or lab[1] != "updated" or scan.skip_seps(lab[0]) != stop:
        return None
    return start


def _cover_leaders(scan: Scan, stop: int, covered: list) -> None:
    """A clock with its zone or a counter before the stamp ("09:40 GMT", "2 145 مشاهدة"): part of the line."""
    if stop == 0:
        return
    head = scan.w[:stop]
    rules = scan.rules
    if head[-1] in rules.stamp_counters and head[:-1] and all(t.isdigit() for t in head[:-1]):
        covered[:stop] = [True] * stop  # "2 145 مشاهدة": the count, in groups of digits
        return
    zone = [k for k, t in enumerate(head) if t in rules.stamp_zones]
    clock = len(head) >= 3 and head[0].isdigit() and head[1] in (":", ".") and head[2].isdigit()
    if zone and clock and all(t.isdigit() or t in rules.stamp_zones or t in (":", ".") for t in head):
        covered[:stop] = [True] * stop  # "09:40 GMT"


def date_stamp(line: str) -> Optional[DateStamp]:
    """The line as a date stamp, or None when it is an ordinary sentence that merely contains a date."""
    line = _ISSUE_NUMBER.sub("", line)
    scan = Scan(line)
    if not 0 < scan.n <= 40:
        return None
    pairs = scan.mentions()
    if not pairs or len(pairs) > 2 or any(m.month is None or m.day is None or m.day_end is not None
                                          or m.relative is not None or m.rule == "ordinal-day-month" for _, m in pairs):
        return None  # a range, "فبراير الجاري" or "السادس من فبراير" is a phrase of a sentence, not a stamp
    covered = [False] * scan.n
    if len(pairs) == 2 and not _paired(scan, pairs[0], pairs[1]):
        updated = _updated_after(scan, pairs[0][0].end, pairs[1][0].start)
        if updated is None:
            return None
        # "نشر في: 23 يوليو 2015 - آخر تحديث: 25 يوليو 2015": the stamp is the publication date.
        covered[updated:pairs[1][0].end] = [True] * (pairs[1][0].end - updated)
        pairs = pairs[:1]
    label = None
    lab = scan.rules.labels.match(scan.w, 0)
    if lab is not None:
        label = lab[1]
        covered[:lab[0]] = [True] * lab[0]
    first, last = pairs[0][0], pairs[-1][0]
    for k in range(first.start, last.end):
        covered[k] = True
    _cover_leaders(scan, first.start, covered)
    if first.start > 0 and scan.w[first.start - 1] in ("في", "يوم"):
        covered[first.start - 1] = True
    leftover = []
    k = 0
    while k < scan.n:
        if covered[k]:
            k += 1
            continue
        t = scan.w[k]
        later = scan.rules.labels.match(scan.w, k)
        if later is not None:  # "15 فبراير 2018 | آخر تحديث"
            label = label or later[1]
            k = later[0]
            continue
        if t.isdigit():
            return None  # another number: not only a date
        if t[0].isalpha():
            leftover.append(k)
        k += 1
    lead = [k for k in leftover if k < first.start]
    if len(leftover) > MAX_REST_WORDS or len(lead) > MAX_LEAD_WORDS:
        return None
    if any(scan.w[k] in scan.rules.sentence_words for k in leftover):
        return None
    if leftover and scan.w[-1] == ".":
        return None
    rest = " ".join(scan.text_of(k, k + 1) for k in leftover)
    return DateStamp(_pick(pairs), rest, label)
