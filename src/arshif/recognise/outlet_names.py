"""Outlet names: the gazetteer of rules/outlets.yaml and the one key every spelling of a name folds to.

name_key folds what spellings of one name differ by (hamza seats, ة/ه, ى/ي, tashkeel, quotes, spaces); lookup
answers "which outlets are called exactly this?". The shapes in which pages print a name are in outlets.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Callable

from ..rules import Problem, RulesError, cached_rules, compile_pattern, load_yaml_files, require
from ..text.helpers import Translation, squash_spaces, visible

KINDS = ("agency", "newspaper", "tv", "site", "magazine")
BARE = ("yes", "tail", "no")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")

# ---------------------------------------------------------------------------------------------- keys
# Two spellings of a name are one key when they differ only by hamza forms, alef maqsura, ta marbuta,
# diacritics, tatweel, quotes, dots or spaces: "أ.ف.ب" = "ا ف ب", "أخبار ليبيا 24" = "اخبار ليبيا24".
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_KEY_DROP = re.compile("[\\s.«»\"“”'‘’„\u0640()\\[\\]*•|]+")
_KEY_MAP = Translation(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                          **{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)}}))


# Every step is character by character, so the key of "a b" is the key of "a" followed by that of "b": look-ups
# of phrases are built (and given up) word by word on that property.
_KEY_MEMO_CHARS = 200  # words and phrases are memoised; a whole paragraph is not worth keeping


def name_key(text: str, *, maqsura: bool = False) -> str:
    """The matching key of a name (see above). Shared with bylines and places. `maqsura`: keep ى apart
    from ي, for words where it matters ("على" the preposition, "علي" the name)."""
    return _name_key(text, maqsura) if len(text) <= _KEY_MEMO_CHARS else _plain_key(text, maqsura)


def _plain_key(text: str, maqsura: bool) -> str:
    text = _TASHKEEL.sub("", visible(text))
    if maqsura:
        text = text.replace("ى", "\u06cc")  # Farsi yeh: survives the map, differs from ي
    return _KEY_DROP.sub("", _KEY_MAP(text)).casefold()


_name_key = lru_cache(maxsize=1 << 16)(_plain_key)


def tidy(text: str) -> str:
    """Text as it should be reported: no tatweel, no invisible characters, single spaces."""
    return squash_spaces(visible(text).replace("\u0640", ""))


# ---------------------------------------------------------------------------------------------- memos
@cached_rules
def _generation() -> object:
    """A new token each time the rules are (re)loaded (`rules.set_extra_dirs` clears every rules cache)."""
    return object()


def rules_memo(maxsize: int) -> Callable:
    """Memoise a function of its (positional, hashable) arguments and the loaded rules: results are keyed on
    the rules generation, so an archive's own rules (or a test's) never meet a result of the shipped ones."""
    def wrap(fn: Callable) -> Callable:
        memo = lru_cache(maxsize=maxsize)(lambda generation, *args: fn(*args))

        @wraps(fn)
        def call(*args):
            return memo(_generation(), *args)

        call.cache_clear = memo.cache_clear
        return call
    return wrap


# ---------------------------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    kind: str
    country: str
    aliases: tuple[str, ...]
    credit_only: tuple[str, ...]
    bare: str  # yes | tail | no (see outlets.yaml)
    signatures: tuple[re.Pattern, ...]
    file: str


@dataclass(frozen=True)
class Gazetteer:
    outlets: tuple[Outlet, ...]
    names: dict  # key -> tuple[Outlet, ...]: names and aliases, first the one reported
    credits: dict  # key -> tuple[Outlet, ...]: the above plus credit-only aliases
    longest: int  # most words in a name, to bound phrase look-ups
    signatures: tuple = ()  # (outlet, compiled signature), in the order of the files
    name_prefixes: frozenset = frozenset()  # every prefix of a key of `names` ("" and whole keys too)
    credit_prefixes: frozenset = frozenset()  # the same for `credits`: a phrase is given up word by word


def _strings(value, file: str, key: str, problems: list[Problem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Problem(file, key, "must be a list of non-empty strings"))
        return ()
    return tuple(value)


@cached_rules
def gazetteer() -> Gazetteer:
    """Load and check outlets.yaml (shipped, then the archive's): every problem is reported at once."""
    problems: list[Problem] = []
    outlets: list[Outlet] = []
    declared: dict[str, list[str]] = {}  # ambiguous name key -> ids, in reporting order
    seen_ids: set[str] = set()
    for file, doc in load_yaml_files("outlets.yaml"):
        if not isinstance(doc, dict) or not isinstance(doc.get("outlets", []), list):
            problems.append(Problem(file, "outlets", "must be a mapping with a list `outlets`"))
            continue
        for i, entry in enumerate(doc.get("outlets") or []):
            where = f"outlets[{i}]"
            if not require(entry, {"id": str, "name": str, "kind": str, "country": str}, file, where, problems):
                continue
            oid = entry["id"]
            where = f"outlets[{oid}]"
            if not _ID.match(oid):
                problems.append(Problem(file, f"{where}.id", "must be lowercase-with-hyphens"))
            if oid in seen_ids:
                problems.append(Problem(file, f"{where}.id", "duplicate id"))
            seen_ids.add(oid)
            if entry["kind"] not in KINDS:
                problems.append(Problem(file, f"{where}.kind", f"must be one of {', '.join(KINDS)}"))
            if not _COUNTRY.match(entry["country"]):
                problems.append(Problem(file, f"{where}.country", "must be an ISO 3166 code such as KW"))
            bare = entry.get("bare", "yes")
            bare = {True: "yes", False: "no"}.get(bare, bare)  # YAML reads yes/no as booleans
            if bare not in BARE:
                problems.append(Problem(file, f"{where}.bare", "must be yes, tail or no"))
            sigs = []
            for j, pattern in enumerate(entry.get("signatures") or []):
                compiled = compile_pattern(pattern, file, f"{where}.signatures[{j}]", problems)
                if compiled:
                    sigs.append(compiled)
            outlets.append(Outlet(
                id=oid, name=entry["name"].strip(), kind=entry["kind"], country=entry["country"],
                aliases=_strings(entry.get("aliases"), file, f"{where}.aliases", problems),
                credit_only=_strings(entry.get("credit_only"), file, f"{where}.credit_only", problems),
                bare=bare, signatures=tuple(sigs), file=file))
        for i, amb in enumerate(doc.get("ambiguous") or []):
            where = f"ambiguous[{i}]"
            if require(amb, {"name": str, "ids": list}, file, where, problems):
                declared.setdefault(name_key(amb["name"]), []).extend(amb["ids"])
    by_id = {o.id: o for o in outlets}
    names: dict[str, list[Outlet]] = {}
    credits: dict[str, list[Outlet]] = {}
    for o in outlets:
        for text in (o.name, *o.aliases):
            k = name_key(text)
            for table in (names, credits):
                if o not in table.setdefault(k, []):
                    table[k].append(o)
        for text in o.credit_only:
            k = name_key(text)
            if o not in credits.setdefault(k, []):
                credits[k].append(o)
    for k, ids in declared.items():
        for oid in ids:
            if oid not in by_id:
                problems.append(Problem("outlets.yaml", f"ambiguous[{k}]", f"unknown id {oid!r}"))
            elif by_id[oid] not in credits.get(k, []):
                problems.append(Problem(by_id[oid].file, f"ambiguous[{k}]", f"{oid!r} has no such name or alias"))
    for k, holders in credits.items():
        if len(holders) > 1 and set(o.id for o in holders) - set(declared.get(k, ())):
            ids = ", ".join(o.id for o in holders)
            problems.append(Problem(holders[-1].file, f"outlets[{holders[-1].id}]",
                                    f"name {k!r} is shared by {ids}: declare it under `ambiguous:`"))
    if problems:
        raise RulesError(problems)

    def ordered(table: dict) -> dict:
        out = {}
        for k, holders in table.items():
            rank = declared.get(k, [])
            out[k] = tuple(sorted(holders, key=lambda o: rank.index(o.id) if o.id in rank else len(rank)))
        return out

    def prefixes(table: dict) -> frozenset:
        return frozenset(k[:n] for k in table for n in range(len(k) + 1))

    longest = max((len(t.split()) for o in outlets for t in (o.name, *o.aliases, *o.credit_only)), default=1)
    signatures = tuple((o, sig) for o in outlets for sig in o.signatures)
    return Gazetteer(tuple(outlets), ordered(names), ordered(credits), longest, signatures, prefixes(names),
                     prefixes(credits))


# ---------------------------------------------------------------------------------------------- matches
@dataclass(frozen=True)
class OutletMatch:
    id: str
    name: str
    kind: str
    rule: str
    evidence: str
    candidates: tuple[str, ...] = ()  # other outlets with the same name (ambiguous names), by id


def _match(holders: tuple[Outlet, ...], rule: str, evidence: str) -> OutletMatch:
    first = holders[0]
    return OutletMatch(first.id, first.name, first.kind, rule, evidence, tuple(o.id for o in holders[1:]))


def lookup(text: str, *, credit: bool = False) -> tuple[Outlet, ...]:
    """Outlets whose name or alias is exactly `text` (credit-only aliases too when `credit`)."""
    g = gazetteer()
    return (g.credits if credit else g.names).get(name_key(text), ())
