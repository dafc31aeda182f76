"""MkDocs hook: page furniture that is the same on every page of a folder is rendered once (a speed-up only).

The nav, the footer, the stylesheet and script tags and the palette toggle do not depend on the page but on its
folder (their links are relative to it) and on a few things the templates name: whether the page is in the nav,
its previous and next pages. Rendering them again on each of 14,000 pages was a sixth of the templates' time. The
templates ask `arshif_once(render, *key)`: the markup of `render()` kept for the page's folder and `key`. An
engine that runs no hook has no `arshif_once`, and the templates render each part as they did (the same bytes:
tests/unit/test_furniture.py builds the seeds with and without this hook).
"""
from __future__ import annotations

import posixpath

from jinja2 import pass_context
from markupsafe import Markup


class _Once:
    def __init__(self) -> None:
        self._kept: dict[tuple, Markup] = {}

    @pass_context
    def __call__(self, context, render, *key) -> Markup:
        page = context.get("page")
        url = getattr(page, "url", None)
        full = (posixpath.dirname(url) if isinstance(url, str) else None, context.get("base_url"), *key)
        kept = self._kept.get(full)
        if kept is None:
            kept = self._kept[full] = Markup(render())
        return kept


def on_env(env, config, files):
    env.globals["arshif_once"] = _Once()  # a new one for each build: nothing is kept from the last
    return env
