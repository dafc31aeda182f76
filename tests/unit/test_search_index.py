"""search_index: the static index (term shards, metadata, texts, manifest) built from Article objects."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from arshif.text import normalize
from arshif.models import Article, Field
from arshif.site.search_index import (
    CALLBACK, META_CHUNK, build_search_pages, decode_postings, decode_text, encode_postings, encode_text, js_order,
    search_keys, text_keys,
)


def make_article(id_: str, title: str, body: tuple[str, ...], *, date: dt.date | None = None, outlet: str | None = None,
                 author: str | None = None, extra: tuple = ()) -> Article:
    def field(value):
        return Field(value, "printed", "test") if value is not None else Field.unknown("test")

    return Article(
        id=id_, source_file=f"{id_}.txt", source_sha256="0" * 64, encoding="utf-8", title=field(title), title_derived=False,
        date=field(date), outlet=field(outlet), author=field(author), dateline=Field.unknown("test"), body=body,
        removed=(), extra=extra,
    )


ARTICLES = [
    make_article("a1", "وزير الخارجية الأميركي في الكويت", ("قال وزير الخارجية الأمريكي إن «التحالف» مستمر.", "والتقى بالكويتيين."),
                 date=dt.date(2018, 2, 13), outlet="أخبار ليبيا24"),
    make_article("a2", "ترمب يزور سورية", ("زار الرئيس ترامب دمشق.",), date=dt.date(2019, 1, 1), outlet="الاتحاد", author="دينا مصطفى"),
    make_article("a3", "خبر بلا تاريخ", ("مُحَمَّدٌ في المدرسة، ومستشفى المدينـــة.",), extra=(("subtitle", "عنوان فرعي"), ("year", 2014), ("entities", ("iraq", "p-5423e16361")))),
]


def _scripts(pages) -> dict[str, object]:
    """name -> data of every index script, checking each file is exactly one registration call."""
    out = {}
    pattern = re.compile(re.escape(CALLBACK) + r'\("([^"]+)",(.*)\);\n\Z', re.S)
    for page in pages:
        if not page.path.endswith(".js"):
            continue
        match = pattern.match(page.content.decode("utf-8"))
        assert match, page.path
        name, data = match.group(1), json.loads(match.group(2))
        assert page.path == f"search/{name}.js"
        out[name] = data
    return out


def _lookup(scripts, key: str) -> tuple[list[int], list[int]]:
    manifest = scripts["manifest"]
    firsts = manifest["shards"]
    shard = max(i for i, first in enumerate(firsts) if js_order(first) <= js_order(key)) if js_order(firsts[0]) <= js_order(key) else 0
    value = scripts[f"terms/{shard}"].get(key)
    if value is None:
        return [], []
    all_, _, title = value.partition("|")
    return decode_postings(all_), decode_postings(title)


def test_pages_and_manifest():
    pages = build_search_pages(ARTICLES)
    paths = {p.path for p in pages}
    assert {"search/index.md", "search/manifest.js", "search/meta/0.js", "search/terms/0.js"} <= paths
    assert {f"search/text/{a.id}.js" for a in ARTICLES} <= paths
    manifest = _scripts(pages)["manifest"]
    assert manifest["docs"] == 3 and manifest["metaChunk"] == META_CHUNK
    assert manifest["normalize"]["prefixes"] == list(normalize.PREFIXES)
    assert manifest["normalize"]["variants"]["ترمب"] == "ترامب"


def test_documents_newest_first_and_metadata():
    scripts = _scripts(build_search_pages(ARTICLES))
    meta = scripts["meta/0"]
    assert [m[0] for m in meta] == ["a2", "a1", "a3"]  # newest first, undated last
    assert decode_text(meta[1][1]) == "وزير الخارجية الأميركي في الكويت"
    assert meta[1][2] == "2018-02-13" and meta[2][2] == ""
    assert scripts["manifest"]["outlets"][meta[1][3]] == "أخبار ليبيا24"


@pytest.mark.parametrize("query,docs", [
    ("الأمريكي", [1]), ("أميركي", [1]), ("والأميركي", [1]), ("ترامب", [0]), ("ترمب", [0]), ("سوريا", [0]),
    ("التحالف", [1]), ("كويت", [1]), ("وزير", [1]), ("الوزير", [1]), ("الكويتيين", [1]), ("محمد", [2]), ("مدرسه", [2]), ("مستشفي", [2]),
    ("مدينه", [2]), ("ليبيا24", [1]), ("الاتحاد", [0]), ("مصطفى", [0]), ("فرعي", [2]), ("2014", []), ("iraq", []),
])
def test_keys_find_their_documents(query, docs):
    scripts = _scripts(build_search_pages(ARTICLES))
    found, _ = _lookup(scripts, normalize.match_key(query))
    assert found == docs


@pytest.mark.parametrize("query,text", [
    ("وزير", "الوزير"), ("الوزير", "وزير"), ("كويت", "الكويت"), ("الكويت", "كويت"), ("ليبيا", "بليبيا"), ("ليبيا", "لليبيا"),
    ("لبنان", "ولبنان"), ("التحالف", "فبالتحالف"), ("الأمريكي", "وللأميركيين"[:-2]), ("سوريا", "وسورية"), ("ترامب", "لترمب"),
])
def test_a_query_key_is_among_the_keys_of_every_prefixed_form(query, text):
    assert normalize.match_key(query) in text_keys(text)


@pytest.mark.parametrize("query,text", [
    ("الكويتي", "الكويت"), ("ترام", "ترامب"), ("سوريا", "روسيا"), ("العراق", "الفراق"), ("مصر", "قصر"), ("الله", "له"),
])
def test_a_query_key_is_not_among_the_keys_of_another_word(query, text):
    assert normalize.match_key(query) not in text_keys(text)


def test_title_postings_are_kept_apart():
    scripts = _scripts(build_search_pages(ARTICLES))
    assert _lookup(scripts, normalize.match_key("وزير")) == ([1], [1])
    assert _lookup(scripts, "ترامب") == ([0], [0])
    assert _lookup(scripts, "دمشق") == ([0], [])


def test_texts_hold_body_then_other_fields():
    scripts = _scripts(build_search_pages(ARTICLES))
    assert [decode_text(s) for s in scripts["text/a2"]] == ["زار الرئيس ترامب دمشق.", "دينا مصطفى"]
    assert [decode_text(s) for s in scripts["text/a3"]][1] == "عنوان فرعي"


def test_shards_are_cut_in_javascript_key_order(monkeypatch):
    import arshif.site.search_index as si

    monkeypatch.setattr(si, "TERM_SHARD_BYTES", 60)
    scripts = _scripts(si.build_search_pages(ARTICLES))
    firsts = scripts["manifest"]["shards"]
    assert len(firsts) > 3
    assert firsts == sorted(firsts, key=js_order)
    every = set()
    for i, first in enumerate(firsts):
        keys = list(scripts[f"terms/{i}"])
        assert keys[0] == first and keys == sorted(keys, key=js_order)
        every.update(keys)
    for word in ("امريكي", "ترامب", "محمد", "ليبيا24", "وزير"):
        key = normalize.match_key(word)
        assert key in every and _lookup(scripts, key)[0]


@pytest.mark.parametrize("docs", [[0], [0, 1, 2, 3], [5, 31, 32, 33, 1000, 1001, 40000, 99999], list(range(0, 3000, 7))])
def test_postings_round_trip(docs):
    assert decode_postings(encode_postings(docs)) == docs


@pytest.mark.parametrize("text", ["«داعش» قال: ‘نعم’ `x` Trump 2018", "مُحَمَّدٌ ـ؛؟“”", "", "a`b``c Ł ﻻ 😀\n\""])
def test_text_codec_round_trip_and_size(text):
    coded = encode_text(text)
    assert decode_text(coded) == text
    arabic = "انطلقت اليوم الثلاثاء أعمال الاجتماع الوزاري للتحالف الدولي"
    assert len(encode_text(arabic).encode()) * 1.8 < len(arabic.encode())


def test_deterministic_and_safe_against_markup():
    evil = make_article("x1", '<script>alert(1)</script> "عنوان"', ("</script><img src=x onerror=alert(1)> \u2028 نص",))
    first = build_search_pages([*ARTICLES, evil])
    second = build_search_pages([evil, *reversed(ARTICLES)])
    assert [(p.path, p.content) for p in first] == [(p.path, p.content) for p in second]
    scripts = _scripts(first)
    assert decode_text(scripts["text/x1"][0]).startswith("</script>")


def test_empty_archive():
    scripts = _scripts(build_search_pages([]))
    assert scripts["manifest"]["docs"] == 0 and scripts["manifest"]["shards"] == []


def test_search_page():
    page = next(p for p in build_search_pages(ARTICLES) if p.path == "search/index.md")
    text = page.content.decode("utf-8")
    assert '<div id="search-results"' in text and 'id="arshif-search-query"' in text
    import yaml

    assert yaml.safe_load(text.split("---")[1])["title"] == "البحث"


@pytest.mark.parametrize("word", ["وزير", "كويت", "ليبيا", "لبنان", "فندق", "تحالف", "امريكي", "سوريه", "الله", "بنك", "كتاب"])
def test_every_clitic_form_of_a_word_is_found_by_every_other(word):
    groups = ["", *normalize.PREFIXES]
    for a in groups:
        for b in groups:
            assert normalize.match_key(a + word) in text_keys(b + word), (a + word, b + word)
    assert normalize.match_key(word) in search_keys(normalize.fold(word))
