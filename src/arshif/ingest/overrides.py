"""Editor overrides: an editor sets or corrects any field; the override wins and its basis is "editor".

Two places, both beside the sources:
  source_articles/<name>.meta.yaml   (for <name>.txt; also <name>.txt.meta.yaml) — fields of one article
  source_articles/overrides.yaml     — {file name: {field: value}} for many articles at once
Overrides that match no article are reported, so a typo in a file name is not silently ignored.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Optional

import yaml

from ..models import Article, Field, Issue
from .read import ReadError, decode_with_notes, read_bytes_checked, shown_name

FIELDS = ("title", "date", "outlet", "author", "dateline")
# Old addresses of a renamed article (its old id, old page path or old file name): each gets a redirect page.
ALIAS_FIELDS = ("aliases", "redirect_from")
OVERRIDES_FILE = "overrides.yaml"


# Override files are small; a larger one is refused before it is read.
MAX_OVERRIDE_BYTES = 16 * 1024 * 1024
TEXT_FIELDS = ("title", "outlet", "author", "dateline", "note")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class OverrideError(Exception):
    pass


class _OverrideLoader(yaml.SafeLoader):
    """SafeLoader with dates left as text: arshif checks them itself and says what is wrong ('2018-13-45' would
    otherwise raise a bare ValueError inside PyYAML, and '2018-02-15 10:00' become a date with a time)."""


_OverrideLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str) -> object:
    """Parse an override file. YAML aliases are refused before anything is built: an editor never needs them, and
    a few hundred bytes of nested aliases (a 'billion laughs') would otherwise cost seconds and gigabytes later."""
    for event in yaml.parse(text, Loader=_OverrideLoader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise OverrideError(f"line {mark.line + 1}: YAML aliases (*name) are not allowed in overrides")
    return yaml.load(text, Loader=_OverrideLoader)


_KIND = {bool: "yes/no value", list: "list", dict: "mapping", float: "number"}


def _text(value: object, key: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # an unquoted number is text the editor meant (a title "1984")
    if isinstance(value, str):
        if not value.strip():
            raise OverrideError(f"{key} is empty (write null to mark it unknown)")
        return value.strip()
    shown = str(value).lower() if isinstance(value, bool) else repr(value)  # YAML's spelling: true, not True
    raise OverrideError(f"{key} must be text, got a {_KIND.get(type(value), type(value).__name__)} ({shown}); "
                        "put the value in quotes if it is meant as text")


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime) or (isinstance(value, str) and len(value.strip()) > 10
                                          and _ISO_DAY.match(value.strip()[:10])):
        raise OverrideError(f"date must be a day (YYYY-MM-DD) without a time, got {str(value)!r}")
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not _ISO_DAY.match(text):
        raise OverrideError(f"date must be YYYY-MM-DD, got {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise OverrideError(f"date {text!r} is not a day of the calendar ({exc})") from None


def check_values(values: object, where: str) -> tuple[dict, list[str]]:
    """The valid fields of one override and a problem (naming `where` and the key) for each bad one.

    A bad field is left out and the rest still applies: the article is built without the editor's wrong value.
    """
    if not isinstance(values, dict):
        return {}, [f"{where}: must be a mapping of field: value, got {type(values).__name__}"]
    good: dict = {}
    problems: list[str] = []
    for key, value in values.items():
        try:
            if key in ALIAS_FIELDS:
                good[key] = _aliases(value, key)
            elif key == "date":
                good[key] = None if value is None else _day(value)
            elif key in TEXT_FIELDS:
                good[key] = None if value is None else _text(value, key)
            else:
                raise OverrideError(f"unknown field {key!r}; known: {', '.join(FIELDS + ALIAS_FIELDS + ('note',))}")
        except OverrideError as exc:
            problems.append(f"{where}: {exc}")
    return good, problems


def _aliases(value: object, where: str) -> tuple[str, ...]:
    from ..ids import AliasError, alias_id

    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise OverrideError(f"{where}: must be a list of old ids or file names")
    try:
        return tuple(alias_id(item) for item in items)
    except AliasError as exc:
        raise OverrideError(f"{where}: {exc}") from None


def _load_file(path: Path, root: Optional[Path]) -> tuple[object, list[str]]:
    """Parsed YAML of one override file (None when it cannot be used) and the problems found reading it."""
    try:
        data = read_bytes_checked(path, root, MAX_OVERRIDE_BYTES)
    except ReadError as err:
        return None, [f"{path.name}: {err.message}"]
    if not data.strip():
        return {}, []
    try:
        text = data.decode("utf-8-sig")
        notes = []
    except UnicodeDecodeError:
        try:
            text, encoding, _ = decode_with_notes(data)
        except ReadError as err:
            return None, [f"{path.name}: not UTF-8 ({err.message})"]
        notes = [f"{path.name}: read as {encoding}, not UTF-8: save it as UTF-8"]
    try:
        return parse_yaml(text), notes
    except yaml.YAMLError as exc:
        return None, notes + [f"{path.name}: not valid YAML: {exc}"]
    except OverrideError as exc:
        return None, notes + [f"{path.name}: {exc}"]


def load_overrides(sources_dir: Path, names: list[str], root: Optional[Path] = None) -> tuple[dict[str, dict], list[Issue]]:
    """Overrides by source file name, and issues for bad or unmatched overrides.

    Every problem is reported (file, field, reason); a bad field is dropped and the override's other fields apply.
    """
    found: dict[str, tuple[dict, str]] = {}
    issues: list[Issue] = []
    known = set(names)
    sources_dir = Path(sources_dir)

    def report(path: Path, problems: list[str], severity: str = "error") -> None:
        issues.extend(Issue(shown_name(path), "overrides", "bad-override", p, severity) for p in problems)

    bulk = sources_dir / OVERRIDES_FILE
    if bulk.exists() or bulk.is_symlink():
        data, problems = _load_file(bulk, root)
        report(bulk, problems)
        if data is not None and not isinstance(data, dict):
            report(bulk, [f"{OVERRIDES_FILE}: must map file names to fields"])
        elif data:
            for name, values in data.items():
                good, problems = check_values(values, f"{OVERRIDES_FILE}: {name}")
                report(bulk, problems)
                if good:
                    found[str(name)] = (good, OVERRIDES_FILE)
    for meta in sorted(sources_dir.glob("*.meta.yaml"), key=lambda p: p.name):
        if shown_name(meta.name) != meta.name:
            issues.append(Issue(shown_name(meta), "overrides", "bad-name",
                                "the override's file name is not valid UTF-8: rename it as its article is named"))
            continue
        base = meta.name[: -len(".meta.yaml")]
        name = base if base.endswith(".txt") else base + ".txt"
        data, problems = _load_file(meta, root)
        report(meta, problems)
        if data is None:
            continue
        values, problems = check_values(data or {}, meta.name)
        report(meta, problems)
        if not values:
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
