"""search_cache: the search index's pages, with what the last run kept of each article.

The SearchMemo (site.search_docs) is kept in the cache folder under SEARCH_MEMO between runs: after one edit, one
article's words are read again, not 10,000. What later runs add goes to a small delta beside it (SEARCH_DELTA:
the new records, and the words they added to the table), as the extraction snapshot's does: rewriting the whole
memo (40 MB at 10,000 articles) took 0.2-0.5 s of every one-article build, on the path the render waits on. Once
the delta, or the records no longer used, pass DELTA_SHARE of the records, the memo is written whole again.
"""
from __future__ import annotations

import os
from typing import Optional

from ..models import Article, Page
from ..site.search_docs import VERSION, SearchMemo
from ..site.search_index import build_search_pages
from . import snapshot
from .cache import ExtractCache
from .timings import phase

SEARCH_MEMO = "search-memo"  # the cache's name for the search index's SearchMemo
SEARCH_DELTA = "search-memo-delta"  # what runs since SEARCH_MEMO was written added to it
SEARCH_STEMS = "search-stems"  # the last run's stems of the memo's words (site.search_stems)
DELTA_SHARE = snapshot.DELTA_SHARE  # the extraction snapshot's rule for its delta


class _Kept:
    """The memo as the cache holds it: the whole one (its id, its table's size, its records) and the delta."""

    def __init__(self, cache: ExtractCache):
        base = cache.get_named(SEARCH_MEMO)
        delta = cache.get_named(SEARCH_DELTA)
        self.memo = SearchMemo.from_state(base)
        self.id = base.get("id") if isinstance(base, dict) and len(self.memo.words) else None
        self.size, self.base = len(self.memo.words), set(self.memo.records)
        self.delta: dict = {}
        if self.id is not None and _fits(delta, self.id, self.size):
            self.delta = delta["records"]
            self.memo = SearchMemo([*self.memo.words, *delta["words"]], {**self.memo.records, **self.delta})
        # Whether these stems fit the words above is search_stems' to check (a digest of the words they number).
        self.stems = self.memo.stems = cache.get_named(SEARCH_STEMS)

    def keep(self, cache: ExtractCache) -> None:
        memo = self.memo
        if memo.stems is not self.stems:
            cache.put_named(SEARCH_STEMS, memo.stems)
        added = {d: r for d, r in memo.used.items() if d not in self.base}
        stale = len(self.base) - (len(memo.used) - len(added))
        if self.id is not None and max(len(added), stale) <= DELTA_SHARE * max(1, len(memo.used)):
            if added.keys() != self.delta.keys():
                cache.put_named(SEARCH_DELTA, {"version": VERSION, "base": self.id, "size": self.size,
                                               "words": memo.words[self.size:], "records": added})
        elif memo.made or len(memo.used) != len(memo.records):
            cache.put_named(SEARCH_MEMO, {**memo.state(), "id": os.urandom(16)})  # a new base: no delta fits it
            cache.drop_named(SEARCH_DELTA)


def _fits(delta: object, base_id: bytes, size: int) -> bool:
    """Whether `delta` was written beside the memo of this id, whose table had `size` words."""
    return (isinstance(delta, dict) and delta.get("version") == VERSION and delta.get("base") == base_id
            and delta.get("size") == size and isinstance(delta.get("words"), list)
            and isinstance(delta.get("records"), dict))


def search_pages(articles: list[Article], cache: Optional[ExtractCache], analyses: Optional[dict] = None) -> list[Page]:
    """search/: index shards, texts, the results page; with what the last run kept of each article (the cache's
    SEARCH_MEMO), and kept again for the next. `analyses` (article id -> relate.archive.Analysis): the words the
    workers read of each article they analysed (Analysis.search), which spares reading them again here."""
    read = {k: a.search for k, a in (analyses or {}).items() if getattr(a, "search", None) is not None}
    with phase("search index (beside): memo loaded"):
        kept = _Kept(cache) if cache is not None else None
    with phase("search index (beside): made"):
        pages = build_search_pages(articles, kept.memo if kept else None, read)
    if kept is not None:
        with phase("search index (beside): memo kept"):
            kept.keep(cache)
    return pages
