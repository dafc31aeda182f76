"""analyse: the per-article work, a pure function of the source's bytes, the editor's override and the rules.

It runs in the local worker processes or, with --executor, on a Dask cluster (distributed.py); reading the file
(with its safety checks) and the cache stay with the caller.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Optional

from ..extract import extract_article
from ..ingest import templates as tpl
from ..ingest.clean import clean_article
from ..ingest.overrides import apply_overrides
from ..models import Issue, RawArticle
from ..relate.archive import Analysis, analyse
from ..site.search_docs import read_words
from ..site.search_index import encode_text
from .time_limit import OutOfTime, limit_for, slow_rule, time_limit


def analyse_raw(raw: RawArticle, override: Optional[dict], entry: Optional[tuple] = None,
                templates: tpl.Templates = tpl.NONE) -> tuple:
    """The per-article work, a pure function of the bytes, the override, the rules and the archive's template
    lines: (article, analysis, issue). `entry` is a cached (article, None) whose analysis is still to be made."""
    article, analysis = entry if entry else (None, None)
    try:
        with time_limit(limit_for(raw.size)):
            if article is None:
                try:
                    article = apply_overrides(extract_article(clean_article(raw, templates)), override)
                    if raw.notes:  # what reading repaired or dropped shows on the page and in the report
                        article = dataclasses.replace(article, warnings=raw.notes + article.warnings)
                except Exception as exc:  # a bug on one article must not take the others down
                    return None, None, Issue(str(raw.path), "extract", "internal-error", f"{type(exc).__name__}: {exc}")
            if not isinstance(analysis, Analysis) and article.body:
                try:
                    analysis = analyse(article)
                except Exception:  # relate analyses it again and reports there
                    analysis = None
            if isinstance(analysis, Analysis) and analysis.search is None:
                analysis = dataclasses.replace(analysis, search=read_words(article, encode_text))
    except OutOfTime as out:
        return None, None, out_of_time_issue(raw.path, raw.text, out.args[0])
    return article, analysis, None


def out_of_time_issue(path: Path, text: str, seconds: float) -> Issue:
    """The issue of an article whose analysis ran out of time, naming the rule to blame when one is found."""
    culprit = slow_rule(text)
    blame = (f"the rule {culprit[1]} in {culprit[0]} takes more than a second on its lines (a pattern that backtracks): "
             "mend or remove it" if culprit else "no single rule pattern was found slow on its own lines")
    return Issue(str(path), "extract", "out-of-time", f"its analysis took more than {seconds:.0f} s and was stopped; "
                 f"{blame}; the other articles are built")
