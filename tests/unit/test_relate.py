"""relate + render_links on the seeds: front-matter keys, related articles with reasons, time order, pages
whose every internal link points at a page that is built, and article text that stays escaped."""
from __future__ import annotations

import re
from pathlib import Path
from posixpath import normpath, dirname

import pytest
import yaml

from arshif.build.pipeline import build_pages, process_file
from arshif.relate.archive import relate, with_links
from arshif.site.render import render_article
from arshif.site.article_links import article_links
from arshif.site.render_links import link_pages, summary_index

REPO = Path(__file__).resolve().parents[2]
KUWAIT = {"000_e0a6176e52ffac07", "001_ff7773075fd73b1f", "003_50ac9ffaa13a6bae"}


@pytest.fixture(scope="module")
def done():
    out = []
    for p in sorted((REPO / "source_articles").glob("*.txt")):
        raw, article, issue = process_file(p)
        assert issue is None
        out.append((raw, article))
    return out


@pytest.fixture(scope="module")
def archive(done):
    return relate([a for _, a in done])


def front(page) -> dict:
    text = page.content.decode("utf-8")
    assert text.startswith("---\n")
    return yaml.load(text.split("---\n", 2)[1], Loader=yaml.SafeLoader)  # strict: a bad block raises


def test_front_matter_has_entities_and_one_event_per_group(archive):
    events = {}
    for aid, links in archive.links.items():
        meta = front(render_article(with_links(archive.articles[aid], links)))
        assert meta["entities"] == list(links.entities) and all(re.fullmatch(r"[a-z0-9-]+", e) for e in meta["entities"])
        events.setdefault(meta["event"], set()).add(aid)
        if aid == "003_50ac9ffaa13a6bae":
            assert meta["date"] is None and meta["date_proposed"] == "2018-02-13"  # proposed, never its own
        else:
            assert "date_proposed" not in meta
    assert KUWAIT in events.values()
    print(f"\nseeds: {len(archive.entities)} entities "
          f"({sum(1 for e in archive.entities.values() if e.found_by == 'pattern')} pattern-found), {len(archive.events)} events")


def test_render_article_without_links_is_unchanged(done):
    article = done[0][1]
    assert render_article(article).content == render_article(article, "").content


def test_related_articles_carry_reasons(archive):
    links = archive.links["000_e0a6176e52ffac07"]
    same = [r for r in links.related if r.same_event]
    assert {r.article for r in same} == KUWAIT - {"000_e0a6176e52ffac07"}
    reasons = [r["reason"] for r in article_links(archive, "000_e0a6176e52ffac07")["related"]]
    assert "الحدث نفسه" in reasons
    other = archive.links["004_70d2209a2d92bf08"].related
    assert other and all(not r.same_event and r.shared for r in other)
    assert any(r["reason"].startswith("يشترك في: ") for r in article_links(archive, "004_70d2209a2d92bf08")["related"])


def test_previous_and_next_follow_time(archive):
    chain = list(archive.chronology)
    assert chain[0] == "000_e0a6176e52ffac07"  # 2018-02-13
    assert chain.index("003_50ac9ffaa13a6bae") < chain.index("001_ff7773075fd73b1f")  # at its proposed date
    assert chain[-1] == "002_dbecf9ef6e395945"  # undated, no proposal: last
    for before, after in zip(chain, chain[1:]):
        assert archive.links[before].next == after and archive.links[after].previous == before
    assert archive.links[chain[0]].previous is None and archive.links[chain[-1]].next is None


def test_pages_link_only_to_built_pages(done):
    pages = build_pages(list(done), [])
    built = {p.path for p in pages}
    paths = {p[:-3] + ".html" if p.endswith(".md") else p for p in built} | {"about.html"}
    for kind in ("entities/index.md", "outlets/index.md", "events/index.md", "timeline.md", "index.md"):
        assert kind in built
    checked = 0
    for page in pages:
        if not page.path.endswith(".md"):
            continue
        text = page.content.decode("utf-8")
        front(page)
        for href in re.findall(r'href="([^"#]+)', text):
            if re.match(r"^[a-z]+:", href):
                continue
            target = normpath(f"{dirname(page.path)}/{href}" if dirname(page.path) else href)
            if target.startswith(("search/", "stylesheets/", "javascripts/", "assets/")):
                continue
            assert target in paths, f"{page.path}: {href}"
            checked += 1
    assert checked > 100


def test_article_text_stays_text():
    from dataclasses import replace

    from arshif.models import Field
    base = process_file(REPO / "source_articles" / "004_70d2209a2d92bf08.txt")[1]
    evil = replace(base, id="evil", title=Field('<script>alert(1)</script> {{ x }}', "printed", "t"),
                   body=("وزير الخارجية <b>جون</b> دو قال", *base.body))
    archive = relate([evil])
    # Bodies only: front-matter values (the article page's links: too) are YAML data, escaped by the templates
    # (tests/unit/test_templates.py).
    bodies = [p.content.decode().split("---\n", 2)[2] for p in [*link_pages(archive), *summary_index(archive)] if p.path.endswith(".md")]
    html = "".join(bodies)
    assert "&lt;script&gt;" in html
    assert "<script>" not in html and "{{" not in html and "<b>" not in html
