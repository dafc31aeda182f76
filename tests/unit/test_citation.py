"""Citations: the sentence (د.ت / د.ن for unknowns), BibTeX that stays inert, CSL-JSON, JSON-LD and meta tags."""
from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest

from arshif.site.catalog import ArticleMeta, Entity
from arshif.site.citation import NO_DATE, NO_PUBLISHER, bib_escape, bibtex, citation_text, csl_item, csl_json
from arshif.site.feeds import SiteInfo
from arshif.site.pagemeta import citation_block, description, head_tags, json_ld, json_ld_script, share_bar

URL = "https://example.org/arshif/articles/x.html"
ORIGINAL = "https://example.org/arshif/originals/x.txt"
SITE = SiteInfo("أرشيف", "https://example.org/arshif/", "أرشيف أخبار")


def art(**kw) -> ArticleMeta:
    values = dict(id="x", title="محاور جديدة للقضاء على «داعش»", date=dt.date(2018, 2, 15), date_kind="printed",
                  time="01:56", outlet="الاتحاد", author="دينا مصطفى", dateline="الكويت",
                  lead="أكد المتحدث باسم الوزارة.", source_file="x.txt", source_sha256="0" * 64)
    values.update(kw)
    return ArticleMeta(**values)


@pytest.mark.parametrize("changes, expected", [
    ({}, "دينا مصطفى، «محاور جديدة للقضاء على «داعش»»، الاتحاد، 15 فبراير 2018. نسخة مؤرشفة في أرشيف: " + URL),
    ({"author": None}, "«محاور جديدة للقضاء على «داعش»»، الاتحاد، 15 فبراير 2018. نسخة مؤرشفة في أرشيف: " + URL),
    ({"date": None}, f"دينا مصطفى، «محاور جديدة للقضاء على «داعش»»، الاتحاد، {NO_DATE}. نسخة مؤرشفة في أرشيف: " + URL),
    ({"outlet": None, "author": None, "date": None}, f"«محاور جديدة للقضاء على «داعش»»، {NO_PUBLISHER}، {NO_DATE}. نسخة مؤرشفة في أرشيف: " + URL),
])
def test_citation_text(changes, expected):
    assert citation_text(art(**changes), URL, "أرشيف") == expected


def _bib_fields(entry: str) -> dict[str, str]:
    assert entry.startswith("@article{arshif-x,\n") and entry.endswith("\n}\n")
    # Every field on its own line; braces balance inside each value.
    fields = {}
    for line in entry.splitlines()[1:-1]:
        m = re.fullmatch(r"  (\w+) = \{(.*)\},?", line)
        assert m, line
        value = m.group(2)
        depth = 0
        for i, ch in enumerate(value):
            if ch in "{}" and (i == 0 or value[i - 1] != "\\"):
                depth += 1 if ch == "{" else -1
                assert depth >= 0, line
        assert depth == 0, line
        fields[m.group(1)] = value
    return fields


def test_bibtex_entry():
    fields = _bib_fields(bibtex(art(), URL, ORIGINAL))
    assert fields["author"] == "{دينا مصطفى}"
    assert fields["journal"] == "الاتحاد" and fields["date"] == "2018-02-15" and fields["year"] == "2018"
    assert fields["url"] == URL and ORIGINAL in fields["howpublished"]


def test_bibtex_undated_and_hostile_title_stay_inert():
    fields = _bib_fields(bibtex(art(date=None, title="عنوان} @misc{x, title={y} \\input{/etc/passwd} 50% & $ # _ ^ ~"), URL))
    assert "year" not in fields and fields["note"] == NO_DATE
    assert "\\input" not in fields["title"].replace("\\textbackslash{}input", "")
    assert bib_escape("a}b") == "a\\}b"


def test_csl_json():
    item = json.loads(csl_json(art(), URL, "أرشيف"))[0]
    assert item["type"] == "article-newspaper" and item["issued"] == {"date-parts": [[2018, 2, 15]]}
    assert item["author"] == [{"literal": "دينا مصطفى"}] and item["container-title"] == "الاتحاد"
    assert "accessed" not in item  # the reader's to add
    undated = csl_item(art(date=None, author=None, outlet=None), URL)
    assert "issued" not in undated and "author" not in undated and "container-title" not in undated


# ---------------------------------------------------------------- page metadata


def test_json_ld_news_article():
    data = json_ld(art(entities=(Entity("الكويت", "kuwait", "place"), Entity("داعش"))), url=URL, site=SITE,
                   original_url=ORIGINAL, entity_urls={"kuwait": "https://example.org/arshif/entities/kuwait.html"})
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "ar"
    assert data["headline"] == "محاور جديدة للقضاء على «داعش»" and data["datePublished"] == "2018-02-15"
    assert data["author"] == {"@type": "Person", "name": "دينا مصطفى"}
    assert data["publisher"] == {"@type": "Organization", "name": "الاتحاد"}
    assert data["isBasedOn"] == ORIGINAL
    assert data["about"] == [
        {"@type": "Place", "name": "الكويت", "url": "https://example.org/arshif/entities/kuwait.html"},
        {"@type": "Thing", "name": "داعش"},
    ]
    bare = json_ld(art(date=None, author=None, outlet=None), url=URL, site=SITE, original_url=ORIGINAL)
    assert not {"datePublished", "author", "publisher", "about"} & set(bare)


def test_json_ld_script_cannot_be_closed_by_a_title():
    hostile = art(title="</script><script>alert(1)</script> & <!--")
    script = json_ld_script(json_ld(hostile, url=URL, site=SITE, original_url=ORIGINAL))
    inner = script[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner)["headline"] == hostile.title


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "meta":
            self.meta[a.get("property") or a.get("name")] = a["content"]


def test_head_tags_escape_and_carry_opengraph():
    hostile = art(title='"><img src=x onerror=alert(1)>', lead="جملة أولى \"مقتبسة\" <b>.")
    parser = _Tags()
    parser.feed(head_tags(title=hostile.title, summary=hostile.lead, canonical=URL, page_path="articles/x.html",
                          site=SITE, article=hostile, json_ld_data=None))
    assert "img" not in parser.tags and "b" not in parser.tags
    assert parser.meta["og:title"] == hostile.title and parser.meta["twitter:title"] == hostile.title
    assert parser.meta["og:type"] == "article" and parser.meta["og:url"] == URL
    assert parser.meta["description"] == hostile.lead and parser.meta["og:locale"] == "ar_AR"
    assert parser.meta["article:published_time"] == "2018-02-15"


def test_description_is_cut_at_a_word():
    long = " ".join(["كلمة"] * 200)
    short = description(long, 50)
    assert len(short) <= 51 and short.endswith("…") and not short.endswith(" …")


def test_share_bar_and_citation_block_escape_the_citation():
    text = citation_text(art(title='"><script>x</script>'), URL)
    html = share_bar(url=URL, citation=text, bib_href="x.bib", csl_href="x.csl.json") + citation_block(url=URL, citation=text)
    assert "<script>" not in html
    parser = _Tags()
    parser.feed(html)
    assert parser.tags.count("button") == 2 and "script" not in parser.tags
