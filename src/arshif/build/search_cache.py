"""search_cache: the search index's pages, with what the last run kept of each article.

The SearchMemo (site.search_docs) is kept in the cache folder under SEARCH_MEMO between runs: after one edit, one
article's words are read again, not 10,000.
"""
from __future__ import annotations

from typing import Optional

from ..models import Article, Page
from ..site.search_docs import SearchMemo
from ..site.search_index import build_search_pages
from .cache import ExtractCache
from .timings import phase

SEARCH_MEMO = "search-memo"  # the cache's name for the search index's SearchMemo


def search_pages(articles: list[Article], cache: Optional[ExtractCache], analyses: Optional[dict] = None) -> list[Page]:
    """search/: index shards, texts, the results page; with what the last run kept of each article (the cache's
    SEARCH_MEMO), and kept again for the next. `analyses` (article id -> relate.archive.Analysis): the words the
    workers read of each article they analysed (Analysis.search), which spares reading them again here."""
    read = {k: a.search for k, a in (analyses or {}).items() if getattr(a, "search", None) is not None}
    with phase("search index (beside): memo loaded"):
        memo = SearchMemo.from_state(cache.get_named(SEARCH_MEMO)) if cache is not None else None
    with phase("search index (beside): made"):
        pages = build_search_pages(articles, memo, read)
    if memo is not None and (memo.made or len(memo.used) != len(memo.records)):
        with phase("search index (beside): memo kept"):
            cache.put_named(SEARCH_MEMO, memo.state())
    return pages
