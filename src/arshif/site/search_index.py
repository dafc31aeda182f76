"""search_index: [Article] -> the static search index under docs/search/ (Pages), and the search page.

The index is a set of small JavaScript files, each a call `__arshifSearch(name, data)`: a page loads one by
inserting a <script> tag, which works over http, from file:// and from an unzipped copy (no fetch, XHR or
Worker, which file:// forbids). A query loads only what it needs:

  search/manifest.js        shard boundaries, outlet names, and the normalisation data the JavaScript mirrors
                            (fold map, marks, clitic prefixes, variants table: one source, normalize.py)
  search/terms/<n>.js       the term entries, cut in key order into shards of about TERM_SHARD_BYTES: a key ->
                            its documents (delta-coded), each with its BM25F weight and a flag for the title
                            (then the word's position and clitic group there, search_terms.form_digit, and
                            the title's number of keys);
                            a form of a word whose key is another -> how many letters to strip (search_terms.py)
  search/meta/<n>.js        title, date and outlet of META_CHUNK documents, newest first: enough to show a result
  search/text/<id>.js       one article's text, for the snippet (loaded after the result is shown) and the check
                            of a quoted phrase

A word is indexed under one key, normalize.known_key(): clitic groups are stripped only while what remains is a
word of the archive, then the variants table joins spellings (search_terms.py says how a query finds it).
There is no stemmer: suffixes carry meaning in news text (الكويت/الكويتي, ترام/ترامب); stripping them floods.
The last word of a query also matches as a prefix in the JavaScript (ترام finds ترامب, ranked below ترام).
Texts and titles are written with a one-byte code for the 52 commonest Arabic characters (see CODEC_CHARS),
which halves them: the whole index stays smaller than the articles' text.

Built in three parts: search_docs takes each article's words and coded text (kept between runs by its text's
hash: an edit reads one article again), search_postings weighs and codes every posting at once over arrays, and
this module assembles the entries and cuts the files. At 10,000 articles this takes some 8 s from nothing and
under 3 s from the memo, where one loop over documents took 15 s.
"""
from __future__ import annotations

import functools
import json
import string
from typing import Iterable, Optional, Sequence

import numpy as np

from ..text import normalize
from . import search_docs, search_postings, search_stems, search_terms
from ..models import Article, Page
from .render import ARABIC_MONTHS, GENERATOR, data_json, dump_front_matter, sort_key

FORMAT = 4
CALLBACK = "__arshifSearch"
TERM_SHARD_BYTES = 16_000  # target size of one term shard; a single larger key gets a shard of its own
META_CHUNK = 64  # documents per metadata file: a page of results touches few of them
TEXT_EXTRAS = search_docs.TEXT_EXTRAS

# Posting lists: gaps between document numbers, minus one, in base 32; every digit but the last of a number
# comes from _CONT, the last from _LAST, so numbers need no separator. Neither alphabet needs escaping in JSON.
_LAST, _CONT = search_postings.LAST, search_postings.CONT

# Text codec: each of these characters is written as one ASCII letter (A-Z, a-z); a Latin letter or the escape
# itself is written after the escape. UTF-8 spends two bytes on every Arabic character, so this halves the text.
CODEC_CHARS = "اليمونهرتبعدسفكقحجشطصزخضثغذظةىأإآؤئء«»،؛؟“”ـ\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
CODEC_LETTERS = string.ascii_uppercase + string.ascii_lowercase
CODEC_ESCAPE = "`"
_ENCODE = {c: l for c, l in zip(CODEC_CHARS, CODEC_LETTERS)}
_ENCODE.update({l: CODEC_ESCAPE + l for l in CODEC_LETTERS})
_ENCODE[CODEC_ESCAPE] = CODEC_ESCAPE * 2
_DECODE = {l: c for c, l in zip(CODEC_CHARS, CODEC_LETTERS)}
_ENCODE_TABLE = {ord(c): coded for c, coded in _ENCODE.items()}  # for str.translate
assert len(CODEC_CHARS) == len(CODEC_LETTERS) == len(set(CODEC_CHARS))


def encode_text(text: str) -> str:
    return text.translate(_ENCODE_TABLE)


def decode_text(coded: str) -> str:
    out, chars = [], iter(coded)
    for ch in chars:
        if ch == CODEC_ESCAPE:
            out.append(next(chars))
        else:
            out.append(_DECODE.get(ch, ch))
    return "".join(out)


