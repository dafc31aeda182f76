"""Data export: archive.json validates against archive.schema.json, archive.csv is UTF-8 with a BOM."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import jsonschema
import pytest

from arshif.site.catalog import ArticleMeta, Entity
from arshif.site.export import COLUMNS, archive_csv, archive_json, schema, schema_json

URL = "https://arshif.news.sa/arshif/"


def art(id_: str, date: dt.date | None, **kw) -> ArticleMeta:
    values = dict(id=id_, title="محاور جديدة للقضاء على «داعش»", date=date, date_kind="printed" if date else "unknown",
                  time=None, outlet=None, author=None, dateline=None, lead="أكد المتحدث, \"باسم\" الوزارة.",
                  source_file=f"{id_}.txt", source_sha256="ab" * 32)
    values.update(kw)
    return ArticleMeta(**values)


ARTICLES = [
    art("b", dt.date(2018, 2, 15), outlet="الاتحاد", author="دينا مصطفى", dateline="الكويت", time="01:56",
        entities=(Entity("الكويت", "kuwait", "place"), Entity("داعش")), aliases=("old-b",)),
    art("a", None, title_derived=True),
]


def _validator():
    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_json()))


def test_archive_json_validates_and_keeps_unknowns_null():
    data = json.loads(archive_json(ARTICLES, URL))
    errors = sorted(_validator().iter_errors(data), key=str)
    assert not errors, [e.message for e in errors]
    assert data["count"] == 2
    assert [a["id"] for a in data["articles"]] == ["a", "b"]  # id order, whatever the input order
    undated, full = data["articles"]
    assert undated["date"] is None and undated["date_kind"] == "unknown" and undated["outlet"] is None
    assert full["url"] == URL + "articles/b.html" and full["path"] == "articles/b.html"
    assert full["entities"] == ["الكويت", "داعش"] and full["aliases"] == ["old-b"]
    assert full["original"] == "originals/b.txt"


@pytest.mark.parametrize("bad", [
    {"date": "15/02/2018"},
    {"id": "Has Space"},
    {"surprise": 1},
])
def test_schema_rejects_bad_records(bad):
    data = json.loads(archive_json(ARTICLES, URL))
    data["articles"][0].update(bad)
    assert list(_validator().iter_errors(data))


def test_csv_has_bom_header_and_roundtrips_arabic_and_commas():
    raw = archive_csv(ARTICLES, URL)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[1]["lead"] == "أكد المتحدث, \"باسم\" الوزارة."
    assert rows[1]["entities"] == "الكويت | داعش"
    assert rows[0]["date"] == "" and rows[0]["title_derived"] == "true"


def test_exports_are_deterministic():
    assert archive_json(ARTICLES, URL) == archive_json(list(reversed(ARTICLES)), URL)
    assert archive_csv(ARTICLES, URL) == archive_csv(list(reversed(ARTICLES)), URL)


@pytest.mark.slow
def test_built_archive_json_validates_and_lists_every_article(built_site):
    site = built_site.site
    data = json.loads((site / "archive.json").read_text(encoding="utf-8"))
    built_schema = json.loads((site / "archive.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(built_schema, format_checker=jsonschema.FormatChecker()).iter_errors(data))
    assert not errors, [e.message for e in errors]
    pages = sorted(p.stem for p in (site / "articles").glob("*.html"))
    assert sorted(a["id"] for a in data["articles"]) == pages
    for record in data["articles"]:
        assert (site / record["path"]).is_file() and (site / record["original"]).is_file()
    rows = list(csv.DictReader(io.StringIO((site / "archive.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert sorted(r["id"] for r in rows) == pages
    about = (site / "about.html").read_text(encoding="utf-8")
    for name in ("archive.json", "archive.csv", "archive.schema.json", "feed.xml", "atom.xml"):
        assert f'href="{name}"' in about, name


def test_entities_named_by_id_get_their_display_name_or_are_left_out():
    from arshif.site.catalog import article_from_page, name_entities

    page = "---\nsource_file: e.txt\nentities:\n- kuwait\n- p-0123abcd\n- داعش\n- name: دينا مصطفى\n  type: person\n---\n<p dir=\"auto\">نص.</p>\n"
    record = article_from_page(page, "e")
    named = name_entities(record, {"kuwait": ("الكويت", "place")}.get)
    assert [(e.name, e.id, e.type) for e in named.entities] == [
        ("الكويت", "kuwait", "place"), ("داعش", None, None), ("دينا مصطفى", None, "person")]
    assert export_record(named)["entities"] == ["الكويت", "داعش", "دينا مصطفى"]


def export_record(article):
    from arshif.site.export import record

    return record(article, URL)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","click")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_would_run_as_formulas_get_a_leading_quote(text):
    raw = archive_csv([art("f", None, title=text, outlet=text, entities=(Entity(text),))], URL)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0]["title"] == "'" + text and rows[0]["outlet"] == "'" + text and rows[0]["entities"] == "'" + text
    assert rows[0]["id"] == "f"  # ordinary cells stay as they are


def test_csv_keeps_inner_formula_characters():
    raw = archive_csv([art("g", None, title="أ = ب - ج")], URL)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0]["title"] == "أ = ب - ج"


def test_date_rule_is_exported_for_the_editor():
    from arshif.site.catalog import article_from_page

    page = "---\nsource_file: r.txt\ndate: '2014-09-11'\ndate_kind: printed\ndate_rule: day-month-year\n---\n\nنص.\n"
    (row,) = json.loads(archive_json([article_from_page(page, "r")], URL))["articles"]
    assert row["date_rule"] == "day-month-year" and row["date_kind"] == "printed"
    import jsonschema

    jsonschema.validate(json.loads(archive_json([article_from_page(page, "r")], URL)), schema())


def _old_archive_json(articles, site_url):
    """What archive.json says, written the plain way: the fields indented, each article's row compact on its line."""
    from arshif.site.export import SCHEMA_PATH, records

    rows = records(articles, site_url)
    data = {"$schema": SCHEMA_PATH, "generator": "arshif", "site_url": site_url or None, "count": len(rows), "articles": rows}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if rows:
        lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)
        text = json.dumps({**data, "articles": []}, ensure_ascii=False, indent=1).replace('"articles": []', '"articles": [\n' + lines + "\n]")
    assert json.loads(text) == data
    return (text + "\n").encode("utf-8")


