"""A site built from every bad and odd input: good files become pages, bad files a clear report, nothing is lost.

Uses the session fixture `fixture_site` (conftest.py): `arshif build` of robust_corpus.fixture_set().
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import yaml

from arshif.ids import article_id
from arshif.ingest.read import decode, normalise_text
from robust_corpus import (REPO, BAD, CHROMIUM, GOOD, MARKUP_LINES, ODD_NAMES, XSS_TITLE, arshif,
                           article, make_project, tree_bytes, tree_hashes)

ENCODINGS = {"copy-of-utf8.txt": "utf-8", "utf8-bom.txt": "utf-8-sig", "utf16le-bom.txt": "utf-16", "utf16be-bom.txt": "utf-16",
             "cp1256.txt": "cp1256", "crlf.txt": "utf-8", "cr.txt": "utf-8", "controls.txt": "utf-8"}
# Mojibake of Arabic in a Western code page, replacement and control characters: none may reach a page.
_GARBAGE = re.compile("\ufffd|[\x00-\x08\x0b-\x1f\x7f]|[ØÙ][\u0080-\u00bf\u2018-\u201e\u2020-\u2022\u2026]")


class _StrictLoader(yaml.SafeLoader):
    pass


def _no_duplicates(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    assert len(keys) == len(set(keys)), f"duplicate keys in front-matter: {keys}"
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.load(text[4:].split("\n---\n", 1)[0], Loader=_StrictLoader)


def expected_id(name: str) -> str:
    return article_id(name)


def test_the_build_goes_on_past_bad_files(fixture_site):
    assert fixture_site.returncode == 0, fixture_site.stderr[-3000:]
    summary = fixture_site.stderr
    assert re.search(r"built \d+ article\(s\), \d+ warning\(s\), 5 error\(s\)", summary), summary[:500]
    for name, code in BAD.items():
        assert re.search(rf"error: \S*{re.escape(name)}: \[\w+/{code}\] \S", summary), (name, code)


def test_the_report_page_names_every_bad_file_and_warning(fixture_site):
    report = (fixture_site.site / "report.html").read_text(encoding="utf-8")
    for name, code in BAD.items():
        assert name in report and code in report
    assert "near-duplicate" in report and "near-dup-of-utf8-chrome.txt" in report
    assert "duplicate" in report and "same bytes as copy-of-utf8.txt" in report
    assert "control character" in report  # controls.txt: dropped, and said so


def test_every_good_file_has_a_page_with_its_encoding_and_original(fixture_site):
    built = {p.stem for p in (fixture_site.site / "articles").glob("*.html")}
    for name in GOOD:
        aid = expected_id(name)
        assert aid in built, name
        meta = front_matter(fixture_site.docs / "articles" / f"{aid}.md")
        assert meta["source_file"] == name and meta["generator"] == "arshif" and meta["id"] == aid
        if name in ENCODINGS:
            assert meta["encoding"] == ENCODINGS[name], name
        original = fixture_site.site / "originals" / f"{aid}.txt"
        decoded = normalise_text(decode(fixture_site.files[name])[0])
        assert original.read_bytes().decode("utf-8-sig") == decoded, name
    for seed in (REPO / "source_articles").glob("*.txt"):  # the project's own articles are built alongside
        assert expected_id(seed.name) in built, seed.name
    # the exact duplicate has no page of its own; bad files have none either
    assert expected_id("utf8.txt") not in built
    for name in BAD:
        assert expected_id(name) not in built


def test_the_same_text_in_every_encoding_gives_the_same_body(tmp_path):
    """An article saved as UTF-16, cp1256, CRLF... gives exactly the page it gives as UTF-8 (apart from its id)."""
    from arshif.build.pipeline import process_file

    text = article(77)
    bodies = set()
    for n, data in enumerate([text.encode("utf-8"), text.encode("utf-16"), text.encode("utf-16-be"), text.encode("cp1256"),
                              text.replace("\n", "\r\n").encode("utf-8"), text.replace("\n", "\r").encode("cp1256")]):
        path = tmp_path / f"{n}.txt"
        path.write_bytes(data)
        raw, art, issue = process_file(path)
        assert issue is None
        bodies.add((art.title.value, art.body, art.date.value))
    assert len(bodies) == 1


def test_no_generated_file_holds_garbage(fixture_site):
    for folder in (fixture_site.docs / "articles", fixture_site.docs / "originals", fixture_site.site / "articles"):
        for path in folder.iterdir():
            text = path.read_bytes().decode("utf-8")
            m = _GARBAGE.search(text)
            assert m is None, f"{path.name}: {m.group(0)!r} at {m.start()}"
    for path in fixture_site.docs.glob("*.md"):
        front_matter(path)  # every generated front-matter parses strictly


def test_sources_are_never_modified(fixture_site):
    assert tree_hashes(fixture_site.root / "source_articles") == fixture_site.source_hashes_before
    assert sorted(p.name for p in (fixture_site.root / "source_articles").iterdir()) == sorted(fixture_site.files)


def test_odd_file_names_survive_to_the_url_and_the_original(fixture_site):
    index = (fixture_site.site / "index.html").read_text(encoding="utf-8")
    for name in ODD_NAMES:
        aid = expected_id(name)
        assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", aid), aid
        assert f'href="articles/{aid}.html"' in index, name
        page_path = fixture_site.site / "articles" / f"{aid}.html"
        html = page_path.read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]*originals/[^"]*)"', html)
        assert links, name
        for link in links:
            target = Path(unquote(urljoin(page_path.as_uri(), link)).removeprefix("file://"))
            assert target.is_file(), (name, link)
        import html as html_mod
        # Shown as text (the templates escape with | e, which writes ' and " as references too).
        assert html_mod.escape(name, quote=False) in html or html_mod.escape(name) in html \
            or html_mod.escape(name).replace("&#x27;", "&#39;").replace("&quot;", "&#34;") in html, name


def test_strict_turns_warnings_into_a_failing_status(tmp_path):
    files = {"a.txt": article(1).encode("utf-8"), "b.txt": article(1).encode("utf-8")}  # a duplicate: a warning
    root = make_project(tmp_path / "p", files)
    plain = arshif(root, "preprocess")
    assert plain.returncode == 0 and "warning: " in plain.stderr and "duplicate" in plain.stderr
    strict = arshif(root, "preprocess", "--strict")
    assert strict.returncode == 1, strict.stderr
    clean = make_project(tmp_path / "q", {"a.txt": article(1).encode("utf-8")})
    assert arshif(clean, "preprocess", "--strict").returncode == 0


@pytest.mark.slow
def test_strict_build_fails_after_building_everything(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": article(1).encode("utf-8"), "bad.txt": b""})
    result = arshif(root, "build", "--strict")
    assert result.returncode == 1, result.stderr[-2000:]
    assert (root / "site" / "articles" / "a.html").is_file()  # the run finished before failing
    assert "bad.txt" in (root / "site" / "report.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_two_builds_give_identical_bytes(fixture_site, tmp_path):
    """A second build of the same sources (a fresh copy, elsewhere) gives the same bytes for every file of site/."""
    first = tree_bytes(fixture_site.site)
    root = make_project(tmp_path / "elsewhere" / "copy", fixture_site.files)
    result = arshif(root, "build")
    assert result.returncode == 0, result.stderr[-2000:]
    second = tree_bytes(root / "site")
    assert sorted(first) == sorted(second)
    differ = [k for k in first if first[k] != second[k]]
    assert not differ, differ[:10]
    # and a rebuild in place changes nothing
    again = arshif(root, "build")
    assert again.returncode == 0 and "0 written" in again.stderr
    assert tree_bytes(root / "site") == second


# ---------------------------------------------------------------- Chromium

# `browser` is the session fixture of tests/sitebuild.py: one Playwright per run (two sync instances clash).


_INSPECT = r"""() => {
  // Executable scripts only: a JSON-LD data block is not run (its text is checked to be escaped below).
  const runnable = s => !s.type || /^(text|application)\/(javascript|ecmascript)$|^module$/i.test(s.type);
  const scripts = [...document.querySelectorAll('script')].filter(runnable).map(s => (s.src || '') + ' ' + s.textContent);
  const data = [...document.querySelectorAll('script')].filter(s => !runnable(s)).map(s => s.textContent);
  const links = [...document.querySelectorAll('[href],[src],[action],[formaction]')]
      .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('formaction'));
  const handlers = [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name));
  return {scripts, data, links, handlers, title: document.title, text: document.body.innerText,
          imgs: document.querySelectorAll('img[src="x"]').length, iframes: document.querySelectorAll('iframe').length,
          svgs: [...document.querySelectorAll('svg')].filter(s => s.hasAttribute('onload')).length,
          window_flag: window.__pwned === true};
}"""


@pytest.mark.browser
def test_payloads_are_inert_and_visible_in_chromium(fixture_site, browser):
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    markup_id = expected_id("markup.txt")
    pages = ["index.html", "report.html", f"articles/{markup_id}.html"] + [f"articles/{expected_id(n)}.html" for n in ODD_NAMES]
    for rel in pages:
        page.goto((fixture_site.site / rel).as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # onerror handlers of a broken <img> would have fired by now
        seen = page.evaluate(_INSPECT)
        assert not [s for s in seen["scripts"] if "alert" in s], rel
        assert not [d for d in seen["data"] if "<" in d], rel  # data blocks hold no raw '<' (no '</script>')
        assert not [h for h in seen["links"] if h and h.strip().lower().startswith(("javascript:", "vbscript:", "data:text"))], rel
        assert not seen["handlers"], (rel, seen["handlers"][:5])
        assert seen["imgs"] == 0 and seen["iframes"] == 0 and seen["svgs"] == 0, rel
        if rel.endswith(f"{markup_id}.html"):
            assert XSS_TITLE in seen["title"], seen["title"]
            text = " ".join(seen["text"].split())
            for line in MARKUP_LINES:
                if line == "---":
                    continue  # a separator line: the cleaner records it as chrome (punctuation-only)
                assert " ".join(line.split()) in text, line
            assert XSS_TITLE in text
    page.close()
    assert dialogs == []


@pytest.mark.browser
def test_the_header_and_tab_title_are_text(fixture_site, browser):
    page = browser.new_page()
    page.goto((fixture_site.site / "articles" / f"{expected_id('markup.txt')}.html").as_uri())
    header = page.evaluate("() => [...document.querySelectorAll('.md-header__topic')].map(e => e.textContent).join(' ')")
    head_children = page.evaluate("() => [...document.head.children].map(e => e.tagName).filter(t => t === 'IMG' || t === 'BODY')")
    title = page.title()
    page.close()
    assert XSS_TITLE in " ".join(header.split())
    assert title.startswith(XSS_TITLE)
    assert head_children == []


def test_no_staging_folders_are_left_behind(fixture_site):
    # The one folder kept beside the site is the copy the next incremental build starts from.
    assert not [p.name for p in fixture_site.root.iterdir()
                if p.name.startswith((".site", "site.arshif")) and p.name != ".site.arshif-base"]


def test_generated_pages_carry_the_marker_and_hand_written_ones_are_untouched(fixture_site):
    import json

    manifest = json.loads((fixture_site.docs / ".arshif" / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert manifest
    for path in manifest:
        if path.endswith(".md"):
            assert front_matter(fixture_site.docs / path).get("generator") == "arshif", path
    for hand in (REPO / "docs").rglob("*"):
        rel = hand.relative_to(REPO / "docs").as_posix()
        if hand.is_file() and rel not in manifest and not rel.startswith(".arshif"):
            assert (fixture_site.docs / rel).read_bytes() == hand.read_bytes(), rel
