"""The search's JavaScript gives what Python gives: shared vectors, real corpus text, codecs, query parsing.

Runs tests/js/check_search.js with node on a manifest written by search_index and cases computed in Python.
"""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from arshif.models import Article, Field
from arshif.text import normalize
from arshif.site import search_terms
from arshif.site.search_index import build_search_pages, encode_postings, encode_text, encode_weighted, search_keys

HERE = Path(__file__).resolve().parent
SHARED = json.loads((HERE.parent / "data" / "normalize_vectors.json").read_text(encoding="utf-8"))
VECTORS = SHARED["vectors"]
CORPUS = HERE.parents[2] / "shared" / "corpus" / "saudinewsnet" / "2015-07-21.jsonl.gz"
EXTRA = [
    "وزير الوزير والوزير بالكويت الكويت كويت لليبيا ليبيا بليبيا ولبنان لبنان", "ﻻ إله", "e\u0301t\u00e9 İstanbul ΣΟΦΟΣ",
    "x\u0640y \u06dd a\u06dea \u06e5b", "فَبِالتَّحَالُفِ وَلِلْأَمْرِيكِيِّينَ", "«سورية»، “ترمب”؛ أميركا؟", "",
]
NODE = shutil.which("node")
if NODE is None:  # a missing tool is a failure, not a skip: .ci/run installs nodejs
    pytest.fail("node is not installed (apt-get install -y nodejs): the search's JavaScript cannot be tested", pytrace=False)


def _corpus_texts(limit: int = 150) -> list[str]:
    if not CORPUS.is_file():
        return []
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            out.append(record["title"] + "\n" + record["content"][:1500])
            if len(out) >= limit:
                break
    return out


def _run(tmp_path: Path, cases: dict) -> dict:
    pages = {p.path: p.content for p in build_search_pages([])}
    manifest = tmp_path / "manifest.js"
    manifest.write_bytes(pages["search/manifest.js"])
    case_file = tmp_path / "cases.json"
    case_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([NODE, str(HERE / "check_search.js"), str(manifest), str(case_file)], capture_output=True, text=True, timeout=120)
    assert proc.stdout, proc.stderr
    result = json.loads(proc.stdout)
    assert proc.returncode == 0 and result["failed"] == 0, json.dumps(result, ensure_ascii=False, indent=1)
    return result


def test_shared_vectors_in_javascript(tmp_path):
    result = _run(tmp_path, {"vectors": VECTORS})
    assert result["checked"] == len(VECTORS)


def test_corpus_text_gives_the_same_keys(tmp_path):
    texts = _corpus_texts() + EXTRA
    vectors = [{"input": t, "fold": normalize.fold(t), "keys": normalize.keys(t)} for t in texts]
    tokens = sorted({tok for t in texts for tok in normalize.tokens(t)})
    alternatives = [[tok, sorted(search_keys(tok))] for tok in tokens]
    result = _run(tmp_path, {"vectors": vectors, "alternatives": alternatives})
    assert result["checked"] > 1000 or not CORPUS.is_file()