HOSTILE = ARTICLES + [
    art("c", dt.date(2020, 1, 2), title="سطر\nوسطر \"مقتبس\" \\ \u0000 \u2028 </script>", lead="",
        author="\x00rows\x00", entities=(Entity("\n"),)),
    art("d", None, title="", aliases=(), outlet="[]{}"),
]


def test_site_files_made_last_run_are_reused_only_for_the_same_records(monkeypatch):
    from arshif.site import feeds, sitefiles

    site = feeds.SiteInfo("أرشيف", URL)
    fresh, _ = sitefiles.site_file_pages(HOSTILE, site)
    made: dict = {}
    first, _ = sitefiles.site_file_pages(HOSTILE, site, made=made)
    assert first == fresh and set(made) == set(HOSTILE)
    calls = []
    real = sitefiles.article_files
    monkeypatch.setattr(sitefiles, "article_files", lambda r, s: calls.append(r.id) or real(r, s))
    changed = [HOSTILE[0], HOSTILE[1], art("c", dt.date(2020, 1, 3)), HOSTILE[3]]
    again, _ = sitefiles.site_file_pages(changed, site, made=made)
    assert calls == ["c"]  # only the changed record's files are made again
    assert again == sitefiles.site_file_pages(changed, site)[0]
    assert set(made) == set(changed)  # the memo holds this run's records only


def test_a_record_from_the_pages_known_data_is_the_record_from_its_yaml():
    """published.site_files gives article_record the data arshif rendered a page from (Page.data_json) instead of
    parsing the page's YAML again: the record must be the same, for the seeds and for odd values."""
    import dataclasses
    from pathlib import Path

    from arshif.build.pipeline import process_file
    from arshif.models import Field
    from arshif.site.render import render_article
    from arshif.site.sitefiles import article_record

    repo = Path(__file__).resolve().parents[2]
    links = {"entities": [{"id": "p-x", "name": "محمد: «الأول»", "type": "person", "page": True}],
             "event": {"id": "ev-1", "name": "yes", "count": "null", "page": False}}
    checked = 0
    for path in sorted((repo / "source_articles").glob("*.txt")):
        _, article, _ = process_file(path)
        odd = dataclasses.replace(article, title=Field("---\n# '1e3' : yes", "printed", "null"), author=Field("~", "printed", "-"))
        for a in (article, odd):
            page = render_article(a, links)
            assert page.data_json is not None
            text = page.content.decode("utf-8")
            assert article_record(page.path, text, json.loads(page.data_json)) == article_record(page.path, text)
            checked += 1
    assert checked >= 10


def _old_archive_csv(articles, site_url):
    """archive.csv written the plain way: one csv writer over the header and every row."""
    import csv
    import io

    from arshif.site.export import _cell, records

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(list(COLUMNS))
    for row in records(articles, site_url):
        writer.writerow([_cell(row[name]) for name in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@pytest.mark.parametrize("site_url", [URL, None])
@pytest.mark.parametrize("export", ["json", "csv"])
def test_an_export_assembled_from_rows_is_what_one_dump_gave(export, site_url):
    """archive.json and archive.csv, joined from each article's row (as the last run kept them, or made now), are
    what one json dump and one csv writer over the whole archive wrote."""
    from arshif.site.export import row_csv, row_json

    assemble, row, old = {"json": (archive_json, row_json, _old_archive_json),
                          "csv": (archive_csv, row_csv, _old_archive_csv)}[export]
    for articles in ([], ARTICLES[:1], HOSTILE, list(reversed(HOSTILE))):
        assert assemble(articles, site_url) == old(articles, site_url)
        rows = {a: row(a, site_url) for a in articles}
        assert assemble(articles, site_url, rows) == old(articles, site_url)


def test_a_record_hashes_as_its_fields_do_and_keeps_no_hash_in_its_pickle():
    # The site files key dicts by records; the hash is kept on the record once made, never pickled: a string's
    # hash is another in the next process (PYTHONHASHSEED), so a pickled one would miss every look-up there.
    import pickle
    import subprocess
    import sys

    record = ARTICLES[0]
    same = art("b", dt.date(2018, 2, 15), outlet="الاتحاد", author="دينا مصطفى", dateline="الكويت", time="01:56",
               entities=(Entity("الكويت", "kuwait", "place"), Entity("داعش")), aliases=("old-b",))
    assert record is not same and record == same and {record: 1}[same] == 1
    assert hash(record) == hash(same) == hash(record)  # twice: the kept value
    data = pickle.dumps(record)
    assert b"_hash" not in data
    # Another process, another hash seed: the record it unpickles is found in a dict of records it made itself.
    code = ("import pickle, sys; from tests.unit.test_export import ARTICLES; r = pickle.loads(sys.stdin.buffer.read()); "
            "print({ARTICLES[0]: 'found'}.get(r), r == ARTICLES[0])")
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, check=True,
                         env={**__import__("os").environ, "PYTHONHASHSEED": "12345"})
    assert out.stdout.decode().split() == ["found", "True"]
    other = art("b", dt.date(2018, 2, 16))
    assert other != record and {record: 1}.get(other) is None
