"""search_terms: the words of the archive -> the search index's entries (keys, forms and weighted postings).

Keys. Every word of the archive is indexed under one key, normalize.known_key(): clitic groups are stripped only
while what remains is itself a word of the archive (or a listed stem), so "فرنسا" stays فرنسا, "الوزير" becomes
وزير and "الالتزام" becomes التزام (stripping blindly gave تزام, which no query reached). The vocabulary is known
here, at index time; the JavaScript does not have it, so the index also carries the forms: a word whose key is
not itself is an entry `form: n` (its key is the form less n letters, through the variants table). A query word
typed as printed is then found by one look-up; a word the archive does not hold is stripped by the same rule,
asking the index whether each remainder is a word (resolve_keys(), mirrored by the JavaScript's resolveKeys()).
A stem the archive prints only after the article ("الكويت" but never كويت) is an entry `stem: "=key"`, a redirect.

Weights. A posting carries its article's BM25 term weight, with field weights (BM25F: the title counts
FIELD_WEIGHTS["title"] times, the lead paragraph more than the rest), computed with the article's length here
and quantised to IMPACT_LEVELS steps, plus, for a key in the title, the word's position there, the clitic
group it is printed with (form_digit) and the title's number of keys: the JavaScript sums idf x weight without
loading any document length, and gives bonuses: to the share of a headline the words typed make up (a headline
typed whole before a longer one holding it), to words typed side by side that stand side by side in a title (a
reader remembers a headline's words in order) and to words typed in the very form the headline prints (الأسعار
finds «ارتفاع الأسعار» before «ارتفاع أسعار التأمين»; both are found). The typed form is known without another
file: it is the entry resolve() stops at, loaded anyway to find the key.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

from ..text import normalize

K1 = 1.2
B = 0.75
FIELD_WEIGHTS = {"title": 6.0, "lead": 1.5, "body": 1.0}
IMPACT_LEVELS = 15  # weights 1..15 in the low four bits of a posting's last digit
TITLE_FLAG = 16  # that digit's fifth bit: the key is in the title, and a second digit says where
TITLE_POSITIONS = 32  # word positions in a title (later ones count as the last): for words typed side by side
FORM_OTHER = 31  # the form digit of a title word stripped of a clitic run that is no single group of PREFIXES


class Vocabulary:
    """The archive's folded words, with the key of each (memoised: the same words recur in every article)."""

    def __init__(self, words: Iterable[str]):
        self.known = Counter(words)  # word -> occurrences, for normalize.strip_known()
        self.forms = set(self.known)
        for stem in normalize.listed_stems():
            self.known[stem] = max(1, self.known[stem])
        self._table = normalize.variants()
        self._keys: dict[str, str] = {}
        self._stems: dict[str, str] = {}

    def key(self, token: str) -> str:
        key = self._keys.get(token)
        if key is None:
            stem = self.stem(token)
            key = self._keys[token] = self._table.get(stem, stem)
        return key

    def stem(self, token: str) -> str:
        """normalize.strip_known() of a token against the archive's words (memoised)."""
        stem = self._stems.get(token)
        if stem is None:
            stem = self._stems[token] = normalize.strip_known(token, self.known)
        return stem

    def seed(self, words: Sequence[str], stripped: Sequence[int]) -> list[str]:
        """Take the stems of `words` as given (each less `stripped[n]` letters: search_stems, which knows them
        from the last run) and return their keys."""
        stems = [w[k:] if k else w for w, k in zip(words, stripped)]
        table = self._table
        keys = [table.get(s, s) for s in stems]
        self._stems.update(zip(words, stems))
        self._keys.update(zip(words, keys))
        return keys

    def stripped(self, token: str) -> int:
        """How many letters strip_known() removes from a token."""
        return len(token) - len(self.stem(token))


FIELDS = tuple(FIELD_WEIGHTS)


@dataclass
class DocumentTerms:
    """One article's keys: their frequency and the length of each field, and their first position in the title."""

    counts: dict = field(default_factory=lambda: {name: Counter() for name in FIELDS})
    lengths: dict = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    title: dict = field(default_factory=dict)  # key -> its first word position in the title
    forms: dict = field(default_factory=dict)  # key -> form_digit() of the clitic group it has there


def document_terms(vocab: Vocabulary, title: list[str], lead: list[str], rest: Iterable[list[str]]) -> DocumentTerms:
    """From the folded tokens (normalize.tokens) of the title, of the lead paragraph and of each other text."""
    out = DocumentTerms()
    for position, token in enumerate(title):
        key = vocab.key(token)
        if key not in out.title:
            out.title[key] = min(position, TITLE_POSITIONS - 1)
            out.forms[key] = form_digit(token[:vocab.stripped(token)])
    for name, texts in (("title", [title]), ("lead", [lead]), ("body", rest)):
        # Each distinct token keyed once: the words of a field are counted in C first (a fifth of the time).
        seen: Counter = Counter()
        for tokens in texts:
            seen.update(tokens)
            out.lengths[name] += len(tokens)
        counts = out.counts[name]
        for token, n in seen.items():
            counts[vocab.key(token)] += n
    return out


def form_digit(group: Optional[str]) -> int:
    """The clitic group a word is printed (or typed) with, as one digit: 0 for none, 1 + its place in
    normalize.PREFIXES, FORM_OTHER for another run, -1 for none known (a query word the archive prints nowhere).
    The form a headline prints is its key and this digit: a word typed with the digit of the headline's form is
    typed as printed there (folded: hamza, ة/ه, ى/ي aside), which the ranking rewards (الأسعار over أسعار)."""
    if group is None:
        return -1
    if not group:
        return 0
    return normalize.PREFIXES.index(group) + 1 if group in normalize.PREFIXES else FORM_OTHER


