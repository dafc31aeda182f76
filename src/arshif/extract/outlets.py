"""Who published an article: the outlet, from its signature, a wire credit or a self-reference.

The names live in rules/outlets.yaml; this module only knows the shapes in which a page prints them.
Evidence, most direct first:
  1. a line of its own that is the outlet's signature or copyright footer ("printed");
  2. a wire credit opening the body, "(كونا) --", "الرياض - واس -" ("printed");
  3. the body speaking of itself, "قال لـ«الشرق الأوسط» إن", "في تصريح خاص للاتحاد" ("inferred").
A republished article names the site that printed it: its own footer wins over a wire credit in the body.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Callable, Iterator, Optional, Sequence

from ..models import Field
from ..rules import Problem, RulesError, cached_rules, compile_pattern, load_yaml_files, require
from ..text import squash_spaces, visible

KINDS = ("agency", "newspaper", "tv", "site", "magazine")
BARE = ("yes", "tail", "no")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")

# ---------------------------------------------------------------------------------------------- keys
# Two spellings of a name are one key when they differ only by hamza forms, alef maqsura, ta marbuta,
# diacritics, tatweel, quotes, dots or spaces: "أ.ف.ب" = "ا ف ب", "أخبار ليبيا 24" = "اخبار ليبيا24".
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_KEY_DROP = re.compile("[\\s.«»\"“”'‘’„\u0640()\\[\\]*•|]+")
_KEY_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                          **{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)}})


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
    return _KEY_DROP.sub("", text.translate(_KEY_MAP)).casefold()


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


# Words that qualify a name on a label line: "جريدة الرياض", "لمركز الاتحاد للأخبار".
_QUALIFIER = r"(?:صحيفة|جريدة|موقع|وكالة|قناة|مجلة|بوابة|شبكة|مركز|مؤسسة|دار|مجموعة|إذاعة|تلفزيون|شركة)"
_QUALIFIED = re.compile(rf"^{_QUALIFIER}\s+(?P<rest>.+)$")
_SOURCE_LABEL = re.compile(r"^(?:(?:المصدر|مصدر|المصدر الأصلي|source|Source|SOURCE)\s*[:：\-–]|نقلا عن|نقلاً عن)"
                           r"\s*:?\s*(?P<rest>.+)$")
_YEARS = re.compile(r"©|\(c\)|[0-9٠-٩]{4}(?:\s*[-–]\s*[0-9٠-٩]{4})?", re.IGNORECASE)
_DOMAIN = re.compile(r"\.[a-z]{2,}", re.IGNORECASE)
_RIGHTS = re.compile(
    r"^(?:(?:©|\(c\)|copyright)\s*)?(?:[0-9٠-٩]{4}\s*)?(?:جميع\s+)?(?:ال)?حقوق(?:\s+(?:ال)?(?:نشر|طبع|ملكية|الطبع))?"
    r"(?:\s+و(?:ال)?(?:نشر|طبع))?\s+(?:محفوظة|محفوظه)\s+(?P<rest>.+?)\s*(?:[©®]|\(c\)|[0-9٠-٩]{4}|[-–.]|\s)*$",
    re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:(?:©|\(c\)|copyright|حقوق النشر)\s*)+(?:[0-9٠-٩]{4}(?:\s*[-–]\s*[0-9٠-٩]{4})?)?\s*"
                        r"(?P<rest>[^0-9٠-٩©]+?)\s*(?:[0-9٠-٩]{4}|©|\.|\s)*$", re.IGNORECASE)
_EDGE = " \t-–—|*•:.·»«\"“”"
_MAX_LINE = 90  # a signature is a short line; a sentence that mentions a paper is not


def _phrase(rest: str, *, prefixes: bool) -> tuple[Outlet, ...]:
    """Outlets named by `rest`: the whole of it, without a qualifier or a glued "ل", or (if `prefixes`)
    its longest leading words ("مركز الاتحاد للأخبار" -> "الاتحاد")."""
    words = tidy(_YEARS.sub(" ", rest)).strip(_EDGE).split()
    if words and words[0] in ("لـ", "ل"):
        words = words[1:]
    if words and words[0].startswith("لـ"):
        words[0] = words[0][2:]
    elif words and words[0].startswith("لل"):
        words[0] = "ا" + words[0][1:]  # "للاتحاد" -> "الاتحاد"
    elif words and words[0].startswith("ل") and re.fullmatch(_QUALIFIER, words[0][1:]):
        words[0] = words[0][1:]  # "لمركز" -> "مركز"
    if words and re.fullmatch(_QUALIFIER, words[0]) and len(words) > 1:
        found = lookup(" ".join(words))
        if found:
            return found
        words = words[1:]
    for n in range(len(words), 0, -1) if prefixes else (len(words),):
        found = lookup(" ".join(words[:n]))
        if found:
            return found
    return ()


def outlet_line(line: str, *, where: str = "any") -> Optional[OutletMatch]:
    """The line, on its own, is an outlet's signature or label. `where` is "head", "tail" or "any":
    names that are also section labels ("الشرق الأوسط") count alone only outside the head."""
    # A line is asked about by the cleaner, then here; a paragraph (body[:1]) is too long to keep.
    found = _line_outlet(line) if len(line) <= 4 * _MAX_LINE else _line_outlet.__wrapped__(line)
    if found is None:
        return None
    m, bare = found
    if bare is None or bare in (("yes", "tail") if where != "head" else ("yes",)):
        return m
    return None


@rules_memo(4096)
def _line_outlet(line: str) -> Optional[tuple[OutletMatch, Optional[str]]]:
    """What `outlet_line` finds wherever the line is: the match, and for a bare name that is no domain the
    `bare` level the place of the line must allow (None: any place)."""
    text = tidy(line)
    if not text or len(text) > _MAX_LINE:
        return None
    g = gazetteer()
    for o, sig in g.signatures:
        if sig.fullmatch(text):
            return _match((o,), "outlet-signature", text), None
    m = _RIGHTS.match(text) or _COPYRIGHT.match(text)
    if m:
        found = _phrase(m.group("rest"), prefixes=True)
        return (_match(found, "outlet-copyright", text), None) if found else None
    m = _SOURCE_LABEL.match(text)
    if m:
        found = _phrase(m.group("rest"), prefixes=False)
        return (_match(found, "outlet-source-label", text), None) if found else None
    bare = text.strip(_EDGE)
    m = _QUALIFIED.match(bare)
    if m:
        found = lookup(bare) or lookup(m.group("rest"))
        if found:
            return _match(found, "outlet-qualified-name", text), None
    found = lookup(bare)
    if not found:
        return None
    level = None if _DOMAIN.search(bare) else found[0].bare  # a domain is distinctive
    return _match(found, "outlet-name-line", text), level


def wire_credit(paragraph: str) -> Optional[tuple[OutletMatch, str, Optional[str]]]:
    """A credit opening a paragraph: (outlet, the credit text to cut, dateline city or None).
    "(كونا) -- تنطلق..." -> (كونا, "(كونا) --", None); "الرياض - واس - أكد..." -> (واس, "الرياض - واس -", "الرياض")."""
    from .byline import parse_credit  # the part grammar lives with the bylines

    return parse_credit(paragraph)


# ---------------------------------------------------------------------------------------------- self-reference
# The body speaking to its own outlet: "قال لـ«كونا» إن", "في تصريح خاص للاتحاد", "خاص بـ«الجزيرة»".
_PREP = re.compile(r"(?<![\w\u0600-\u06ff])(?:لـ|بـ|ل|ب(?=\s*[«\"“]))\s*(?P<q>[«\"“]\s*)?")
_WORD = re.compile(r"[^\s«»\"“”،,.:؛;()!?؟]+")
# Where _PREP may match: a ل or ب after a character outside the Arabic block. Scanning for this pair is much
# faster than trying the look-behind at every character of a long body; _PREP then decides at each.
_PREP_AT = re.compile(r"[^\u0600-\u06ff][لب]")
_SPEECH_BEFORE = re.compile(
    r"(?:تصريحا?ت?|حديثا?|حوار|مقابلة|لقاء|اتصالا?(?:\s+هاتفيا?)?)\s+(?:صحفيا?\s+)?(?:خاصا?ة?\s+)?$|(?:خاصا?ة?)\s+$")
_SPEECH_NEAR = re.compile(r"(?<![\u0600-\u06ff])[وف]?(?:قال|قالت|أكد|أكدت|أوضح|أوضحت|صرح|صرحت|كشف|كشفت|أضاف|أضافت|ذكر|"
                          r"ذكرت|أفاد|أفادت|أشار|أشارت|أبلغ|أبلغت|تحدث|يقول|تقول|توقع|نفى|رجح|شدد|لفت)(?![\u0600-\u06ff])")
_COMPLEMENT = re.compile(r"^\s*[»\"”]?\s*(?:،\s*)?(?:إن|ان|إنه|انه|أن|أنه|بأن|:)(?![\u0600-\u06ff])")


def _preps(text: str) -> Iterator[re.Match]:
    """The matches of _PREP.finditer(text). A match holds one ل or ب, at its start (then only spaces and a
    quote), so no candidate lies inside another's match."""
    m = _PREP.match(text) if text[:1] in ("ل", "ب") else None
    if m:
        yield m
    for c in _PREP_AT.finditer(text):
        m = _PREP.match(text, c.end() - 1)
        if m:
            yield m


