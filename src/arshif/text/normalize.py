"""Arabic normalisation for matching: one module used everywhere (entities, events, search).

Three levels, each built on the one before:
  fold(text)        characters only: diacritics, tatweel, alef forms, ة/ه, ى/ي, hamza seats, digits, case
  tokens(text)      folded words; Arabic and Latin punctuation (« » “ ” ، ؛ ؟ ...) separate words
  match_key(token)  a folded token without clitic prefixes (و ف ب ل ك ال and combinations), mapped through the
                    variants table (rules/variants.yaml) for spellings folding cannot join (أمريكي/أميركي, ترمب/ترامب)
  known_key(token, known)
                    the search's key: clitic groups stripped only while what remains is a known word (the archive's
                    vocabulary at index time, plus the listed stems; a bare و ف ب ك ل only when the remainder is
                    frequent enough), to a fixed point, then the variants table.
                    match_key strips blindly ("فرنسا" -> "رنسا", "وزير" -> "زير"); entities and events keep it, as
                    their gazetteer is compared key to key, but a search must find every word of the archive as
                    printed, and a word whose stem starts like ال ("الالتزام", "الألعاب") defeats blind stripping.

The search's JavaScript implements the same three functions; tests/data/normalize_vectors.json holds the
shared test vectors both sides must reproduce.
"""
from __future__ import annotations

import re

from ..rules import Problem, RulesError, cached_rules, load_yaml_files

_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ؤ": "و",
    "ک": "ك", "گ": "ك",
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
})
# Diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# A word is a run of letters and digits; everything else (including « » “ ” ، ؛ ؟) separates words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_STEM = 3


def _prefixes() -> tuple[str, ...]:
    """Every clitic group: conjunction (و ف), then preposition (ب ك ل), then article (ال); ل+ال is written لل.

    Stripping the whole group the same way everywhere keeps forms consistent: "ولبنان" and "لبنان" give one key.
    """
    out = set()
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ك", "ل"):
            for art in ("", "ال"):
                group = conj + ("لل" if prep == "ل" and art else prep + art)
                if group:
                    out.add(group)
    return tuple(sorted(out, key=lambda g: (-len(g), g)))


# Clitic prefixes, longest first. Stripped only when a stem of MIN_STEM letters remains.
PREFIXES = _prefixes()
_PREFIX_SET = frozenset(PREFIXES)
_PREFIX_SIZES = tuple(sorted({len(p) for p in PREFIXES}, reverse=True))


# _FOLD as (character, replacement) pairs. No replacement holds a character of the map, so replacing one character
# after another gives what translate(_FOLD) gives; on a text longer than a word it is several times faster
# (translate looks every character up in the map; str.replace scans for one character in C).
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())
assert not any(c in v for _, v in _FOLD_PAIRS for c, _ in _FOLD_PAIRS)
_FOLD_BY_TRANSLATE = 16  # below this many characters translate() is quicker than ~40 scans


def fold(text: str) -> str:
    """Character-level folding; keeps word boundaries and punctuation. One regex removes every mark (pyarabic's
    strip_tashkeel, used before, removes a subset of _MARKS and tested each character first: a fifth of the
    build's folding time)."""
    text = _MARKS.sub("", text)
    if len(text) < _FOLD_BY_TRANSLATE:
        return text.translate(_FOLD).lower()
    for char, folded in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, folded)
    return text.lower()


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def strip_clitics(token: str) -> str:
    """Remove the longest clitic prefix group (و+ب+ال...) that leaves at least MIN_STEM letters."""
    if not token or not ("\u0600" <= token[0] <= "\u06ff"):
        return token
    # PREFIXES in their order, a length at a time: of one length, only token[:size] can match.
    for size in _PREFIX_SIZES:
        if len(token) - size >= MIN_STEM and token[:size] in _PREFIX_SET:
            return token[size:]
    return token


# Stripping a group without the article (و ف ب ك ل, which also begin many words: كوارث, وزير, فريق) needs the
# remainder to be at least 1/BARE_GROUP_RATIO as frequent as the word (a clitic + word is rarer than the word):
# "ولبنان" -> لبنان, but not "كوارث" -> وارث.
BARE_GROUP_RATIO = 1
# strip_known tries the shortest group first: "وبوتر" is و + بوتر, not وب + وتر; what is left is stripped again.
SHORTEST_FIRST = tuple(sorted(PREFIXES, key=lambda g: (len(g), g)))
# The groups of SHORTEST_FIRST by their first letter, in that order: a word is tried only against the groups it
# can start with (most words start with none of them).
_SHORTEST_BY_FIRST = {c: tuple(g for g in SHORTEST_FIRST if g[0] == c) for c in {g[0] for g in PREFIXES}}


def strip_known(token: str, known) -> str:
    """Strip the shortest clitic group whose remainder (MIN_STEM letters or more) is a known word; again on what
    is left, until no group can go. `known` maps words to their frequency in the archive (a set counts as 1 each);
    a group without ال is stripped only from a word the remainder outnumbers enough (BARE_GROUP_RATIO).
    Idempotent: what it returns has no strippable group left."""
    count = known.get if hasattr(known, "get") else (lambda w, d=0: 1 if w in known else d)
    while token and "\u0600" <= token[0] <= "\u06ff":
        for prefix in _SHORTEST_BY_FIRST.get(token[0], ()):
            if not token.startswith(prefix) or len(token) - len(prefix) < MIN_STEM:
                continue
            rest = token[len(prefix):]
            have = count(rest, 0)
            if have and ("ال" in prefix or prefix.endswith("لل") or have * BARE_GROUP_RATIO >= count(token, 0)):
                token = rest
                break
        else:
            break
    return token


def known_key(token: str, known) -> str:
    """The search key of a folded token: strip_known(), then the variants table."""
    stem = strip_known(token, known)
    return variants().get(stem, stem)


def listed_stems() -> frozenset[str]:
    """Words the variants table names (both sides): known to every archive, so "وترمب" strips to "ترمب"."""
    return frozenset(w for pair in variants().items() for w in pair if " " not in w)


@cached_rules
def variants() -> dict[str, str]:
    """Folded, clitic-free spelling -> canonical spelling, from rules/variants.yaml."""
    table: dict[str, str] = {}
    problems: list[Problem] = []
    for file, doc in load_yaml_files("variants.yaml"):
        groups = (doc or {}).get("variants") if isinstance(doc, dict) else None
        if not isinstance(groups, dict):
            problems.append(Problem(file, "variants", "must be a mapping: canonical spelling -> list of variants"))
            continue
        for canonical, others in groups.items():
            if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
                problems.append(Problem(file, f"variants.{canonical}", "must be a list of spellings"))
                continue
            target = _key_without_variants(str(canonical))
            for spelling in [str(canonical), *others]:
                key = _key_without_variants(spelling)
                if key in table and table[key] != target:
                    problems.append(Problem(file, f"variants.{canonical}", f"{spelling!r} is already a variant of {table[key]!r}"))
                table[key] = target
    if problems:
        raise RulesError(problems)
    return table


def _key_without_variants(word: str) -> str:
    parts = tokens(word)
    return " ".join(strip_clitics(p) for p in parts)


def match_key(token: str) -> str:
    """The key two spellings of one word share: folded, clitics stripped, variants joined."""
    key = strip_clitics(fold(token))
    return variants().get(key, key)


def keys(text: str) -> list[str]:
    """match_key of every word of a text, in order."""
    table = variants()
    out = []
    for tok in tokens(text):
        key = strip_clitics(tok)
        out.append(table.get(key, key))
    return out
