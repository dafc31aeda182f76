"""Editor overrides: an editor sets or corrects any field; the override wins and its basis is "editor".

Two places, both beside the sources:
  source_articles/<name>.meta.yaml   (for <name>.txt; also <name>.txt.meta.yaml) — fields of one article
  source_articles/overrides.yaml     — {file name: {field: value}} for many articles at once
Overrides that match no article are reported, so a typo in a file name is not silently ignored.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Optional

import yaml

from ..models import Article, Field, Issue

FIELDS = ("title", "date", "outlet", "author", "dateline")
# Old addresses of a renamed article (its old id, old page path or old file name): each gets a redirect page.
ALIAS_FIELDS = ("aliases", "redirect_from")
OVERRIDES_FILE = "overrides.yaml"


class OverrideError(Exception):
    pass


def _check(values: object, where: str) -> dict:
    if not isinstance(values, dict):
        raise OverrideError(f"{where}: must be a mapping of field: value")
    unknown = sorted(set(values) - set(FIELDS) - set(ALIAS_FIELDS) - {"note"})
    if unknown:
        raise OverrideError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}; known: {', '.join(FIELDS + ALIAS_FIELDS)}")
    for key in ALIAS_FIELDS:
        if key in values:
            values = {**values, key: _aliases(values[key], f"{where}: {key}")}
    if values.get("date") is not None and not isinstance(values["date"], dt.date):
        try:
            values = {**values, "date": dt.date.fromisoformat(str(values["date"]))}
        except ValueError:
            raise OverrideError(f"{where}: date must be YYYY-MM-DD, got {values['date']!r}")
    return values


def _aliases(value: object, where: str) -> tuple[str, ...]:
    from ..ids import AliasError, alias_id

    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise OverrideError(f"{where}: must be a list of old ids or file names")
    try:
        return tuple(alias_id(item) for item in items)
    except AliasError as exc:
        raise OverrideError(f"{where}: {exc}") from None


def load_overrides(sources_dir: Path, names: list[str]) -> tuple[dict[str, dict], list[Issue]]:
    """Overrides by source file name, and issues for bad or unmatched overrides."""
    found: dict[str, tuple[dict, str]] = {}
    issues: list[Issue] = []
    known = set(names)
    sources_dir = Path(sources_dir)
    bulk = sources_dir / OVERRIDES_FILE
    if bulk.is_file():
        try:
            data = yaml.safe_load(bulk.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise OverrideError("must map file names to fields")
            for name, values in data.items():
                found[str(name)] = (_check(values, f"{OVERRIDES_FILE}: {name}"), OVERRIDES_FILE)
        except (yaml.YAMLError, OverrideError) as exc:
            issues.append(Issue(str(bulk), "overrides", "bad-override", str(exc)))
    for meta in sorted(sources_dir.glob("*.meta.yaml")):
        base = meta.name[: -len(".meta.yaml")]
        name = base if base.endswith(".txt") else base + ".txt"
        try:
            values = _check(yaml.safe_load(meta.read_text(encoding="utf-8")) or {}, meta.name)
        except (yaml.YAMLError, OverrideError) as exc:
            issues.append(Issue(str(meta), "overrides", "bad-override", str(exc)))
            continue
        previous = found.get(name, ({}, ""))[0]
        found[name] = ({**previous, **values}, meta.name)
    for name, (_, origin) in sorted(found.items()):
        if name not in known:
            issues.append(Issue(origin, "overrides", "unmatched-override", f"override for '{name}' matches no source article", "warning"))
    return {name: {**values, "_origin": origin} for name, (values, origin) in found.items() if name in known}, issues


def apply_overrides(article: Article, values: Optional[dict]) -> Article:
    if not values:
        return article
    origin = values.get("_origin", "an override file")
    changes = {}
    for name in FIELDS:
        if name in values:
            value = values[name]
            basis = f"set by an editor in {origin}" + (f": {values['note']}" if values.get("note") else "")
            changes[name] = Field(value, "editor" if value is not None else "unknown", basis, "editor-override", None)
    if "title" in changes and changes["title"].value is not None:
        changes["title_derived"] = False
    aliases = sorted({a for key in ALIAS_FIELDS for a in values.get(key, ())} - {article.id})
    if aliases:
        changes["extra"] = tuple((k, v) for k, v in article.extra if k != "aliases") + (("aliases", tuple(aliases)),)
    return dataclasses.replace(article, **changes)
