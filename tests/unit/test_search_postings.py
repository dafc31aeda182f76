"""The index made in arrays (search_postings) and from the memo (search_docs) is the index the loops make.

search_terms.document_terms() and weighted_postings() say, one document at a time, what a posting is, and
search_index.encode_weighted() how it is coded; the index is built over arrays instead, and from each article's
words kept between runs. Both must give the same bytes: here the loops are run as the index used to run them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import pickle
import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from arshif.site import search_docs, search_index, search_postings, search_terms
from arshif.site.render import sort_key
from arshif.text import normalize
from test_search_index import ARTICLES, make_article

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "saudinewsnet" / "2015-07-21.jsonl.gz"


def _corpus_articles(limit: int = 300) -> list:
    out = []
    if CORPUS.is_file():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                r = json.loads(line)
                body = tuple(p.strip() for p in r["content"].split("\n") if p.strip())
                if r.get("title", "").strip() and body:
                    out.append(make_article(f"c{n}", r["title"].strip(), body, outlet=r.get("source"),
                                            date=dt.date(2015, 7, 1 + n % 28), author=r.get("author") or None))
                if len(out) >= limit:
                    break
    return out


ODD = [
    make_article("o1", "في10شوال 1436ه الكويت الكويت والكويت", ("و3 ال15 ولبنان لبنان", "بالكويت كويت"), outlet="و3"),
    make_article("o2", "o2", ("",), extra=(("place", ("الرياض", "جدة")), ("section", "اقتصاد"))),
    make_article("o3", " ".join(f"كلمة{n}" for n in range(40)), ("نص " * 50,), author="  "),
]


def _reference_entries(articles):
    """search_index._entries as it was: every article's tokens, then document_terms and weighted_postings."""
    outlets, fields, words = {}, [], Counter()
    for article in articles:
        title, outlet = search_docs.title_of(article), search_docs.outlet_of(article)
        segments = search_docs.segments(article)
        lead, _, rest = segments[0].partition("\n")
        tokens = [search_docs.with_parts(normalize.tokens(t)) for t in (title, lead, rest, outlet, *segments[1:])]
        for toks in tokens:
            words.update(toks)
        fields.append((title, outlet, tokens))
        outlets.setdefault(outlet, len(outlets))
    vocab = search_terms.Vocabulary(words)
    average = search_terms.average_lengths([[len(t[0]), len(t[1]), sum(map(len, t[2:]))] for _, _, t in fields])
    docs = [search_terms.document_terms(vocab, t[0], t[1], t[2:]) for _, _, t in fields]
    entries = {**search_terms.redirect_entries(vocab), **search_terms.form_entries(vocab)}
    for key, pairs in search_terms.weighted_postings(docs, average).items():
        coded = search_index.encode_weighted(pairs)
        entries[key] = [entries[key], coded] if key in entries else coded
    metas = [[a.id, search_index.encode_text(t), a.date_value.isoformat() if a.date_value else "", outlets[o]]
             for a, (t, o, _) in zip(articles, fields)]
    return entries, metas, list(outlets)


def _entries(articles):
    memo = search_docs.SearchMemo()
    records = [memo.record(a, search_index.encode_text) for a in articles]
    return search_index._entries(articles, records, memo)


@pytest.mark.parametrize("articles", [ARTICLES, ODD, ARTICLES + ODD + _corpus_articles()], ids=["seeds", "odd", "corpus"])
def test_the_arrays_give_the_entries_of_the_loops(articles):
    ordered = sorted(articles, key=sort_key)
    assert _entries(ordered) == _reference_entries(ordered)


def test_weights_and_codes_of_random_documents():
    rng = random.Random(7)
    docs = []
    for _ in range(300):
        doc = search_terms.DocumentTerms()
        for name in search_terms.FIELDS:
            for _ in range(rng.randrange(0, 12)):
                doc.counts[name][f"k{rng.randrange(40)}"] += rng.randrange(1, 4)
            doc.lengths[name] = sum(doc.counts[name].values()) + rng.randrange(0, 5)
        for position, key in enumerate(doc.counts["title"]):
            doc.title[key], doc.forms[key] = min(position, 31), rng.choice([0, 1, 5, 31])
        docs.append(doc)
    want = {k: search_index.encode_weighted(p) for k, p in search_terms.weighted_postings(docs).items()}
    average = search_terms.average_lengths([[d.lengths[f] for f in search_terms.FIELDS] for d in docs])
    names = sorted(want)
    rows = [(names.index(k), n, f, tf) for n, d in enumerate(docs) for f, name in enumerate(search_terms.FIELDS)
            for k, tf in d.counts[name].items()]
    keys, numbers, fields, tfs = (np.array(c, dtype=np.int64) for c in zip(*rows))
    lengths = np.array([[d.lengths[f] for f in search_terms.FIELDS] for d in docs], dtype=np.int64)
    keys, numbers, weights, in_title = search_postings.weigh(keys, numbers, fields, tfs, lengths, average)
    title = np.array([[docs[d].title.get(names[k], 0), docs[d].forms.get(names[k], 0), min(len(docs[d].title), 31)]
                      for k, d in zip(keys.tolist(), numbers.tolist())], dtype=np.int64).reshape(-1, 3)
    digits = np.where(in_title, weights | search_terms.TITLE_FLAG, weights)
    got = dict(zip((names[k] for k in search_postings.encode(keys, numbers, digits, title)[0].tolist()),
                   search_postings.encode(keys, numbers, digits, title)[1]))
    assert got == want


