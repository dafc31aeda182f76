"""Editor overrides win, say so, and unmatched overrides are reported."""
import datetime as dt

from arshif.models import Article, Field
from arshif.ingest.overrides import apply_overrides, load_overrides


def article():
    unknown = Field.unknown("no evidence")
    return Article(id="a", source_file="a.txt", source_sha256="0", encoding="utf-8", title=Field("عنوان", "printed", "headline"),
                   title_derived=False, date=unknown, outlet=unknown, author=unknown, dateline=unknown, body=("نص.",), removed=())


def test_meta_file_sets_fields_with_editor_basis(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("date: 2024-09-09\noutlet: كونا\nnote: من أرشيف الوكالة\n", encoding="utf-8")
    overrides, issues = load_overrides(tmp_path, ["a.txt"])
    assert issues == []
    changed = apply_overrides(article(), overrides["a.txt"])
    assert changed.date.value == dt.date(2024, 9, 9) and changed.date.kind == "editor"
    assert "a.meta.yaml" in changed.date.basis and "من أرشيف الوكالة" in changed.date.basis
    assert changed.outlet.value == "كونا"
    assert changed.title.value == "عنوان"  # untouched fields stay


def test_bulk_overrides_and_unmatched_are_reported(tmp_path):
    (tmp_path / "overrides.yaml").write_text("a.txt:\n  author: دينا مصطفى\nmissing.txt:\n  title: x\n", encoding="utf-8")
    overrides, issues = load_overrides(tmp_path, ["a.txt"])
    assert overrides["a.txt"]["author"] == "دينا مصطفى"
    assert [(i.code, i.severity) for i in issues] == [("unmatched-override", "warning")]
    assert "missing.txt" in issues[0].message


def test_bad_override_is_an_issue_naming_the_file(tmp_path):
    (tmp_path / "a.meta.yaml").write_text("date: 30/01/2019\ncolour: red\n", encoding="utf-8")
    overrides, issues = load_overrides(tmp_path, ["a.txt"])
    assert overrides == {}
    assert issues[0].code == "bad-override" and "a.meta.yaml" in issues[0].message
