"""one_source: one source file through reading, the extraction cache and the per-article work (analyse_raw).

pipeline runs it for every source, in the worker processes; tools and tests run it for one file.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Optional

from ..ingest import templates as tpl
from ..ingest.read import ReadError, issue_from, read_article
from ..models import Article, Issue, RawArticle
from ..relate.archive import Analysis
from .analyse import analyse_raw
from .cache import ExtractCache


def process_file(path: Path, override: Optional[dict] = None, cache: Optional[ExtractCache] = None,
                 root: Optional[Path] = None, templates: tpl.Templates = tpl.NONE
                 ) -> tuple[Optional[RawArticle], Optional[Article], Optional[Issue]]:
    """Read, clean and extract one file, then apply the editor's override. Never raises for bad input.

    `root` is the project folder: symbolic links are followed only to files inside it. `templates`: the
    archive's template lines (learn_templates), none by default.
    """
    raw, article, issue, _ = process_analysed(path, override, cache, root, templates)
    return raw, article, issue


def process_analysed(path: Path, override: Optional[dict] = None, cache: Optional[ExtractCache] = None,
                     root: Optional[Path] = None, templates: tpl.Templates = tpl.NONE) -> tuple:
    """process_file, plus the article's analysis for relate (entity matches), cached beside the Article."""
    ready = prepare(path, override, cache, root, templates)
    if len(ready) == 4:
        return ready
    return finish(path, ready, analyse_raw(ready[0], override, ready[2], templates), cache)


def prepare(path: Path, override: Optional[dict], cache: Optional[ExtractCache], root: Optional[Path],
            templates: tpl.Templates = tpl.NONE) -> tuple:
    """Read one source and look it up in the cache: a finished result (4 items: a read error, or a complete cache
    entry), or the work left to do (raw, cache key, cache entry or None) for analyse_raw."""
    try:
        raw = read_article(path, root)
    except ReadError as err:
        return None, None, issue_from(path, err), None
    key = cache.key(raw.sha256, raw.name, override, templates.key(raw.text)) if cache else ""
    entry = cache.get_entry(key) if cache else None
    if entry and isinstance(entry[1], Analysis):
        return _result(path, raw, entry[0], entry[1])
    return raw, key, entry


def finish(path: Path, ready: tuple, done: tuple, cache: Optional[ExtractCache]) -> tuple:
    """Cache what analyse_raw made for `ready` (from prepare) and give process_analysed's result."""
    raw, key, entry = ready
    article, analysis, issue = done
    if issue is not None:
        return raw, None, issue, None
    if cache and (entry is None or (analysis is not entry[1] and article.body)):
        cache.put(key, article, dataclasses.replace(analysis, search=None) if isinstance(analysis, Analysis) else analysis)
    return _result(path, raw, article, analysis)


def _result(path: Path, raw: RawArticle, article: Optional[Article], analysis) -> tuple:
    """process_analysed's result; `article` None or without a body: the source has no article text (the snapshot
    keeps such a source as snapshot.NO_BODY)."""
    if article is None or not article.body:
        return raw, None, Issue(str(path), "extract", "no-body", "no article text was found (title only, or only page chrome)"), None
    return raw, article, None, analysis