def average_lengths(lengths: Sequence[Sequence[int]]) -> dict[str, float]:
    """field -> the mean length of that field over the documents, from each document's lengths in FIELDS order."""
    n = len(lengths)
    return {f: (sum(row[i] for row in lengths) / n if n else 0.0) or 1.0 for i, f in enumerate(FIELDS)}


def weighted_postings(docs: Iterable[DocumentTerms], average: Optional[dict] = None) -> dict[str, list[tuple[int, ...]]]:
    """key -> [(document number, digit[, title position, form digit, title keys])], the digit being the BM25F weight
    quantised to 1..IMPACT_LEVELS, | TITLE_FLAG when in the title (then also the key's first position and form
    there, and how many keys the title has, at most TITLE_POSITIONS - 1: a headline made only of the words typed
    comes before a longer one holding them, which a saturated BM25F weight no longer tells apart). BM25F: each field's
    frequency is normalised by that field's length (a short title that holds the word says more than a long one),
    weighted, summed, then saturated.
    `average` (field -> mean length, see average_lengths) lets `docs` be a generator: no list of them is held."""
    if average is None:
        docs = list(docs)
        average = average_lengths([[d.lengths[f] for f in FIELDS] for d in docs])
    postings: dict[str, list[tuple[int, ...]]] = {}
    for number, doc in enumerate(docs):
        norm = {f: 1 - B + B * doc.lengths[f] / average[f] for f in FIELDS}
        weighted: Counter = Counter()
        for f in FIELDS:
            for key, tf in doc.counts[f].items():
                weighted[key] += FIELD_WEIGHTS[f] * tf / norm[f]
        for key, value in sorted(weighted.items()):
            part = value * (K1 + 1) / (value + K1)
            weight = max(1, min(IMPACT_LEVELS, round(part / (K1 + 1) * IMPACT_LEVELS)))
            if key in doc.title:
                posting = (number, weight | TITLE_FLAG, doc.title[key], doc.forms[key], min(len(doc.title), TITLE_POSITIONS - 1))
            else:
                posting = (number, weight)
            postings.setdefault(key, []).append(posting)
    return postings


def form_entries(vocab: Vocabulary) -> dict[str, int]:
    """form -> letters stripped, for every word of the archive whose key is not itself and comes from stripping
    (a form only the variants table changes needs no entry: the JavaScript has the table). The plain definition:
    the index makes the same entries from search_stems' arrays (search_index._entries; tests hold the two equal)."""
    out = {}
    for form in vocab.forms:
        n = vocab.stripped(form)
        if n:
            out[form] = n
    return out


_PREFIXES_BY_FIRST = {c: tuple(g for g in normalize.PREFIXES if g[0] == c) for c in {g[0] for g in normalize.PREFIXES}}
REDIRECT = "="  # starts a redirect entry (not a character of the posting alphabets)
REDIRECT_KEYS = 8  # keys one redirect names at most


def redirect_entries(vocab: Vocabulary) -> dict[str, str]:
    """stem -> "=key=key...", for a stem the archive never prints bare but only with a clitic group: "الكويت" alone
    keeps its key (كويت is no word of the archive), yet a reader typing كويت, or مستشفى where the archive only has
    "ومستشفى", finds it. After و ب ل ك ف alone the remainder must be longer (its first letter is too often the
    word's own: فرنسا is no ف + رنسا), MIN_STEM + 1 letters."""
    found: dict[str, set[str]] = {}
    for form in vocab.forms:
        for prefix in _PREFIXES_BY_FIRST.get(form[:1], ()):
            if not form.startswith(prefix):
                continue
            rest = form[len(prefix):]
            least = normalize.MIN_STEM if "ال" in prefix or prefix.endswith("لل") else normalize.MIN_STEM + 1
            if len(rest) >= least and rest not in vocab.known:
                found.setdefault(rest, set()).add(vocab.key(form))
    return {stem: REDIRECT + REDIRECT.join(sorted(keys, key=lambda k: k.encode("utf-16-be"))[:REDIRECT_KEYS])
            for stem, keys in found.items()}


Entry = object  # a posting string, a redirect "=key...", a number of letters to strip, or [number, posting string]


def resolve_keys(token: str, entry: Callable[[str], Optional[Entry]], listed: frozenset[str]) -> list[str]:
    """The keys of a folded query token from the index alone: its entry if the archive holds it, else the rule of
    strip_known() with "is a word of the archive" asked of the index (a redirect counts). The JavaScript's
    resolveKeys() does the same."""
    return resolve(token, entry, listed)[0]


def resolve(token: str, entry: Callable[[str], Optional[Entry]], listed: frozenset[str]) -> tuple[list[str], Optional[str]]:
    """resolve_keys(), and the clitic group of the form typed, for form_digit(): the group the word's entry strips
    (وبعيد, printed nowhere, is و + بعيد, and بعيد is ب + عيد: the form typed is بعيد, its group ب), "" for a key
    itself, None for a redirect (a stem printed only with a clitic). The JavaScript's resolve() does the same."""
    table = normalize.variants()
    while True:
        value = entry(token)
        if isinstance(value, (int, list)):
            stripped = value if isinstance(value, int) else value[0]
            stem = token[stripped:]
            return [table.get(stem, stem)], token[:stripped]
        if isinstance(value, str) and value.startswith(REDIRECT):
            return value[1:].split(REDIRECT), None
        if value is not None or not token or not ("\u0600" <= token[0] <= "\u06ff"):
            return [table.get(token, token)], ""
        for prefix in normalize.SHORTEST_FIRST:
            rest = token[len(prefix):]
            if token.startswith(prefix) and len(rest) >= normalize.MIN_STEM and (rest in listed or entry(rest) is not None):
                token = rest
                break
        else:
            return [table.get(token, token)], ""
