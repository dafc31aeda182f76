"""Listing pages (issue 13 item 2): only pages worth a click, at most ROWS rows a page at stable addresses, a
home page that stays small at any size, filter data that covers the archive, and HTML handed to the theme
without a second parse."""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

from arshif.build.pipeline import process_file
from arshif.models import Field
from arshif.relate.archive import entity_paged, event_paged, relate
from arshif.site.listing_common import FEWEST_ROWS, ROWS, page_slices
from arshif.site.listing_home import HOME_ROWS
from arshif.site.article_links import article_links
from arshif.site.render_links import link_pages, summary_index

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeds():
    return [process_file(p)[1] for p in sorted((REPO / "source_articles").glob("*.txt"))]


def _many(seeds, count: int, start=dt.date(2017, 11, 1)):
    """`count` articles made from the seeds: each its own id, title and day (two a day), one outlet in three."""
    out = []
    for n in range(count):
        base = seeds[n % len(seeds)]
        day = start + dt.timedelta(days=n // 2)
        outlet = seeds[0].outlet if n % 3 else base.outlet
        out.append(dataclasses.replace(base, id=f"a{n:05d}", title=Field(f"{base.title.value} {n}", "printed", "t"),
                                       date=Field(day, "printed", "t"), source_file=f"a{n:05d}.txt", outlet=outlet))
    return out


def _front(page) -> dict:
    return yaml.load(page.content.decode("utf-8").split("---\n", 2)[1], Loader=yaml.SafeLoader)


def _rows(page) -> int:
    text = page.content.decode("utf-8")
    return len(re.findall(r"<tr[ >]", text)) - text.count("<thead><tr>") + text.count('class="arshif-coverage-card"')


def test_one_article_events_and_entities_get_no_page(seeds):
    archive = relate(seeds)
    paths = {p.path for p in link_pages(archive)}
    for event in archive.events:
        assert (f"events/{event.id}.md" in paths) == (len(event.members) >= 2)
    for ent_id in archive.entities:
        assert (f"entities/{ent_id}.md" in paths) == (len(archive.mentions[ent_id]) >= 2)
    lonely = [e for e in archive.entities if not entity_paged(archive, e)]
    assert lonely, "the seeds name some entities once"
    index = next(p for p in link_pages(archive) if p.path == "entities/index.md").content.decode("utf-8")
    for e in lonely:  # still on the index, by name, without a link
        assert archive.entities[e].name in index and f'href="{e}.html"' not in index
    single = [a for a in archive.articles if not event_paged(archive.event_by_id[archive.links[a].event])]
    assert single and all(not article_links(archive, a)["event"]["page"] for a in single)


def test_listings_are_paginated_at_stable_addresses(seeds):
    archive = relate(_many(seeds, 3 * ROWS + 30))
    pages = {p.path: p for p in link_pages(archive)}
    outlet = max(archive.outlets, key=lambda o: len(o.articles))
    count = len(outlet.articles)
    assert count > 2 * ROWS  # the seeds' outlets repeat
    names = [f"outlets/{outlet.slug}.md"]
    while f"outlets/{outlet.slug}-{len(names) + 1}.md" in pages:
        names.append(f"outlets/{outlet.slug}-{len(names) + 1}.md")
    assert len(names) >= -(-count // ROWS)
    assert sum(_rows(pages[n]) for n in names) == count
    assert all(FEWEST_ROWS <= _rows(pages[n]) for n in names[:-1])
    for path, page in pages.items():
        assert _rows(page) <= ROWS, path
        assert _front(page)["arshif_html"] is True
    assert f'href="{outlet.slug}-2.html"' in pages[names[0]].content.decode("utf-8")


def test_home_page_stays_small_and_links_every_month(seeds):
    sizes = []
    for count in (120, 600):
        archive = relate(_many(seeds, count))
        home, *data = summary_index(archive)
        assert home.path == "index.md" and _rows(home) == HOME_ROWS
        text = home.content.decode("utf-8")
        months = {(a.date_value.year, a.date_value.month) for a in archive.articles.values()}
        for y, m in months:
            assert f'href="timeline/{y}-{m:02d}.html"' in text and f'href="timeline/{y}.html"' in text
        sizes.append(len(home.content))
        # The filter data holds every article exactly once, and filters.js names the shards of each outlet.
        store = {}
        for page in data:
            body = page.content.decode("utf-8")
            name = re.match(r'\(window\.arshifIndex=window\.arshifIndex\|\|\{\}\)\["([^"]+)"\]=', body).group(1)
            store[name] = json.loads(body[body.index("=", body.index("]")) + 1:].rstrip(";\n"))
        ids = [r[0] for n in range(len(store["filters"]["shards"])) for r in store[f"rows-{n}"]]
        assert sorted(ids) == sorted(archive.articles)
        for slug, _, shards in store["filters"]["outlets"]:
            held = {n for n in range(len(store["filters"]["shards"])) if any(r[4] == slug for r in store[f"rows-{n}"])}
            assert held == set(shards)
    # Five times the articles: the page grows by the month links only, not by rows.
    assert sizes[1] < sizes[0] * 1.3


def test_an_article_in_one_month_leaves_other_months_pages_alone(seeds):
    base = _many(seeds, 150)
    before = {p.path: p.content for p in link_pages(relate(base))}
    extra = dataclasses.replace(base[0], id="zz-new", title=Field("جديد", "printed", "t"),
                                date=Field(dt.date(2018, 1, 20), "printed", "t"), source_file="zz-new.txt")
    after = {p.path: p.content for p in link_pages(relate([*base, extra]))}
    assert before["timeline/2017-11.md"] == after["timeline/2017-11.md"]
    assert before["timeline/2018-01.md"] != after["timeline/2018-01.md"]


def test_a_listing_counts_its_rows_on_its_first_page_only(seeds):
    """A removed article changes a listing's first page (its count) and its own page, not the pages between."""
    month = [dataclasses.replace(a, date=Field(dt.date(2017, 11, 1 + n * 28 // 250), "printed", "t"))
             for n, a in enumerate(_many(seeds, 250))]
    archive = relate(month)
    before = {p.path: p.content for p in link_pages(archive)}
    entity = max(archive.mentions, key=lambda e: len(archive.mentions[e]))
    assert len(archive.mentions[entity]) > 2 * ROWS
    assert "250 مقالة" in before["timeline/2017-11.md"].decode("utf-8")
    assert "مقالة" not in before["timeline/2017-11-2.md"].decode("utf-8").split("<nav", 1)[0]
    # The month's newest article is its last row (oldest first), the entity's oldest its last (newest first).
    newest = max(month, key=lambda a: (a.date.value, a.id))
    oldest = archive.articles[archive.mentions[entity][-1]]
    for gone, listing in ((newest, "timeline/2017-11"), (oldest, f"entities/{entity}")):
        after = {p.path: p.content for p in link_pages(relate([a for a in month if a is not gone]))}
        last = max(k for k in range(2, 9) if f"{listing}-{k}.md" in before)
        assert last >= 3 and f"{listing}-{last}.md" in after and f"{listing}-{last + 1}.md" not in after
        assert before[f"{listing}.md"] != after[f"{listing}.md"]  # its count
        assert all(before[f"{listing}-{k}.md"] == after[f"{listing}-{k}.md"] for k in range(2, last))
        assert before[f"{listing}-{last}.md"] != after[f"{listing}-{last}.md"]


def test_where_a_page_ends_is_told_by_its_rows():
    """page_slices: every row once, in order; pages of FEWEST_ROWS to ROWS rows but the last; one empty page for none;
    and one row added or removed in a long listing changes its own page, not the pages after it (most of the time:
    a page that ends or stops ending at the change renumbers those after it)."""
    keys = [f"row {n}" for n in range(5000)]
    slices = page_slices(keys)
    assert [k for part in slices for k in keys[part]] == keys
    assert all(FEWEST_ROWS <= len(keys[part]) <= ROWS for part in slices[:-1]) and len(keys[slices[-1]]) <= ROWS
    assert page_slices([]) == [slice(0, 0)] and page_slices(keys[:5]) == [slice(0, 5)]
    pages = [tuple(keys[part]) for part in slices]
    moved = []
    for n in range(100, 4900, 97):  # 50 removals and 50 additions across the listing
        for changed in (keys[:n] + keys[n + 1:], keys[:n] + [f"new {n}"] + keys[n:]):
            after = [tuple(changed[part]) for part in page_slices(changed)]
            moved.append(sum(1 for k in range(max(len(pages), len(after)))
                             if k >= len(pages) or k >= len(after) or pages[k] != after[k]))
    assert min(moved) == 1 and sorted(moved)[len(moved) * 9 // 10] <= 2  # fixed pages of ROWS: 25 on average


def _hook():
    spec = importlib.util.spec_from_file_location("listings_hook", REPO / "hooks" / "listings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_listings_hook_hands_generated_html_through_and_leaves_other_pages():
    hook = _hook()

    class File:
        def __init__(self, uri):
            self.src_uri = uri

    class Page:
        def __init__(self, uri, meta):
            self.file, self.meta = File(uri), meta

    listing = Page("entities/x.md", {"arshif_html": True})
    html = '<table class="arshif-index"><tr><td><a href="a.html">س</a></td></tr></table>'
    assert hook.on_page_markdown(html, listing, None, None) == ""
    assert hook.on_page_content("", listing, None, None) == html
    article = Page("articles/a.md", {"title": "t"})
    assert hook.on_page_markdown("# t", article, None, None) == "# t"
    assert hook.on_page_content("<h1>t</h1>", article, None, None) == "<h1>t</h1>"


def test_listing_rows_made_once_do_not_keep_their_archive_alive(seeds):
    import gc
    import weakref

    from arshif.site import listing_common

    archive = relate(_many(seeds, 30))
    first = {p.path: p.content for p in link_pages(archive)}
    assert listing_common._rows  # made once for the archive, reused across its listings
    assert {p.path: p.content for p in link_pages(archive)} == first
    gone = weakref.ref(archive)
    del archive
    gc.collect()
    assert gone() is None and not listing_common._rows
