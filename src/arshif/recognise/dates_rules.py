"""The date words of rules/dates.yaml, checked and compiled once; and the folding that matching relies on.

Folding here keeps offsets: every folded character points back at a character of the source, so a match in
the folded text gives the exact source slice (the evidence a reviewer reads). Characters that are dropped
(diacritics, tatweel, bidi marks) are skipped through an offset table.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Optional

from ..rules import Problem, RulesError, cached_rules, load_yaml_files
from ..text.helpers import Translation

RULES_FILE = "dates.yaml"

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه", "ک": "ك",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u3000": " ", "\t": " ",
    "٫": ".", "٬": ",", "⁄": "/", "∕": "/", "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
}
_TRANS = Translation(str.maketrans(_MAP))
# Dropped: diacritics, superscript alef, tatweel, zero-width and bidi controls, BOM.
_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]+")
# A token: a number, a run of letters, or one other visible character. Linear: no nested repetition.
TOKEN = re.compile(r"\d+|[^\W\d_]+|\S")
TOKEN_SPLIT = re.compile("(" + TOKEN.pattern + ")")  # splits a text into [gap, token, gap, ..., gap]


class Folded:
    """Folded text plus the way back to source offsets."""

    __slots__ = ("text", "_starts", "_shift")

    def __init__(self, source: str):
        pieces: list[str] = []
        self._starts: list[int] = [0]  # folded offset where each kept run begins
        self._shift: list[int] = [0]  # source offset minus folded offset within that run
        last = 0
        folded_len = 0
        for m in _DROP.finditer(source):
            pieces.append(source[last:m.start()])
            folded_len += m.start() - last
            last = m.end()
            self._starts.append(folded_len)
            self._shift.append(last - folded_len)
        pieces.append(source[last:])
        self.text = _TRANS("".join(pieces))

    def src(self, i: int) -> int:
        """Source offset of folded offset i (for an end offset, pass the last char + 1 via src_end)."""
        k = bisect_right(self._starts, i) - 1
        return i + self._shift[k]

    def src_end(self, i: int) -> int:
        """Source end offset of a folded end offset; takes along dropped marks that follow ("هـ")."""
        if i <= 0:
            return 0
        end = self.src(i - 1) + 1
        k = bisect_right(self._starts, i) - 1
        if self._starts[k] == i and k > 0:  # a dropped run starts right here
            end = i + self._shift[k]
        return end


def fold(text: str) -> str:
    return Folded(text).text


def words(phrase: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(fold(phrase)))


class PhraseTable:
    """Phrases (sequences of folded tokens) keyed by their first token; the longest match wins."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, phrase: tuple[str, ...], value: Any) -> Optional[Any]:
        """Add a phrase; returns the value it already had, if another."""
        bucket = self._by_first.setdefault(phrase[0], [])
        for known, old in bucket:
            if known == phrase:
                return None if old == value else old
        bucket.append((phrase, value))
        bucket.sort(key=lambda item: -len(item[0]))
        return None

    def match(self, toks: list[str], i: int) -> Optional[tuple[int, Any]]:
        """(end index, value) of the longest phrase starting at toks[i]."""
        bucket = self._by_first.get(toks[i]) if i < len(toks) else None
        if not bucket:
            return None
        for phrase, value in bucket:
            n = len(phrase)
            if tuple(toks[i:i + n]) == phrase:
                return i + n, value
        return None

    def __contains__(self, token: str) -> bool:
        return token in self._by_first


@dataclass(frozen=True)
class MonthName:
    month: int
    calendar: str  # "gregorian" | "hijri"
    strict: bool
    system: str


@dataclass(frozen=True)
class Example:
    file: str
    key: str
    text: str
    expected: object  # datetime.date, "partial" or None


