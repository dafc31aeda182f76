"""The front-matter data preprocess keeps (build/front_matter.py) and the hook that serves it (hooks/front_matter.py):
the data a page gets are the data MkDocs' own reader gives, and an edited page is read from its text."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from mkdocs.utils import meta as mkdocs_meta

from arshif.build import front_matter
from arshif.site import report
from arshif.site.listing_common import listing_page
from arshif.site.render import render_article
from arshif.site.search_index import render_search_page

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
    # The listing, report and search pages keep their data too: a dirty build need not parse 4,000 of them.
    for text in ODD:
        yield listing_page("entities/x.md", text, ["<p>x</p>"], total=text)
        yield report._page("report/x.md", text, ["<p>x</p>"])
    yield render_search_page()


@pytest.fixture()
def hook():
    spec = importlib.util.spec_from_file_location("arshif_test_front_matter_hook", REPO / "hooks" / "front_matter.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    mkdocs_meta.get_data = module._parse  # MkDocs' own reader back for the other tests


class _Files:
    """What the hook reads of MkDocs' Files."""

    def __init__(self, pages=()):
        self.pages = list(pages)

    def documentation_pages(self):
        return self.pages


def _configure(hook, tmp_path, files=()):
    """MkDocs' calls to the hook before pages are read: on_config, then on_files."""
    config = {"docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")}
    hook.on_config(config)
    hook.on_files(_Files(files), config)


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
    _configure(hook, tmp_path)
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
    _configure(hook, tmp_path)
    assert not hook._known
    (tmp_path / ".arshif-cache").mkdir()
    (tmp_path / ".arshif-cache" / "front-matter.json").write_text(json.dumps({"format": 99, "pages": {"k": {}}}))
    _configure(hook, tmp_path)
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


class _File:
    """What on_env reads of an MkDocs File and its Page."""

    def __init__(self, path, modified=False):
        self.abs_src_path = str(path)
        self.src_uri = Path(path).name  # the tests' docs/ is flat
        self.page = type("P", (), {"meta": {}})()
        self._modified = modified

    def is_modified(self):
        return self._modified


def _dirty_build(tmp_path, hook, pages, rendered):
    """A dirty build whose Files count `rendered` pages as modified (as hooks/incremental.py marks them)."""
    front_matter.write_cache(tmp_path / ".arshif-cache", pages)
    (tmp_path / "docs").mkdir(exist_ok=True)
    hook.on_startup("build", True)
    _configure(hook, tmp_path, [_File(tmp_path / "docs" / f"{n}.md", modified=n < rendered) for n in range(rendered + 5)])


def test_a_dirty_build_gives_unrendered_pages_what_the_sitemap_reads(tmp_path, hook):
    pages = list(_pages())
    _dirty_build(tmp_path, hook, pages, rendered=3)
    assert not hook._known and len(hook._brief) == len(pages)  # the big file left unread for three pages
    files = []
    for n, page in enumerate(pages):
        path = tmp_path / "docs" / f"{n}.md"
        path.write_bytes(page.content)
        files.append(_File(path, modified=n == 0))
    edited = tmp_path / "docs" / "edited.md"
    edited.write_bytes(pages[1].content.replace(b"title: ", "title: محرر ".encode(), 1))
    bom = tmp_path / "docs" / "bom.md"
    bom.write_bytes(b"\xef\xbb\xbf" + pages[2].content)
    files += [_File(edited), _File(bom)]
    hook.on_env(None, {}, _Files(files))
    for page, file in zip(pages[1:], files[1:len(pages)]):
        full = hook._parse(page.content.decode("utf-8"))[1]
        # an article's sitemap keys; a listing's data whole
        expected = {"source_file": full["source_file"], "date": full["date"]} if "source_file" in full else full
        assert file.page.meta == expected
    assert files[0].page.meta == {}  # rendered: MkDocs reads it whole
    assert files[-2].page.meta == {} and files[-1].page.meta == {}  # read from their files by hooks/incremental.py


def test_a_dirty_build_of_many_pages_reads_the_kept_data(tmp_path, hook):
    pages = list(_pages())
    _dirty_build(tmp_path, hook, pages, rendered=hook.FEW)
    assert len(hook._known) == len(pages)
    hook.on_startup("build", False)
    _configure(hook, tmp_path)
    assert len(hook._known) == len(pages) and not hook._brief  # a full build: no brief needed


def test_the_brief_keeps_an_article_s_sitemap_keys_and_other_data_whole():
    assert front_matter.brief({"title": "x", "source_file": "a.txt", "date": "2015-07-21", "related": [1]}) == \
        {"source_file": "a.txt", "date": "2015-07-21"}
    assert front_matter.brief({"title": "x", "source_file": "a.txt"}) == {"source_file": "a.txt"}
    listing = {"title": "الأحداث", "hide": ["toc"], "arshif_html": True}
    assert front_matter.brief(listing) == listing