def encode_postings(docs: Sequence[int]) -> str:
    out, prev = [], -1
    for doc in docs:
        gap = doc - prev - 1
        prev = doc
        digits = [_LAST[gap & 31]]
        gap >>= 5
        while gap:
            digits.append(_CONT[gap & 31])
            gap >>= 5
        out.extend(reversed(digits))
    return "".join(out)


def encode_weighted(postings: Sequence[tuple[int, ...]]) -> str:
    """Postings with weights (search_terms.weighted_postings): each document number (coded as above) is followed
    by one digit of _LAST (0..31), and when that digit has search_terms.TITLE_FLAG, by three more (the position,
    the form digit in the title, and the title's number of keys)."""
    out, prev = [], -1
    for doc, digit, *title in postings:
        out.append(encode_postings([doc - prev - 1]))
        out.append(_LAST[digit])
        if digit & search_terms.TITLE_FLAG:
            out.append(_LAST[title[0]] + _LAST[title[1]] + _LAST[title[2]])
        prev = doc
    return "".join(out)


def decode_weighted(coded: str) -> list[tuple[int, ...]]:
    out, acc, prev, i = [], 0, -1, 0
    while i < len(coded):
        ch = coded[i]
        if ch in _CONT:
            acc = acc * 32 + _CONT.index(ch)
        else:
            prev += acc * 32 + _LAST.index(ch) + 1
            digit = _LAST.index(coded[i + 1])
            i += 1
            if digit & search_terms.TITLE_FLAG:
                i += 3
                out.append((prev, digit, *(_LAST.index(c) for c in coded[i - 2:i + 1])))
            else:
                out.append((prev, digit))
            acc = 0
        i += 1
    return out


def decode_postings(coded: str) -> list[int]:
    docs, acc, prev = [], 0, -1
    for ch in coded:
        if ch in _CONT:
            acc = acc * 32 + _CONT.index(ch)
        else:
            prev += acc * 32 + _LAST.index(ch) + 1
            docs.append(prev)
            acc = 0
    return docs


@functools.lru_cache(maxsize=200_000)
def _closure(token: str) -> frozenset[str]:
    """A folded token and every form left by stripping clitic groups from it, again and again."""
    seen, todo = {token}, [token]
    while todo:
        word = todo.pop()
        if not word or not ("\u0600" <= word[0] <= "\u06ff"):
            continue
        for prefix in normalize.PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= normalize.MIN_STEM:
                rest = word[len(prefix):]
                if rest not in seen:
                    seen.add(rest)
                    todo.append(rest)
    return frozenset(seen)


def search_keys(token: str) -> set[str]:
    """Every key a folded token can have: itself and each way of stripping clitic groups, through the variants.
    The JavaScript's alternatives() gives the same; a query key matches a word when it is one of these."""
    table = normalize.variants()
    return {table.get(w, w) for w in _closure(token)}


def js_order(key: str) -> bytes:
    """Sort keys as JavaScript compares strings (UTF-16 code units), so its binary search finds the shard."""
    return key.encode("utf-16-be")


def _js_sorted(keys: Iterable[str]) -> list[str]:
    """sorted(keys, key=js_order), quicker: code points sort as UTF-16 code units unless a key has a character
    beyond U+FFFF (whose surrogates sort below U+E000..U+FFFF)."""
    keys = list(keys)
    if max("".join(keys), default="") <= "\uffff":
        return sorted(keys)
    return sorted(keys, key=js_order)


def _json_size(value: object) -> int:
    """len(json.dumps(value)), quicker for the entries' usual values: a posting string (its alphabets need no
    escape), a number, or [number, posting string]."""
    if isinstance(value, str) and value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return len(value) + 2
    if isinstance(value, int) and not isinstance(value, bool):
        return len(str(value))
    if isinstance(value, list) and len(value) == 2:
        return _json_size(value[0]) + _json_size(value[1]) + 4
    return len(json.dumps(value))


def _script(name: str, data: object) -> bytes:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"{CALLBACK}({json.dumps(name)},{body});\n".encode("utf-8")


def normalizer_data() -> dict:
    """What the JavaScript needs to give the same keys as normalize.keys()."""
    return {
        "fold": {chr(k): v for k, v in sorted(normalize._FOLD.items())},
        "marks": normalize._MARKS.pattern,
        "prefixes": list(normalize.PREFIXES),
        "minStem": normalize.MIN_STEM,
        "variants": dict(sorted(normalize.variants().items())),
        "listed": sorted(normalize.listed_stems()),
    }