@dataclass(frozen=True)
class DateRules:
    months: PhraseTable  # -> MonthName
    weekdays: PhraseTable  # -> 0..6
    ordinals: PhraseTable  # -> 1..31
    ordinal_blockers: frozenset
    relative_days: PhraseTable  # -> offset
    day_fillers: PhraseTable
    periods: dict  # word -> this|next|last
    eras: dict  # word -> gregorian|hijri
    am_pm: dict  # word -> am|pm
    time_words: PhraseTable
    pairing: PhraseTable
    range_start: PhraseTable
    range_to: PhraseTable
    labels: PhraseTable  # -> published|updated
    sentence_words: frozenset
    year_cues: frozenset
    future: PhraseTable
    deadline: PhraseTable
    copyright: frozenset
    range_links: PhraseTable  # -> kind
    ago_words: frozenset
    units: dict  # word -> year|month|week|day
    examples: tuple
    # Derived, for speed: the words that can start a date expression (besides numbers), and the words that
    # can start a relative day or a range link (inference).
    triggers: frozenset = frozenset()
    infer_triggers: frozenset = frozenset()
    stamp_zones: frozenset = frozenset()  # a clock's zone printed before a stamp ("09:40 GMT")
    stamp_counters: frozenset = frozenset()  # a counter's word printed before a stamp ("2 145 مشاهدة")


_SECTIONS = {
    "gregorian_months", "hijri_months", "strict_names", "weekdays", "ordinal_days", "ordinal_blockers",
    "relative_days", "day_fillers", "relative_periods", "eras", "am_pm", "time_words", "pairing_words",
    "range_words", "stamp_labels", "sentence_words", "year_cues", "future_markers", "deadline_markers",
    "copyright_markers", "range_links", "ago_words", "period_units", "examples", "stamp_zones", "stamp_counters",
}
_LISTS = ("strict_names", "ordinal_blockers", "day_fillers", "time_words", "pairing_words", "sentence_words",
          "year_cues", "future_markers", "deadline_markers", "copyright_markers", "ago_words", "stamp_zones",
          "stamp_counters")
_KEYED_LISTS = {
    "relative_periods": ("this", "next", "last"),
    "eras": ("gregorian", "hijri"),
    "am_pm": ("am", "pm"),
    "range_words": ("start", "to"),
    "stamp_labels": ("published", "updated"),
    "range_links": ("end_is_tomorrow", "start_is_yesterday", "start_is_today", "end_is_today"),
    "period_units": ("year", "month", "week", "day"),
}


def _names(value: Any, file: str, key: str, problems: list[Problem]) -> list[tuple[str, ...]]:
    if not isinstance(value, list) or not value:
        problems.append(Problem(file, key, "must be a non-empty list of words"))
        return []
    out = []
    for n, item in enumerate(value):
        phrase = words(item) if isinstance(item, str) else ()
        if not phrase:
            problems.append(Problem(file, f"{key}[{n}]", "must be a non-empty string"))
        else:
            out.append(phrase)
    return out


def _examples(value: Any, file: str, key: str, problems: list[Problem], out: list[Example]) -> None:
    if not isinstance(value, dict):
        problems.append(Problem(file, key, "must be a mapping of text to a date, 'partial' or null"))
        return
    for text, expected in value.items():
        if not isinstance(text, str) or not (expected is None or expected == "partial" or isinstance(expected, dt.date)):
            problems.append(Problem(file, f"{key}.{text}", "expected must be a date (YYYY-MM-DD), 'partial' or null"))
        else:
            out.append(Example(file, key, text, expected))


def _numbered(value: Any, low: int, high: int, file: str, key: str, problems: list[Problem]) -> dict:
    if not isinstance(value, dict):
        problems.append(Problem(file, key, f"must be a mapping of numbers {low}..{high} to lists of words"))
        return {}
    out = {}
    for number, names in value.items():
        if not isinstance(number, int) or isinstance(number, bool) or not low <= number <= high:
            problems.append(Problem(file, f"{key}.{number}", f"key must be a number {low}..{high}"))
            continue
        out[number] = _names(names, file, f"{key}.{number}", problems)
    return out


def _add(table: PhraseTable, phrase: tuple, value: Any, file: str, key: str, problems: list[Problem]) -> None:
    clash = table.add(phrase, value)
    if clash is not None:
        problems.append(Problem(file, key, f"'{' '.join(phrase)}' already means {clash!r}, not {value!r}"))


