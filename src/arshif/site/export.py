"""export: every article's metadata as archive.json, archive.csv and the JSON Schema of archive.json.

- archive.json: {"generator", "site_url", "count", "articles": [...]}, articles in id order (stable diffs).
- archive.csv: the same columns, UTF-8 with a byte-order mark so Excel reads Arabic right, CRLF rows
  (RFC 4180); list fields are joined with " | ". A cell that a spreadsheet would run as a formula (it begins
  with = + - @, a tab or a CR) gets a leading ' as OWASP advises: a scraped =HYPERLINK(...) stays text.
- archive.schema.json: JSON Schema (draft 2020-12) that archive.json validates against.

No build time stamp anywhere: same pages, same bytes. `url` is absolute (data is reused away from the site);
`path` and `original` are relative to the site root.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Optional

from .catalog import ArticleMeta
from .permalinks import absolute

JSON_PATH = "archive.json"
CSV_PATH = "archive.csv"
SCHEMA_PATH = "archive.schema.json"
LIST_SEPARATOR = " | "

_NULLABLE_STRING = {"type": ["string", "null"]}

# name -> JSON Schema of the value; also the CSV columns, in this order.
COLUMNS: dict[str, dict] = {
    "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$", "description": "stable page id, from the source file name"},
    "url": {"type": "string", "format": "uri-reference", "description": "the article's permalink (absolute when site_url is set)"},
    "path": {"type": "string", "pattern": "^articles/[a-z0-9][a-z0-9_-]*\\.html$", "description": "the page, relative to the site root"},
    "title": {"type": "string"},
    "title_derived": {"type": "boolean", "description": "true when the page printed no headline and the title was derived from the lead"},
    "date": {"type": ["string", "null"], "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "publication date, null when unknown (never guessed)"},
    "date_kind": {"type": "string", "enum": ["printed", "inferred", "derived", "editor", "unknown"]},
    "date_rule": {**_NULLABLE_STRING, "description": "id of the rule the date came from (rules/dates.yaml and the extractor)"},
    "time": {"type": ["string", "null"], "pattern": "^\\d{1,2}:\\d{2}$", "description": "printed time of day, zone unknown"},
    "outlet": _NULLABLE_STRING,
    "author": _NULLABLE_STRING,
    "dateline": {**_NULLABLE_STRING, "description": "place the article was filed from"},
    "lead": {"type": "string", "description": "first sentence of the article"},
    "source_file": {"type": "string", "description": "file name in source_articles/"},
    "source_sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
    "original": {"type": "string", "description": "the original text, relative to the site root"},
    "entities": {"type": "array", "items": {"type": "string"}, "description": "names of the people, places and organisations it mentions"},
    "aliases": {"type": "array", "items": {"type": "string"}, "description": "old ids whose pages redirect here"},
}


def record(article: ArticleMeta, site_url: Optional[str]) -> dict:
    return {
        "id": article.id,
        "url": absolute(site_url, article.path),
        "path": article.path,
        "title": article.title,
        "title_derived": article.title_derived,
        "date": article.date.isoformat() if article.date else None,
        "date_kind": article.date_kind if article.date_kind in COLUMNS["date_kind"]["enum"] else "unknown",
        "date_rule": article.date_rule,
        "time": article.time,
        "outlet": article.outlet,
        "author": article.author,
        "dateline": article.dateline,
        "lead": article.lead,
        "source_file": article.source_file,
        "source_sha256": article.source_sha256,
        "original": article.original_path,
        "entities": [e.name for e in article.entities],
        "aliases": list(article.aliases),
    }


def records(articles: Iterable[ArticleMeta], site_url: Optional[str]) -> list[dict]:
    return [record(a, site_url) for a in sorted(articles, key=lambda a: a.id)]


_ROWS = "\x00rows\x00"  # stands for the list of rows while the rest is encoded (JSON escapes it: no text equals it)


def row_json(article: ArticleMeta, site_url: Optional[str]) -> bytes:
    """One article's row of archive.json (UTF-8): compact, on one line. A row a line keeps the file readable and
    greppable line by line at two thirds of the size of an indented dump (every article spread over 30 lines)."""
    return json.dumps(record(article, site_url), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def archive_json(articles: Iterable[ArticleMeta], site_url: Optional[str], rows: Optional[dict] = None) -> bytes:
    """archive.json: the archive's fields indented, its articles one row a line. `rows`: each article's row_json
    already made (by article), as the last run left them. The file is joined from the rows' bytes once: no text
    copy of the whole archive is made."""
    ordered = sorted(articles, key=lambda a: a.id)
    texts = [rows[a] if rows is not None and a in rows else row_json(a, site_url) for a in ordered]
    data = {
        "$schema": SCHEMA_PATH,
        "generator": "arshif",
        "site_url": site_url or None,
        "count": len(texts),
        "articles": _ROWS,
    }
    before, after = json.dumps(data, ensure_ascii=False, indent=1).split(json.dumps(_ROWS))
    if not texts:
        return (before + "[]" + after + "\n").encode("utf-8")
    parts = [before.encode("utf-8"), b"[\n"]
    for n, text in enumerate(texts):
        parts += (b",\n", text) if n else (text,)
    parts += [b"\n]", after.encode("utf-8"), b"\n"]
    return b"".join(parts)


# OWASP "CSV injection": characters that make Excel, LibreOffice or Sheets read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_line(cells: list) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return buffer.getvalue()


def row_csv(article: ArticleMeta, site_url: Optional[str]) -> bytes:
    """One article's line of archive.csv (UTF-8): the csv module writes each row on its own, so the file is the
    header and these lines joined."""
    row = record(article, site_url)
    return _csv_line([_cell(row[name]) for name in COLUMNS]).encode("utf-8")


def archive_csv(articles: Iterable[ArticleMeta], site_url: Optional[str], rows: Optional[dict] = None) -> bytes:
    """archive.csv, with a byte-order mark (spreadsheets then read it as UTF-8). `rows`: each article's row_csv
    already made (by article), as the last run left them."""
    ordered = sorted(articles, key=lambda a: a.id)
    lines = [rows[a] if rows is not None and a in rows else row_csv(a, site_url) for a in ordered]
    return b"".join([("\ufeff" + _csv_line(list(COLUMNS))).encode("utf-8"), *lines])


def schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_PATH,
        "title": "arshif archive.json",
        "description": "Every article of the archive with its metadata, as generated by arshif.",
        "type": "object",
        "required": ["generator", "site_url", "count", "articles"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "generator": {"const": "arshif"},
            "site_url": _NULLABLE_STRING,
            "count": {"type": "integer", "minimum": 0},
            "articles": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": list(COLUMNS),
                    "additionalProperties": False,
                    "properties": COLUMNS,
                },
            },
        },
    }


def schema_json() -> bytes:
    return (json.dumps(schema(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
