"""Normalisation: the shared vectors (also run by the search's JavaScript) and pairs that must (not) match."""
import json
from pathlib import Path

import pytest

from arshif.text.normalize import fold, keys, match_key

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
