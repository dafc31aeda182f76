"""Permalinks: an article's URL depends on its file name only; old URLs redirect; sitemap dates come from the data.

The pipeline tests run `preprocess` on copies of the seeds in a temporary folder; the site tests build a
temporary copy of the project (never the real docs/ or site/).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import examples

from arshif.site.catalog import split_front_matter
from arshif.ids import article_id
from arshif.ingest.overrides import load_overrides
from arshif.site.permalinks import (AliasError, SitemapEntry, alias_id, article_path, gzip_fixed, redirect_page,
                               relative, sitemap_xml)
from arshif.build.pipeline import preprocess

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "source_articles"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# ---------------------------------------------------------------- ids and aliases


@pytest.mark.parametrize("name, expected", [
    ("000_e0a6176e52ffac07.txt", "000_e0a6176e52ffac07"),
    ("x.txt", "x"),
])
def test_safe_names_keep_their_stem(name, expected):
    assert article_id(name) == expected


def test_an_upper_case_extension_cannot_take_an_existing_address():
    # "x.TXT" sorts before "x.txt": if both were "x", adding it would steal x.txt's page.
    assert article_id("x.TXT") != article_id("x.txt") == "x"


_NAME = st.text(alphabet=st.sampled_from("abcXYZ019_- .'مقالةعربية"), min_size=1, max_size=12).map(lambda s: s + ".txt")


@settings(max_examples=examples(300), deadline=None)
@given(st.sets(_NAME, min_size=1, max_size=25))
def test_ids_are_distinct_url_safe_and_independent_of_the_other_names(names):
    ids = {name: article_id(name) for name in names}
    assert len(set(ids.values())) == len(names)  # no two files share an address
    for name, id_ in ids.items():
        assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", id_), id_
        assert article_id(name) == id_


@pytest.mark.parametrize("value, expected", [
    ("old-id", "old-id"),
    ("articles/old-id.html", "old-id"),
    ("../articles/old-id/", "old-id"),
    ("old_name.txt", "old_name"),
    ("مقالة قديمة.txt", article_id("مقالة قديمة.txt")),
])
def test_alias_forms(value, expected):
    assert alias_id(value) == expected


@pytest.mark.parametrize("value", ["", "Old Id", "<script>", "articles/.."])
def test_bad_aliases_are_refused(value):
    with pytest.raises(AliasError):
        alias_id(value)


def test_redirect_page_points_to_the_new_page_and_escapes_the_title():
    page = redirect_page("new.html", "https://arshif.news.sa/arshif/articles/new.html", '"><script>x</script>')
    assert '<meta http-equiv="refresh" content="0; url=new.html">' in page
    assert '<link rel="canonical" href="https://arshif.news.sa/arshif/articles/new.html">' in page
    assert '<a href="new.html">' in page and "<script>" not in page


def test_relative_links():
    assert relative("articles/x.html", "feed.xml") == "../feed.xml"
    assert relative("index.html", "feed.xml") == "feed.xml"
    assert article_path("x") == "articles/x.html"


def test_sitemap_is_sorted_dated_from_data_and_gzip_has_no_time():
    entries = [SitemapEntry("index.html", dt.date(2019, 1, 30)), SitemapEntry("articles/b.html"),
               SitemapEntry("articles/a.html", dt.date(2018, 2, 13))]
    data = sitemap_xml("https://arshif.news.sa/arshif", entries)
    assert data == sitemap_xml("https://arshif.news.sa/arshif/", list(reversed(entries)))
    root = ET.fromstring(data)
    locs = [u.find(SM + "loc").text for u in root]
    assert locs == ["https://arshif.news.sa/arshif/articles/a.html", "https://arshif.news.sa/arshif/articles/b.html",
                    "https://arshif.news.sa/arshif/index.html"]
    assert [getattr(u.find(SM + "lastmod"), "text", None) for u in root] == ["2018-02-13", None, "2019-01-30"]
    packed = gzip_fixed(data)
    assert packed[4:8] == b"\0\0\0\0" and gzip.decompress(packed) == data


def test_override_aliases_are_checked_and_normalised(tmp_path):
    (tmp_path / "new.txt").write_text("x", encoding="utf-8")
    (tmp_path / "new.meta.yaml").write_text("aliases: [old.txt, articles/older.html]\nredirect_from: oldest\n", encoding="utf-8")
    found, issues = load_overrides(tmp_path, ["new.txt"])
    assert not issues
    assert found["new.txt"]["aliases"] == ("old", "older") and found["new.txt"]["redirect_from"] == ("oldest",)
    (tmp_path / "new.meta.yaml").write_text("aliases: [\"Bad Alias\"]\n", encoding="utf-8")
    _, issues = load_overrides(tmp_path, ["new.txt"])
    assert [i.code for i in issues] == ["bad-override"]


# ---------------------------------------------------------------- stable URLs through the pipeline


def _urls(docs: Path) -> dict[str, str]:
    """source file -> article page path (as the site serves it), read from the generated pages."""
    out = {}
    for page in sorted((docs / "articles").glob("*.md")):
        meta, _ = split_front_matter(page.read_text(encoding="utf-8"))
        assert meta["id"] == page.stem
        out[meta["source_file"]] = article_path(page.stem)
    return out


def test_adding_removing_and_reextracting_others_moves_no_url(tmp_path):
    sources, docs = tmp_path / "source_articles", tmp_path / "docs"
    shutil.copytree(SEEDS, sources)
    preprocess(sources, docs)
    before = _urls(docs)
    assert len(before) == len(list(SEEDS.glob("*.txt")))
    seeds = sorted(before)

    # Add: files that sort before and after the others, an Arabic name, an upper-case extension that would
    # clash with an existing id, and a copy of an article under a new name.
    text0 = (sources / seeds[0]).read_text(encoding="utf-8")
    (sources / "0000_first.txt").write_text(text0.replace("الثلاثاء", "الأربعاء") + "\nفقرة إضافية جديدة.\n", encoding="utf-8")
    (sources / f"{Path(seeds[1]).stem}.TXT").write_text((sources / seeds[1]).read_text(encoding="utf-8") + "\nنسخة معدلة.\n", encoding="utf-8")
    (sources / "مقالة جديدة.txt").write_text(text0 + "\nوفقرة أخرى تميزها.\n", encoding="utf-8")
    (sources / "zzz_last.txt").write_text((sources / seeds[2]).read_text(encoding="utf-8") + "\nخاتمة.\n", encoding="utf-8")
    # Remove one, re-extract another (its text changes, so its fields may change).
    removed = seeds[3]
    (sources / removed).unlink()
    changed = seeds[4]
    (sources / changed).write_text((sources / changed).read_text(encoding="utf-8") + "\nتحديث: أضيفت فقرة.\n", encoding="utf-8")

    preprocess(sources, docs)
    after = _urls(docs)
    for source, url in before.items():
        if source == removed:
            assert source not in after
            continue
        assert after.get(source) == url, f"{source} moved from {url} to {after.get(source)}"
    assert len(after) == len(before) - 1 + 4
    assert len(set(after.values())) == len(after)

    # Put everything back: the same URLs as at the start.
    for extra in ("0000_first.txt", f"{Path(seeds[1]).stem}.TXT", "مقالة جديدة.txt", "zzz_last.txt"):
        (sources / extra).unlink()
    shutil.copy2(SEEDS / removed, sources / removed)
    shutil.copy2(SEEDS / changed, sources / changed)
    preprocess(sources, docs)
    assert _urls(docs) == before


# ---------------------------------------------------------------- the built site


def _sitemap(site: Path) -> dict[str, str | None]:
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    return {u.find(SM + "loc").text: getattr(u.find(SM + "lastmod"), "text", None) for u in root}


@pytest.mark.slow
def test_built_sitemap_lists_every_article_with_its_date(built_site):
    site, docs = built_site.site, built_site.docs
    sitemap = _sitemap(site)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    pages = sorted((docs / "articles").glob("*.md"))
    assert pages
    for page in pages:
        meta, _ = split_front_matter(page.read_text(encoding="utf-8"))
        loc = f"https://arshif.news.sa/arshif/articles/{page.stem}.html"
        assert loc in sitemap, loc
        assert sitemap[loc] == (str(meta["date"]) if meta.get("date") else None)
    assert "https://arshif.news.sa/arshif/index.html" in sitemap
    assert not any("1970" in (v or "") for v in sitemap.values())


@pytest.mark.slow
def test_renamed_article_redirects_and_two_builds_give_the_same_bytes(tmp_path):
    from sitebuild import build_project, copy_project

    root = copy_project(tmp_path / "p")
    sources = root / "source_articles"
    old_name = sorted(p.name for p in sources.glob("*.txt"))[1]
    old_id = article_id(old_name)
    (sources / old_name).rename(sources / "renamed-article.txt")
    (sources / "renamed-article.meta.yaml").write_text(yaml.safe_dump({"aliases": [old_name]}), encoding="utf-8")
    build_project(root)
    site = root / "site"
    redirect = (site / "articles" / f"{old_id}.html").read_text(encoding="utf-8")
    assert 'content="0; url=renamed-article.html"' in redirect
    assert 'href="https://arshif.news.sa/arshif/articles/renamed-article.html"' in redirect
    assert (site / "articles" / "renamed-article.html").is_file()
    assert f"https://arshif.news.sa/arshif/articles/{old_id}.html" not in _sitemap(site)
    front, _ = split_front_matter((root / "docs" / "articles" / "renamed-article.md").read_text(encoding="utf-8"))
    assert front["aliases"] == [old_id]

    # The same project built again elsewhere (another day, another folder): the same bytes.
    twin = copy_project(tmp_path / "q")
    shutil.rmtree(twin / "source_articles")
    shutil.copytree(sources, twin / "source_articles")
    build_project(twin)
    for name in ("sitemap.xml", "sitemap.xml.gz", "feed.xml", "atom.xml", "archive.json", "archive.csv",
                 "archive.schema.json", f"articles/{old_id}.html", "articles/renamed-article.bib",
                 "articles/renamed-article.csl.json", "articles/renamed-article.html"):
        assert (site / name).read_bytes() == (twin / "site" / name).read_bytes(), name


# ---------------------------------------------------------------- an address never moves to another source (issue 19)


def article(seed: int) -> str:
    words = "الحكومة الوزير أعلن المدينة الاتفاق المفاوضات اللجنة القانون المواطنين الشركات خلال بعد".split()
    body = " ".join(words[(seed * 7 + n) % len(words)] for n in range(60))
    return f"عنوان الخبر رقم {seed} عن {words[seed % len(words)]}\n\n13 فبراير 2018\n\n{body}.\n\n{body[::-1]}.\n"


def _crafted(name: str) -> str:
    """A plain ASCII file name whose id equals the hashed id of `name`."""
    return article_id(name) + ".txt"


def test_claim_ids_prefers_the_last_owner_then_the_hashed_name():
    from arshif.ids import claim_ids, hashed

    arabic = "خبر عاجل.txt"
    crafted = _crafted(arabic)
    assert crafted < arabic and hashed(arabic) and not hashed(crafted)
    owners, clashes = claim_ids([crafted, arabic], {})
    assert owners[article_id(arabic)] == arabic and clashes == [(article_id(arabic), arabic, crafted)]
    owners, _ = claim_ids([crafted, arabic], {article_id(arabic): crafted})  # it really held the address before
    assert owners[article_id(arabic)] == crafted


def test_a_crafted_name_does_not_take_an_arabic_articles_address(tmp_path):
    arabic = "خبر عاجل من القاهرة.txt"
    src = tmp_path / "source_articles"
    src.mkdir()
    (src / arabic).write_text(article(41), encoding="utf-8")
    docs = tmp_path / "docs"
    preprocess(src, docs, use_cache=False)
    page = docs / "articles" / f"{article_id(arabic)}.md"
    assert split_front_matter(page.read_text(encoding="utf-8"))[0]["source_file"] == arabic
    (src / _crafted(arabic)).write_text(article(42), encoding="utf-8")  # sorts first
    result = preprocess(src, docs, use_cache=False)
    assert split_front_matter(page.read_text(encoding="utf-8"))[0]["source_file"] == arabic
    clash = [i for i in result.issues if i.code == "id-clash"]
    assert len(clash) == 1 and clash[0].severity == "error"
    assert clash[0].file.endswith(_crafted(arabic)) and arabic in clash[0].message


def test_a_clash_between_two_new_files_keeps_the_hashed_name(tmp_path):
    arabic = "تقرير.txt"
    src = tmp_path / "source_articles"
    src.mkdir()
    (src / arabic).write_text(article(43), encoding="utf-8")
    (src / _crafted(arabic)).write_text(article(44), encoding="utf-8")
    result = preprocess(src, tmp_path / "docs", use_cache=False)
    page = tmp_path / "docs" / "articles" / f"{article_id(arabic)}.md"
    assert split_front_matter(page.read_text(encoding="utf-8"))[0]["source_file"] == arabic
    assert [i.code for i in result.issues if i.severity == "error"] == ["id-clash"]


# ---------------------------------------------------------------- no published site_url (issue 18)


@pytest.mark.slow
def test_with_the_placeholder_site_url_no_address_is_invented(tmp_path):
    """The repository's own mkdocs.yml (site_url https://example.org/arshif/, a reserved name): the build warns
    once, and writes no canonical link, no sitemap, no RSS feed and no example.org address anywhere."""
    from sitebuild import build_project, copy_project

    root = copy_project(tmp_path / "p", site_url=None)
    assert "site_url: https://example.org/arshif/" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    built = build_project(root)
    assert built.stderr.count("is a placeholder") == 1, built.stderr
    site = root / "site"
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    assert not (site / "feed.xml").exists() and (site / "atom.xml").is_file()
    invented = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*"))
                if p.is_file() and p.suffix != ".gz" and b"example.org" in p.read_bytes()]
    assert not invented, invented
    canonical = [p.name for p in site.rglob("*.html") if b'rel="canonical"' in p.read_bytes()]
    assert not canonical, canonical
    archive = json.loads((site / "archive.json").read_bytes())
    assert archive["site_url"] is None and archive["articles"][0]["url"].startswith("articles/")

    # The real address set later, no article changed: the site files follow mkdocs.yml at the next build.
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://example.org/arshif/", "https://arshif.news.sa/"),
                      encoding="utf-8")
    built = build_project(root)
    assert "arshif: warning" not in built.stderr, built.stderr
    assert (site / "feed.xml").is_file() and all(loc.startswith("https://arshif.news.sa/") for loc in _sitemap(site))
    bib = sorted((site / "articles").glob("*.bib"))[0].read_text(encoding="utf-8")
    assert "url = {https://arshif.news.sa/articles/" in bib
