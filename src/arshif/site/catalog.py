"""catalog: the generated article pages' front-matter, read back as typed records for sharing.

Feeds, exports, citations, page metadata and the sitemap are built from what the pages *say* (their
front-matter in docs/articles/*.md), not from a fresh extraction: a page an editor corrected by hand is then
cited, fed and exported as it reads. Front-matter is parsed with a strict safe YAML loader and a page whose
block does not parse is an error with its file name (MkDocs would silently drop it).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

import yaml

from .permalinks import article_path

try:  # libyaml when available: thousands of pages are read on every build
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIRST_PARAGRAPH = re.compile(r'<p dir="auto">(.*?)</p>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class CatalogError(ValueError):
    pass


@dataclass(frozen=True)
class Entity:
    name: str
    id: Optional[str] = None  # entity page id (entities/<id>.html), when the front-matter names one
    type: Optional[str] = None  # person / place / organisation, when known


@dataclass(frozen=True)
class ArticleMeta:
    """One article as its page's front-matter describes it."""

    id: str
    title: str
    date: Optional[dt.date]
    date_kind: str
    time: Optional[str]
    outlet: Optional[str]
    author: Optional[str]
    dateline: Optional[str]
    lead: str
    source_file: str
    source_sha256: Optional[str]
    title_derived: bool = False
    entities: tuple[Entity, ...] = ()
    aliases: tuple[str, ...] = ()
    date_rule: Optional[str] = None  # the rule id behind the date, for the editor (JSON, CSV)

    def __hash__(self) -> int:
        # Records key the site files' dicts (six look-ups each, their entities hashed with them every time): the
        # hash is worked out once. Frozen, so it cannot go stale; not pickled (a string's hash is another in the
        # next process).
        known = self.__dict__.get("_hash")
        if known is None:
            known = hash(tuple(getattr(self, name) for name in _META_FIELDS))
            object.__setattr__(self, "_hash", known)
        return known

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    @property
    def path(self) -> str:
        """The page's path in the site, relative to its root: the permalink."""
        return article_path(self.id)

    @property
    def original_path(self) -> str:
        return f"originals/{self.id}.txt"


_META_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleMeta))


def _front(text: str) -> tuple[Optional[re.Match], str]:
    text = text.lstrip("\ufeff")
    return _FRONT.match(text), text


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front-matter, body) of a Markdown page; ({}, text) when it has none. Raises CatalogError if it does not parse."""
    match, text = _front(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1) or "", Loader=_Loader)
    except yaml.YAMLError as exc:
        raise CatalogError(f"front-matter does not parse: {exc}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CatalogError("front-matter is not a mapping")
    return meta, text[match.end():]


def split_body(text: str) -> str:
    """The body of a Markdown page, as split_front_matter splits it (without reading the front-matter)."""
    match, text = _front(text)
    return text[match.end():] if match else text


def _text(value: object) -> Optional[str]:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _date(value: object) -> Optional[dt.date]:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CatalogError(f"date must be YYYY-MM-DD, got {value!r}") from None


def _entities(value: object) -> tuple[Entity, ...]:
    """`entities:` as a list of entity ids (relate.py writes these), names, or mappings with name, id and type.

    A bare id is kept as Entity(name=id, id=id) until name_entities() gives it its display name."""
    if not value:
        return ()
    if not isinstance(value, (list, tuple)):
        raise CatalogError("entities must be a list")
    found: list[Entity] = []
    for item in value:
        if isinstance(item, dict):
            name = _text(item.get("name") or item.get("label") or item.get("title") or item.get("id"))
            if name:
                found.append(Entity(name, _text(item.get("id")), _text(item.get("type"))))
        elif _text(item):
            text = _text(item)
            found.append(Entity(text, text if _SLUG.match(text) else None))  # type: ignore[arg-type]
    return tuple(found)


def name_entities(article: ArticleMeta, lookup: Callable[[str], Optional[tuple[str, Optional[str]]]]) -> ArticleMeta:
    """The article with its entities named: an entity known only by its id gets (name, type) from `lookup`;
    an id that nothing names is left out (a slug is not a name to show or export)."""
    named = []
    for entity in article.entities:
        if entity.id and entity.name == entity.id:
            found = lookup(entity.id)
            if not found or not found[0]:
                continue
            entity = Entity(found[0], entity.id, entity.type or found[1])
        named.append(entity)
    return dataclasses.replace(article, entities=tuple(named))


def _lead_from_body(body: str) -> str:
    """The first sentence of the first body paragraph (Article.lead), read back from the page's Markdown.

    A `lead:` key in the front-matter wins when a page has one (an editor's own description)."""
    from ..text.helpers import first_sentence

    from .render import plain_text

    match = _FIRST_PARAGRAPH.search(body)
    if match:  # a page of the HTML era
        return first_sentence(html.unescape(_TAG.sub("", match.group(1))).strip())
    for block in body.split("\n\n"):
        block = " ".join(block.split())
        if block and not block.startswith(("<", "{%", "#")):  # the first paragraph of text, not a heading or block
            return first_sentence(plain_text(block)).strip()
    return ""


def article_from_page(text: str, fallback_id: str) -> Optional[ArticleMeta]:
    """The record of a generated article page; None for a page that is not an article (no `source_file`)."""
    meta, body = split_front_matter(text)
    return article_from_meta(meta, body, fallback_id)


def article_from_meta(meta: dict, body: str, fallback_id: str) -> Optional[ArticleMeta]:
    """The record of an article from front-matter already parsed (MkDocs' page.meta) and the page's Markdown."""
    if "source_file" not in meta:
        return None
    article_id = _text(meta.get("id")) or fallback_id
    aliases = meta.get("aliases") or ()
    if not isinstance(aliases, (list, tuple)):
        raise CatalogError("aliases must be a list")
    lead = _text(meta.get("lead")) or _lead_from_body(body)
    return ArticleMeta(
        id=article_id,
        title=_text(meta.get("title")) or article_id,
        date=_date(meta.get("date")),
        date_kind=_text(meta.get("date_kind")) or ("unknown" if meta.get("date") is None else "printed"),
        time=_text(meta.get("time")),
        outlet=_text(meta.get("outlet")),
        author=_text(meta.get("author")),
        dateline=_text(meta.get("dateline")),
        lead=lead or "",
        source_file=str(meta["source_file"]),
        source_sha256=_text(meta.get("source_sha256")),
        title_derived=bool(meta.get("title_derived")),
        entities=_entities(meta.get("entities")),
        aliases=tuple(str(a) for a in aliases),
        date_rule=_text(meta.get("date_rule")),
    )


def newest_first(articles: Iterable[ArticleMeta]) -> list[ArticleMeta]:
    """Newest first by date then printed time; undated last; ties by id (no dict or file-system order)."""
    return sorted(
        articles,
        key=lambda a: (a.date is None, -(a.date.toordinal()) if a.date else 0, _minus_time(a.time), a.id),
    )


def _minus_time(time: Optional[str]) -> int:
    if not time or not re.fullmatch(r"\d{1,2}:\d{2}", time):
        return 0
    hours, minutes = time.split(":")
    return -(int(hours) * 60 + int(minutes))
