"""The front-matter data preprocess keeps (build/front_matter.py) and the hook that serves it (hooks/front_matter.py):
the data a page gets are the data MkDocs' own reader gives, and an edited page is read from its text."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from mkdocs.utils import meta as mkdocs_meta

from arshif.build import front_matter
from arshif.site.render import render_article

REPO = Path(__file__).resolve().parents[2]
ODD = ["---", "...", "yes", "null", "0123", "1e3", "- a", ": x", "#x", "'", '"', "a: b", "  مسافة", "٠١٢٣", "2015-07-21",
       "</title><script>alert(1)</script>", "{{ config }}", "\\", "off", "~", "*x", "&a", "!tag", "%x", "@x", "`x`"]


def _pages():
    from test_article_markdown import _article  # the same Article shape as the Markdown tests

    for n, text in enumerate(ODD):
        links = {"outlet": text, "related": [{"id": f"{n:06d}", "title": text, "reason": text}],
                 "entities": [{"id": "x", "name": text, "type": "place", "page": n % 2 == 0}],
                 "previous": {"id": "000001", "title": text}, "event": {"id": "ev", "name": text, "count": text, "page": True}}
        yield render_article(_article(text, (text, "فقرة ثانية.")), links)


@pytest.fixture()
def hook():
    spec = importlib.util.spec_from_file_location("arshif_test_front_matter_hook", REPO / "hooks" / "front_matter.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    mkdocs_meta.get_data = module._parse  # MkDocs' own reader back for the other tests


def test_the_pattern_is_mkdocs_own():
    assert (front_matter.FRONT.pattern, front_matter.FRONT.flags) == (mkdocs_meta.YAML_RE.pattern, mkdocs_meta.YAML_RE.flags)


def test_kept_data_are_what_mkdocs_reads_from_the_page():
    pages = list(_pages())
    kept = front_matter.entries(pages)
    assert len(kept) == len(pages)
    for page in pages:
        text = page.content.decode("utf-8")
        body, data = mkdocs_meta.get_data(text)
        assert data and data == kept[front_matter.key(front_matter.FRONT.match(text).group(1))]


def test_the_hook_serves_kept_data_once_and_reads_an_edited_page(tmp_path, hook):
    pages = list(_pages())
    front_matter.write_cache(tmp_path / ".arshif-cache", pages)
    (tmp_path / "docs").mkdir()
    hook.on_config({"docs_dir": str(tmp_path / "docs")})
    assert len(hook._known) == len(pages)
    text = pages[0].content.decode("utf-8")
    expected = hook._parse(text)
    assert mkdocs_meta.get_data is hook.get_data  # MkDocs' pages call it through the module
    assert mkdocs_meta.get_data(text) == expected and len(hook._known) == len(pages) - 1  # served, let go
    assert mkdocs_meta.get_data(text) == expected  # again: parsed, same data
    edited = text.replace("title: ", "title: محرر ", 1)
    body, data = mkdocs_meta.get_data(edited)
    assert data["title"].startswith("محرر ") and body == expected[0]


def test_no_cache_file_or_another_format_parses_every_page(tmp_path, hook):
    (tmp_path / "docs").mkdir()
    hook.on_config({"docs_dir": str(tmp_path / "docs")})
    assert not hook._known
    (tmp_path / ".arshif-cache").mkdir()
    (tmp_path / ".arshif-cache" / "front-matter.json").write_text(json.dumps({"format": 99, "pages": {"k": {}}}))
    hook.on_config({"docs_dir": str(tmp_path / "docs")})
    assert not hook._known
    text = next(_pages()).content.decode("utf-8")
    assert mkdocs_meta.get_data(text) == hook._parse(text)


def test_data_json_cannot_hold_are_left_out():
    import datetime as dt

    from arshif.models import Page
    from arshif.site.render import data_json

    assert data_json({"date": dt.date(2015, 7, 21)}) is None
    page = Page("a.md", b"---\ndate: 2015-07-21\n---\n\nx\n", data_json({"date": dt.date(2015, 7, 21)}))
    assert front_matter.entries([page]) == {}
