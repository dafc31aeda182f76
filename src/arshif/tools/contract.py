"""The `arshif extract --json` contract: one JSON object per input file (used by an outside evaluation).

Keep it stable: add keys, never rename them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..build.pipeline import process_file
from ..ingest import templates as tpl
from ..ingest.overrides import load_overrides
from ..models import Article, Field, Issue


def _basis(field: Field) -> dict:
    return {"kind": field.kind, "basis": field.basis, "rule": field.rule, "evidence": field.evidence}


# The contract names the kinds of a date's basis explicit / inferred / unknown (plus editor for overrides).
_DATE_KIND = {"printed": "explicit", "inferred": "inferred", "derived": "inferred", "unknown": "unknown", "editor": "editor"}


def _date_basis(field: Field) -> str:
    """'<kind>: <evidence>', e.g. "explicit: printed under the headline: '15 فبراير 2018 01:56'"."""
    basis = field.basis
    if basis.lower().startswith(f"{field.kind}: "):
        basis = basis[len(field.kind) + 2:]
    return f"{_DATE_KIND.get(field.kind, field.kind)}: {basis}"


def article_record(path: str, article: Optional[Article], issue: Optional[Issue]) -> dict:
    if article is None:
        return {
            "file": path, "ok": False, "error": issue.message if issue else "unknown error",
            "error_code": issue.code if issue else None,
            "title": None, "title_derived": False, "date": None, "date_basis": "unknown: the file was not read",
            "outlet": None, "author": None, "dateline": None, "body": [], "removed": [],
        }
    date = article.date_value
    record = {
        "file": path,
        "ok": True,
        "error": None,
        "title": article.title.value,
        "title_derived": article.title_derived,
        "date": date.isoformat() if date else None,
        "date_basis": _date_basis(article.date),
        "outlet": article.outlet.value,
        "author": article.author.value,
        "dateline": article.dateline.value,
        "body": list(article.body),
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in article.removed],
        # Extra keys (additions only): the id, each field's basis, warnings, the encoding.
        "id": article.id,
        "time": article.time,
        "encoding": article.encoding,
        "source_sha256": article.source_sha256,
        "fields": {
            "title": _basis(article.title),
            "date": _basis(article.date),
            "outlet": _basis(article.outlet),
            "author": _basis(article.author),
            "dateline": _basis(article.dateline),
        },
        "warnings": list(article.warnings),
        # On a whole page, what the locator decided (line numbers 1-based, as the report prints them).
        "located": ({"headline": article.located[0] + 1, "body": [article.located[1] + 1, article.located[2] + 1]}
                    if len(article.located) == 3 else None),
    }
    for key, value in article.extra:
        record.setdefault(key, list(value) if isinstance(value, tuple) else value)
    return record


def extract_path(path: Path, templates: tpl.Templates = tpl.NONE) -> dict:
    """The contract record of one file, with the editor's override from beside it, if any. `templates`: the
    template lines of the archive the file stands in (pipeline.learn_templates over all its files)."""
    overrides, _ = load_overrides(Path(path).parent, [Path(path).name])
    _, article, issue = process_file(Path(path), overrides.get(Path(path).name), templates=templates)
    return article_record(str(path), article, issue)
