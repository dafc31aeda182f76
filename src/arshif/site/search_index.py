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
"""
from __future__ import annotations

import functools
import json
import re
import string
import sys
from collections import Counter
from typing import Iterable, Sequence

from ..text import normalize
from . import search_terms
from ..models import Article, Page
from .render import ARABIC_MONTHS, GENERATOR, dump_front_matter, sort_key

FORMAT = 4
CALLBACK = "__arshifSearch"
TERM_SHARD_BYTES = 16_000  # target size of one term shard; a single larger key gets a shard of its own
META_CHUNK = 64  # documents per metadata file: a page of results touches few of them
# Extra fields that are text a reader may search for; the others are ids and data (entity and event slugs,
# date candidates), whose names are found in the article's text anyway.
TEXT_EXTRAS = ("subtitle", "section", "place")

# Posting lists: gaps between document numbers, minus one, in base 32; every digit but the last of a number
# comes from _CONT, the last from _LAST, so numbers need no separator. Neither alphabet needs escaping in JSON.
_LAST = "0123456789abcdefghijklmnopqrstuv"
_CONT = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"

# Text codec: each of these characters is written as one ASCII letter (A-Z, a-z); a Latin letter or the escape
# itself is written after the escape. UTF-8 spends two bytes on every Arabic character, so this halves the text.
CODEC_CHARS = "اليمونهرتبعدسفكقحجشطصزخضثغذظةىأإآؤئء«»،؛؟“”ـ\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
CODEC_LETTERS = string.ascii_uppercase + string.ascii_lowercase
CODEC_ESCAPE = "`"
_ENCODE = {c: l for c, l in zip(CODEC_CHARS, CODEC_LETTERS)}
_ENCODE.update({l: CODEC_ESCAPE + l for l in CODEC_LETTERS})
_ENCODE[CODEC_ESCAPE] = CODEC_ESCAPE * 2
_DECODE = {l: c for c, l in zip(CODEC_CHARS, CODEC_LETTERS)}
assert len(CODEC_CHARS) == len(CODEC_LETTERS) == len(set(CODEC_CHARS))


def encode_text(text: str) -> str:
    return "".join(_ENCODE.get(ch, ch) for ch in text)


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


def _script(name: str, data: object) -> bytes:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"{CALLBACK}({json.dumps(name)},{body});\n".encode("utf-8")


def _extra_texts(article: Article) -> list[str]:
    out = []
    for key, value in article.extra:
        if key not in TEXT_EXTRAS:
            continue
        items = value if isinstance(value, (tuple, list)) else (value,)
        out.extend(str(v) for v in items if isinstance(v, str) and v.strip())
    return out


def _segments(article: Article) -> list[str]:
    """The searchable text of an article besides title and outlet: body first (snippets come from it)."""
    fields = [article.author.value, article.dateline.value, *_extra_texts(article)]
    return ["\n".join(article.body), *[str(f) for f in fields if isinstance(f, str) and f.strip()]]


# A word glued to a number ("في10شوال", "1436ه", "و3", "ال15") is also indexed under its runs of letters (two or more:
# not the ه or م of a year) and of digits: شوال and 1436 find it. The whole token is indexed too (typed as printed).
_PARTS = re.compile(r"[^\W\d_]{2,}|\d+")


def with_parts(tokens: list[str]) -> list[str]:
    """The tokens, then the parts of those that mix letters and digits (after the others: positions unchanged)."""
    parts = [p for t in tokens if not t.isalpha() and not t.isdigit() for p in _PARTS.findall(t)]
    return tokens + parts if parts else tokens


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


def _entries(articles: Sequence[Article]) -> tuple[dict[str, object], list[list], list[str]]:
    """The term entries (key -> weighted postings, form -> letters to strip) and the metadata rows, newest first."""
    outlets: dict[str, int] = {}
    fields = []
    words: Counter = Counter()
    for article in articles:
        title = str(article.title.value or article.id)
        outlet = str(article.outlet.value or "")
        segments = _segments(article)
        lead, _, rest = segments[0].partition("\n")
        # Interned: every article's tokens are held until the vocabulary is known, and the same words recur in
        # every article (at 10,000 articles, 330 MB of separate strings against 70 MB of references).
        tokens = [with_parts(list(map(sys.intern, normalize.tokens(text)))) for text in (title, lead, rest, outlet, *segments[1:])]
        for toks in tokens:
            words.update(toks)
        fields.append((title, outlet, tokens))
        outlets.setdefault(outlet, len(outlets))
    vocab = search_terms.Vocabulary(words)
    average = search_terms.average_lengths([[len(t[0]), len(t[1]), sum(map(len, t[2:]))] for _, _, t in fields])

    def docs():
        # One article's terms at a time, its tokens let go once used: no list of every article's terms is held.
        for n, (title, outlet, tokens) in enumerate(fields):
            fields[n] = (title, outlet, None)
            yield search_terms.document_terms(vocab, tokens[0], tokens[1], tokens[2:])

    entries: dict[str, object] = {**search_terms.redirect_entries(vocab), **search_terms.form_entries(vocab)}
    for key, pairs in search_terms.weighted_postings(docs(), average).items():
        coded = encode_weighted(pairs)
        entries[key] = [entries[key], coded] if key in entries else coded
    metas = []
    for article, (title, outlet, _) in zip(articles, fields):
        date = article.date_value
        metas.append([article.id, encode_text(title), date.isoformat() if date else "", outlets[outlet]])
    return entries, metas, list(outlets)


def build_search_pages(articles: Iterable[Article]) -> list[Page]:
    ordered = sorted(articles, key=sort_key)
    entries, metas, outlets = _entries(ordered)
    pages = [Page(f"search/text/{a.id}.js", _script(f"text/{a.id}", [encode_text(s) for s in _segments(a)])) for a in ordered]
    shards: list[dict[str, object]] = [{}]
    firsts: list[str] = []
    size = 0
    for key in sorted(entries, key=js_order):
        value = entries[key]
        entry = len(key.encode("utf-8")) + len(json.dumps(value)) + 4
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
    body = [
        "---",
        dump_front_matter({"title": "البحث", "generator": GENERATOR, "hide": ["navigation", "toc"]}).rstrip("\n"),
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
    return Page("search/index.md", "\n".join(body).encode("utf-8"))
