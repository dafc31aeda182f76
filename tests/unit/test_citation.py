"""Citations: the sentence (د.ت / د.ن for unknowns), BibTeX that stays inert, CSL-JSON.

JSON-LD, link previews, the share bar and the citation block are the templates' (tests/unit/test_templates.py).
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from arshif.site.catalog import ArticleMeta
from arshif.site.citation import NO_DATE, NO_PUBLISHER, bib_escape, bibtex, citation_text, csl_item, csl_json

URL = "https://arshif.news.sa/arshif/articles/x.html"
ORIGINAL = "https://arshif.news.sa/arshif/originals/x.txt"


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


def test_without_a_published_address_citations_carry_no_url():
    a = art()
    assert citation_text(a, "", "أرشيف").endswith("أرشيف")
    assert "url" not in bibtex(a, "", "") and "howpublished" not in bibtex(a, "", "")
    assert "URL" not in csl_item(a, "", "أرشيف")
