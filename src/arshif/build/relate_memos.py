"""relate_memos: relate with what the last run kept of its work (the cache's TERM_NUMBERS and RANKING).

Event grouping's term numbers (relate.term_numbers) and the related articles' ranking (relate.related) are kept in
the cache folder between runs: after an edit, only a new or edited article's terms are numbered, and the ranking is
taken as it stands when no article's entities or date changed. The archive is the same without them.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..models import Article
from ..relate.archive import Archive, relate
from .cache import ExtractCache

TERM_NUMBERS = "event-term-numbers"  # the cache's name for event grouping's term numbers
RANKING = "related-ranking"  # and for the related articles' ranking


def relate_kept(articles: Sequence[Article], analyses: Optional[dict], cache: Optional[ExtractCache]) -> Archive:
    """relate(articles, analyses) with the memos the cache kept, kept again when they changed."""
    from ..relate.related import RankedMemo
    from ..relate.term_numbers import TermNumbers  # numpy: after the barrier only

    numbers = TermNumbers.from_state(cache.get_named(TERM_NUMBERS)) if cache is not None else None
    ranking = RankedMemo(cache.get_named(RANKING)) if cache is not None else None
    archive = relate(articles, analyses, numbers, ranking)
    if numbers is not None and numbers.changed():
        cache.put_named(TERM_NUMBERS, numbers.state())
    if ranking is not None and ranking.changed:
        cache.put_named(RANKING, ranking.state())
    return archive