@cached_rules
def load_date_rules() -> DateRules:
    problems: list[Problem] = []
    months, weekdays, ordinals = PhraseTable(), PhraseTable(), PhraseTable()
    relative_days, fillers, time_words, pairing = PhraseTable(), PhraseTable(), PhraseTable(), PhraseTable()
    range_start, range_to, labels = PhraseTable(), PhraseTable(), PhraseTable()
    future, deadline, range_links = PhraseTable(), PhraseTable(), PhraseTable()
    lists: dict[str, list[tuple[str, ...]]] = {name: [] for name in _LISTS}
    keyed: dict[str, dict[str, list[tuple[str, ...]]]] = {name: {k: [] for k in ks} for name, ks in _KEYED_LISTS.items()}
    month_seen: dict[str, set[int]] = {"gregorian": set(), "hijri": set()}
    examples: list[Example] = []
    month_entries: list[tuple[str, str, str, bool, dict]] = []
    for file, doc in load_yaml_files(RULES_FILE):
        if doc is None:
            continue
        if not isinstance(doc, dict):
            problems.append(Problem(file, "-", "must be a mapping of sections"))
            continue
        for section, value in doc.items():
            if section not in _SECTIONS:
                problems.append(Problem(file, str(section), "unknown section"))
            elif section in ("gregorian_months", "hijri_months"):
                calendar = "gregorian" if section == "gregorian_months" else "hijri"
                if not isinstance(value, dict):
                    problems.append(Problem(file, section, "must be a mapping of naming systems"))
                    continue
                for system, entry in value.items():
                    key = f"{section}.{system}"
                    if not isinstance(entry, dict) or "months" not in entry:
                        problems.append(Problem(file, key, "must be a mapping with 'months' (and optional 'strict', 'examples')"))
                        continue
                    for extra in set(entry) - {"months", "strict", "examples"}:
                        problems.append(Problem(file, f"{key}.{extra}", "unknown key"))
                    strict = entry.get("strict", False)
                    if not isinstance(strict, bool):
                        problems.append(Problem(file, f"{key}.strict", "must be true or false"))
                        strict = True
                    numbered = _numbered(entry["months"], 1, 12, file, f"{key}.months", problems)
                    month_entries.append((file, key, calendar, strict, numbered))
                    if "examples" in entry:
                        _examples(entry["examples"], file, f"{key}.examples", problems, examples)
            elif section == "weekdays":
                for day, names in _numbered(value, 0, 6, file, section, problems).items():
                    for phrase in names:
                        _add(weekdays, phrase, day, file, f"{section}.{day}", problems)
            elif section == "ordinal_days":
                for day, names in _numbered(value, 1, 31, file, section, problems).items():
                    for phrase in names:
                        _add(ordinals, phrase, day, file, f"{section}.{day}", problems)
            elif section == "relative_days":
                if not isinstance(value, dict):
                    problems.append(Problem(file, section, "must be a mapping of {offset, words}"))
                    continue
                for name, entry in value.items():
                    key = f"{section}.{name}"
                    if isinstance(entry, dict) and isinstance(entry.get("offset"), bool):
                        problems.append(Problem(file, f"{key}.offset", "must be int"))
                    elif _require(entry, {"offset": int, "words": list}, file, key, problems):
                        for phrase in _names(entry["words"], file, f"{key}.words", problems):
                            _add(relative_days, phrase, entry["offset"], file, key, problems)
            elif section in _KEYED_LISTS:
                if not isinstance(value, dict):
                    problems.append(Problem(file, section, f"must be a mapping with keys {', '.join(_KEYED_LISTS[section])}"))
                    continue
                for k, names in value.items():
                    if k not in _KEYED_LISTS[section]:
                        problems.append(Problem(file, f"{section}.{k}", f"unknown key (expected {', '.join(_KEYED_LISTS[section])})"))
                    else:
                        keyed[section][k].extend(_names(names, file, f"{section}.{k}", problems))
            elif section in _LISTS:
                lists[section].extend(_names(value, file, section, problems))
            elif section == "examples":
                _examples(value, file, section, problems, examples)

    strict_names = {p for p in lists["strict_names"]}
    for file, key, calendar, strict, numbered in month_entries:
        for month, names in numbered.items():
            month_seen[calendar].add(month)
            for phrase in names:
                value = MonthName(month, calendar, strict or phrase in strict_names, key.split(".", 1)[1])
                bucket = months._by_first.get(phrase[0], [])
                clash = next((v for p, v in bucket if p == phrase and (v.month, v.calendar) != (month, calendar)), None)
                if clash is not None:
                    problems.append(Problem(file, f"{key}.months.{month}", f"'{' '.join(phrase)}' is already month {clash.month} ({clash.calendar}, {clash.system})"))
                elif not any(p == phrase for p, _ in bucket):
                    months.add(phrase, value)
    for calendar, seen in month_seen.items():
        missing = sorted(set(range(1, 13)) - seen)
        if missing:
            problems.append(Problem(RULES_FILE, f"{calendar}_months", f"no name for month(s) {missing}"))
    if not weekdays._by_first:
        problems.append(Problem(RULES_FILE, "weekdays", "missing"))

    for phrase in lists["day_fillers"]:
        fillers.add(phrase, True)
    for phrase in lists["time_words"]:
        time_words.add(phrase, True)
    for phrase in lists["pairing_words"]:
        pairing.add(phrase, True)
    for phrase in lists["future_markers"]:
        future.add(phrase, True)
    for phrase in lists["deadline_markers"]:
        deadline.add(phrase, True)
    for phrase in keyed["range_words"]["start"]:
        range_start.add(phrase, True)
    for phrase in keyed["range_words"]["to"]:
        range_to.add(phrase, True)
    for kind, phrases in keyed["stamp_labels"].items():
        for phrase in phrases:
            _add(labels, phrase, kind, RULES_FILE, f"stamp_labels.{kind}", problems)
    for kind, phrases in keyed["range_links"].items():
        for phrase in phrases:
            _add(range_links, phrase, kind, RULES_FILE, f"range_links.{kind}", problems)

    def single(name: str, phrases: list, key: str) -> dict:
        out = {}
        for phrase in phrases:
            if len(phrase) != 1:
                problems.append(Problem(RULES_FILE, key, f"'{' '.join(phrase)}' must be one word"))
            else:
                out[phrase[0]] = name
        return out

    periods, eras, am_pm, units = {}, {}, {}, {}
    for k, phrases in keyed["relative_periods"].items():
        periods.update(single(k, phrases, f"relative_periods.{k}"))
    for k, phrases in keyed["eras"].items():
        eras.update(single(k, phrases, f"eras.{k}"))
    for k, phrases in keyed["am_pm"].items():
        am_pm.update(single(k, phrases, f"am_pm.{k}"))
    for k, phrases in keyed["period_units"].items():
        units.update(single(k, phrases, f"period_units.{k}"))

    def flat(name: str) -> frozenset:
        return frozenset(" ".join(p) for p in lists[name])

    if problems:
        raise RulesError(problems)
    return DateRules(
        months=months, weekdays=weekdays, ordinals=ordinals, ordinal_blockers=flat("ordinal_blockers"),
        relative_days=relative_days, day_fillers=fillers, periods=periods, eras=eras, am_pm=am_pm,
        time_words=time_words, pairing=pairing, range_start=range_start, range_to=range_to, labels=labels,
        sentence_words=flat("sentence_words"), year_cues=flat("year_cues"), future=future, deadline=deadline,
        copyright=flat("copyright_markers"), range_links=range_links, ago_words=flat("ago_words"), units=units,
        examples=tuple(examples),
        # What Scan.hits tests at each token: a number, a month (also with "و" glued), a weekday, an ordinal,
        # an "ago" word, a range start, "يوم" or "شهر".
        triggers=frozenset(months._by_first) | {"و" + m for m in months._by_first} | frozenset(weekdays._by_first)
        | frozenset(ordinals._by_first) | flat("ago_words") | frozenset(range_start._by_first) | {"يوم", "شهر"},
        infer_triggers=frozenset(relative_days._by_first) | frozenset(range_links._by_first),
        stamp_zones=flat("stamp_zones"), stamp_counters=flat("stamp_counters"),
    )


def _require(entry: Any, fields: dict, file: str, key: str, problems: list[Problem]) -> bool:
    from ..rules import require

    return require(entry, fields, file, key, problems)