def _self_references(text: str) -> list[tuple[tuple[Outlet, ...], str]]:
    found = []
    g = gazetteer()
    names, prefixes = g.names, g.name_prefixes
    for m in _preps(text):
        # The words after the preposition (up to g.longest, with only spaces between them), read while their
        # keys still begin a name: the longest run that is a name is the one a plain search would find.
        w = _WORD.search(text, m.end())
        if w is None:
            continue
        first = w.group()
        if m.group() in ("ل",) and first.startswith("ل"):
            first = "ا" + first  # "للاتحاد" -> "الاتحاد"
        key = name_key(first)
        if key not in prefixes:
            continue
        words = [w]
        n = 1 if key in names else 0
        while len(words) < g.longest:
            w = _WORD.search(text, words[-1].end())
            if w is None or text[words[-1].end():w.start()].strip():
                break
            key += name_key(w.group())
            if key not in prefixes:
                break
            words.append(w)
            if key in names:
                n = len(words)
        if not n:
            continue
        holders = lookup(" ".join([first] + [w.group() for w in words[1:n]]))
        end = words[n - 1].end()
        after = text[end:end + 40]
        quoted = bool(m.group("q")) and after.lstrip().startswith(("»", '"', "”"))
        next_word = _WORD.match(after.lstrip())
        if not quoted and next_word and after[:1].isspace() and next_word.group().startswith("ال"):
            continue  # "للاتحاد الأوروبي": the name goes on, it is not the outlet
        before = text[max(0, m.start() - 80):m.start()]
        distinctive = holders[0].bare == "yes"
        immediate = bool(_SPEECH_BEFORE.search(before))
        near = bool(_SPEECH_NEAR.search(" ".join(before.split()[-10:])))
        complement = bool(_COMPLEMENT.match(after))
        if immediate or (near and (quoted or distinctive or complement)) or ((quoted or distinctive) and complement):
            found.append((holders, squash_spaces(text[m.start():end + (1 if quoted else 0)])))
    return found


