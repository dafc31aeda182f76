"""build.search_cache: the search memo kept whole, and what later runs add kept in a small delta beside it.

Whatever the cache holds (whole, whole and delta, a delta of another memo), the index is the one made from nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

from arshif.build import search_cache
from arshif.build.cache import ExtractCache
from arshif.site.search_index import build_search_pages
from arshif.site.search_stems import table_digest
from test_search_index import make_article

WORDS = ("وزير", "الخارجية", "الكويت", "اجتماع", "مجلس", "الأمن", "النفط", "أسعار", "الرياض", "المطر", "مدرسة",
         "مستشفى", "الطريق", "مباراة", "الهلال", "النصر", "الموسم", "الصيف", "ميزانية", "الشركة")


def _articles(n: int, seed: int = 3) -> list:
    rng = random.Random(seed)
    return [make_article(f"a{k:03d}", " ".join(rng.sample(WORDS, 4)),
                         tuple(" ".join(rng.choice(WORDS) for _ in range(12)) + "." for _ in range(3)),
                         date=dt.date(2020, 1, 1 + k % 28), outlet="واس") for k in range(n)]


def _edited(article, text: str):
    return dataclasses.replace(article, body=(*article.body, text))


def _stored(cache, name):
    path = cache.folder / f"{name}.pickle"
    return path.read_bytes() if path.exists() else None


def test_an_edit_goes_to_the_delta_and_every_run_gives_the_index_made_from_nothing(tmp_path):
    cache = ExtractCache(tmp_path / "cache", "fp")
    articles = _articles(60)
    assert search_cache.search_pages(articles, cache) == build_search_pages(articles)
    base = _stored(cache, search_cache.SEARCH_MEMO)
    assert base and _stored(cache, search_cache.SEARCH_DELTA) is None
    for step in range(3):  # three edits in turn: each a record more in the delta, the memo as it was
        articles[step] = _edited(articles[step], f"فقرة جديدة رقم {step} عن السباق والأمطار.")
        assert search_cache.search_pages(articles, cache) == build_search_pages(articles)
        assert _stored(cache, search_cache.SEARCH_MEMO) == base
        assert len(cache.get_named(search_cache.SEARCH_DELTA)["records"]) == step + 1
        # The stems kept for the next run number the words of the table this run had (search_stems).
        kept = search_cache._Kept(cache)
        stems = cache.get_named(search_cache.SEARCH_STEMS)
        assert len(stems.totals) == len(kept.memo.words) and stems.digest == table_digest(kept.memo.words)
    delta = _stored(cache, search_cache.SEARCH_DELTA)
    assert search_cache.search_pages(articles, cache) == build_search_pages(articles)  # nothing changed: nothing written
    assert (_stored(cache, search_cache.SEARCH_MEMO), _stored(cache, search_cache.SEARCH_DELTA)) == (base, delta)
    # More than DELTA_SHARE of the records changed: the memo is written whole again, and the delta goes.
    articles = [_edited(a, "سطر أضيف إلى كل مقالة.") if k % 5 == 0 else a for k, a in enumerate(articles)]
    assert search_cache.search_pages(articles, cache) == build_search_pages(articles)
    assert _stored(cache, search_cache.SEARCH_MEMO) != base and _stored(cache, search_cache.SEARCH_DELTA) is None
    assert len(cache.get_named(search_cache.SEARCH_MEMO)["records"]) == len(articles)


def test_a_delta_of_another_memo_is_not_taken(tmp_path):
    cache = ExtractCache(tmp_path / "cache", "fp")
    articles = _articles(40)
    search_cache.search_pages(articles, cache)
    articles[0] = _edited(articles[0], "كلمات لم ترد قبل: زلزال بركان إعصار.")
    search_cache.search_pages(articles, cache)
    stray = cache.get_named(search_cache.SEARCH_DELTA)
    # The memo written again by another run (its words in another order), the old delta left beside it.
    other = _articles(40, seed=8)
    search_cache.search_pages(other, ExtractCache(tmp_path / "other", "fp"))
    cache.put_named(search_cache.SEARCH_MEMO, ExtractCache(tmp_path / "other", "fp").get_named(search_cache.SEARCH_MEMO))
    cache.put_named(search_cache.SEARCH_DELTA, stray)
    kept = search_cache._Kept(cache)
    assert kept.delta == {} and set(kept.memo.records) == kept.base
    assert search_cache.search_pages(articles, cache) == build_search_pages(articles)
