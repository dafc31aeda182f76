"""The resolution of an article's date: printed stamp > dateline at the start of the body > inference
(date_infer.py). A wrong date is worse than none: conflicts give "unknown" with candidates.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..recognise.dates import _SEPARATORS, DateMention, Scan, find_dates
from ..recognise.dates_stamp import MAX_LEAD_WORDS, _paired, _pick, date_stamp
from .date_infer import infer
from .date_result import DateResult, _printed, _unknown


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
    return infer(body, partial or partial_body)
