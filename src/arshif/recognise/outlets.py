"""Outlet names in the shapes a page prints them: a signature or copyright line of its own, a source label, and
the body speaking of itself ("قال لـ«الشرق الأوسط» إن"). The names live in rules/outlets.yaml (outlet_names.py);
which evidence decides an article's outlet is extract/outlet.py.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from ..text.helpers import squash_spaces
from .outlet_names import Outlet, OutletMatch, _match, gazetteer, lookup, name_key, rules_memo, tidy

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
