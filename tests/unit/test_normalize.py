"""Normalisation: the shared vectors (also run by the search's JavaScript) and pairs that must (not) match."""
import json
from pathlib import Path

import pytest

from arshif.text import normalize
from arshif.text.normalize import fold, keys, known_key, listed_stems, match_key, strip_known

VECTORS = json.loads((Path(__file__).parent.parent / "data" / "normalize_vectors.json").read_text(encoding="utf-8"))["vectors"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["input"] for v in VECTORS])
def test_shared_vectors(vector):
    assert fold(vector["input"]) == vector["fold"]
    assert keys(vector["input"]) == vector["keys"]


@pytest.mark.parametrize("a,b", [
    ("الأمريكي", "الأميركي"), ("الامريكي", "أمريكي"), ("ترمب", "ترامب"), ("سوريا", "سورية"),
    ("إبراهيم", "ابراهيم"), ("مصطفى", "مصطفي"), ("الكويت", "بالكويت"), ("وزارة", "وزاره"), ("لبنان", "ولبنان"),
])
def test_pairs_that_match(a, b):
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize("a,b", [
    ("سوريا", "روسيا"), ("العراق", "الفراق"), ("ترامب", "ترام"), ("مصر", "قصر"), ("الكويت", "الكويتي"),
])
def test_pairs_that_do_not_match(a, b):
    assert match_key(a) != match_key(b)


KNOWN = json.loads((Path(__file__).parent.parent / "data" / "normalize_vectors.json").read_text(encoding="utf-8"))["known"]


def _known() -> dict[str, int]:
    out = dict(KNOWN["vocabulary"])
    for stem in listed_stems():
        out[stem] = max(1, out.get(stem, 0))
    return out


@pytest.mark.parametrize("case", KNOWN["cases"], ids=[c["input"] for c in KNOWN["cases"]])
def test_known_key_strips_only_to_words_of_the_archive(case):
    assert known_key(fold(case["input"]), _known()) == case["key"]


@pytest.mark.parametrize("word", sorted(KNOWN["vocabulary"]) + ["فرنسا", "وزير", "والالتزام", "بالكويت", "ولبنان"])
def test_strip_known_is_idempotent(word):
    once = strip_known(word, _known())
    assert strip_known(once, _known()) == once


def test_blind_stripping_is_what_known_key_avoids():
    """match_key (entities, events) strips whatever looks like a clitic; known_key only to a word of the archive."""
    assert match_key("فرنسا") == "رنسا" and known_key("فرنسا", {"فرنسا": 3}) == "فرنسا"
    assert known_key("وزير", {"وزير": 9, "زير": 1}) == "وزير"  # a rarer remainder is another word
    assert known_key("ولبنان", {"ولبنان": 2, "لبنان": 9}) == "لبنان"
    assert known_key("والالتزام", {"التزام": 1}) == "التزام"  # ال groups need only a known remainder


@pytest.mark.parametrize("text", [
    "", "أ", "إسلام آباد", "ىئةؤ", "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "کگ ۀە ٱٲٳ ی ې", "ABC Éte İstanbul",
    "أُعلِنَ إيقاف الرحلات إلى آسيا، وقالت الهيئة «مؤقتًا» في ٢٠١٥ و۱۴۳۶هـ: لا ضرر." * 3,
])
def test_fold_replaces_as_translate_does(text):
    """fold() replaces character after character on long texts: the same as translating through _FOLD at once."""
    want = normalize._MARKS.sub("", text).translate(normalize._FOLD).lower()
    assert normalize.fold(text) == want
    assert normalize.fold(text + " " * 20) == want + " " * 20