# ---------------------------------------------------------------------------------------------- the field
def _describe(rule: str, evidence: str, place: str) -> str:
    what = {"outlet-signature": "signature line", "outlet-copyright": "copyright footer",
            "outlet-source-label": "source label", "outlet-qualified-name": "outlet label",
            "outlet-name-line": "outlet name on a line of its own"}.get(rule, rule)
    return f"{what} '{evidence}' {place}"


def find_outlet(*, head: Sequence[str], body: Sequence[str], tail: Sequence[str]) -> Field:
    """The outlet that published the article, with its basis. See the module docstring for the order."""
    printed: list[tuple[int, OutletMatch, str]] = []  # (rank, match, where)
    rank = {"outlet-signature": 0, "outlet-copyright": 0, "outlet-name-line": 1, "outlet-qualified-name": 1,
            "outlet-source-label": 2}
    for lines, where, label in ((tail, "tail", "below the body"), (head, "head", "above the body")):
        for line in reversed(lines) if where == "tail" else lines:
            m = outlet_line(line, where=where)
            if m:
                printed.append((rank[m.rule], m, label))
    # A scrape may leave the signature as the first or last body paragraph.
    for line, where, label in ((body[:1], "head", "opening the body"), (body[-1:], "tail", "closing the body")):
        m = outlet_line(line[0], where=where) if line else None
        if m:
            printed.append((rank[m.rule] + 1, m, label))
    credit = None
    for line in [*head, *body[:1]]:
        c = wire_credit(line)
        if c and (line in body[:1] or tidy(c[1]) == tidy(line).rstrip()):
            credit = c
            break
    refs = _self_references("\n".join(body))

    notes: list[tuple[str, str]] = []  # (which evidence, how the basis names it)
    if credit:
        notes.append(("credit", f"wire credit '{credit[1]}' ({credit[0].name})"))
    if refs:
        counts = Counter(h[0].name for h, _ in refs)
        notes.append(("refs", "self-references " + ", ".join(f"'{n}' x{c}" for n, c in counts.most_common())))

    def field(m: OutletMatch, kind: str, basis: str, used: str = "") -> Field:
        if m.candidates:
            basis += f"; the name is ambiguous (also {', '.join(m.candidates)})"
        others = [text for which, text in notes if which != used]
        if others:
            basis += "; also " + "; ".join(others)
        return Field(m.name, kind, basis, m.rule, m.evidence)

    if printed:
        printed.sort(key=lambda t: t[0])
        best, m, label = printed[0]
        rivals = sorted({p[1].name for p in printed if p[0] == best and p[1].name != m.name})
        if rivals:
            return Field.unknown(f"printed outlet lines disagree: '{m.evidence}' and {rivals}", "outlet-conflict")
        return field(m, "printed", "printed: " + _describe(m.rule, m.evidence, label))
    if credit:
        return field(credit[0], "printed", f"printed: wire credit '{credit[1]}' opening the body", "credit")
    if refs:
        top = Counter(h[0].id for h, _ in refs).most_common()
        if len(top) > 1 and top[0][1] == top[1][1]:
            return Field.unknown("the body refers to several outlets equally: " + notes[-1][1],
                                 "outlet-self-reference")
        holders, evidence = next(r for r in refs if r[0][0].id == top[0][0])
        basis = f"inferred: the body speaks to the outlet, '{evidence}'"
        if len(top) > 1:
            basis += "; other self-references " + ", ".join(f"{i} x{c}" for i, c in top[1:])
        return field(_match(holders, "outlet-self-reference", evidence), "inferred", basis, "refs")
    return Field.unknown("no outlet signature, footer, wire credit or self-reference found", "outlet-none")