def _entries(articles: Sequence[Article], records: Sequence[search_docs.Record], memo: search_docs.SearchMemo
             ) -> tuple[dict[str, object], list[list], list[str]]:
    """The term entries (key -> weighted postings, form -> letters to strip) and the metadata rows, newest first.
    `records`: each article's words (search_docs), numbers into `memo.words`."""
    words = memo.words
    outlets: dict[str, int] = {}
    for article in articles:
        outlets.setdefault(search_docs.outlet_of(article), len(outlets))
    n_docs = len(records)
    # One row a word of a field of a document (two million at 10,000 articles): the narrowest types that hold them.
    numbers = np.frombuffer(b"".join(r.words for r in records), dtype=np.uint32)
    counts = np.frombuffer(b"".join(r.counts for r in records), dtype=np.uint32)
    sizes = np.array([r.sizes for r in records], dtype=np.int64).reshape(n_docs, 3)
    docs = np.repeat(np.arange(n_docs, dtype=np.int32), sizes.sum(axis=1))
    fields = np.repeat(np.tile(np.arange(3, dtype=np.int8), n_docs), sizes.ravel())
    # Field lengths in words: the title's words are listed one by one, the others counted.
    lengths = np.bincount(docs * 3 + fields, weights=counts, minlength=n_docs * 3).astype(np.int64).reshape(n_docs, 3)
    average = search_terms.average_lengths(lengths.tolist())
    totals = np.bincount(numbers, weights=counts, minlength=len(words)).astype(np.int64)
    present = np.flatnonzero(totals)
    printed = [words[n] for n in present.tolist()]
    vocab = search_terms.Vocabulary(dict(zip(printed, totals[present].tolist())))
    # The stems: last run's, but for the words an edit can have changed (search_stems); kept for the next run.
    memo.stems = search_stems.known_stripped(words, totals, vocab.stem, memo.stems)
    key_ids: dict[str, int] = {}
    key_of = np.full(len(words), -1, dtype=np.int32)
    key_of[present] = [key_ids.setdefault(k, len(key_ids)) for k in vocab.seed(printed, memo.stems.stripped[present].tolist())]
    rows, places = _title_places(numbers, docs, sizes, words, vocab, key_of)
    keys, docs, weights, in_title = search_postings.weigh(key_of[numbers], docs, fields, counts, lengths, average)
    del numbers, counts, fields
    digits = np.where(in_title, weights | search_terms.TITLE_FLAG, weights)
    title = np.zeros((len(keys), 3), dtype=np.uint8)
    if len(rows):
        title[np.searchsorted(keys.astype(np.int64) * max(1, n_docs) + docs, rows)] = places
    names = list(key_ids)
    # form_entries(vocab), from the stems' arrays: every printed word that loses letters, and how many.
    stripping = present[memo.stems.stripped[present] > 0]
    forms = dict(zip([words[n] for n in stripping.tolist()], memo.stems.stripped[stripping].tolist()))
    entries: dict[str, object] = {**search_terms.redirect_entries(vocab), **forms}
    for key, coded in zip(*search_postings.encode(keys, docs, digits, title)):
        key = names[key]
        entries[key] = [entries[key], coded] if key in entries else coded
    metas = []
    for article in articles:
        date = article.date_value
        metas.append([article.id, encode_text(search_docs.title_of(article)), date.isoformat() if date else "",
                      outlets[search_docs.outlet_of(article)]])
    return entries, metas, list(outlets)


