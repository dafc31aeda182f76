"""conflicts: pages an editor changed by hand whose source has changed since, found before anything is written.

The writer keeps a hand-edited page (write.py). When arshif would now write something else there (the source,
an override or the rules changed after the edit), keeping the edit hides the new version: that is a conflict,
reported with what differs (front-matter fields, the text) on the report page and in the summary, not only
as the writer's generic "changed by hand" note after the report page is already written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..models import Issue, Page
from ..site.catalog import CatalogError, split_front_matter
from .write import _load_pending, _ours, load_manifest, page_digest, sha256

CODE = "hand-edit-conflict"


def _differences(edited: bytes, new: bytes) -> list[str]:
    try:
        old_meta, old_body = split_front_matter(edited.decode("utf-8"))
        new_meta, new_body = split_front_matter(new.decode("utf-8"))
    except (UnicodeDecodeError, CatalogError):
        return ["the whole page"]
    fields = sorted(k for k in set(old_meta) | set(new_meta) if old_meta.get(k) != new_meta.get(k))
    return fields + (["the text"] if old_body.strip() != new_body.strip() else [])


def hand_edit_conflicts(docs_dir: Path, pages: Iterable[Page]) -> list[Issue]:
    """An issue for each page that was edited by hand and that arshif would now write differently.

    Only pages whose new content differs from what arshif last wrote are read: an unchanged run costs nothing.
    """
    docs_dir = Path(docs_dir)
    manifest = load_manifest(docs_dir)
    pending = _load_pending(docs_dir)
    issues = []
    for page in pages:
        last = manifest.get(page.path)
        if last is None or last == page_digest(page):
            continue  # new to arshif (the writer reports a clash), or the same page as last time: no new version
        target = docs_dir / page.path
        if target.is_symlink() or not target.is_file():
            continue
        current = target.read_bytes()
        if current == page.content or _ours(manifest, pending, page.path, sha256(current)):
            continue
        what = ", ".join(_differences(current, page.content))
        issues.append(Issue(page.path, "write", CODE,
                            f"edited by hand, and its source (or override, or rules) changed since: arshif would now "
                            f"write a different {what}; the hand-edited page is kept as it is (delete it to take the new "
                            "version, or put the correction in an override)", "warning"))
    return issues
