"""A reader moves sideways: from an article page to its event, to an entity, to the next article in time,
and filters the summary index — by clicking, over http and from file://."""
from __future__ import annotations

import pytest

from sitebuild import SEED_IDS

KUWAIT = {"000_e0a6176e52ffac07", "001_ff7773075fd73b1f", "003_50ac9ffaa13a6bae"}


def _goto(watch, url: str) -> None:
    watch.page.goto(url, wait_until="load")


@pytest.mark.browser
def test_article_to_event_entity_and_next_article(watch, site_url):
    page = watch.page
    _goto(watch, site_url + "articles/000_e0a6176e52ffac07.html")
    # Event page: the three Kuwait reports side by side.
    page.locator(".arshif-event-link a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("events/ev-000_e0a6176e52ffac07.html")
    cards = page.locator(".arshif-coverage-card h3 a")
    assert cards.count() == 3
    hrefs = {cards.nth(i).get_attribute("href").split("/")[-1][:-5] for i in range(3)}
    assert hrefs == KUWAIT
    assert "تاريخ مقترح من الحدث" in page.locator(".arshif-coverage").inner_text()  # 003, marked as proposed
    # Back to the article, then an entity page that lists it.
    page.go_back(wait_until="load")
    page.locator(".arshif-entities a", has_text="ريكس تيلرسون").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("entities/rex-tillerson.html")
    assert page.locator("h1").first.inner_text().strip() == "ريكس تيلرسون"
    listed = page.locator("table.arshif-index tbody tr a[href*='articles/']")
    assert {listed.nth(i).get_attribute("href").split("/")[-1][:-5] for i in range(listed.count())} >= {"000_e0a6176e52ffac07", "003_50ac9ffaa13a6bae"}
    # Back again, and on to the next article in time.
    page.go_back(wait_until="load")
    page.locator("a.arshif-next").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("articles/003_50ac9ffaa13a6bae.html")
    assert page.locator("a.arshif-prev").get_attribute("href") == "000_e0a6176e52ffac07.html"
    assert "الحدث نفسه" in page.locator(".arshif-related").inner_text()
    watch.check()


@pytest.mark.browser
def test_index_filters_by_outlet_and_event_and_sorts(watch, site_url):
    """The filters reach the whole archive through index-data/*.js, loaded by <script> when first used."""
    from playwright.sync_api import expect

    page = watch.page
    _goto(watch, site_url + "index.html")
    rows = page.locator("#arshif-summary tbody tr")
    assert rows.count() == len(SEED_IDS)
    expect(page.locator(".arshif-filters[data-loaded]")).to_have_count(1)
    page.locator("select.arshif-filter-event").select_option("ev-000_e0a6176e52ffac07")
    expect(page.locator("#arshif-summary tbody tr:visible")).to_have_count(3)
    hrefs = page.locator("#arshif-summary tbody tr a[href^='articles/']")
    assert {hrefs.nth(i).get_attribute("href")[9:-5] for i in range(3)} == KUWAIT
    page.locator("select.arshif-filter-event").select_option("")
    expect(rows).to_have_count(len(SEED_IDS))
    page.locator("select.arshif-filter-outlet").select_option("kuna")
    expect(page.locator("#arshif-summary tbody tr:visible")).to_have_count(2)
    page.locator("select.arshif-filter-outlet").select_option("")
    page.locator("select.arshif-filter-year").select_option("2019")
    expect(page.locator("#arshif-summary tbody tr:visible")).to_have_count(1)
    page.locator("select.arshif-filter-year").select_option("")
    expect(rows).to_have_count(len(SEED_IDS))
    page.locator("th[data-sort=date] button").click()  # oldest first
    first = page.locator("#arshif-summary tbody tr").first.get_attribute("data-date")
    assert first == "2018-02-13"
    watch.check()


@pytest.mark.browser
def test_timeline_and_indexes_are_in_the_nav(watch, site_url):
    page = watch.page
    _goto(watch, site_url + "index.html")
    for label, path in (("الأحداث", "events/index.html"), ("الكيانات", "entities/index.html"),
                        ("المصادر", "outlets/index.html"), ("الخط الزمني", "timeline.html")):
        assert page.locator(f"a.md-nav__link[href$='{path}']").count() >= 1, label
    _goto(watch, site_url + "timeline.html")
    assert page.locator("#y2018").count() == 1 and page.locator("#undated").count() == 1
    watch.check()
