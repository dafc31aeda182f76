"""Stable article ids: derived from the source file name, never from list position; and the ids an editor's
alias names (an old id, page path or file name).
"""
from __future__ import annotations

import hashlib
import re

_SAFE = re.compile(r"[^a-z0-9_-]+")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def article_id(file_name: str) -> str:
    """A URL-safe id for a source file name.

    ASCII names keep their stem ("000_e0a6176e52ffac07.txt" -> "000_e0a6176e52ffac07"). Names with other
    characters (Arabic, spaces, quotes) keep what is safe and add a short hash of the whole name, so that two
    names that differ only in unsafe characters never share an id, and renaming nothing changes nothing.
    """
    stem = file_name[:-4] if file_name.lower().endswith(".txt") else file_name
    lowered = stem.lower()
    safe = _SAFE.sub("-", lowered).strip("-_")[:60]
    # Only "<safe>.txt" keeps its bare stem: "x.TXT" beside "x.txt" would otherwise share its id, and a new
    # file sorting first would take an existing article's address.
    if safe == stem and safe and file_name.endswith(".txt"):
        return safe
    # surrogateescape: a name that is not UTF-8 (refused when read) still has an id, so no step trips on it
    digest = hashlib.sha256(file_name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"{safe}-{digest}" if safe else f"a-{digest}"


class AliasError(ValueError):
    pass


def alias_id(value: object) -> str:
    """The id an editor's alias names: an id, an old page path ('articles/x.html') or an old file name ('x.txt')."""
    text = str(value).strip()
    if not text:
        raise AliasError("an alias is empty")
    if text.lower().endswith(".txt"):
        return article_id(text.rsplit("/", 1)[-1])
    text = text.rstrip("/").rsplit("/", 1)[-1]
    for suffix in (".html", ".md"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if not _ID.match(text):
        raise AliasError(f"alias {value!r} is not an article id (lowercase letters, digits, '-' and '_') nor a .txt file name")
    return text


def hashed(file_name: str) -> bool:
    """Whether the id of `file_name` carries a hash of the name (it is not simply the name's stem)."""
    stem = file_name[:-4] if file_name.endswith(".txt") else None
    return article_id(file_name) != stem


def claim_ids(names: list[str], previous: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Who owns each id when two file names give the same one, and the clashes as (id, owner, refused).

    A permanent address never moves to another source: the file that held the id in the last build (`previous`,
    id -> file name) keeps it; else a name whose id is its hash beats a plain name that spells that hash
    ('a-<hash>.txt' crafted to take an Arabic-named article's address); else the first in code-point order.
    """
    by_id: dict[str, list[str]] = {}
    for name in names:
        by_id.setdefault(article_id(name), []).append(name)
    owners: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    for id_, claimants in by_id.items():
        if len(claimants) == 1:
            owners[id_] = claimants[0]
            continue
        ranked = sorted(claimants, key=lambda n: (n != previous.get(id_), not hashed(n), n))
        owners[id_] = ranked[0]
        clashes.extend((id_, ranked[0], other) for other in ranked[1:])
    return owners, clashes