def _title_places(numbers: np.ndarray, docs: np.ndarray, sizes: np.ndarray, words: Sequence[str],
                  vocab: search_terms.Vocabulary, key_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each key in a title, as key id x documents + document: (its first word position there, the form digit of
    its clitic group, the title's number of keys), as search_terms.document_terms() and weighted_postings() give.
    `numbers`, `docs`: every word row of the documents (a document's title words first, in order), `sizes` each
    document's three field sizes. Over arrays: a loop over the titles' words was a tenth of the index's time."""
    n_docs = max(1, len(sizes))
    per_doc, titles = sizes.sum(axis=1), sizes[:, 0]
    # The title words' rows alone (a twentieth of the rows): each document's first row, plus the word's position.
    position = np.arange(titles.sum(), dtype=np.int64) - np.repeat(np.cumsum(titles) - titles, titles)
    heading = np.repeat(np.cumsum(per_doc) - per_doc, titles) + position
    numbers, docs = numbers[heading], docs[heading].astype(np.int64)
    codes = key_of[numbers].astype(np.int64) * n_docs + docs
    rows, first = np.unique(codes, return_index=True)  # a key's first word in its title (rows come in title order)
    if not len(rows):
        return rows, np.zeros((0, 3), dtype=np.uint8)
    forms = {n: search_terms.form_digit(words[n][:vocab.stripped(words[n])]) for n in set(numbers[first].tolist())}
    places = np.empty((len(rows), 3), dtype=np.int64)
    places[:, 0] = np.minimum(position[first], search_terms.TITLE_POSITIONS - 1)
    places[:, 1] = [forms[n] for n in numbers[first].tolist()]
    places[:, 2] = np.minimum(np.bincount(docs[first], minlength=n_docs)[docs[first]], search_terms.TITLE_POSITIONS - 1)
    return rows, places


def build_search_pages(articles: Iterable[Article], memo: Optional[search_docs.SearchMemo] = None,
                       read: Optional[dict[str, search_docs.Words]] = None) -> list[Page]:
    """The index's pages. `memo` keeps what each article alone gives (search_docs) for the next run; without one,
    everything is made from the articles. `read`: article id -> search_docs.read_words() of it, made elsewhere
    (used when the memo has no record of that article's text)."""
    ordered = sorted(articles, key=sort_key)
    memo = memo if memo is not None else search_docs.SearchMemo()
    read = read or {}
    records = [memo.record(a, encode_text, read.get(a.id)) for a in ordered]
    entries, metas, outlets = _entries(ordered, records, memo)
    pages = [Page(f"search/text/{a.id}.js", b"%s(%s,%s);\n" % (CALLBACK.encode(), json.dumps(f"text/{a.id}").encode("utf-8"), r.text))
             for a, r in zip(ordered, records)]
    del records
    shards: list[dict[str, object]] = [{}]
    firsts: list[str] = []
    size = 0
    for key in _js_sorted(entries):
        value = entries[key]
        entry = len(key.encode("utf-8")) + _json_size(value) + 4
        if shards[-1] and size + entry > TERM_SHARD_BYTES:
            shards.append({})
            size = 0
        if not shards[-1]:
            firsts.append(key)
        shards[-1][key] = value
        size += entry
    if not firsts:
        shards, firsts = [], []
    for number, shard in enumerate(shards):
        pages.append(Page(f"search/terms/{number}.js", _script(f"terms/{number}", shard)))
    for number, start in enumerate(range(0, len(metas), META_CHUNK)):
        pages.append(Page(f"search/meta/{number}.js", _script(f"meta/{number}", metas[start:start + META_CHUNK])))
    manifest = {
        "format": FORMAT,
        "docs": len(ordered),
        "metaChunk": META_CHUNK,
        "shards": firsts,
        "outlets": outlets,
        "months": list(ARABIC_MONTHS),
        "codec": {"chars": CODEC_CHARS, "letters": CODEC_LETTERS, "escape": CODEC_ESCAPE},
        "postings": {"last": _LAST, "cont": _CONT},
        "ranking": {"k1": search_terms.K1, "levels": search_terms.IMPACT_LEVELS, "titleFlag": search_terms.TITLE_FLAG,
                    "formOther": search_terms.FORM_OTHER},
        "normalize": normalizer_data(),
    }
    pages.append(Page("search/manifest.js", _script("manifest", manifest)))
    pages.append(render_search_page())
    return pages


def render_search_page() -> Page:
    """search/index.md: the results page; arshif-search.js fills #search-results from ?q=."""
    data = {"title": "البحث", "generator": GENERATOR, "hide": ["navigation", "toc"]}
    body = [
        "---",
        dump_front_matter(data).rstrip("\n"),
        "---",
        "",
        '<h1 class="arshif-title">البحث في الأرشيف</h1>',
        "",
        '<form class="arshif-search-page" role="search" action="index.html" method="get">'
        '<input type="search" name="q" id="arshif-search-query" dir="auto" autocomplete="off" '
        'placeholder="كلمة أو أكثر، أو &quot;عبارة بين علامتي تنصيص&quot;" aria-label="كلمات البحث">'
        '<button type="submit">ابحث</button></form>',
        "",
        '<p class="arshif-search-help">تجد الكلمة بكل كتاباتها: بالتشكيل وبدونه، بالهمزة وبدونها، ة/ه، ى/ي، '
        "ومع و ف ب ل ك ال في أولها، والكلمة التي تكتبها تجد ما يبدأ بها. عدة كلمات: المقالات التي تحوي كلها أولًا، "
        "الأقرب إلى ما تبحث عنه قبل غيره. عبارة بين علامتي تنصيص: بترتيبها.</p>",
        "",
        '<div id="search-results" aria-live="polite"><noscript>البحث يحتاج إلى JavaScript.</noscript></div>',
        "",
    ]
    return Page("search/index.md", "\n".join(body).encode("utf-8"), data_json(data))
