"""page_memo: article pages rendered by the last run, reused when their inputs are the same.

An article page is a pure function of its front-matter data and its paragraphs (and of arshif's code and rules:
the memo is kept under the cache's fingerprint). Those are hashed in the worker that would render the page; when
the last run rendered a page from the same inputs, the worker sends back the hash instead of the page, and this
process takes the page from the memo. After one edit, 10,000 pages are then not dumped as YAML again (two thirds
of rendering one), and not sent back from the workers either.
"""
from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from typing import Optional

from ..models import Article, Page
from .render import front_matter, render_article_from


@dataclass(frozen=True)
class Rendered:
    """What a worker sends back for one article page: the page, or (a memo hit) only the hash of its inputs."""
    path: str
    key: str
    page: Optional[Page]


def _key(meta: dict, article: Article) -> str:
    # The data in their order (the YAML keeps it), then the paragraphs as they are; default=repr: a value JSON
    # cannot hold still changes the key when it changes.
    data = json.dumps(meta, ensure_ascii=False, default=repr)
    h = hashlib.sha256(data.encode("utf-8", "surrogatepass"))
    for paragraph in article.body:
        h.update(b"\0" + paragraph.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _entry_key(entry: str, links: Optional[dict]) -> str:
    # What the article was extracted from (the extraction cache's key: code, rules, bytes, name, override, template
    # lines), then what the theme shows around it: the page follows from the two (with_links adds only what
    # `links` holds). The links pickled, five times quicker than as JSON of Arabic text (0.5 s of the workers at
    # 10,000 articles): equal bytes are equal values, so a hit is never wrong, and the same code builds the same
    # links, shared the same way, from one run to the next.
    try:
        data = pickle.dumps(links, protocol=5) if links else b""
    except (pickle.PicklingError, TypeError, AttributeError):  # a value pickle cannot hold: its text instead
        data = json.dumps(links, ensure_ascii=False, default=repr).encode("utf-8", "surrogatepass")
    return hashlib.sha256(b"entry\0" + entry.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()


class PageMemo:
    """key -> (content, data_json) of the last run's article pages (`known`), and of this run's (`used`)."""

    def __init__(self, known: Optional[dict] = None):
        self.known: dict[str, tuple[bytes, Optional[str]]] = known if isinstance(known, dict) else {}
        self.used: dict[str, tuple[bytes, Optional[str]]] = {}

    def article(self, article: Article, links: Optional[dict] = None, entry: Optional[str] = None) -> Rendered:
        """render_article's page, or the memo's word that it already has it (run in the workers). `entry`: the
        extraction cache's key of the article before its links were added, when known: the key is then made of it
        and `links`, and a hit costs no front-matter (two thirds of a hit's time)."""
        meta = None
        if entry is not None:
            key = _entry_key(entry, links)
        else:
            meta = front_matter(article, links)
            key = _key(meta, article)
        if key in self.known:
            return Rendered(f"articles/{article.id}.md", key, None)
        page = render_article_from(meta if meta is not None else front_matter(article, links), article)
        return Rendered(page.path, key, page)

    def page(self, rendered: Rendered) -> Page:
        """The Page for what a worker sent back; it is kept for the next run."""
        if rendered.page is None:
            content, data = self.known[rendered.key]
            page = Page(rendered.path, content, data)
        else:
            page = rendered.page
        self.used[rendered.key] = (page.content, page.data_json)
        return page

    def changed(self) -> bool:
        return self.used.keys() != self.known.keys()
