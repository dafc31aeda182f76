"""Inference of the day of writing when no date is printed for it.

Evidence, all found in the body:
  cues     a relative day with a weekday: "اليوم الثلاثاء", "أمس (الأربعاء)", "يوم غد الأربعاء" give the
           weekday of writing (أمس: the day after the named weekday). "اليوم الثلاثاء 13 فبراير" gives the
           day itself (a direct cue).
  anchors  day-month dates without a year that are in this month ("من 12 إلى 14 فبراير الجاري") or ahead
           ("في السادس من فبراير" after "يستضيف", "سيعقد", or followed by "المقبل").
  bounds   the latest past date or year named (the writing day is after it) and the earliest deadline or
           future date named (the writing day is before it). Copyright years are not evidence.
Rules: this-month anchor -> the weekday inside the anchored days, in the first year after the latest past
date in which it fits; future anchor -> the nearest such weekday before the anchor. Several fits, or
cues that disagree, give "unknown" with the candidates.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Sequence

from ..models import Field
from ..recognise.dates import WEEKDAY_NAMES, DateMention, Scan, _Hit, to_gregorian
from .date_result import DateResult, _unknown

MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
YEARS_AHEAD = 11  # every day-month falls on every weekday within 11 years
CONTEXT_BACK = 10  # tokens before a date searched for future / deadline words
_CLAUSE_ENDS = {".", "!", "؟", "?", "؛", ";", ":", "\n"}


@dataclass(frozen=True)
class Cue:
    pub_weekday: int
    offset: int
    text: str
    direct: Optional[tuple[Optional[int], int, int]] = None  # (year, month, day) printed with the cue


@dataclass(frozen=True)
class Anchor:
    mention: DateMention
    kind: str  # "this" | "future"


def _context(scan: Scan, hit: _Hit, table) -> bool:
    """A phrase of `table` in the same clause, up to CONTEXT_BACK tokens before the date."""
    for k in range(hit.start - 1, max(-1, hit.start - CONTEXT_BACK - 1), -1):
        if scan.w[k] in _CLAUSE_ENDS:
            return False
        if table.match(scan.w, k) is not None:
            return True
    return False


def _copyright(scan: Scan, hit: _Hit) -> bool:
    window = scan.w[max(0, hit.start - 6):hit.end + 2]
    return any(t in scan.rules.copyright for t in window)


def _fmt(d: dt.date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month]} {d.year}"


class Evidence:
    def __init__(self, body: Sequence[str]):
        self.cues: list[Cue] = []
        self.anchors: list[Anchor] = []
        self.lower: Optional[tuple[dt.date, str]] = None  # writing day is after
        self.lower_full: Optional[tuple[dt.date, str]] = None  # the same, from full dates only
        self.upper: Optional[tuple[dt.date, str]] = None  # writing day is on or before
        self.links: set[str] = set()
        self.period_months: Optional[tuple[int, str]] = None  # "الأشهر الـ12 المقبلة"
        for para in body:
            self._read(Scan(para))

    def _bound(self, which: str, d: dt.date, text: str) -> None:
        cur = getattr(self, which)
        if cur is None or (d > cur[0] if which == "lower" else d < cur[0]):
            setattr(self, which, (d, text))

    def _read(self, scan: Scan) -> None:
        r = scan.rules
        pairs = scan.mentions()
        by_start = {h.start: (h, m) for h, m in pairs}
        for h, m in pairs:
            if m.rule == "ago" or _copyright(scan, h):
                continue
            future = m.relative == "next" or _context(scan, h, r.future) or _context(scan, h, r.deadline)
            if m.day is not None and m.month is not None and m.year is None:
                if m.relative == "this":
                    self.anchors.append(Anchor(m, "this"))
                elif future:
                    self.anchors.append(Anchor(m, "future"))
                continue
            if m.year is None or m.conflict:
                continue
            y = m.year if m.calendar == "gregorian" else None
            if m.date is not None:
                (self._bound("upper", m.date, m.text) if future else self._bound("lower", m.date, m.text))
                if not future and (self.lower_full is None or m.date > self.lower_full[0]):
                    self.lower_full = (m.date, m.text)
            elif y is not None and m.month is not None:
                first = dt.date(y, m.month, 1)
                last = (dt.date(y + (m.month == 12), m.month % 12 + 1, 1) - dt.timedelta(days=1))
                (self._bound("upper", last, m.text) if future else self._bound("lower", first, m.text))
            elif y is not None:
                (self._bound("upper", dt.date(y, 12, 31), m.text) if future else self._bound("lower", dt.date(y, 1, 1), m.text))
        i = 0
        # Only a relative day, a range link or a number (a period: "الأشهر الـ12 المقبلة") starts anything here;
        # the tokens between them are skipped, as the token-by-token walk did nothing at them.
        for pos in scan.positions(r.infer_triggers):
            if pos < i:
                continue
            i = pos
            link = r.range_links.match(scan.w, i)
            if link is not None:
                self.links.add(link[1])
            rel = r.relative_days.match(scan.w, i)
            if rel is None:
                self._period(scan, i)
                continue
            end, offset = rel
            j = end + 1 if scan.tok(end) in ("(", "،", ",", "-") else end
            wd = r.weekdays.match(scan.w, j)
            if wd is None:
                i = end
                continue
            k = wd[0] + 1 if scan.tok(wd[0]) == ")" else wd[0]
            start = i - 1 if i > 0 and r.day_fillers.match(scan.w, i - 1) else i
            direct = None
            after = scan.skip_seps(k)
            pair = r.pairing.match(scan.w, after)
            after = scan.skip_seps(pair[0], 1) if pair else after
            at = j if j in by_start else after  # "اليوم الثلاثاء 13 فبراير": the date took the weekday along
            if at in by_start:
                h, m = by_start[at]
                if m.day is not None and m.month is not None and m.calendar == "gregorian":
                    direct, k = (m.year, m.month, m.day), h.end
            text = scan.text_of(start, k)
            self.cues.append(Cue((wd[1] - offset) % 7, offset, text, direct))
            i = k

    def _period(self, scan: Scan, i: int) -> None:
        """"الأشهر الـ12 المقبلة", "خلال 12 شهرا المقبلة": a span of months ahead of the writing day."""
        n = scan.num(i, 2)
        if n is None or self.period_months is not None:
            return
        r = scan.rules
        unit = scan.tok(i - 2)
        unit = unit[2:] if unit.startswith("ال") else unit
        before = scan.tok(i - 1) == "ال" and r.units.get(unit) == "month"  # "الأشهر الـ12 المقبلة"
        after = r.units.get(scan.tok(i + 1)) == "month"  # "12 شهرا المقبلة"
        nxt = i + 2 if after else i + 1
        if (before or after) and r.future.match(scan.w, nxt) is not None:
            self.period_months = (n, scan.text_of(i - 2 if before else i, nxt + 1))


def _weekday(ev: Evidence) -> tuple[Optional[int], str, Optional[str]]:
    """(weekday of writing, the cue text, a note) or (None, reason-of-conflict or "", None)."""
    plain = [c for c in ev.cues if c.direct is None] or ev.cues
    days = {c.pub_weekday for c in plain}
    if not days:
        return None, "", None
    if len(days) == 1:
        return days.pop(), plain[0].text, None
    today = [c for c in plain if c.offset == 0]
    today_days = {c.pub_weekday for c in today}
    others = [c for c in plain if c.pub_weekday not in today_days]
    if len(today_days) == 1:
        w = today_days.pop()
        if all((c.pub_weekday - w) % 7 in (1, 6) for c in others):
            note = "; " + ", ".join(f"'{c.text}'" for c in others) + " points a day off (copy written and published on consecutive days)"
            return w, today[0].text, note
    return None, "the relative days disagree: " + ", ".join(f"'{c.text}' ({WEEKDAY_NAMES[c.pub_weekday]})" for c in plain), None


def _years(ev: Evidence) -> range:
    low = ev.lower[0].year
    return range(low, low + YEARS_AHEAD + 1)


def _fits(ev: Evidence, d: dt.date) -> bool:
    return (ev.lower is None or d > ev.lower[0]) and (ev.upper is None or d <= ev.upper[0])


def _lower_note(ev: Evidence) -> str:
    return f"latest earlier date named: '{ev.lower[1]}'"


def _direct(ev: Evidence) -> tuple[list[dt.date], list[str]]:
    found, why = [], []
    for c in ev.cues:
        if c.direct is None:
            continue
        y, m, d = c.direct
        if y is not None:
            day = to_gregorian(y, m, d)
            if day is not None and day.weekday() == (c.pub_weekday + c.offset) % 7:
                found.append(day - dt.timedelta(days=c.offset))
                why.append(f"'{c.text}' names the day of writing")
            continue
        if ev.lower is None:
            continue
        for year in _years(ev):
            day = to_gregorian(year, m, d)
            if day is not None and day.weekday() == (c.pub_weekday + c.offset) % 7 and _fits(ev, day):
                found.append(day - dt.timedelta(days=c.offset))
                why.append(f"'{c.text}' names the day of writing; {_lower_note(ev)}; first later year in which "
                           f"{d} {MONTH_NAMES[m]} is a {WEEKDAY_NAMES[day.weekday()]} is {year}")
                break
    return found, why


def _this_month(ev: Evidence, a: Anchor, w: int, cue: str) -> tuple[list[dt.date], str]:
    m = a.mention
    pin, how = None, ""
    if m.day is not None and m.day_end is not None:
        pins = {"end_is_tomorrow": m.day_end - 1, "start_is_yesterday": m.day + 1, "start_is_today": m.day, "end_is_today": m.day_end}
        # "حتى يوم غد" / "انطلق أمس" speak of the span itself; "انطلقت اليوم" may be a part of it.
        links = (ev.links & {"end_is_tomorrow", "start_is_yesterday"}) or ev.links
        chosen = {pins[k] for k in links}
        if len(chosen) == 1:
            pin = chosen.pop()
            how = f" (the text ties the span to the day of writing: {', '.join(sorted(links))})"
        days = [pin] if pin else list(range(m.day, m.day_end + 1))
    else:  # one day ("12 فبراير الجاري") or the month ("فبراير الجاري"): the weekday comes back every week
        days = list(range(1, 32))
    found: list[dt.date] = []
    for year in _years(ev):
        fits = [d for d in (to_gregorian(year, m.month, x) for x in days) if d is not None and d.weekday() == w and _fits(ev, d)]
        if fits and pin is None:
            # The weekday falls inside an unpinned span in many years: keep the first two as candidates.
            found.extend(fits)
            if len({d.year for d in found}) >= 2:
                return found, ""
            continue
        if fits:
            day_text = f"{fits[0].day} {MONTH_NAMES[m.month]}" if len(fits) == 1 else MONTH_NAMES[m.month]
            why = (f"inferred: '{cue}' during '{m.text}'{how}; {_lower_note(ev)}; first later year in which "
                   f"{day_text} is a {WEEKDAY_NAMES[w]} is {year}")
            return fits, why
    return found, ""


def _future(ev: Evidence, a: Anchor, w: int, cue: str) -> tuple[list[dt.date], str]:
    m = a.mention
    target = None
    if ev.lower_full is None or ev.lower_full[0] < ev.lower[0]:
        # Only a bare year or month is named: "the first 6 February after 2014" is a guess, not evidence.
        return [], ""
    for year in _years(ev):
        d = to_gregorian(year, m.month, m.day)
        if d is not None and d > ev.lower[0]:
            target = d
            break
    if target is None:
        return [], ""
    day = target - dt.timedelta(days=(target.weekday() - w - 1) % 7 + 1)
    if not _fits(ev, day):
        return [], ""
    why = (f"inferred: '{cue}' before '{m.text}', announced as coming; {_lower_note(ev)}, so that day is "
           f"{_fmt(target)}; the nearest {WEEKDAY_NAMES[w]} before it is {_fmt(day)}")
    return [day], why


def _year_only(ev: Evidence, candidates: Sequence[dt.date]) -> tuple[Optional[int], str]:
    years = {d.year for d in candidates}
    if len(years) == 1:
        return years.pop(), ""
    if ev.period_months is not None and ev.upper is not None:
        n, text = ev.period_months
        end = ev.upper[0]
        months = end.year * 12 + end.month - 1 - n
        year = months // 12
        return year, f"; year {year}: '{text}' run to '{ev.upper[1]}', so the text was written about {n} months before"
    if ev.lower is not None and ev.upper is not None and ev.lower[0].year == ev.upper[0].year:
        return ev.lower[0].year, f"; year {ev.lower[0].year}: after '{ev.lower[1]}' and before '{ev.upper[1]}'"
    return None, ""


def infer(body: Sequence[str], partial: Optional[tuple[DateMention, str]] = None) -> DateResult:
    ev = Evidence(body)
    if partial is not None and partial[0].weekday is not None:
        # A date line with weekday, day and month but no year ("الأحد 3 مارس"): a direct cue for the day.
        m, where = partial
        ev.cues.insert(0, Cue(m.weekday, 0, where, (None, m.month, m.day)))
    found, why = _direct(ev)
    if found:
        if len(set(found)) == 1:
            d = found[0]
            return DateResult(Field(d, "inferred", "inferred: " + why[0], "date-direct-cue", ev.cues[0].text), None, (), d.year)
        return _unknown("the days named for the day of writing disagree", "date-cues-disagree", found)
    w, cue, note = _weekday(ev)
    if w is None:
        reason = cue or "no date is printed and the text names no weekday of writing ('اليوم الثلاثاء')"
        year, ywhy = _year_only(ev, ())
        return _unknown(reason + ywhy, "date-no-evidence", (), year)
    if not ev.anchors:
        year, ywhy = _year_only(ev, ())
        return _unknown(f"'{cue}' gives the weekday ({WEEKDAY_NAMES[w]}) but no day and month anchor it" + ywhy,
                        "date-no-anchor", (), year)
    if ev.lower is None:
        year, ywhy = _year_only(ev, ())
        return _unknown(f"'{cue}' gives the weekday ({WEEKDAY_NAMES[w]}), but the text names no earlier year to fix the year" + ywhy,
                        "date-no-year", (), year)
    results: list[tuple[list[dt.date], str]] = []
    for a in ev.anchors:
        fits, why = (_this_month if a.kind == "this" else _future)(ev, a, w, cue)
        if fits:
            results.append((fits, why))
    candidates = sorted({d for fits, _ in results for d in fits})
    if len(candidates) == 1:
        d = candidates[0]
        why = results[0][1] + (note or "")
        return DateResult(Field(d, "inferred", why, "date-weekday-anchor", cue), None, (), d.year)
    year, ywhy = _year_only(ev, candidates)
    if not candidates:
        return _unknown(f"'{cue}' ({WEEKDAY_NAMES[w]}) fits none of the anchors " + ", ".join(f"'{a.mention.text}'" for a in ev.anchors) + ywhy,
                        "date-no-fit", (), year)
    return _unknown(f"'{cue}' ({WEEKDAY_NAMES[w]}) fits several days" + ywhy, "date-ambiguous", candidates, year)
