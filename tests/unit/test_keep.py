"""build.keep: a memo store is written again only when enough of a run's pieces are missing from it or enough of
its pieces are unused; the build's output is the same either way (each missing piece is made again)."""
from __future__ import annotations

import json

from arshif.build import front_matter
from arshif.build.keep import MISSING, worth_writing
from arshif.models import Page


def test_a_few_new_pieces_do_not_rewrite_a_large_store():
    stored = {f"k{n}" for n in range(10_000)}
    edited = (stored - {"k1", "k2"}) | {"n1", "n2"}
    assert not worth_writing(stored, edited)
    assert worth_writing(set(), {"a"})  # nothing stored yet
    assert worth_writing(stored, {f"n{n}" for n in range(300)} | set(list(stored)[:9_700]))  # many new ones
    assert worth_writing(stored, set(list(stored)[:5_000]))  # half of it unused
    small = {f"k{n}" for n in range(10)}
    assert not worth_writing(small, small) and worth_writing(small, {f"x{n}" for n in range(MISSING + 1)})


def _page(n: int, title: str) -> Page:
    data = {"id": f"a{n}", "title": title, "generator": "arshif"}
    text = f"---\nid: a{n}\ntitle: {title}\ngenerator: arshif\n---\n\nنص\n"
    return Page(f"articles/a{n}.md", text.encode("utf-8"), json.dumps(data, ensure_ascii=False))


def test_the_front_matter_cache_is_rewritten_only_when_worth_it(tmp_path):
    pages = [_page(n, f"عنوان {n}") for n in range(200)]
    front_matter.write_cache(tmp_path, pages)
    first = (tmp_path / front_matter.FILE).read_bytes()
    assert len(json.loads(first)["pages"]) == 200
    pages[7] = _page(7, "عنوان مصحح")
    front_matter.write_cache(tmp_path, pages)
    assert (tmp_path / front_matter.FILE).read_bytes() == first  # one page new: it is parsed by the hook instead
    pages = [_page(n, f"عنوان آخر {n}") for n in range(200)]
    front_matter.write_cache(tmp_path, pages)
    again = json.loads((tmp_path / front_matter.FILE).read_bytes())["pages"]
    assert again == front_matter.entries(pages)
    assert sorted(json.loads((tmp_path / front_matter.KEYS).read_text(encoding="utf-8"))) == sorted(again)
