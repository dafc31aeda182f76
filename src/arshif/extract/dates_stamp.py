"""Date-stamp lines and the resolution of an article's date: printed stamp > dateline at the start of the
body > inference (date_infer.py). A wrong date is worse than none: conflicts give "unknown" with candidates.
"""
from __future__ import annotations

import re

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Sequence

from ..models import Field
from .dates import _SEPARATORS, DateMention, Scan, _Hit, find_dates

MAX_REST_WORDS = 4  # place words after a stamp: "أبوظبي الإمارات"
MAX_LEAD_WORDS = 3  # place words before a stamp or a dateline: "الرياض", "رام الله -"


@dataclass(frozen=True)
class DateStamp:
    """A line that is only a date stamp."""

    mention: DateMention
    rest: str  # leftover words (e.g. place "أبوظبي الإمارات"), "" if none
    label: Optional[str] = None  # "published" | "updated" when a label is printed ("آخر تحديث:")


@dataclass(frozen=True)
class DateResult:
    field: Field  # value: datetime.date or None; kind printed | inferred | unknown
    time: Optional[str]
    candidates: tuple[dt.date, ...]  # when ambiguous
    year: Optional[int]  # the year when known (also when the full date is unknown), else None


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
    if len(pairs) == 2 and not _paired(scan, pairs[0], pairs[1]):
        return None
    covered = [False] * scan.n
    label = None
    lab = scan.rules.labels.match(scan.w, 0)
    if lab is not None:
        label = lab[1]
        covered[:lab[0]] = [True] * lab[0]
    first, last = pairs[0][0], pairs[-1][0]
    for k in range(first.start, last.end):
        covered[k] = True
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


def _weekday_note(m: DateMention) -> str:
    from .dates import WEEKDAY_NAMES

    if m.weekday_matches is False:
        return f" (note: the printed weekday is a {WEEKDAY_NAMES[m.weekday]}, but {m.date.isoformat()} is a {WEEKDAY_NAMES[m.date.weekday()]})"
    return ""


def _unknown(reason: str, rule: str, candidates: Sequence[dt.date] = (), year: Optional[int] = None) -> DateResult:
    cands = tuple(sorted(set(candidates)))
    if cands:
        reason += "; candidates: " + ", ".join(d.isoformat() for d in cands)
    return DateResult(Field(None, "unknown", reason, rule), None, cands, year)


def _printed(m: DateMention, where: str, extra: str = "") -> DateResult:
    d = m.date
    converted = f" (Hijri, converted to {d.isoformat()})" if m.calendar == "hijri" else ""
    basis = f"{where}: '{m.text}'{converted}{_weekday_note(m)}{extra}"
    return DateResult(Field(d, "printed", basis, m.rule, m.text), m.time, (), d.year)


def _from_stamps(stamps: Sequence[str]) -> tuple[Optional[DateResult], Optional[tuple[DateMention, str]]]:
    found: list[tuple[int, DateMention, str]] = []  # (rank, mention, stamp text); rank 0 published, 1 plain, 2 updated
    partial: Optional[tuple[DateMention, str]] = None
    conflicts: list[DateMention] = []
    for text in stamps:
        stamp = date_stamp(text)
        if stamp is not None:
            mentions, rank = [stamp.mention], {"published": 0, None: 1, "updated": 2}[stamp.label]
        else:  # the cleaner calls it a date line; take its dates, if they agree
            mentions, rank = [m for m in find_dates(text) if m.date is not None], 1
            if len({m.date for m in mentions if not m.conflict and m.calendar == "gregorian"} or {m.date for m in mentions}) > 1:
                continue
        for m in mentions[:1]:
            if m.conflict:
                conflicts.extend(x for x in find_dates(text) if x.conflict and x.date is not None)
            elif m.date is not None:
                found.append((rank, m, text))
            elif m.day is not None and m.month is not None and partial is None:
                partial = (m, f"the date line '{text}'")
    if found:
        best_rank = min(r for r, _, _ in found)
        best = [(m, t) for r, m, t in found if r == best_rank]
        dates = sorted({m.date for m, _ in best})
        m, text = min(best, key=lambda item: item[0].date)
        extra = ""
        if len(dates) > 1:
            others = ", ".join(d.isoformat() for d in dates if d != m.date)
            extra = f"; other date lines print later dates ({others}): the earliest is taken, later ones are saved or updated pages"
        if best_rank == 2:
            extra += "; only an update date is printed"
        return _printed(m, "printed in the article's date line", extra), partial
    if conflicts:
        m = conflicts[0]
        return _unknown(f"the date line '{m.text}' pairs a Hijri and a Gregorian date that disagree", "date-pair-conflict",
                        [c.date for c in conflicts if c.date]), partial
    return None, partial


def _from_body_start(body: Sequence[str]) -> tuple[Optional[DateResult], Optional[tuple[DateMention, str]]]:
    """A dateline: "الرياض 15 فبراير 2018 (واس) --", "الأحد 3 مارس 2019 - ...", "القاهرة في 15 فبراير"."""
    for para in body[:3]:
        if not para.strip():
            continue
        scan = Scan(para[:400])
        pairs = scan.mentions()
        if pairs and pairs[0][0].start <= 8 and pairs[0][1].day is not None and pairs[0][1].month is not None:
            hit, m = pairs[0]
            lead = [k for k in range(hit.start) if scan.w[k][0].isalpha()]
            if lead and scan.w[hit.start - 1] == "في" and len(lead) <= 2:
                lead = lead[:-1]  # "القاهرة في 15 فبراير"
            digits = any(scan.w[k].isdigit() for k in range(hit.start))
            words_ok = len(lead) <= MAX_LEAD_WORDS and not any(scan.w[k] in scan.rules.sentence_words for k in lead)
            after = scan.tok(hit.end)
            marked = m.weekday is not None or bool(lead) or after == "" or after in _SEPARATORS or after in ("\"", "«")
            if not digits and words_ok and marked:
                if len(pairs) > 1 and _paired(scan, (hit, m), pairs[1]):
                    m = _pick(pairs[:2])
                    if m.conflict:
                        return _unknown(f"the dateline '{scan.text_of(hit.start, pairs[1][0].end)}' pairs a Hijri and a Gregorian date that disagree",
                                        "date-pair-conflict", [x.date for _, x in pairs[:2] if x.date]), None
                if m.date is not None:
                    return _printed(m, "printed at the start of the body (dateline)"), None
                return None, (m, f"the dateline '{m.text}'")
        if len(scan.w) > 12:
            break  # only a short first line (a byline, a place) lets the next paragraph hold the dateline
    return None, None


def resolve_date(stamps: Sequence[str], body: Sequence[str]) -> DateResult:
    """The article's date with its basis. stamps: the article's own date line(s); body: paragraphs in order."""
    stamps = [s for s in stamps if s and s.strip()]
    body = [p for p in body if p and p.strip()]
    result, partial = _from_stamps(stamps)
    if result is not None:
        return result
    result, partial_body = _from_body_start(body)
    if result is not None:
        return result
    from .date_infer import infer

    return infer(body, partial or partial_body)
