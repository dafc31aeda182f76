"""search_index: [Article] -> the static search index under docs/search/ (Pages), and the search page.

The index is a set of small JavaScript files, each a call `__arshifSearch(name, data)`: a page loads one by
inserting a <script> tag, which works over http, from file:// and from an unzipped copy (no fetch, XHR or
Worker, which file:// forbids). A query loads only what it needs:

  search/manifest.js        shard boundaries, outlet names, and the normalisation data the JavaScript mirrors
                            (fold map, marks, clitic prefixes, variants table: one source, normalize.py)
  search/terms/<n>.js       the inverted index, cut in key order into shards of about TERM_SHARD_BYTES:
                            match key -> documents (delta-coded), and the documents whose title holds it
  search/meta/<n>.js        title, date and outlet of META_CHUNK documents, newest first
  search/text/<id>.js       one article's text, for snippets and the check of a quoted phrase

A query word's key is normalize.match_key(): folded, its longest clitic group stripped, variants joined. A word
of an article is indexed under every key it can have (search_keys): itself and each way of stripping clitic
groups, again and again. normalize strips one group, so "وزير" gives "زير" but "الوزير" gives "وزير"; indexing
"الوزير" under وزير and زير lets both queries find it, with the same precision as normalize's keys.
There is no stemmer: suffixes carry meaning in news text (الكويت/الكويتي, ترام/ترامب); stripping them floods.
Texts and titles are written with a one-byte code for the 52 commonest Arabic characters (see CODEC_CHARS),
which halves them: the whole index stays smaller than the articles' text.
"""
from __future__ import annotations

import functools
import json
import string
from collections import defaultdict
from typing import Iterable, Sequence

from ..text import normalize
from ..models import Article, Page
from .render import ARABIC_MONTHS, GENERATOR, dump_front_matter, sort_key

FORMAT = 1
CALLBACK = "__arshifSearch"
TERM_SHARD_BYTES = 32_000  # target size of one term shard; a single larger key gets a shard of its own
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


def _longest_group(word: str) -> str:
    if not word or not ("\u0600" <= word[0] <= "\u06ff"):
        return ""
    for prefix in normalize.PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= normalize.MIN_STEM:
            return prefix
    return ""


@functools.lru_cache(maxsize=200_000)
def _could_be_query_key(word: str) -> bool:
    """Whether a real word can lose exactly its clitic group to strip_clitics() and leave `word`. A form that still
    carries the article never does ("الكويت": "والكويت" loses "وال", and ل before ال is written لل), so it is not
    indexed; "وزير" does ("الوزير" loses "ال")."""
    group = _longest_group(word)
    if not group:
        return True
    if "ال" in group or group.endswith("لل"):
        return False
    return any(_longest_group(p + word) == p for p in normalize.PREFIXES)


def text_keys(text: str) -> set[str]:
    """The keys an article's text is indexed under: those of search_keys() that a query can ask for."""
    table = normalize.variants()
    out: set[str] = set()
    for token in normalize.tokens(text):
        out.update(table.get(w, w) for w in _closure(token) if _could_be_query_key(w))
    return out


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


def normalizer_data() -> dict:
    """What the JavaScript needs to give the same keys as normalize.keys()."""
    return {
        "fold": {chr(k): v for k, v in sorted(normalize._FOLD.items())},
        "marks": normalize._MARKS.pattern,
        "prefixes": list(normalize.PREFIXES),
        "minStem": normalize.MIN_STEM,
        "variants": dict(sorted(normalize.variants().items())),
    }


def build_search_pages(articles: Iterable[Article]) -> list[Page]:
    ordered = sorted(articles, key=sort_key)
    postings: dict[str, list[int]] = defaultdict(list)
    in_title: dict[str, list[int]] = defaultdict(list)
    outlets: list[str] = []
    outlet_no: dict[str, int] = {}
    metas: list[list] = []
    pages: list[Page] = []
    for doc, article in enumerate(ordered):
        title = str(article.title.value or article.id)
        outlet = str(article.outlet.value or "")
        if outlet not in outlet_no:
            outlet_no[outlet] = len(outlets)
            outlets.append(outlet)
        date = article.date_value
        metas.append([article.id, encode_text(title), date.isoformat() if date else "", outlet_no[outlet]])
        segments = _segments(article)
        title_keys = text_keys(title)
        all_keys = set(title_keys)
        for text in (outlet, *segments):
            all_keys |= text_keys(text)
        for key in all_keys:
            postings[key].append(doc)
        for key in title_keys:
            in_title[key].append(doc)
        pages.append(Page(f"search/text/{article.id}.js", _script(f"text/{article.id}", [encode_text(s) for s in segments])))

    shards: list[dict[str, str]] = [{}]
    firsts: list[str] = []
    size = 0
    for key in sorted(postings, key=js_order):
        value = encode_postings(postings[key])
        if key in in_title:
            value += "|" + encode_postings(in_title[key])
        entry = len(key.encode("utf-8")) + len(value) + 6
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
        "ومع و ف ب ل ك ال في أولها. عدة كلمات: المقالات التي تحوي كلها. عبارة بين علامتي تنصيص: بترتيبها.</p>",
        "",
        '<div id="search-results" aria-live="polite"><noscript>البحث يحتاج إلى JavaScript.</noscript></div>',
        "",
    ]
    return Page("search/index.md", "\n".join(body).encode("utf-8"))
