"""keep: whether a store of the last run's pieces is worth writing again for this run.

The memos in .arshif-cache (article pages, page records, citation files, front-matter data) are read by key, and
a piece missing from one is only made again, at the cost of one page. After an edit, a handful of pieces are
new; writing the whole store again (140 MB for the article pages of 10,000 articles) would cost more than making
them on each later run. So a store is written again when enough of this run's pieces are missing from it, or
enough of its pieces are no longer used, and otherwise left as it is: what the build makes does not change.
"""
from __future__ import annotations

from typing import Collection

MISSING = 50  # pieces a run may make again rather than write the store (or a fiftieth of them, if more)
STALE = 4  # a store may hold a quarter more pieces than are used


def worth_writing(stored: Collection, used: Collection) -> bool:
    """True when the store holding `stored` keys should be written again with the `used` ones."""
    if not stored:
        return bool(used)  # a first run: everything is missing
    missing = sum(1 for k in used if k not in stored)
    kept = len(used) - missing
    return missing > max(MISSING, len(used) // 50) or len(stored) - kept > max(MISSING, len(used) // STALE)
