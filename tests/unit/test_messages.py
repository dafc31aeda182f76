"""Reader-facing strings: one checked file, CLDR plurals through Babel, the template partial in sync."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from arshif import rules
from arshif.rules import RulesError
from arshif.site import messages

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("n, expected", [
    (0, "لا مقالات"), (1, "مقالة واحدة"), (2, "مقالتان"), (3, "3 مقالات"), (10, "10 مقالات"),
    (11, "11 مقالةً"), (99, "99 مقالةً"), (100, "100 مقالة"), (101, "101 مقالة"), (102, "102 مقالة"),
    (103, "103 مقالات"), (111, "111 مقالةً"), (1000, "1000 مقالة"),
])
def test_article_count_agrees_with_the_number(n, expected):
    assert messages.plural("article", n) == expected


def test_other_nouns():
    assert messages.plural("event", 3) == "3 أحداث"
    assert messages.plural("outlet", 4) == "4 مصادر"
    assert messages.plural("coverage", 2) == "تغطيتان"
    assert messages.plural("person", 1) == "شخص واحد"
    assert messages.plural("entity", 25) == "25 كياناً"


def test_date_note_quotes_the_evidence_apart_from_the_sentence():
    before, evidence, after = messages.date_note("inferred", "date-weekday-anchor", " اليوم\n الثلاثاء ")
    assert evidence == "اليوم الثلاثاء"
    assert before and "date-" not in before + after and "inferred" not in before + after
    printed = messages.date_note("printed", "some-new-rule", "11 سبتمبر 2014")
    assert printed[0].startswith("مطبوع") and printed[1] == "11 سبتمبر 2014"
    assert messages.date_note("unknown", None, None)[1:] == ["", ""]
    assert messages.date_note("inferred", None, "")[1] == ""


def test_every_reader_string_is_arabic():
    m = messages.messages()
    latin_ok = {"feed.rss", "feed.atom"}
    for key, value in m.text.items():
        if key not in latin_ok:
            assert not any("a" <= c.lower() <= "z" for c in re.sub(r"\{\w+\}", "", value)), key
    for table in (m.basis_kinds, m.basis_rules, m.basis_plain):
        for value in table.values():
            assert not any("a" <= c.lower() <= "z" for c in value.replace("{evidence}", ""))


def test_template_partial_is_generated_from_the_messages_file():
    partial = REPO / "overrides" / messages.PARTIAL
    assert partial.read_text(encoding="utf-8") == messages.jinja_partial(), \
        "run: .venv/bin/python -m arshif.site.messages overrides/partials/arshif-messages.html"


def test_partial_is_a_jinja_dict_the_theme_can_import():
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({"m.html": messages.jinja_partial(),
                                                      "t.html": '{% import "m.html" as m %}{{ m.text["article.date"] }}'}))
    assert env.get_template("t.html").render() == "التاريخ"


@pytest.mark.parametrize("bad, reason", [
    ("plurals:\n  article: {one: x}\n", "missing CLDR categories"),
    ("plurals:\n  thing: {zero: a, one: b, two: c, few: d, many: e, other: f, dual: g}\n", "not CLDR categories"),
    ("text:\n  article.date: 3\n", "non-empty string"),
    ("colours: {}\n", "unknown section"),
    ("months: [يناير, فبراير]\n", "twelve month names"),
    ("examples:\n  - {plural: article, n: 3, text: ثلاث مقالة}\n", "gives '3 مقالات'"),
])
def test_bad_messages_file_is_refused_with_file_and_key(tmp_path, bad, reason):
    (tmp_path / "messages.yaml").write_text(bad, encoding="utf-8")
    rules.set_extra_dirs([tmp_path])
    try:
        with pytest.raises(RulesError) as err:
            messages.messages()
        assert reason in str(err.value) and str(tmp_path / "messages.yaml") in str(err.value)
    finally:
        rules.set_extra_dirs([])


def test_archive_may_override_a_string(tmp_path):
    (tmp_path / "messages.yaml").write_text("text:\n  article.related: مقالات قريبة\n", encoding="utf-8")
    rules.set_extra_dirs([tmp_path])
    try:
        assert messages.text("article.related") == "مقالات قريبة"
        assert messages.text("article.date") == "التاريخ"
    finally:
        rules.set_extra_dirs([])


def test_dates_and_citations_print_the_messages_strings():
    import datetime as dt

    from arshif.site.permalinks import redirect_page
    from arshif.site.render import format_date

    assert format_date(dt.date(2014, 9, 11)) == "11 " + messages.month(9) + " 2014" == "11 سبتمبر 2014"
    assert format_date(None) == messages.text("date.unknown")
    page = redirect_page("b.html", "https://example.org/b.html", "<عنوان>")
    assert "<title>نُقلت هذه الصفحة: &lt;عنوان&gt;</title>" in page and messages.text("redirect.body") in page
