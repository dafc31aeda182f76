"""Publication dates: every date expression in a text (find_dates), date-stamp lines (date_stamp), and the
article's date with its basis (resolve_date: printed stamp > dateline at the start of the body > inference).

Words live in rules/dates.yaml (dates_rules.py loads and checks them). Matching works on folded tokens with a
bounded look-ahead at each token, so the time is linear in the text's length (no regex backtracking).
Inference from relative days ("اليوم الثلاثاء") is in date_infer.py.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import accumulate
from typing import Optional

from .dates_rules import TOKEN_SPLIT, DateRules, Folded, load_date_rules

__all__ = ["DateMention", "find_dates", "load_date_rules"]

GREGORIAN_YEARS = (1900, 2100)
HIJRI_YEARS = (1300, 1500)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEPARATORS = set(",،-|/:؛()[]•·")


@dataclass(frozen=True)
class DateMention:
    """One date-ish expression found in a text. Offsets index the text given to find_dates."""

    text: str
    start: int
    end: int
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    weekday: Optional[int]  # printed weekday, 0=Monday
    time: Optional[str]  # "HH:MM" if printed next to it
    calendar: str  # "gregorian" | "hijri"
    rule: str  # rule id: iso, numeric-dmy, day-month-year, day-month, day-range, hijri, month-year, year, ago ...
    day_end: Optional[int] = None  # last day of a range "من 12 إلى 14 فبراير"
    relative: Optional[str] = None  # "this" | "next" | "last" printed after the month ("فبراير الجاري")
    conflict: bool = False  # a "الموافق" pair whose Hijri and Gregorian dates disagree

    @property
    def date(self) -> Optional[dt.date]:
        """The full Gregorian date when day, month and year are known (Hijri converted)."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return to_gregorian(self.year, self.month, self.day, self.calendar)

    @property
    def weekday_matches(self) -> Optional[bool]:
        d = self.date
        return None if d is None or self.weekday is None else d.weekday() == self.weekday


def to_gregorian(year: int, month: int, day: int, calendar: str = "gregorian") -> Optional[dt.date]:
    try:
        if calendar == "hijri":
            from hijridate import Hijri

            g = Hijri(year, month, day).to_gregorian()
            return dt.date(g.year, g.month, g.day)
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


@dataclass
class _Hit:
    start: int  # token indexes
    end: int
    rule: str
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    calendar: str = "gregorian"
    weekday: Optional[int] = None
    time: Optional[str] = None
    day_end: Optional[int] = None
    relative: Optional[str] = None
    alt: Optional[tuple[int, int, int]] = None  # other reading (y, m, d) of an ambiguous numeric date


