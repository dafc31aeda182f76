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

from arshif.text import normalize
from arshif.site.search_index import build_search_pages, encode_postings, encode_text, search_keys

HERE = Path(__file__).resolve().parent
VECTORS = json.loads((HERE.parent / "data" / "normalize_vectors.json").read_text(encoding="utf-8"))["vectors"]
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
        ["وزير الخارجية", {"terms": ["زير", "خارجيه"], "phrases": []}],
        ['"وزير الخارجية" الأميركي', {"terms": ["زير", "خارجيه", "امريكي"], "phrases": [["زير", "خارجيه"]]}],
        ["«الدولة الإسلامية»", {"terms": ["دوله", "اسلاميه"], "phrases": [["دوله", "اسلاميه"]]}],
        ["“ترمب”", {"terms": ["ترامب"], "phrases": []}],
        ['"سوريا والعراق', {"terms": ["سوريا", "عراق"], "phrases": [["سوريا", "عراق"]]}],
        ["  ؟ ، ", {"terms": [], "phrases": []}],
    ]
    _run(tmp_path, {"postings": [[encode_postings(p), p] for p in postings], "texts": [[encode_text(t), t] for t in texts], "queries": queries})
