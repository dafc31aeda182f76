#!/usr/bin/env python3
"""Bylines on real bylines: recognition of the `author` values of ../shared/corpus, and false positives.

Every distinct `author` value of the SaudiNewsNet corpus (the byline exactly as each site printed it, with
&nbsp; stripped) is read by `byline_line`. Prints:
  - coverage: the share recognised as a byline at all, weighted by articles and over distinct values;
  - the most frequent values not recognised (what to teach next);
  - false positives: corpus titles and first sentences of bodies that `byline_line` reads as a byline.
    They must not be, with one exception counted apart: some sites (عين اليوم, الجزيرة, واس) put the byline
    in the body as its first line ("غالب السهلي – بريدة"), so a first line that is a whole line of its own is
    reported as "opening lines", not as a false positive;
  - the hand-labelled table tests/data/bylines_real.yaml: what came out against what was expected.

Usage: python scripts/byline_eval.py [--show 40] [--fp-show 20] [--labelled-only]
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from arshif.recognise.byline import byline_line  # noqa: E402
from arshif.recognise.outlets import outlet_line  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
LABELLED = ROOT / "tests" / "data" / "bylines_real.yaml"
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s|\n")


def clean_author(value: str) -> str:
    return " ".join(html.unescape(value.replace("&nbsp;", " ")).replace("\u00a0", " ").split())


def first_sentence(content: str) -> str:
    text = content.strip()
    m = _SENTENCE_END.search(text)
    return " ".join((text[:m.start()] if m else text).split())


def load_corpus() -> tuple[Counter, list[str], list[tuple[str, bool]]]:
    """Author values with their counts, titles, and (first sentence, whether it is the body's whole first line)."""
    authors: Counter = Counter()
    titles: list[str] = []
    sentences: list[tuple[str, bool]] = []
    for f in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                author = clean_author(rec.get("author") or "")
                if author:
                    authors[author] += 1
                if (rec.get("title") or "").strip():
                    titles.append(" ".join(rec["title"].split()))
                if (rec.get("content") or "").strip():
                    sentence = first_sentence(rec["content"])
                    sentences.append((sentence, sentence == " ".join(rec["content"].strip().split("\n")[0].split())))
    return authors, titles, sentences


def describe(b) -> str:
    if b is None:
        return "-"
    photo = f" photo={b.photo!r}" if b.photo else ""
    return f"author={b.author!r} dateline={b.dateline!r} credit={b.credit!r}{photo} [{b.rule}]"


def coverage(authors: Counter, show: int) -> None:
    total = sum(authors.values())
    hits = {a: byline_line(a) for a in authors}
    got = [a for a, b in hits.items() if b is not None]
    weighted = sum(authors[a] for a in got)
    print(f"author values: {total} articles, {len(authors)} distinct")
    print(f"recognised as a byline: {weighted / total:.1%} of articles ({weighted}), "
          f"{len(got) / len(authors):.1%} of distinct values ({len(got)})")
    rules = Counter()
    for a, b in hits.items():
        if b is not None:
            rules[b.rule] += authors[a]
    print("by rule (articles): " + ", ".join(f"{r} {n}" for r, n in rules.most_common()))
    with_author = sum(authors[a] for a, b in hits.items() if b is not None and b.author)
    print(f"with an author: {with_author} articles; with a dateline: "
          f"{sum(authors[a] for a, b in hits.items() if b is not None and b.dateline)}")
    signed = sum(n for a, n in authors.items() if hits[a] is None and outlet_line(a, where="tail"))
    print(f"not a byline but an outlet's signature line (outlet_line, e.g. \"رويترز\"): {signed} articles; "
          f"either: {(weighted + signed) / total:.1%}")
    missed = [(authors[a], a) for a, b in hits.items() if b is None]
    missed.sort(key=lambda t: (-t[0], t[1]))
    if show:
        print(f"\nmost frequent values not recognised ({len(missed)} distinct, {sum(n for n, _ in missed)} articles):")
        for n, a in missed[:show]:
            print(f"  {n:5d}  {a}")


def false_positives(titles: list[str], sentences: list[tuple[str, bool]], show: int) -> None:
    groups = (("titles", titles), ("first sentences of bodies, within a paragraph", [s for s, line in sentences if not line]),
              ("opening lines of bodies (a line of its own: often the real byline)", [s for s, line in sentences if line]))
    for label, texts in groups:
        hits = [(t, b) for t in texts for b in [byline_line(t)] if b is not None]
        distinct = Counter(t for t, _ in hits)
        print(f"\nread as bylines among {len(texts)} {label}: {len(hits)} ({len(distinct)} distinct)")
        seen = set()
        for t, b in hits:
            if t in seen or len(seen) >= show:
                continue
            seen.add(t)
            print(f"  {distinct[t]:3d}  {t}  ->  {describe(b)}")


def labelled(show_all: bool) -> tuple[int, int]:
    table = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["bylines"]
    ok = known = 0
    print(f"\nhand-labelled values ({LABELLED.relative_to(ROOT)}): ")
    for row in table:
        b = byline_line(row["line"])
        got = (b.author, b.dateline, b.credit) if b else None
        want = None if row.get("byline") is False else (row.get("author"), row.get("dateline"), row.get("credit"))
        if b and row.get("photo") != b.photo:
            got = (*got, b.photo)
            want = (*want, row.get("photo")) if want else want
        good = got == want
        ok += good
        known += bool(row.get("xfail")) and not good
        mark = "ok " if good else "xf " if row.get("xfail") else "BAD"
        if show_all or not good:
            print(f"  {mark} {row['line']}  ->  {describe(b)}" + ("" if good else f"   want {want}"))
    print(f"  {ok}/{len(table)} as labelled; {known} known misses (xfail), {len(table) - ok - known} unexpected")
    return ok + known, len(table)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", type=int, default=40, help="unrecognised values to list")
    ap.add_argument("--fp-show", type=int, default=20, help="false positives to list per kind")
    ap.add_argument("--labelled-only", action="store_true", help="only the hand-labelled table, every row")
    args = ap.parse_args()
    if args.labelled_only:
        ok, n = labelled(True)
        return 0 if ok == n else 1
    authors, titles, sentences = load_corpus()
    coverage(authors, args.show)
    false_positives(titles, sentences, args.fp_show)
    labelled(False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
