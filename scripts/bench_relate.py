"""Relate stage at archive scale on real text: entity coverage and event grouping of N SaudiNewsNet articles.

    .venv/bin/python scripts/bench_relate.py [N] [--show K]

Reads ../shared/corpus/saudinewsnet (read-only, never copied). Articles are built directly from the corpus
records (title, paragraphs, outlet id, collection date as the date): this measures relate, not extraction.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from arshif.models import Article, Field
from arshif.relate.archive import relate

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "saudinewsnet"


def corpus_articles(limit: int, corpus: Path = CORPUS) -> list[Article]:
    out: list[Article] = []
    for path in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                rec = json.loads(line)
                body = tuple(p.strip() for p in rec.get("content", "").split("\n") if p.strip())
                if not body:
                    continue
                day = dt.date.fromisoformat(rec["date_extracted"][:10])
                aid = f"{path.name[:10]}-{n:05d}"
                out.append(Article(
                    id=aid, source_file=aid + ".txt", source_sha256="", encoding="utf-8",
                    title=Field(rec.get("title") or None, "printed", "corpus"), title_derived=False,
                    date=Field(day, "printed", "corpus date_extracted"), outlet=Field(rec.get("source"), "printed", "corpus"),
                    author=Field.unknown("-"), dateline=Field.unknown("-"), body=body, removed=(),
                ))
                if len(out) >= limit:
                    return out
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--show", type=int, default=8, help="print the K largest events")
    args = parser.parse_args(argv)
    articles = corpus_articles(args.n)
    start = time.perf_counter()
    archive = relate(articles)
    seconds = time.perf_counter() - start
    with_entity = sum(1 for lk in archive.links.values() if lk.entities)
    gaz = sum(1 for lk in archive.links.values() if any(not e.startswith("p-") for e in lk.entities))
    kinds = Counter(e.type for e in archive.entities.values())
    pattern = sum(1 for e in archive.entities.values() if e.found_by == "pattern")
    sizes = Counter(len(ev.members) for ev in archive.events)
    print(f"articles: {len(articles)}; relate: {seconds:.2f}s (grouping {archive.figures.seconds:.2f}s)")
    print(f"entity coverage: {with_entity / len(articles):.1%} of articles name an entity, {gaz / len(articles):.1%} a gazetteer one")
    print(f"entities named: {len(archive.entities)} ({dict(kinds)}; {pattern} pattern-found)")
    print("most named:", ", ".join(f"{archive.entities[e].name} {len(ids)}" for e, ids in sorted(archive.mentions.items(), key=lambda kv: -len(kv[1]))[:15]))
    print(f"grouping: {archive.figures}")
    print("event sizes:", dict(sorted(sizes.items())))
    for ev in sorted(archive.events, key=lambda e: -len(e.members))[: args.show]:
        print(f"\n== {ev.id} ({len(ev.members)}) {ev.start}..{ev.end}: {ev.basis}")
        for m in ev.members[:8]:
            a = archive.articles[m]
            print(f"   {a.date_value} {a.outlet.value:12} {a.title.value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