def test_codecs_and_query_parsing(tmp_path):
    postings = [[0], [0, 1, 2], [31, 32, 33, 1023, 1024, 99999], list(range(5, 5000, 13))]
    texts = EXTRA + ["a`b``c «داعش» \"x\" \\ \n", "مُحَمَّدٌ ـ؛؟“”"] + _corpus_texts(20)
    queries = [
        ["وزير الخارجية", {"words": ["وزير", "الخارجيه"], "phrases": [], "open": "الخارجيه"}],
        ["وزير الخارجية ", {"words": ["وزير", "الخارجيه"], "phrases": [], "open": None}],
        ['"وزير الخارجية" الأميركي', {"words": ["وزير", "الخارجيه", "الاميركي"], "phrases": [["وزير", "الخارجيه"]], "open": "الاميركي"}],
        ["«الدولة الإسلامية»", {"words": ["الدوله", "الاسلاميه"], "phrases": [["الدوله", "الاسلاميه"]], "open": None}],
        ["“ترمب”", {"words": ["ترمب"], "phrases": [], "open": None}],
        ['"سوريا والعراق', {"words": ["سوريا", "والعراق"], "phrases": [["سوريا", "والعراق"]], "open": None}],
        ["ترام", {"words": ["ترام"], "phrases": [], "open": "ترام"}],
        ["  ؟ ، ", {"words": [], "phrases": [], "open": None}],
    ]
    weighted = [[(0, 1)], [(0, 17, 0, 0, 1), (3, 15), (40, 31, 31, 31, 31), (1000, 16, 5, 7, 9)], [(n, 1 + n % 15) for n in range(0, 3000, 11)]]
    weighted_cases = []
    for w in weighted:
        want = {"docs": [p[0] for p in w], "digits": [p[1] for p in w], "positions": [p[2] if len(p) > 2 else -1 for p in w],
                "forms": [p[3] if len(p) > 3 else -1 for p in w], "lengths": [p[4] if len(p) > 4 else -1 for p in w]}
        weighted_cases.append([encode_weighted(w), want])
    _run(tmp_path, {"postings": [[encode_postings(p), p] for p in postings], "texts": [[encode_text(t), t] for t in texts],
                    "queries": queries, "weighted": weighted_cases})


def _article(n: int, text: str) -> Article:
    f = lambda v: Field(v, "printed", "test")  # noqa: E731
    return Article(id=f"k{n}", source_file=f"k{n}.txt", source_sha256="0" * 64, encoding="utf-8", title=f("عنوان"),
                   title_derived=False, date=Field.unknown("test"), outlet=Field.unknown("test"), author=Field.unknown("test"),
                   dateline=Field.unknown("test"), body=(text,), removed=())


def _entries(articles: list[Article]) -> dict:
    out = {}
    for page in build_search_pages(articles):
        if page.path.startswith("search/terms/"):
            body = page.content.decode("utf-8")
            out.update(json.loads(body[body.index(",") + 1:-3]))
    return out


def test_query_words_resolve_to_the_keys_python_indexed(tmp_path):
    """An index whose vocabulary is the shared vectors' (with those frequencies): the JavaScript finds, from the index
    alone, the key Python gave each word, for words of the archive and for other clitic forms of them."""
    vocabulary = SHARED["known"]["vocabulary"]
    articles = [_article(n, " ".join([word] * count)) for n, (word, count) in enumerate(sorted(vocabulary.items()))]
    entries = _entries(articles)
    listed = normalize.listed_stems()
    cases = []
    for case in SHARED["known"]["cases"]:
        token = normalize.fold(case["input"])
        keys = search_terms.resolve_keys(token, entries.get, listed)
        assert keys == [case["key"]], (case, keys)
        cases.append([token, keys])
    _run(tmp_path, {"resolve": {"entries": entries, "cases": cases}})


def test_every_word_of_corpus_articles_resolves_alike(tmp_path):
    """Every word of 300 corpus articles, as printed and with a clitic added: Python and JavaScript agree on its keys
    and on the clitic group of the form typed (the exact-form bonus)."""
    texts = _corpus_texts(300)
    articles = [_article(n, t) for n, t in enumerate(texts)]
    entries = _entries(articles)
    listed = normalize.listed_stems()
    tokens = sorted({tok for t in texts for tok in normalize.tokens(t)})
    tokens += ["و" + t for t in tokens[::7]] + ["بال" + t for t in tokens[::11]]
    cases = [[t, search_terms.resolve_keys(t, entries.get, listed)] for t in tokens]
    forms = []
    for t in tokens:
        group = search_terms.resolve(t, entries.get, listed)[1]
        forms.append([t, group, search_terms.form_digit(group)])
    assert {f[1] for f in forms} >= {"", "ال", "و", "وال", None}
    result = _run(tmp_path, {"resolve": {"entries": entries, "cases": cases, "forms": forms}})
    assert result["checked"] > 10000 or not CORPUS.is_file()
