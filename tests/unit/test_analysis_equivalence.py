"""The fast paths of relate's per-article analysis give the answers of the plain code they replaced.

Each test runs the code as it was before the speed work (kept here, short) next to the fast one, on the seed
articles, on real corpus paragraphs and on seeded random texts built to meet the edge cases (marks, tatweel,
punctuation glued to words, line breaks, chunks without letters, a capital sigma, gazetteer names behind clitics).
The whole check on 2,000 real articles is `scripts/analysis_speed.py --dump/--compare`.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import random
from pathlib import Path
from typing import Optional

import pytest

from arshif.ingest.duplicates import SHINGLE, shingles, unpacked, word_shingles
from arshif.models import Article, Field
from arshif.relate.archive import analyse
from arshif.relate.entities import Entity, Mention, _name_after, extract_entities, gazetteer, pattern_id, words
from arshif.relate.entity_words import _scan_whole, fast_fold, scan
from arshif.text.normalize import MIN_STEM, PREFIXES, fold, strip_clitics, tokens

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "source_articles").glob("*.txt"))
CORPUS = REPO.parent / "shared" / "corpus" / "saudinewsnet"


# ------------------------------------------------------------------------------------- the code as it was
def old_find_mentions(text: str) -> tuple[list[Mention], dict[str, Entity]]:
    g = gazetteer()
    ws = _scan_whole(text)
    n = len(ws)
    owner: list[Optional[str]] = [None] * n
    found: list[tuple[int, Mention]] = []
    i = 0
    while i < n:
        for keys, ent_id in g.index.get(ws[i].key, ()):
            size = len(keys)
            if i + size <= n and all(keys[k].matches(ws[i + k]) for k in range(size)) \
                    and not any(ws[i + k].hard for k in range(1, size)):
                found.append((i, Mention(ent_id, " ".join(w.folded for w in ws[i:i + size]), "gazetteer")))
                for k in range(size):
                    owner[i + k] = ent_id
                i += size
                break
        else:
            i += 1
    new: dict[str, Entity] = {}
    surfaces = None
    for i in range(n):
        for rule, keys in g.titles.get(ws[i].key, ()):
            size = len(keys)
            if i + size <= n and owner[i] is None and all(ws[i + k].key == keys[k] for k in range(size)):
                name = _name_after(ws, owner, i + size, g)
                if name:
                    start, end = name
                    ent_id = pattern_id(tuple(w.key for w in ws[start:end]))
                    if surfaces is None:
                        surfaces = words(text)
                    if len(surfaces) == n:
                        surface = " ".join(w.surface for w in surfaces[start:end])
                    else:
                        surface = " ".join(w.folded for w in ws[start:end])
                    found.append((start, Mention(ent_id, surface, rule)))
                    new.setdefault(ent_id, Entity(ent_id, surface, "person", (), "pattern"))
                    for k in range(start, end):
                        owner[k] = ent_id
                break
    found.sort(key=lambda f: f[0])
    return [m for _, m in found], new


def old_extract_entities(title: str, body) -> tuple:
    mentions, new = [], {}
    for text in (title, *body):
        found, extra = old_find_mentions(text or "")
        mentions.extend(found)
        new.update(extra)
    return tuple(dict.fromkeys(m.entity for m in mentions)), mentions, new


def old_strip_clitics(token: str) -> str:
    if not token or not ("\u0600" <= token[0] <= "\u06ff"):
        return token
    for prefix in PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= MIN_STEM:
            return token[len(prefix):]
    return token


def old_shingles(paragraphs) -> frozenset:
    ws = tokens(" ".join(paragraphs))
    if not ws:
        return frozenset()
    grams = [" ".join(ws)] if len(ws) < SHINGLE else (" ".join(ws[i:i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1))
    return frozenset(int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") for g in grams)


# ------------------------------------------------------------------------------------- texts
def _corpus(limit: int = 300) -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                out.append((rec.get("title") or "", [p for p in (rec.get("content") or "").split("\n") if p.strip()]))
                if len(out) >= limit:
                    return out
    return out


def _name_words() -> list[str]:
    g = gazetteer()
    out = [w for e in g.entities.values() for name in (e.name, *e.aliases) for w in name.split()]
    out += [w for entries in g.titles.values() for _, keys in entries for w in keys]
    return out + sorted(g.qualifiers) + sorted(g.connectors)


GLUE = [" ", " ", " ", "  ", "\n", " \n ", "\t", "\u00a0", "\u2028", ". ", "، ", "؛ ", ": ", "! ", "؟ ", " (", ") ", " «",
        "» ", " \"", "\" ", " - ", " ... ", "،", ".", " ، ", " ؟", "(", ")", " \u064b ", " \u0640 ", " 12 ", " ١٢ ", " _ "]
WORD_EDGES = ["", "", "", "", "و", "ب", "ال", "وال", "بال", "لل", "ف", "ك"]
MARKS = ["", "", "", "", "\u064e", "\u0651", "\u0640", "\u0670"]
ODD = ["Σ", "ΣΑΣ", "İstanbul", "ß", "ﷲ", "x_y", "٣", "…", "\u200f", "\u200c", "ـــ", "\u064b\u064c", "A.B", "e-mail"]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = _name_words()
    corpus_words = [w for _, body in _corpus(60) for p in body for w in p.split()]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 40)):
            roll = rng.random()
            word = rng.choice(pool) if roll < 0.5 else rng.choice(corpus_words) if roll < 0.95 else rng.choice(ODD)
            if rng.random() < 0.2:
                word = rng.choice(WORD_EDGES) + word
            if rng.random() < 0.1:
                k = rng.randint(0, len(word))
                word = word[:k] + rng.choice(MARKS) + word[k:]
            parts.append(word)
            parts.append(rng.choice(GLUE))
        out.append("".join(parts[:-1]) if rng.random() < 0.7 else "".join(parts))
    return out


def _texts() -> list[str]:
    texts = [x for f in SEEDS for x in f.read_text(encoding="utf-8").split("\n\n")]
    texts += [f.read_text(encoding="utf-8") for f in SEEDS]  # whole pages: line breaks inside a text
    for title, body in _corpus():
        texts.append(title)
        texts.extend(body)
    return texts + _random_texts(3000, seed=11) + ["", " ", "\n", "Σ", "،", "\u064b", "و \u064b و", "ا\nب"]


# ------------------------------------------------------------------------------------- tests
def test_scan_equals_the_whole_text_scan():
    for text in _texts():
        assert scan(text) == _scan_whole(text), text


def test_scan_keeps_the_breaks_around_chunks_without_words():
    # A chunk of marks only folds to nothing; one of punctuation only breaks the phrase; a line break is hard.
    for text in ("أ \u064b ب", "أ ، ب", "أ «ب» ج", "أ\nب", "أ.\n«ب", "«أ» . «ب»", "\u064b أ", "(أ)ب"):
        assert scan(text) == _scan_whole(text), text


def test_mentions_as_before():
    texts = _texts()
    for text in texts:
        assert extract_entities(text, []) == old_extract_entities(text, []), text
    found = sum(len(old_extract_entities(t, [])[1]) for t in texts)
    assert found > 1000  # the texts do meet names, titles and their traps


def test_articles_analysed_as_before():
    for title, body in _corpus() + [("", t.split("\n")) for t in _random_texts(400, seed=12)]:
        words: list[str] = []
        assert extract_entities(title, body, words) == old_extract_entities(title, body)
        assert words == tokens(" ".join(body)) or any("Σ" in p for p in body)
        none = Field(None, "unknown", "-")
        article = Article("x", "x.txt", "", "utf-8", Field(title, "printed", "-"), False, none, none, none, none, tuple(body), ())
        a = analyse(article)
        assert unpacked(a.shingles) == old_shingles(body) == shingles(body)
        assert a.entities == old_extract_entities(title, body)[0]


@pytest.mark.parametrize("count", [0, 1, 4, 5, 6, 50, 4099, 4100, 4101, 9000])  # batches of 4,096 runs
def test_word_shingles_as_before(count):
    ws = [f"كلمه{i % 7}{i // 700}" for i in range(count)]  # folded words, as tokens() gives them
    assert word_shingles(ws) == old_shingles([" ".join(ws)])


def test_strip_clitics_as_before():
    rng = random.Random(3)
    letters = "وفبكلالمنسيةءئ"
    samples = [w for text in _texts() for w in tokens(text)]
    samples += ["".join(rng.choice(letters) for _ in range(rng.randint(0, 8))) for _ in range(20000)]
    samples += [p + w for p in PREFIXES for w in ("", "ا", "اب", "ابت", "ابتث", "ال", "لل")]
    for w in samples:
        assert strip_clitics(w) == old_strip_clitics(w), w


def test_fast_fold_is_fold_on_every_character():
    every = "".join(map(chr, range(0x110000)))
    assert fast_fold(every) == fold(every)
    for text in _texts()[:2000]:
        assert fast_fold(text) == fold(text)


def test_scan_table_starts_again_when_full(monkeypatch):
    from arshif.relate import entity_words

    texts = _texts()[:400]
    monkeypatch.setattr(entity_words, "MAX_CHUNKS", 50)
    entity_words._scan_table().clear()
    for text in texts:
        assert scan(text) == _scan_whole(text)
        assert len(entity_words._scan_table()) <= 50 + len(text.split())
    assert extract_entities(texts[-1], texts[:20]) == old_extract_entities(texts[-1], texts[:20])


def test_a_word_is_what_isalnum_accepts():
    # _chunk_entry tells a chunk that is one word by str.isalnum(), the word regex's [^\W_] class
    from arshif.relate.entity_words import _WORD

    every = "".join(map(chr, range(0x110000)))
    assert "".join(_WORD.findall(every)) == "".join(c for c in every if c.isalnum())
