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


# ---------------------------------------------------------------- hostile and careless overrides (issue 19)

import os  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402


@pytest.mark.parametrize("line, reason", [
    ("date: 2018-13-45", "not a day of the calendar"),
    ("date: 2018-02-30", "not a day of the calendar"),
    ("date: 2018-02-15 10:30:00", "without a time"),
    ("date: 2018-02-15T10:30:00Z", "without a time"),
    ("date: 15/02/2018", "YYYY-MM-DD"),
    ("title: [أ, ب]", "title must be text, got a list"),
    ("title: {a: 1}", "title must be text, got a mapping"),
    ("author: true", "got a yes/no value (true)"),
    ("outlet: ''", "outlet is empty"),
    ("colour: red", "unknown field 'colour'"),
])
def test_a_bad_field_is_reported_and_the_rest_of_the_override_applies(tmp_path, line, reason):
    (tmp_path / "a.meta.yaml").write_text(f"{line}\ndateline: الكويت\n", encoding="utf-8")
    overrides, issues = load_overrides(tmp_path, ["a.txt"])
    assert [i.code for i in issues] == ["bad-override"]
    assert reason in issues[0].message and "a.meta.yaml" in issues[0].message, issues[0].message
    built = apply_overrides(article(), overrides["a.txt"])
    assert built.dateline.value == "الكويت"  # the good field is applied
    assert built.title.value == "عنوان" and built.date.kind == "unknown" and built.author.kind == "unknown"


def test_every_problem_of_an_override_is_reported(tmp_path):
    (tmp_path / "overrides.yaml").write_text("a.txt:\n  date: 2018-02-30\n  title: [x]\n  author: true\n  outlet: كونا\n",
                                             encoding="utf-8")
    overrides, issues = load_overrides(tmp_path, ["a.txt"])
    assert len(issues) == 3 and all(i.code == "bad-override" for i in issues)
    assert overrides["a.txt"]["outlet"] == "كونا" and "date" not in overrides["a.txt"]


def test_a_number_is_text_and_a_good_date_stays_a_date(tmp_path):
    (tmp_path / "a.meta.yaml").write_text("title: 1984\ndate: 2018-02-15\n", encoding="utf-8")
    overrides, issues = load_overrides(tmp_path, ["a.txt"])
    assert issues == [] and overrides["a.txt"]["title"] == "1984" and overrides["a.txt"]["date"] == dt.date(2018, 2, 15)
    assert type(overrides["a.txt"]["date"]) is dt.date


def test_an_override_saved_as_cp1256_is_read_with_a_warning(tmp_path):
    (tmp_path / "a.meta.yaml").write_bytes("outlet: وكالة الأنباء الكويتية من الكويت\n".encode("cp1256"))
    overrides, issues = load_overrides(tmp_path, ["a.txt"])
    assert overrides["a.txt"]["outlet"] == "وكالة الأنباء الكويتية من الكويت"
    assert [(i.severity, "save it as UTF-8" in i.message) for i in issues] == [("error", True)]


def test_undecodable_override_folder_named_meta_yaml_and_a_fifo_are_reported(tmp_path):
    (tmp_path / "a.meta.yaml").write_bytes(b"title: \xff\xfe\x81\x8d junk \x90\n")
    (tmp_path / "b.meta.yaml").mkdir()
    os.mkfifo(tmp_path / "c.meta.yaml")
    overrides, issues = load_overrides(tmp_path, ["a.txt", "b.txt", "c.txt"])
    assert overrides == {}
    by_file = {os.path.basename(i.file): i.message for i in issues}
    assert set(by_file) == {"a.meta.yaml", "b.meta.yaml", "c.meta.yaml"}
    assert "not UTF-8" in by_file["a.meta.yaml"] and "directory" in by_file["b.meta.yaml"] and "FIFO" in by_file["c.meta.yaml"]


def test_a_yaml_alias_bomb_is_refused_cheaply(tmp_path):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    (tmp_path / "overrides.yaml").write_text(bomb, encoding="utf-8")
    started = time.perf_counter()
    overrides, issues = load_overrides(tmp_path, ["a.txt"])
    assert time.perf_counter() - started < 1
    assert overrides == {} and "aliases" in issues[0].message


def test_an_override_linked_from_outside_the_project_is_refused(tmp_path):
    src = tmp_path / "p" / "source_articles"
    src.mkdir(parents=True)
    (tmp_path / "secret.yaml").write_text("title: سر\n", encoding="utf-8")
    (src / "a.meta.yaml").symlink_to(tmp_path / "secret.yaml")
    overrides, issues = load_overrides(src, ["a.txt"], tmp_path / "p")
    assert overrides == {} and "outside the project" in issues[0].message


# ---------------------------------------------------------------- hand edits whose source changed since (issue 19)


def test_a_hand_edit_whose_source_changed_is_on_the_report_page_with_what_changed(tmp_path):
    from arshif.build.pipeline import preprocess

    src = tmp_path / "source_articles"
    src.mkdir()
    lines = ["عنوان الخبر عن الاجتماع الوزاري", "", "13 فبراير 2018", ""]
    body = "أعلن الوزير خلال الاجتماع في المدينة أن الاتفاق مع اللجنة سيوقع بعد المفاوضات الطويلة بين الشركات."
    (src / "a.txt").write_text("\n".join(lines + [body, "", body.replace("الوزير", "الرئيس"), ""]), encoding="utf-8")
    docs = tmp_path / "docs"
    preprocess(src, docs, use_cache=False)
    page = docs / "articles" / "a.md"
    page.write_text(page.read_text(encoding="utf-8").replace("الاجتماع", "اللقاء"), encoding="utf-8")  # by hand
    edited = page.read_bytes()
    plain = preprocess(src, docs, use_cache=False)  # source unchanged: the plain "changed by hand" note
    assert [i.code for i in plain.issues if i.file == "articles/a.md"] == ["overwrite-refused"]
    (src / "a.meta.yaml").write_text("date: 2019-01-30\n", encoding="utf-8")  # now arshif would write another page
    result = preprocess(src, docs, use_cache=False)
    assert page.read_bytes() == edited  # the hand edit is kept
    mine = [i for i in result.issues if i.file == "articles/a.md"]
    assert [i.code for i in mine] == ["hand-edit-conflict"], mine
    assert "date" in mine[0].message and "date_kind" in mine[0].message
    report = (docs / "report.md").read_text(encoding="utf-8")
    assert "hand-edit-conflict" in report and "articles/a.md" in report