def test_long_gaps_are_coded_as_the_loop_codes_them():
    numbers = np.array([0, 31, 32, 33, 1100, 40_000, 2_000_000], dtype=np.int64)
    keys = np.zeros(len(numbers), dtype=np.int64)
    digits = np.array([1, 2, 3, 17, 5, 6, 31], dtype=np.int64)
    title = np.zeros((len(numbers), 3), dtype=np.int64)
    title[3] = (4, 31, 2)
    title[6] = (0, 0, 30)
    want = search_index.encode_weighted([(d, g, *t) if g & 16 else (d, g) for d, g, t in zip(numbers.tolist(), digits.tolist(), title.tolist())])
    assert search_postings.encode(keys, numbers, digits, title)[1] == [want]


def test_the_memo_gives_the_same_pages_and_remakes_only_what_changed():
    articles = ARTICLES + ODD + _corpus_articles(60)
    memo = search_docs.SearchMemo()
    assert search_index.build_search_pages(articles, memo) == search_index.build_search_pages(articles)
    assert memo.made == len(articles)
    edited = list(articles)
    edited[4] = dataclasses.replace(edited[4], body=edited[4].body + ("فقرة أضيفت بعد ذلك في الكويت",))
    again = search_docs.SearchMemo.from_state(pickle.loads(pickle.dumps(memo.state())))
    assert search_index.build_search_pages(edited, again) == search_index.build_search_pages(edited)
    assert again.made == 1
    kept = again.state()
    assert len(kept["records"]) == len(articles)  # the record of the text before the edit is let go
    assert search_docs.SearchMemo.from_state({"version": -1}).records == {}


def test_the_memo_renumbers_its_words_when_many_are_no_longer_used():
    memo = search_docs.SearchMemo()
    search_index.build_search_pages(ARTICLES + ODD, memo)
    fewer = search_docs.SearchMemo.from_state(memo.state())
    search_index.build_search_pages(ARTICLES[:1], fewer)
    state = fewer.state()
    assert len(state["words"]) < len(memo.words)
    assert search_index.build_search_pages(ARTICLES[:1], search_docs.SearchMemo.from_state(state)) == \
        search_index.build_search_pages(ARTICLES[:1])


@pytest.mark.parametrize("value", ["abc-_Z09", "=كويت=لبنان", 'a"b', "a\\b", "\x01", "\U0001f600", 12, [3, "ab-"], [3, "=ك"], True, None])
def test_entry_sizes_are_those_of_json(value):
    assert search_index._json_size(value) == len(json.dumps(value))


def test_keys_sort_as_javascript_sorts_them():
    keys = ["b", "a", "\uffff", "\U0001f600", "ك", "\ue000", "ab"]
    assert search_index._js_sorted(keys) == sorted(keys, key=search_index.js_order)
    assert search_index._js_sorted(keys[:-2]) == sorted(keys[:-2], key=search_index.js_order)


def test_words_read_elsewhere_give_the_index_of_words_read_here():
    """The extraction workers read each article's words (search_docs.read_words) for the index's own process: the
    same pages and memo result; words read for another text (the article edited since) are not taken."""
    articles = ARTICLES + ODD + _corpus_articles(120)
    read = {a.id: search_docs.read_words(a, search_index.encode_text) for a in articles}
    here, there = search_docs.SearchMemo(), search_docs.SearchMemo()
    assert search_index.build_search_pages(articles, there, read) == search_index.build_search_pages(articles, here)
    assert there.state() == here.state() and there.made == here.made == len(read)
    stale = dataclasses.replace(articles[0], body=(*articles[0].body, "فقرة أضيفت بعد القراءة"))
    memo = search_docs.SearchMemo()
    got = memo.record(stale, search_index.encode_text, read[stale.id])
    assert got == search_docs.SearchMemo().record(stale, search_index.encode_text)
    assert got != search_docs.SearchMemo().record(articles[0], search_index.encode_text)


def test_rows_in_any_order_give_the_postings_of_rows_in_document_order():
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 30, 500)
    docs = np.sort(rng.integers(0, 60, 500))
    fields = rng.integers(0, 3, 500)
    tfs = rng.integers(1, 5, 500)
    lengths = rng.integers(1, 40, (60, 3))
    average = search_terms.average_lengths(lengths.tolist())
    ordered = search_postings.weigh(keys, docs, fields, tfs, lengths, average)
    shuffle = rng.permutation(500)
    shuffled = search_postings.weigh(keys[shuffle], docs[shuffle], fields[shuffle], tfs[shuffle], lengths, average)
    assert all(np.array_equal(a, b) and a.dtype == b.dtype for a, b in zip(ordered, shuffled))
    pairs = sorted(set(zip(keys.tolist(), docs.tolist())))
    assert list(zip(ordered[0].tolist(), ordered[1].tolist())) == pairs
