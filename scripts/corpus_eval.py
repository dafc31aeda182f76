#!/usr/bin/env python3
"""Extraction on real articles laid out as scraped pages: a generalisation check on ../shared/corpus.

Each corpus record (title, author, content, outlet) is laid out as an outlet page would be (masthead chrome,
headline, byline line, body, footer chrome), in one of several seeded layouts, then extracted. Prints the share
of articles whose title, first body words and chrome removal are right, and the dates the resolver dared to
give (checked against the collection date: a publication date after collection is certainly wrong).

Usage: python scripts/corpus_eval.py [--articles 2000] [--seed 1] [--show 10]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from arshif.tools.contract import extract_path  # noqa: E402
from arshif.build.pipeline import configure_rules  # noqa: E402
from arshif.text.helpers import squash_spaces, visible  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet"
HEAD_CHROME = [["الرئيسية", "محليات"], ["مواقيت الصلاة", "أبرز الأخبار"], ["الرئيسية » أخبار » محليات"], ["عاجل"], []]
TAIL_CHROME = [["طباعة", "أضف تعليقك", "تعليقات\u00a00"], ["مقالات ذات صلة", "خبر آخر عن الموضوع نفسه", "وخبر ثالث في الصندوق"],
               ["جميع الحقوق محفوظة 2015©"], ["12"], ["الوسوم: السعودية، الرياض"], []]


def corpus_records(limit: int, seed: int):
    rng = random.Random(seed)
    files = sorted(CORPUS.glob("*.jsonl.gz"))
    records = []
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                records.append(json.loads(line))
    rng.shuffle(records)
    return [r for r in records if r.get("title") and len(r.get("content", "")) > 200][:limit]


# The outlets of the corpus by their ids, as they print their names (for --outlet-line).
OUTLET_NAMES = {"alriyadh": "الرياض", "aljazirah": "الجزيرة", "alyaum": "اليوم", "aleqtisadiya": "الاقتصادية",
                "aawsat": "الشرق الأوسط", "okaz": "عكاظ", "alwatan": "الوطن", "almadina": "المدينة", "alweeam": "الوئام",
                "3alyoum": "عين اليوم", "sabq": "سبق", "was": "واس", "arreyadi": "الرياضي", "arriyadiyah": "الرياضية"}


def layout(record: dict, rng: random.Random, outlet_line: bool = False) -> tuple[str, list[str]]:
    head = rng.choice(HEAD_CHROME)
    tail = rng.choice(TAIL_CHROME)
    paragraphs = [squash_spaces(p) for p in record["content"].split("\n") if p.strip()]
    lines = [*head, record["title"], ""]
    if outlet_line and record.get("source") in OUTLET_NAMES:
        lines.insert(len(head) + 1, OUTLET_NAMES[record["source"]])  # the outlet on its own line under the headline
    author = squash_spaces(record.get("author", "").replace("&nbsp;", " "))
    if author and rng.random() < 0.5:
        lines.append(author)
    for p in paragraphs:
        lines += [p, ""]
    lines += tail
    return "\n".join(lines) + "\n", head + tail


def _norm(text: str) -> str:
    return squash_spaces(visible(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=8, help="print this many misses per field")
    ap.add_argument("--outlet-line", action="store_true", help="print the outlet's name on its own line under the headline "
                    "and count the outlets found")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    configure_rules(Path("source_articles"))
    counts = {"title": 0, "first_words": 0, "chrome": 0, "outlet": 0, "dates_given": 0, "dates_after_collection": 0}
    misses: dict[str, list[str]] = {k: [] for k in counts}
    records = corpus_records(args.articles, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        for n, record in enumerate(records):
            text, chrome = layout(record, rng, args.outlet_line)
            path = Path(tmp) / f"{n:05d}.txt"
            path.write_text(text, encoding="utf-8")
            out = extract_path(path)
            first_para = _norm([p for p in record["content"].split("\n") if p.strip()][0])
            first = first_para[:25]
            body = out["body"]
            if _norm(out["title"] or "") == _norm(record["title"]) and not out["title_derived"]:
                counts["title"] += 1
            else:
                misses["title"].append(f"{record['source']}: got {out['title']!r} want {record['title']!r}")
            # Right when the body opens with the first paragraph, or with its rest after a cut byline/credit.
            if body and _norm(body[0])[:20] in first_para[:200]:
                counts["first_words"] += 1
            else:
                misses["first_words"].append(f"{record['source']}: got {(body[0][:60] if body else None)!r} want {first!r}")
            want_outlet = OUTLET_NAMES.get(record.get("source"))
            if args.outlet_line and want_outlet:
                if _norm(out["outlet"] or "") == _norm(want_outlet):
                    counts["outlet"] += 1
                else:
                    misses["outlet"].append(f"{record['source']}: got {out['outlet']!r} want {want_outlet!r}")
            body_set = {_norm(p) for p in body}
            leaked = [c for c in chrome if _norm(c) in body_set]
            if not leaked:
                counts["chrome"] += 1
            else:
                misses["chrome"].append(f"{record['source']}: leaked {leaked}")
            if out["date"]:
                counts["dates_given"] += 1
                collected = dt.date.fromisoformat(record["date_extracted"][:10])
                if dt.date.fromisoformat(out["date"]) > collected:
                    counts["dates_after_collection"] += 1
                    misses["dates_after_collection"].append(f"{record['source']}: {out['date']} > {collected}: {out['date_basis'][:120]}")
    total = len(records)
    print(f"{total} corpus articles laid out as pages")
    for key in ("title", "first_words", "chrome") + (("outlet",) if args.outlet_line else ()):
        print(f"  {key:24} {counts[key]:5}/{total} {100 * counts[key] / total:5.1f} %")
    print(f"  {'dates given':24} {counts['dates_given']:5}  (after collection date, certainly wrong: {counts['dates_after_collection']})")
    for key, items in misses.items():
        for item in items[: args.show]:
            print(f"  miss {key}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
