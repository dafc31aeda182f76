"""site.search_stems: last run's stems, but for the words a change of counts can reach, are the stems made anew."""
from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, strategies as st

from arshif.site import search_stems, search_terms
from arshif.text import normalize

# Words built of clitic groups and a few stems, so that strip_known has remainders to find and to count.
_GROUPS = ("", "و", "ال", "وال", "ب", "بال", "لل", "ف", "ك")
_STEMS = ("كتاب", "تاب", "اب", "مدرسة", "درسة", "رسة", "سوق", "وق", "لعب", "عب", "امن", "من")
_WORDS = st.lists(st.tuples(st.sampled_from(_GROUPS), st.sampled_from(_GROUPS), st.sampled_from(_STEMS)),
                  min_size=1, max_size=60).map(lambda parts: list(dict.fromkeys(a + b + c for a, b, c in parts)))


def _stems_from_nothing(words: list[str], totals: np.ndarray) -> np.ndarray:
    vocab = search_terms.Vocabulary({w: int(t) for w, t in zip(words, totals) if t})
    return np.array([len(w) - len(vocab.stem(w)) if t else 0 for w, t in zip(words, totals)], dtype=np.int32)


def _made(words: list[str], totals: np.ndarray, previous=None) -> search_stems.StemMemo:
    vocab = search_terms.Vocabulary({w: int(t) for w, t in zip(words, totals) if t})
    return search_stems.known_stripped(words, totals, vocab.stem, previous)


@given(_WORDS, st.data())
def test_after_any_change_of_counts_the_kept_stems_are_those_made_from_nothing(words, data):
    """Counts raised, lowered, dropped to nothing and new words at the table's end: the table only grows, as the
    search memo's does between two of its rewrites."""
    before = np.array(data.draw(st.lists(st.integers(0, 5), min_size=len(words), max_size=len(words))), dtype=np.int64)
    previous = _made(words, before)
    assert previous.stripped.tolist() == _stems_from_nothing(words, before).tolist()
    added = data.draw(st.lists(st.sampled_from(_STEMS) | st.builds(str.__add__, st.sampled_from(_GROUPS[1:]),
                                                                         st.sampled_from(_STEMS)), max_size=5))
    grown = words + [w for w in dict.fromkeys(added) if w not in words]
    after = np.array(data.draw(st.lists(st.integers(0, 5), min_size=len(grown), max_size=len(grown))), dtype=np.int64)
    made = _made(grown, after, previous)
    assert made.stripped.tolist() == _stems_from_nothing(grown, after).tolist()
    assert made.totals.tolist() == after.tolist()


def test_the_words_no_change_reaches_keep_last_runs_stems():
    """The memo is used: a stem it holds for a word none of whose ends changed count is taken as it is, even a
    wrong one (which only a damaged memo could hold), while a word whose own count changed is stripped again."""
    words = ["الكتاب", "كتاب", "المدرسة", "مدرسة"]
    totals = np.array([3, 2, 4, 1], dtype=np.int64)
    right = _made(words, totals)
    assert right.stripped.tolist() == [2, 0, 2, 0]
    planted = dataclasses.replace(right, stripped=np.array([2, 0, 5, 0], dtype=np.int32))
    changed = totals.copy()
    changed[1] = 7  # كتاب, an end of الكتاب: both are stripped again; المدرسة and مدرسة are not
    assert _made(words, changed, planted).stripped.tolist() == [2, 0, 5, 0]
    planted = dataclasses.replace(right, stripped=np.array([0, 4, 5, 0], dtype=np.int32))
    assert _made(words, changed, planted).stripped.tolist() == [2, 0, 5, 0]


def test_a_memo_of_another_table_is_not_taken():
    words = ["الكتاب", "كتاب", "المدرسة", "مدرسة"]
    totals = np.array([3, 2, 4, 1], dtype=np.int64)
    wrong = dataclasses.replace(_made(words, totals), stripped=np.array([1, 1, 1, 1], dtype=np.int32))
    renumbered = [words[1], words[0], *words[2:]]  # the memo written whole again, its words in another order
    assert _made(renumbered, totals, wrong).stripped.tolist() == _stems_from_nothing(renumbered, totals).tolist()
    assert _made(words[:3], totals[:3], wrong).stripped.tolist() == _stems_from_nothing(words[:3], totals[:3]).tolist()
    assert _made(words, totals, "not a memo").stripped.tolist() == [2, 0, 2, 0]
    right = _made(words, totals)
    damaged = [{"totals": None}, {"stripped": [9, 9, 9, 9]}, {"stripped": right.stripped.astype(np.float64)},
               {"totals": right.totals.reshape(2, 2)}, {"digest": "x"}]
    for fields in damaged:  # a memo damaged in the cache is not taken: the stems are made again
        assert _made(words, totals, dataclasses.replace(right, **fields)).stripped.tolist() == [2, 0, 2, 0]


def test_stems_are_what_strip_known_gives():
    words = ["والمدرسة", "مدرسة", "للمدرسة", "وكتاب"]
    totals = np.array([1, 5, 2, 1], dtype=np.int64)
    known = {w: int(t) for w, t in zip(words, totals)}
    expected = [len(w) - len(normalize.strip_known(w, search_terms.Vocabulary(known).known)) for w in words]
    assert _made(words, totals).stripped.tolist() == expected