class Scan:
    """A text folded and tokenised once; date expressions are matched on its tokens."""

    def __init__(self, text: str, rules: Optional[DateRules] = None):
        self.source = text
        self.rules = rules or load_date_rules()
        self.folded = Folded(text)
        # One split in C instead of a Python loop over the tokens: [gap, token, gap, token, ..., gap]. Every
        # character that is not whitespace belongs to a token, so the gaps are only whitespace.
        self._parts = TOKEN_SPLIT.split(self.folded.text)
        self.w: list[str] = self._parts[1::2]
        self.n = len(self.w)

    @cached_property
    def _offsets(self) -> list[int]:
        """Folded offsets: [start of token 0, end of token 0, start of token 1, ...] (only when asked for)."""
        return list(accumulate(map(len, self._parts)))[:2 * self.n]

    @cached_property
    def starts(self) -> list[int]:
        return self._offsets[0::2]

    @cached_property
    def ends(self) -> list[int]:
        return self._offsets[1::2]

    # ---- small helpers
    def tok(self, i: int) -> str:
        return self.w[i] if 0 <= i < self.n else ""

    def num(self, i: int, max_len: int = 4) -> Optional[int]:
        t = self.tok(i)
        return int(t) if t.isdigit() and t.isascii() and len(t) <= max_len else None

    def attached(self, i: int) -> bool:
        """Token i touches token i-1 (no space between)."""
        return 0 < i < self.n and not self._parts[2 * i]

    def text_of(self, i: int, j: int) -> str:
        return self.source[self.src_start(i):self.src_end(j)]

    def src_start(self, i: int) -> int:
        return self.folded.src(self._offsets[2 * i])

    def src_end(self, j: int) -> int:
        return self.folded.src_end(self._offsets[2 * j - 1])

    def positions(self, words: frozenset) -> list[int]:
        """Indexes of the tokens that are numbers or in `words`: the only places where matching can start."""
        return [i for i, t in enumerate(self.w) if t in words or t.isdigit()]

    def lone_number(self, i: int) -> bool:
        """Token i is a number that is not part of a longer chain like 3.5, 1,200 or 10:30."""
        if self.attached(i) and self.tok(i - 1) in ".,:/-" and self.num(i - 2, 9) is not None and self.attached(i - 1):
            return False
        if self.attached(i + 1) and self.tok(i + 1) in ".,:/%" and (self.tok(i + 1) == "%" or (self.num(i + 2, 9) is not None and self.attached(i + 2))):
            return False
        return True

    def skip_seps(self, i: int, limit: int = 2) -> int:
        k = 0
        while k < limit and self.tok(i) in _SEPARATORS:
            i, k = i + 1, k + 1
        return i

    # ---- pieces
    def month(self, i: int) -> Optional[tuple[int, object]]:
        months = self.rules.months
        if self.tok(i) == "شهر":
            i += 1
        hit = months.match(self.w, i)
        if hit is None and self.tok(i).startswith("و") and len(self.tok(i)) > 2:
            trial = [self.tok(i)[1:]] + self.w[i + 1:i + 4]
            sub = months.match(trial, 0)
            if sub is not None:
                hit = (i + sub[0], sub[1])
        if hit is None:
            return None
        end, name = hit
        # A gloss in another naming system: "يوليو (تموز)", "فبراير/شباط", "شباط - فبراير".
        j = end + 1 if self.tok(end) in ("(", "/", "-", "،", ",") else end
        gloss = months.match(self.w, j)
        if gloss is not None and gloss[1].month == name.month and gloss[1].calendar == name.calendar:
            end = gloss[0] + 1 if j > end and self.tok(end) == "(" and self.tok(gloss[0]) == ")" else gloss[0]
        return end, name

    def year(self, i: int, calendar: str) -> Optional[tuple[int, int, Optional[str]]]:
        """(end, year, era calendar) of a year at token i, with its era word ("م", "هـ") if printed."""
        i = i + 1 if self.tok(i) in (",", "،") else i
        y = self.num(i)
        if y is None or len(self.tok(i)) != 4 or not self.lone_number(i):
            return None
        era = self.rules.eras.get(self.tok(i + 1))
        low, high = HIJRI_YEARS if calendar == "hijri" else GREGORIAN_YEARS
        if not low <= y <= high or (era is not None and era != calendar):
            return None
        return (i + 2 if era else i + 1), y, era

    def day_number(self, i: int) -> Optional[int]:
        d = self.num(i, 2)
        return d if d is not None and 1 <= d <= 31 and self.lone_number(i) else None

    def time(self, i: int) -> Optional[tuple[int, str]]:
        h, m = self.num(i, 2), None
        if h is None or self.tok(i + 1) != ":" or not self.attached(i + 1) or not self.attached(i + 2):
            return None
        m = self.num(i + 2, 2)
        if m is None or len(self.tok(i + 2)) != 2 or h > 23 or m > 59:
            return None
        end = i + 3
        if self.tok(end) == ":" and self.attached(end) and self.num(end + 1, 2) is not None:
            end += 2
        mark = self.rules.am_pm.get(self.tok(end))
        if mark is not None and h <= 12:
            h = (h % 12) + (12 if mark == "pm" else 0)
            end += 1
        return end, f"{h:02d}:{m:02d}"

    def time_after(self, i: int) -> Optional[tuple[int, str]]:
        j = self.skip_seps(i)
        if self.tok(j) == "t" and self.attached(j):
            return self.time(j + 1)
        words = self.rules.time_words.match(self.w, j)
        if words:
            j = self.skip_seps(words[0], 1)
        return self.time(j)

    # ---- a date expression starting at token i
    def at(self, i: int) -> Optional[_Hit]:
        r = self.rules
        j = i + 1 if self.tok(i) == "يوم" and r.weekdays.match(self.w, i + 1) else i
        wd = r.weekdays.match(self.w, j)
        if wd is not None:
            k = self.skip_seps(wd[0])
            pair = r.pairing.match(self.w, k)
            k = self.skip_seps(pair[0], 1) if pair else k
            hit = self.core(k)
            if hit is not None and hit.month is not None and hit.day is not None:
                hit.start, hit.weekday = i, wd[1]
                self.choose_reading(hit)
                return self.with_time(hit)
            return None
        t = self.time(i)
        if t is not None:
            k = self.skip_seps(t[0])
            hit = self.core(k)
            if hit is not None and hit.day is not None and hit.year is not None:
                hit.start, hit.time = i, t[1]
                return hit
            return None
        hit = self.core(i)
        return self.with_time(hit) if hit is not None else None

    def with_time(self, hit: _Hit) -> _Hit:
        if hit.day is not None and hit.time is None:
            t = self.time_after(hit.end)
            if t is not None:
                hit.end, hit.time = t
        return hit

    def choose_reading(self, hit: _Hit) -> None:
        """A printed weekday decides between the dd/mm and mm/dd readings of a numeric date."""
        if hit.alt is None or hit.weekday is None:
            return
        first = to_gregorian(hit.year, hit.month, hit.day)
        second = to_gregorian(*hit.alt)
        if first is not None and first.weekday() != hit.weekday and second is not None and second.weekday() == hit.weekday:
            hit.year, hit.month, hit.day = hit.alt
            hit.rule = "numeric-mdy"
        hit.alt = None

    def core(self, i: int) -> Optional[_Hit]:
        r = self.rules
        t = self.tok(i)
        if t.isdigit():
            hit = self.numeric(i) or self.day_first(i)
            if hit is not None:
                return hit
            y = self.num(i)
            if y is not None and len(t) == 4 and self.lone_number(i) and (self.tok(i - 1) in r.year_cues or self.tok(i + 1) in r.eras):
                era = r.eras.get(self.tok(i + 1))
                calendar = era or "gregorian"
                low, high = HIJRI_YEARS if calendar == "hijri" else GREGORIAN_YEARS
                if low <= y <= high:
                    return _Hit(i, i + 2 if era else i + 1, "year" if calendar == "gregorian" else "hijri", year=y, calendar=calendar)
            return None
        start = r.range_start.match(self.w, i)
        if start is not None and self.tok(start[0]).isdigit():
            hit = self.day_first(start[0])
            if hit is not None and hit.rule == "day-range":
                hit.start = i
                return hit
        if t in r.ago_words and self.num(i + 1, 3) is not None and self.tok(i + 2) in r.units:
            return _Hit(i, i + 3, "ago")
        ordinal = r.ordinals.match(self.w, i)
        if ordinal is not None and self.tok(ordinal[0]) == "من" and self.tok(i - 1) not in r.ordinal_blockers:
            hit = self.month_tail(ordinal[0] + 1, i, ordinal[1], "ordinal-day-month")
            if hit is not None:
                return hit
        if t in r.months or (t.startswith("و") and t[1:] in r.months) or t == "شهر":
            return self.month_tail(i, i, None, None)
        return None

    def day_first(self, i: int) -> Optional[_Hit]:
        """"12 فبراير 2018", "12 من فبراير", "12 إلى 14 فبراير الجاري", "12 و13 فبراير"."""
        day = self.day_number(i)
        if day is None:
            return None
        j, day_end = i + 1, None
        to = self.rules.range_to.match(self.w, j) or ((j + 1, True) if self.tok(j) == "-" else None)
        if to is not None:
            second = self.day_number(to[0])
            if second is not None and second > day:
                j, day_end = to[0] + 1, second
        if self.tok(j) == "من":
            j += 1
        elif day_end is None and self.tok(j) == "-" and self.attached(j) and self.attached(j + 1):
            j += 1  # "14-مارس-2013": the parts glued with hyphens
        return self.month_tail(j, i, day, "day-range" if day_end else None, day_end)

    def month_tail(self, j: int, start: int, day: Optional[int], rule: Optional[str], day_end: Optional[int] = None) -> Optional[_Hit]:
        found = self.month(j)
        if found is None:
            return None
        end, name = found
        if self.tok(end) == "/":  # "21 مارس/ آذار 2021": the month in two naming systems
            alt = self.month(end + 1)
            if alt is not None and alt[1].month == name.month and alt[1].calendar == name.calendar:
                end = alt[0]
        if self.tok(end) == "-" and self.attached(end) and self.attached(end + 1) and day is not None:
            end += 1  # "14-مارس-2013"
        year = self.year(end, name.calendar)
        relative = None
        if year is not None:
            end = year[0]
        elif self.tok(end) in self.rules.periods:
            relative = self.rules.periods[self.tok(end)]
            end += 1
        if day is None and year is None and relative is None:
            return None  # a bare month name: "مارس" is also a verb, "آب" a father
        if name.strict and (day is None or year is None):
            return None
        max_day = 30 if name.calendar == "hijri" else (29 if name.month == 2 else 30 if name.month in (4, 6, 9, 11) else 31)
        if day is not None and (max(day, day_end or day) > max_day):
            return None
        if day is not None and year is not None and to_gregorian(year[1], name.month, day, name.calendar) is None:
            return None
        if rule is None:
            rule = "day-month-year" if day is not None and year else "day-month" if day is not None else "month-year" if year else "month-relative"
        if name.calendar == "hijri":
            rule = "hijri"
        return _Hit(start, end, rule, year[1] if year else None, name.month, day, name.calendar,
                    day_end=day_end, relative=relative)

    def numeric(self, i: int) -> Optional[_Hit]:
        """"15/02/2018", "15.02.2018", "2018/02/15", "2018-02-15" (ISO), "١٥/٠٢/٢٠١٨"."""
        sep = self.tok(i + 1)
        if sep not in ("/", "-", ".") or self.tok(i + 3) != sep:
            return None
        tight = self.attached(i + 1) and self.attached(i + 2) and self.attached(i + 3) and self.attached(i + 4)
        if not tight and sep != "/":
            return None
        a, b, c = self.tok(i), self.tok(i + 2), self.tok(i + 4)
        if not (a.isdigit() and b.isdigit() and c.isdigit()) or len(b) > 2:
            return None
        if self.attached(i) and self.tok(i - 1) in "/-." or (self.attached(i + 5) and self.tok(i + 5) in "/-." and self.tok(i + 6).isdigit()):
            return None  # part of a longer chain: a version, a phone or an address
        if len(a) == 4 and len(c) <= 2:
            y, m, d = int(a), int(b), int(c)
            rule, alt = ("iso" if sep == "-" else "numeric-ymd"), None
        elif len(c) == 4 and len(a) <= 2:
            y, m, d = int(c), int(b), int(a)
            rule, alt = "numeric-dmy", (int(c), int(a), int(b))
            if m > 12 and d <= 12:
                (y, m, d), rule, alt = alt, "numeric-mdy", None
        else:
            return None
        era = self.rules.eras.get(self.tok(i + 5))
        calendar = "hijri" if era == "hijri" or HIJRI_YEARS[0] <= y <= HIJRI_YEARS[1] else "gregorian"
        low, high = HIJRI_YEARS if calendar == "hijri" else GREGORIAN_YEARS
        if not low <= y <= high or to_gregorian(y, m, d, calendar) is None:
            return None
        if alt is not None and (calendar == "hijri" or to_gregorian(*alt) is None or alt == (y, m, d)):
            alt = None
        end = i + 6 if era else i + 5
        hit = _Hit(i, end, "hijri" if calendar == "hijri" else rule, y, m, d, calendar, alt=alt)
        if rule == "iso" and self.tok(end) == "t" and self.attached(end):
            t = self.time(end + 1)
            if t is not None:
                hit.end, hit.time = t
                # The zone offset belongs to the time ("+03:00", "Z").
                if self.tok(hit.end) in ("+", "-", "z") and self.attached(hit.end):
                    z = hit.end + (1 if self.tok(hit.end) == "z" else 4 if self.tok(hit.end + 2) == ":" else 2)
                    hit.end = min(z, self.n)
        return hit

    # ---- all expressions
    def hits(self) -> list[_Hit]:
        out: list[_Hit] = []
        after = 0  # the end of the last hit: hits do not overlap
        # Only a number or a trigger word (month, weekday, ordinal, ...) can start a date: skip the others.
        for i in self.positions(self.rules.triggers):
            if i < after:
                continue
            hit = self.at(i)
            if hit is not None:
                out.append(hit)
                after = max(hit.end, i + 1)
        return out

    def mention(self, hit: _Hit) -> DateMention:
        return DateMention(self.text_of(hit.start, hit.end), self.src_start(hit.start), self.src_end(hit.end),
                           hit.year, hit.month, hit.day, hit.weekday, hit.time, hit.calendar, hit.rule,
                           hit.day_end, hit.relative)

    def mentions(self) -> list[tuple[_Hit, DateMention]]:
        hits = self.hits()
        out = [(h, self.mention(h)) for h in hits]
        # "الموافق" pairs: a Hijri and a Gregorian date of the same day; they must agree (a day or two of
        # difference is normal: countries start Hijri months on different evenings).
        for k in range(len(out) - 1):
            (h1, m1), (h2, m2) = out[k], out[k + 1]
            between = h1.end
            between = self.skip_seps(between)
            pair = self.rules.pairing.match(self.w, between)
            if pair is None or self.skip_seps(pair[0], 1) != h2.start or m1.calendar == m2.calendar:
                continue
            d1, d2 = m1.date, m2.date
            if d1 is not None and d2 is not None and abs((d1 - d2).days) > 2:
                out[k] = (h1, replace(m1, conflict=True))
                out[k + 1] = (h2, replace(m2, conflict=True))
        return out


def find_dates(text: str) -> list[DateMention]:
    """Every explicit date expression in `text`, in order, without overlaps."""
    return [m for _, m in Scan(text).mentions()]
