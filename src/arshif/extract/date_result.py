"""An article's date with its basis, and the two ways one is made: printed (with its text) or unknown (with
the reason and the candidates). Shared by the resolution (dates.py) and the inference (date_infer.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Sequence

from ..models import Field
from ..recognise.dates import WEEKDAY_NAMES, DateMention


@dataclass(frozen=True)
class DateResult:
    field: Field  # value: datetime.date or None; kind printed | inferred | unknown
    time: Optional[str]
    candidates: tuple[dt.date, ...]  # when ambiguous
    year: Optional[int]  # the year when known (also when the full date is unknown), else None


def _weekday_note(m: DateMention) -> str:
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
