"""search_index: the static index (term shards, metadata, texts, manifest) built from Article objects."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest

from arshif.text import normalize
from arshif.models import Article, Field
from arshif.site.render import sort_key
from arshif.site import search_terms
from arshif.site.search_index import (
    CALLBACK, META_CHUNK, build_search_pages, decode_postings, decode_text, decode_weighted, encode_postings, encode_text,
    encode_weighted, js_order, search_keys,
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


def _entry(scripts, word: str):
    firsts = scripts["manifest"]["shards"]
    if not firsts:
        return None
    shard = max((i for i, first in enumerate(firsts) if js_order(first) <= js_order(word)), default=0)
    return scripts[f"terms/{shard}"].get(word)


def _postings(scripts, key: str) -> list[tuple[int, ...]]:
    value = _entry(scripts, key)
    value = value[1] if isinstance(value, list) else value
    return decode_weighted(value) if isinstance(value, str) and not value.startswith("=") else []


def _lookup(scripts, key: str) -> tuple[list[int], list[int]]:
    """(documents, documents with it in the title) of a key."""
    pairs = _postings(scripts, key)
    return [p[0] for p in pairs], [p[0] for p in pairs if p[1] & search_terms.TITLE_FLAG]


def _find(scripts, word: str) -> list[int]:
    """The documents a query word finds, as the JavaScript looks it up (resolve_keys, then each key's postings)."""
    keys = search_terms.resolve_keys(normalize.fold(word), lambda w: _entry(scripts, w), normalize.listed_stems())
    return sorted({d for k in keys for d in _lookup(scripts, k)[0]})


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
def test_words_find_their_documents(query, docs):
    scripts = _scripts(build_search_pages(ARTICLES))
    assert _find(scripts, query) == docs


@pytest.mark.parametrize("query,text", [
    ("وزير", "الوزير"), ("الوزير", "وزير"), ("كويت", "الكويت"), ("الكويت", "كويت"), ("ليبيا", "بليبيا"), ("ليبيا", "لليبيا"),
    ("لبنان", "ولبنان لبنان"), ("التحالف", "فبالتحالف"), ("الأمريكي", "وللأميركي"), ("سوريا", "وسورية"), ("ترامب", "لترمب"),
    ("الالتزام", "الالتزام"), ("التزام", "الالتزام"), ("الألعاب", "الألعاب والألعاب"), ("ألعاب", "الألعاب"),
    ("فرنسا", "فرنسا"), ("بفرنسا", "فرنسا"), ("وزير", "وزير"), ("والالتحاق", "الالتحاق"), ("كوالالمبور", "كوالالمبور"),
    ("الوالدين", "الوالدين"), ("وبوتر", "بوتر"), ("وزير", "والوزير"),
])
def test_a_query_word_finds_a_text_with_another_clitic_form(query, text):
    scripts = _scripts(build_search_pages([make_article("t1", "عنوان", (text,)), make_article("t2", "آخر", ("كلام عادي",))]))
    assert _find(scripts, query) == [1] or _find(scripts, query) == [0], (query, text)
    assert 1 not in _find(scripts, "كلام") or 0 not in _find(scripts, "كلام")


@pytest.mark.parametrize("query,text", [
    ("الكويتي", "الكويت"), ("ترام", "ترامب"), ("سوريا", "روسيا"), ("العراق", "الفراق"), ("مصر", "قصر"), ("الله", "له"),
])
def test_a_query_word_does_not_find_another_word(query, text):
    scripts = _scripts(build_search_pages([make_article("t1", "عنوان", (text,))]))
    assert _find(scripts, query) == []


@pytest.mark.parametrize("a,b", [("فرنسا", "رنسا"), ("وزير", "زير"), ("الالتزام", "تزام"), ("كوارث", "وارث")])
def test_a_word_is_not_stripped_into_another_word_of_the_archive(a, b):
    """Blind stripping joined فرنسا with رنسا; stripping to known words keeps both, where both are words."""
    scripts = _scripts(build_search_pages([make_article("t0", "x", (a, a, a)), make_article("t1", "y", (b,))]))
    assert _find(scripts, a) == [0] and _find(scripts, b) == [1]


def test_title_postings_are_kept_apart():
    scripts = _scripts(build_search_pages(ARTICLES))
    assert _lookup(scripts, "وزير") == ([1], [1])
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
        assert word in every and _find(scripts, word)


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
    """The bare word is in the archive, with one other form: every clitic form typed finds both articles."""
    groups = ["", *normalize.PREFIXES]
    for b in groups:
        scripts = _scripts(build_search_pages([make_article("t0", "x", (word,)), make_article("t1", "y", (b + word,))]))
        for a in groups:
            assert _find(scripts, a + word) == [0, 1], (a + word, b + word)
    assert normalize.known_key(word, {word: 1}) in search_keys(normalize.fold(word))


@pytest.mark.parametrize("postings", [[(0, 1)], [(0, 17, 0, 0, 1), (3, 15), (40, 31, 31, 31, 31), (1000, 16, 5, 2, 7)], [(n, n % 32, 3, n % 31, n % 29) if n % 32 >= 16 else (n, n % 32) for n in range(0, 5000, 7)]])
def test_weighted_postings_round_trip(postings):
    assert decode_weighted(encode_weighted(postings)) == postings


def test_weights_favour_the_title_and_short_fields():
    vocab = search_terms.Vocabulary(normalize.tokens("نفط نفط ذهب كلام طويل"))
    in_title = search_terms.document_terms(vocab, ["نفط"], ["كلام"], [["طويل"]])
    in_body = search_terms.document_terms(vocab, ["ذهب"], ["كلام"], [["نفط"]])
    postings = search_terms.weighted_postings([in_title, in_body])
    (title_doc, title_weight, position, form, keys), (body_doc, body_weight) = postings["نفط"]
    assert (title_doc, body_doc, position, form, keys) == (0, 1, 0, 0, 1)
    assert title_weight & search_terms.TITLE_FLAG and not body_weight & search_terms.TITLE_FLAG
    assert title_weight & 15 > body_weight & 15 >= 1


def test_title_postings_carry_the_clitic_group_printed():
    """The form a headline prints a word in (its clitic group, search_terms.form_digit), and the same group read
    back from the form a reader types (resolve): الأسعار, بعيد (printed) and وبعيد (printed nowhere: بعيد is what is
    typed as printed), أسعار bare."""
    tokens = normalize.tokens("الأسعار أسعار بعيد عيد")
    vocab = search_terms.Vocabulary(tokens)
    doc = search_terms.document_terms(vocab, normalize.tokens("ارتفاع الأسعار بعيد"), [], [])
    assert doc.forms == {"ارتفاع": 0, "اسعار": search_terms.form_digit("ال"), "عيد": search_terms.form_digit("ب")}
    entries = _scripts(build_search_pages([make_article("x", "الأسعار أسعار بعيد عيد", ("نص",))]))
    entry = lambda w: _entry(entries, w)  # noqa: E731
    listed = normalize.listed_stems()
    assert search_terms.resolve("الاسعار", entry, listed) == (["اسعار"], "ال")
    assert search_terms.resolve("اسعار", entry, listed) == (["اسعار"], "")
    assert search_terms.resolve("وبعيد", entry, listed) == (["عيد"], "ب")
    assert search_terms.form_digit(None) == -1 and search_terms.form_digit("") == 0
    assert search_terms.form_digit("ال") != search_terms.form_digit("وال") and search_terms.form_digit("الال") == search_terms.FORM_OTHER


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "saudinewsnet"
REPO = Path(__file__).resolve().parents[2]


def _corpus_articles(limit: int) -> list[Article]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("title", "").strip() and r.get("content", "").strip():
                    body = tuple(p.strip() for p in r["content"].split("\n") if p.strip())
                    out.append(make_article(f"c{len(out):05d}", r["title"].strip(), body, outlet=r.get("source") or None,
                                            author=r.get("author", "").strip() or None))
                    if len(out) >= limit:
                        return out
    return out


def test_every_word_of_the_archive_finds_its_articles_as_printed():
    """The whole vocabulary of the seeds (through the pipeline) and of 2,000 corpus articles: each word, typed as
    printed, finds every article that prints it (issue 16: الألعاب, الإلكترونية, الالتزام... found nothing)."""
    from arshif.build.pipeline import process_file

    seeds = [process_file(p)[1] for p in sorted((REPO / "source_articles").glob("*.txt"))]
    corpus = _corpus_articles(2000)
    assert len(corpus) == 2000, "the corpus is missing: ../shared/corpus/saudinewsnet"
    articles = sorted([*seeds, *corpus], key=sort_key)
    scripts = _scripts(build_search_pages(articles))
    entries: dict = {}
    for name, data in scripts.items():
        if name.startswith("terms/"):
            entries.update(data)
    postings = {k: {p[0] for p in decode_weighted(v[1] if isinstance(v, list) else v)}
                for k, v in entries.items() if not isinstance(v, int) and not (isinstance(v, str) and v.startswith("="))}
    where: dict[str, set[int]] = {}
    for doc, article in enumerate(articles):
        texts = [str(article.title.value or article.id), str(article.outlet.value or ""), *article.body,
                 *[str(v) for v in (article.author.value, article.dateline.value) if isinstance(v, str)]]
        for token in {t for text in texts for t in normalize.tokens(text)}:
            where.setdefault(token, set()).add(doc)
    listed = normalize.listed_stems()
    missing = []
    for token, docs in where.items():
        found = set().union(*(postings.get(k, set()) for k in search_terms.resolve_keys(token, entries.get, listed)))
        if not docs <= found:
            missing.append(token)
    assert len(where) > 40_000
    assert not missing, f"{len(missing)} of {len(where)} words miss some of their articles, e.g. {missing[:10]}"
    for word in ("الألعاب", "الإلكترونية", "الالتزام", "الآليات", "فرنسا", "وزير"):
        assert normalize.fold(word) in where and where[normalize.fold(word)] <= set().union(
            *(postings.get(k, set()) for k in search_terms.resolve_keys(normalize.fold(word), entries.get, listed))), word
