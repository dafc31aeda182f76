"""The search's ranking, run by the page's own JavaScript (tests/js/query_index.js, node) over indexes built here.

Each case is a small archive where one article is the right answer and the others are what used to come first.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from arshif.models import Article, Field
from arshif.site.search_index import build_search_pages

HERE = Path(__file__).resolve().parent
NODE = shutil.which("node")
if NODE is None:  # a missing tool is a failure, not a skip: .ci/run installs nodejs
    pytest.fail("node is not installed (apt-get install -y nodejs): the search's JavaScript cannot be tested", pytrace=False)


def _article(id_: str, title: str, body: str = "نص المقال.", day: int = 1) -> Article:
    f = lambda v: Field(v, "printed", "test")  # noqa: E731
    return Article(id=id_, source_file=f"{id_}.txt", source_sha256="0" * 64, encoding="utf-8", title=f(title),
                   title_derived=False, date=f(dt.date(2015, 7, day)), outlet=Field.unknown("test"),
                   author=Field.unknown("test"), dateline=Field.unknown("test"), body=(body,), removed=())


def search(tmp_path: Path, articles: list[Article], queries: list[str], typing: bool = False) -> list[dict]:
    docs = tmp_path / "docs"
    for page in build_search_pages(articles):
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.content)
    case_file = tmp_path / "queries.json"
    case_file.write_text(json.dumps([[q, typing] for q in queries], ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([NODE, str(HERE / "query_index.js"), str(docs), str(case_file)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def first(tmp_path: Path, articles: list[Article], queries: list[str], typing: bool = False) -> list[str]:
    return [r["ids"][0] if r["ids"] else None for r in search(tmp_path, articles, queries, typing)]


def test_the_form_typed_ranks_the_headline_printing_it_first(tmp_path):
    """الأسعار typed with its article finds first the headline that prints الأسعار, أسعار the one printing أسعار;
    the same for a clitic (بعيد / عيد) and a hamza left out (الاغاثة for الإغاثة): fold-level forms count as typed.
    Everything else is equal, so without the form both queries of a pair give the same order."""
    articles = [
        _article("a1", "الأسعار ترتفع في الرياض", day=2), _article("a2", "أسعار ترتفع في الرياض", day=1),
        _article("b1", "الاحتفال بعيد الفطر في جدة", day=3), _article("b2", "الاحتفال عيد الفطر في جدة", day=4),
        _article("c1", "وصول طائرة إغاثة سعودية", day=5), _article("c2", "وصول طائرة الإغاثة السعودية", day=6),
    ]
    got = first(tmp_path, articles, ["الاسعار ترتفع", "اسعار ترتفع", "بعيد الفطر", "عيد الفطر", "الاغاثة السعودية",
                                     "إغاثة سعودية", "وبعيد الفطر"])
    assert got == ["a1", "a2", "b1", "b2", "c2", "c1", "b1"]


def test_a_form_the_archive_does_not_print_still_finds_every_form(tmp_path):
    """The bonus is for a form the headline prints; it never hides the others: وبالأسعار (printed nowhere) finds both."""
    articles = [_article("a1", "الأسعار ترتفع", day=2), _article("a2", "أسعار ترتفع", day=1)]
    (result,) = search(tmp_path, articles, ["وبالأسعار"])
    assert sorted(result["ids"]) == ["a1", "a2"] and not result["unknown"]


def test_the_shorter_headline_holding_every_word_comes_first(tmp_path):
    """The whole headline typed: the article whose headline is just that comes before a longer one holding it."""
    articles = [
        _article("long", "الدفعة الإغاثية الطبية الثالثة من مركز الملك سلمان للإغاثة تصل حضرموت", day=9),
        _article("short", "الدفعة الإغاثية الطبية الثالثة تصل حضرموت", day=1),
    ]
    assert first(tmp_path, articles, ["الدفعة الاغاثية الطبية الثالثة تصل حضرموت"]) == ["short"]


def test_words_in_the_order_typed_beat_the_same_words_apart(tmp_path):
    articles = [_article("apart", "وزير يزور الخارجية", day=9), _article("near", "يزور وزير الخارجية", day=1)]
    assert first(tmp_path, articles, ["وزير الخارجية"]) == ["near"]


def test_ranking_is_deterministic(tmp_path):
    articles = [_article(f"d{n}", f"خبر رقم {n} عن الطقس", day=1 + n % 5) for n in range(12)]
    a = search(tmp_path / "a", articles, ["الطقس", "خبر الطقس"])
    b = search(tmp_path / "b", list(reversed(articles)), ["الطقس", "خبر الطقس"])
    assert a == b


def test_a_word_glued_to_a_number_is_found_by_each_part(tmp_path):
    """«في10شوال» and «1436ه» are one token each; شوال, 10 and 1436 typed alone find them, and so does the whole."""
    articles = [_article("glued", "لقاء معايدة في10شوال.. وتطوير سوق عكاظ", "أقيم اللقاء عام 1436ه في الرياض."),
                _article("other", "سوق الأسهم", "نص آخر.")]
    results = search(tmp_path, articles, ["شوال", "1436", "في10شوال", "1436ه", "وشوال وتطوير"])
    assert [r["ids"] for r in results] == [["glued"]] * 5


def test_a_headline_typed_whole_beats_a_longer_one_about_it(tmp_path):
    """«مطار الملك خالد» typed: that headline comes before «عطل مطار الملك خالد!», newer and saying the words more
    often in its body (its BM25F weights are higher: the share of the headline typed tells them apart)."""
    body = "أعلن مطار الملك خالد الدولي. " * 2
    articles = [_article("long", "عطل مطار الملك خالد!", body, day=9), _article("whole", "مطار الملك خالد", "نص قصير.", day=1)]
    assert first(tmp_path, articles, ["مطار الملك خالد", "مطار الملك وخالد"]) == ["whole", "whole"]
