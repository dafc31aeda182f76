"""Duplicates: identical bytes give one page and a warning; the same article with other chrome is reported."""
from __future__ import annotations

import random
import time

from arshif.ingest.duplicates import find_near_duplicates, shingles
from arshif.build.pipeline import collect
from robust_corpus import article, sentence


def _collect(tmp_path, files: dict[str, str | bytes]):
    for name, text in files.items():
        (tmp_path / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return collect(sorted(tmp_path.iterdir()))


def test_same_bytes_under_two_names_give_one_page_and_a_warning(tmp_path):
    done, issues = _collect(tmp_path, {"a.txt": article(1), "b copy.txt": article(1)})
    assert [raw.name for raw, _ in done] == ["a.txt"]
    assert [(i.code, i.severity) for i in issues] == [("duplicate", "warning")]
    assert "b copy.txt" in issues[0].file and "a.txt" in issues[0].message


def test_same_article_with_other_chrome_or_encoding_is_a_near_duplicate(tmp_path):
    files = {"a.txt": article(1), "b.txt": article(1, chrome=True),
             "c.txt": article(1).replace("\n", "\r\n").encode("utf-16"), "d.txt": article(2)}
    done, issues = _collect(tmp_path, files)
    assert len(done) == 4  # reported, never dropped
    near = sorted((i.file.rsplit("/", 1)[-1], i.message.split(" (")[0]) for i in issues if i.code == "near-duplicate")
    assert near == [("b.txt", "nearly the same text as a.txt"), ("c.txt", "nearly the same text as a.txt")]


def test_a_text_two_outlets_printed_is_reported_as_their_common_story_not_as_a_page_saved_twice(tmp_path):
    import dataclasses

    from arshif.ingest.duplicates import near_duplicate_issues

    done, _ = _collect(tmp_path, {"a.txt": article(1), "b.txt": article(1, chrome=True), "c.txt": article(1, chrome=True, extra=("شارك",))})
    assert len(done) == 3

    def with_outlet(k: int, name) -> tuple:
        raw, a = done[k]
        return raw, dataclasses.replace(a, outlet=dataclasses.replace(a.outlet, value=name))

    messages = [i.message for i in near_duplicate_issues([with_outlet(0, "الشرق الأوسط"), with_outlet(1, "الاقتصادية"),
                                                         with_outlet(2, "الشرق الاوسط")])]
    assert len(messages) == 2  # both later pages name the first
    assert "another outlet printed it (الشرق الأوسط; this one: الاقتصادية): one agency story both ran?" in messages[0]
    # The same outlet (as spelt with or without hamza), or an outlet unknown on either side: a page saved twice?
    assert "the same article with different page chrome?" in messages[1]
    unknown = [i.message for i in near_duplicate_issues([with_outlet(0, None), with_outlet(1, "الاقتصادية")])]
    assert "the same article with different page chrome?" in unknown[0]


def test_edited_and_truncated_copies_are_found_unrelated_articles_are_not():
    rng = random.Random(5)
    base = [" ".join(sentence(rng) for _ in range(3)) for _ in range(6)]
    edited = base[:2] + [base[2].replace("الوزير", "المسؤول", 1) + " " + sentence(rng)] + base[3:]
    truncated = base[:5]
    other = [" ".join(sentence(rng) for _ in range(3)) for _ in range(6)]
    matches = find_near_duplicates([base, other, edited, truncated, []])
    assert [(m.first, m.second) for m in matches] == [(0, 2), (0, 3)]
    assert all(m.jaccard >= 0.7 or m.containment >= 0.9 for m in matches)


def test_spelling_variants_do_not_hide_a_copy():
    body = ["قال رئيس الوزراء إن الحكومة ستعلن خطة جديدة للمياه والكهرباء في القرى النائية خلال الأسبوع المقبل."]
    variant = [body[0].replace("إن", "ان").replace("المقبل.", "المقبل").replace("ة", "ه")]
    assert shingles(body) == shingles(variant)


def test_many_distinct_articles_no_false_match_and_near_linear_time():
    bodies = [[" ".join(sentence(random.Random(n * 7 + k)) for k in range(4))] for n in range(1500)]
    start = time.process_time()
    matches = find_near_duplicates(bodies)
    elapsed = time.process_time() - start
    assert matches == []
    assert elapsed < 15
    again = find_near_duplicates(bodies[:3] + [bodies[1]])
    assert [(m.first, m.second) for m in again] == [(1, 3)]


def test_packed_shingles_give_the_same_sketch_and_answer():
    import random

    from arshif.ingest.duplicates import SKETCH, _smallest, find_near_duplicates, packed, shingles, unpacked

    rng = random.Random(5)
    words = [f"كلمة{rng.randrange(400)}" for _ in range(3000)]
    bodies = [[" ".join(words[k:k + 400])] for k in range(0, 2400, 300)] + [[" ".join(words[:390])]]
    sets = [shingles(b) for b in bodies]
    for s in sets:
        assert unpacked(packed(s)) == s and _smallest(packed(s), SKETCH) == sorted(s)[:SKETCH]
    expected = find_near_duplicates(bodies)
    assert expected and find_near_duplicates(bodies, [packed(s) for s in sets]) == expected