@given(st.lists(st.sampled_from(["---", "...", "-", ".", " ", "\t", "\n", "\r", "a", "ب", "----", "\n---\n", "\n...  \n"]),
                max_size=30))
def test_the_front_matter_found_with_find_is_what_the_regex_finds(parts):
    content = "".join(parts).encode("utf-8")
    for text in (content, b"---\n" + content, b"--- \t\n" + content + b"\n---\n"):
        match = front_matter._FRONT_BYTES.match(text)
        assert front_matter.front_bytes(text) == (match.group(1) if match else None)


def test_a_dirty_build_finds_a_page_s_key_from_its_stat_and_reads_a_page_edited_since(tmp_path, hook, monkeypatch):
    """front-matter-paths.json: the key of each page on disk as preprocess rendered it, with the file's stat. The hook
    reads no file whose stat is unchanged; a file rewritten since (another stat) is read, and a file that does not
    hold what preprocess rendered (an editor's, kept) is not listed."""
    from arshif.build.file_digests import FileDigests
    from arshif.models import Page

    pages = list(_pages())[:4]
    docs = tmp_path / "docs"
    docs.mkdir()
    named = [Page(f"{n}.md", page.content, page.data_json) for n, page in enumerate(pages)]
    for page in named[:3]:
        (docs / page.path).write_bytes(page.content)
    (docs / "3.md").write_bytes(pages[0].content)  # an editor's text, not what was rendered for 3.md
    digests = FileDigests(docs)
    for page in named:
        digests.digest(page.path)
    front_matter.write_cache(tmp_path / ".arshif-cache", named, digests.known)
    listed = json.loads((tmp_path / ".arshif-cache" / front_matter.PATHS).read_text(encoding="utf-8"))["pages"]
    assert sorted(listed) == ["0.md", "1.md", "2.md"]
    assert all(listed[p.path][0] == front_matter.page_key(p.content) for p in named[:3])

    edited = pages[1].content.replace(b"title: ", "title: محرر ".encode(), 1)
    (docs / "2.md").write_bytes(edited)  # after preprocess: a new stat
    hook.on_startup("build", True)
    _configure(hook, tmp_path, [_File(docs / "x.md", modified=True)])
    read = []
    monkeypatch.setattr(hook, "_front_matter_key", lambda path: read.append(Path(path).name) or front_matter.page_key(Path(path).read_bytes()))
    files = [_File(docs / p.path) for p in named]
    hook.on_env(None, {}, _Files(files))
    assert sorted(read) == ["2.md", "3.md"]
    assert files[0].page.meta == front_matter.brief(json.loads(pages[0].data_json))
    assert files[1].page.meta == front_matter.brief(json.loads(pages[1].data_json))
    assert files[2].page.meta == {}  # edited: no kept data for its text; read from its file by hooks/incremental.py
    assert files[3].page.meta == front_matter.brief(json.loads(pages[0].data_json))  # its text is page 0's


def test_a_page_whose_file_is_unchanged_since_the_last_run_keeps_its_key_from_paths(tmp_path, monkeypatch):
    """write_cache takes a page's key from the last run's PATHS while its file's stat is the one PATHS holds and the
    file holds the page's bytes; any other page's front-matter is cut out and hashed again. Same files either way."""
    from arshif.build.file_digests import FileDigests
    from arshif.models import Page

    pages = list(_pages())[:3]
    docs = tmp_path / "docs"
    docs.mkdir()
    named = [Page(f"{n}.md", page.content, page.data_json) for n, page in enumerate(pages)]
    for page in named:
        (docs / page.path).write_bytes(page.content)
    cache = tmp_path / ".arshif-cache"

    def run() -> tuple[list, dict]:
        digests = FileDigests(docs)
        for page in named:
            digests.digest(page.path)
        asked = []
        real = front_matter.page_key
        monkeypatch.setattr(front_matter, "page_key", lambda content: asked.append(content) or real(content))
        front_matter.write_cache(cache, named, digests.known)
        monkeypatch.setattr(front_matter, "page_key", real)
        return asked, {f.name: f.read_bytes() for f in sorted(cache.iterdir())}

    first_asked, first = run()
    assert len(first_asked) == 3
    again_asked, again = run()
    assert again_asked == [] and again == first
    (docs / "1.md").write_bytes(named[1].content)  # the same bytes written again: another stat
    asked, after = run()
    assert asked == [named[1].content]
    others = [{k: v for k, v in files.items() if k != front_matter.PATHS} for files in (first, after)]
    assert others[0] == others[1]  # PATHS holds the new stat
    listed = json.loads(after[front_matter.PATHS])["pages"]
    keys = {p.path: front_matter.page_key(p.content) for p in named}
    assert {path: entry[0] for path, entry in listed.items()} == keys
