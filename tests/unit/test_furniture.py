"""hooks/furniture.py: furniture rendered once a folder gives the same bytes as rendering it on every page."""
from __future__ import annotations

import jinja2

from sitebuild import load_hook, site_without_hook


def test_the_site_is_the_same_bytes_without_the_hook(tmp_path, built_site):
    """The seeds' site built by MkDocs once more without the hook (as an engine that runs no hook renders it):
    every file is the same, the nav pages (their own active item) and the pages in folders included."""
    plain = site_without_hook(built_site, "furniture", tmp_path)
    ours = sorted(p.relative_to(built_site.site) for p in built_site.site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file())
    assert ours == theirs
    folders = {rel.parent for rel in ours if rel.suffix == ".html"}
    assert len(folders) >= 4 and len(ours) > 50
    for rel in ours:
        assert (built_site.site / rel).read_bytes() == (plain / rel).read_bytes(), rel


class _Page:
    def __init__(self, url):
        self.url = url


def test_a_part_is_rendered_once_a_folder_and_key():
    env = load_hook("furniture").on_env(jinja2.Environment(), {}, None)
    calls = []
    env.globals["count"] = lambda: calls.append(1) or ""
    template = '{% macro part() %}{{ count() }}{{ base_url }}/{{ page.url }}{% endmacro %}{{ arshif_once(part, "x", flag) }}'
    pages = [(_Page("articles/a.html"), ".."), (_Page("articles/b.html"), ".."), (_Page("events/e.html"), ".."),
             (_Page("index.html"), "."), (_Page("404.html"), "/arshif")]
    out = [env.from_string(template).render(page=p, base_url=b, flag=False) for p, b in pages]
    # The first page of a folder sets the markup of the folder (a part must not depend on anything else).
    assert out == ["../articles/a.html", "../articles/a.html", "../events/e.html", "./index.html", "/arshif/404.html"]
    assert len(calls) == 4
    assert env.from_string(template).render(page=pages[0][0], base_url="..", flag=True) == "../articles/a.html"
    assert len(calls) == 5  # another key: rendered again
    fresh = load_hook("furniture").on_env(jinja2.Environment(), {}, None)  # a new build keeps nothing of the last
    fresh.globals["count"] = env.globals["count"]
    fresh.from_string(template).render(page=pages[1][0], base_url="..", flag=False)
    assert len(calls) == 6
