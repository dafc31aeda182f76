"""hooks/compact.py: pages lose the theme's indentation and blank lines and nothing a reader sees."""
from __future__ import annotations

import html.parser
import re

import pytest
from hypothesis import given, settings, strategies as st

from sitebuild import load_hook, site_without_hook

_HTML_SPACE = re.compile(r"[ \t\n\f\r]+")  # what HTML collapses; a no-break space is text


@pytest.fixture(scope="module")
def hook():
    return load_hook("compact")


class _Reading(html.parser.HTMLParser):
    """What a browser makes of a page outside preformatted text: its tags and attributes in order, and its text
    with every run of whitespace read as one space."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))
        self.text.append(" ")

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, ()))
        self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)


def _read(page: str):
    r = _Reading()
    r.feed(page)
    r.close()
    return r.tags, _HTML_SPACE.sub(" ", "".join(r.text)).strip(" ")


def test_the_site_reads_as_it_does_without_the_hook_and_is_smaller(tmp_path, built_site):
    """The seeds' site, built by MkDocs once more without the hook: every page reads the same as the compacted one."""
    plain = site_without_hook(built_site, "compact", tmp_path)
    pages = sorted(p.relative_to(built_site.site) for p in built_site.site.rglob("*.html"))
    assert len(pages) > 20
    saved = 0
    for rel in pages:
        compacted = (built_site.site / rel).read_text(encoding="utf-8")
        whole = (plain / rel).read_text(encoding="utf-8")
        assert _read(compacted) == _read(whole), rel  # same tags, attributes and text
        saved += len(whole.encode()) - len(compacted.encode())
    assert saved > 1000 * len(pages)  # over a kilobyte a page


def test_preformatted_text_is_left_alone(hook):
    for page in ("<p>x</p>\n    <pre>a\n    b</pre>", "<div>\n  <textarea>\n  x</textarea></div>", "<p>\n  <code>a\n  b</code></p>"):
        assert hook.compact(page) == page


def test_indentation_and_blank_lines_go(hook):
    assert hook.compact("<ul>\n    <li>a</li>\n   \n\n\t<li>b</li>\n</ul>\n") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    assert hook.compact("<p>كلمة\n      أخرى</p>") == "<p>كلمة\nأخرى</p>"  # words stay apart
    # a no-break space (or any other Unicode space) that begins a line is text, and stays
    assert hook.compact("<p>أ\n\u00a0\u2003ب</p>\n  <p>ج</p>") == "<p>أ\n\u00a0\u2003ب</p>\n<p>ج</p>"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<span>", "</span>", "a", "ب", " ", "\n", "\t", "  ", "\n   \n", "\u00a0", "\u2003"]), max_size=40))
def test_any_markup_reads_the_same(hook, parts):
    page = "".join(parts)
    assert _read(hook.compact(page)) == _read(page)
