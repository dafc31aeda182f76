"""Feeds: RSS 2.0 and Atom parse (feedparser), newest first, undated left out, same input -> same bytes."""
from __future__ import annotations

import datetime as dt
import hashlib

import feedparser
import pytest

from arshif.site.catalog import ArticleMeta, article_from_page
from arshif.site.feeds import FEED_SIZE, SiteInfo, atom, feed_articles, rfc822, rss

SITE = SiteInfo("أرشيف", "https://arshif.news.sa/arshif/", "أرشيف أخبار عربية")


def art(id_: str, date: dt.date | None, title: str = "عنوان", **kw) -> ArticleMeta:
    values = dict(id=id_, title=title, date=date, date_kind="printed" if date else "unknown", time=None,
                  outlet="الاتحاد", author=None, dateline=None, lead="الجملة الأولى من المقالة.",
                  source_file=f"{id_}.txt", source_sha256="0" * 64)
    values.update(kw)
    return ArticleMeta(**values)


ARTICLES = [
    art("a1", dt.date(2018, 2, 13), "انطلاق الاجتماع الوزاري للتحالف الدولي ضد “داعش”"),
    art("a2", dt.date(2019, 1, 30), "«التحالف الدولي» يبحث كيفية إلحاق هزيمة دائمة بـ«داعش»", author="دينا مصطفى"),
    art("a3", None, "عقد وزراء خارجية التحالف اجتماعا"),
    art("a4", dt.date(2018, 2, 15), "محاور <جديدة> & «داعش»", time="01:56"),
    art("a5", dt.date(2018, 2, 15), "مقالة ثانية في اليوم نفسه", time="09:30"),
]


def test_rss_parses_newest_first_without_undated():
    feed = feedparser.parse(rss(ARTICLES, SITE))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "أرشيف"
    assert feed.feed.language == "ar"
    links = [e.link for e in feed.entries]
    assert links == [
        "https://arshif.news.sa/arshif/articles/a2.html",
        "https://arshif.news.sa/arshif/articles/a5.html",  # same day as a4, later printed time
        "https://arshif.news.sa/arshif/articles/a4.html",
        "https://arshif.news.sa/arshif/articles/a1.html",
    ]
    assert all(e.id == e.link for e in feed.entries)  # guid is the permalink
    first = feed.entries[0]
    assert first.title == ARTICLES[1].title
    assert first.published_parsed[:3] == (2019, 1, 30)
    assert first.author == "دينا مصطفى"
    assert feed.entries[2].title == "محاور <جديدة> & «داعش»"  # markup characters survive as text


def test_atom_parses_and_every_entry_has_id_date_and_author():
    feed = feedparser.parse(atom(ARTICLES, SITE))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.updated_parsed[:3] == (2019, 1, 30)  # newest article, not the build clock
    assert len(feed.entries) == 4
    for entry in feed.entries:
        assert entry.id.startswith("https://arshif.news.sa/arshif/articles/")
        assert entry.updated_parsed and entry.published_parsed
        assert entry.get("author") or feed.feed.get("author")
    assert feed.entries[0].author == "دينا مصطفى"
    assert feed.entries[0].summary == "الجملة الأولى من المقالة."


@pytest.mark.parametrize("make", [rss, atom])
def test_same_input_same_bytes_in_any_order(make):
    once = make(ARTICLES, SITE)
    assert make(list(reversed(ARTICLES)), SITE) == once
    assert hashlib.sha256(once).hexdigest() == hashlib.sha256(make(ARTICLES, SITE)).hexdigest()


@pytest.mark.parametrize("make", [rss, atom])
def test_no_dated_article_gives_a_valid_empty_feed(make):
    feed = feedparser.parse(make([art("u", None)], SITE))
    assert not feed.bozo
    assert feed.entries == []


@pytest.mark.parametrize("make", [rss, atom])
def test_control_characters_do_not_break_the_feed(make):
    feed = feedparser.parse(make([art("c", dt.date(2020, 5, 1), "عنوان\x0b مع\x00 محرف")], SITE))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == "عنوان مع محرف"


def test_feed_keeps_the_newest_n():
    many = [art(f"n{i:03d}", dt.date(2020, 1, 1) + dt.timedelta(days=i)) for i in range(FEED_SIZE + 7)]
    kept = feed_articles(many)
    assert len(kept) == FEED_SIZE
    assert kept[0].id == f"n{FEED_SIZE + 6:03d}"


def test_rfc822_is_english_whatever_the_locale():
    assert rfc822(dt.date(2018, 2, 13)) == "Tue, 13 Feb 2018 00:00:00 +0000"


def test_record_from_generated_front_matter():
    page = (
        "---\nid: 001_x\ntitle: محاور جديدة\ntitle_derived: false\ndate: '2018-02-15'\ndate_kind: printed\n"
        "time: 01:56\noutlet: الاتحاد\nauthor: دينا مصطفى\ndateline: الكويت\nsource_file: 001_x.txt\n"
        "source_sha256: abc\nlead: أكد المتحدث.\nentities:\n- name: الكويت\n  id: kuwait\n  type: place\n- داعش\n---\n\n<p dir=\"auto\">نص</p>\n"
    )
    record = article_from_page(page, "fallback")
    assert record.id == "001_x" and record.date == dt.date(2018, 2, 15) and record.time == "01:56"
    assert [e.name for e in record.entities] == ["الكويت", "داعش"] and record.entities[0].type == "place"
    assert record.path == "articles/001_x.html"
    # A page from before `lead:` was written: the first paragraph's first sentence.
    older = article_from_page("---\nsource_file: y.txt\ndate: null\n---\n<p dir=\"auto\">جملة &amp; أولى. وثانية.</p>\n", "y")
    assert older.id == "y" and older.date is None and older.lead == "جملة & أولى."
    assert article_from_page("---\ntitle: عن الأرشيف\n---\n# عن\n", "about") is None


# ---------------------------------------------------------------- the built site


@pytest.mark.slow
def test_built_feeds_parse_and_link_to_built_pages(built_site):
    site = built_site.site
    for name, version in (("feed.xml", "rss20"), ("atom.xml", "atom10")):
        feed = feedparser.parse((site / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert feed.version == version
        assert feed.entries, name
        for entry in feed.entries:
            path = entry.link.split("/arshif/", 1)[1]
            assert (site / path).is_file(), entry.link


# ---------------------------------------------------------------- no published site_url: no invented domain

UNPUBLISHED = SiteInfo("أرشيف", "", "أرشيف أخبار عربية")


def test_without_a_published_address_there_is_no_rss_feed():
    assert rss(ARTICLES, UNPUBLISHED) is None  # RSS 2.0's channel <link> and item links must be URLs


def test_without_a_published_address_atom_links_are_relative_and_ids_are_urns():
    data = atom(ARTICLES, UNPUBLISHED)
    assert b"http" not in data.replace(b"http://www.w3.org/2005/Atom", b"")
    # Read as published at some address: every link resolves against the feed's own URL (RFC 4287 4.2.7.1).
    feed = feedparser.parse(data, response_headers={"content-location": "https://anywhere.sa/a/atom.xml",
                                                  "content-type": "application/atom+xml"})
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.link for e in feed.entries] == [f"https://anywhere.sa/a/articles/{i}.html" for i in ("a2", "a5", "a4", "a1")]
    ids = [e.id for e in feed.entries]
    assert all(i.startswith("urn:uuid:") for i in ids + [feed.feed.id]) and len(set(ids)) == len(ids)
    assert atom(list(reversed(ARTICLES)), UNPUBLISHED) == data  # stable: the same ids every build
