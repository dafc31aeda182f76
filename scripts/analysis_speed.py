#!/usr/bin/env python3
"""Speed of relate's per-article analysis (relate.archive.analyse), and proof that a faster one gives the same results.

    python scripts/analysis_speed.py --dump before.json        # extract the fixed set, analyse, dump, time
    python scripts/analysis_speed.py --compare before.json     # ... and diff against an earlier dump
    python scripts/analysis_speed.py --profile 30              # cProfile of one cold pass of analyse()
    python scripts/analysis_speed.py --articles /tmp/a.pickle  # keep the extracted articles (later runs skip extraction)

The fixed set: the first --count records of the shared corpus (../shared/corpus/saudinewsnet, read in place) laid
out as raw pages (arshif.tools.realpages.page) and extracted as a build does (read, clean, extract; no template
lines), plus, for every 25th article, a second scrape of it (other chrome, its last paragraph dropped or a
paragraph repeated) so that the near-duplicate check has copies near its thresholds.

The dump holds, for each article: its entity ids, its pattern-found names, and a digest of its shingles; and, for
the whole set, the near-duplicate issues ingest.duplicates reports from those shingles. A change of the shingles'
representation changes the digests only: the near-duplicate issues must stay identical.

Timing (CPU of this process): a first pass over every article in a fresh process (the memo tables fill as a
worker's do), then --repeat warm passes (best kept); extract_entities and shingles are timed apart.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pickle
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from arshif.build.pipeline import configure_rules  # noqa: E402
from arshif.extract import extract_article  # noqa: E402
from arshif.ingest.clean import clean_article  # noqa: E402
from arshif.ingest.duplicates import near_duplicate_issues, shingles  # noqa: E402
from arshif.ingest.read import read_article  # noqa: E402
from arshif.relate.archive import analyse  # noqa: E402
from arshif.relate.entities import extract_entities  # noqa: E402
from arshif.tools.realpages import page, records  # noqa: E402
from arshif.tools.synth import default_corpus  # noqa: E402

COPY_EVERY = 25


def _second_scrape(n: int, rec: dict) -> dict:
    paras = [p for p in rec["content"].split("\n") if p.strip()]
    if len(paras) > 2 and n % 2:
        paras = paras[:-1]
    elif paras:
        paras = paras + paras[:1]
    return {**rec, "content": "\n".join(paras)}


def build_set(root: Path, count: int) -> list:
    """(raw, article) of the fixed set, in file-name order."""
    folder = default_corpus()
    if folder is None:
        raise SystemExit("no shared corpus (../shared/corpus/saudinewsnet)")
    pages = root / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for n, rec in enumerate(records(folder, count)):
        (pages / f"{n:06d}.txt").write_text(page(n, rec), encoding="utf-8")
        if n % COPY_EVERY == 0:
            (pages / f"{n:06d}-copy.txt").write_text(page(n + 1, _second_scrape(n, rec)), encoding="utf-8")
    configure_rules(pages)
    done = []
    for path in sorted(pages.glob("*.txt")):
        raw = read_article(path, root)
        article = extract_article(clean_article(raw))
        if article.body:
            done.append((raw, article))
    return done


def _digest(values) -> str:
    return hashlib.sha256(" ".join(str(v) for v in sorted(values)).encode()).hexdigest()[:16]


def dump(done: list) -> dict:
    out = {}
    known = []
    for raw, article in done:
        a = analyse(article)
        known.append(a.shingles)
        out[raw.name] = {"entities": list(a.entities), "pattern_names": [list(p) for p in a.pattern_names],
                         "shingles": _digest(a.shingles), "shingle_count": len(a.shingles)}
    out["(near-duplicates)"] = [[i.file.rsplit("/", 1)[-1], i.message] for i in near_duplicate_issues(done, known)]
    return out


def compare(before: dict, after: dict) -> int:
    differ = 0
    shingles_only = 0
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict) and {k for k in a if a[k] != b.get(k)} == {"shingles"}:
            shingles_only += 1  # a new representation of the same shingle sets: judged by the near-duplicates
            continue
        differ += 1
        if differ <= 10:
            print(f"DIFF {name}:\n   before {json.dumps(a, ensure_ascii=False)[:400]}\n   after  {json.dumps(b, ensure_ascii=False)[:400]}")
    near = len(before.get("(near-duplicates)", ()))
    print(f"compared {len(set(before) | set(after)) - 1} articles and {near} near-duplicate issues: {differ} differ"
          + (f" ({shingles_only} with other shingle hashes but the same count)" if shingles_only else ""))
    return differ


def timing(done: list, repeat: int) -> dict:
    articles = [a for _, a in done]
    c0 = time.process_time()
    for article in articles:
        analyse(article)
    cold = time.process_time() - c0
    warm = ent = shi = None
    for _ in range(repeat):
        c0 = time.process_time()
        for article in articles:
            analyse(article)
        c1 = time.process_time()
        for article in articles:
            extract_entities(article.title.value or "", article.body)
        c2 = time.process_time()
        for article in articles:
            shingles(article.body)
        c3 = time.process_time()
        warm = min(warm or 1e9, c1 - c0)
        ent = min(ent or 1e9, c2 - c1)
        shi = min(shi or 1e9, c3 - c2)
    n = len(articles)
    words = sum(len(p.split()) for a in articles for p in a.body)
    return {"articles": n, "words_per_article": round(words / n), "analysis_cpu_ms_first_pass": round(1000 * cold / n, 3),
            "analysis_cpu_ms_warm": round(1000 * warm / n, 3), "extract_entities_cpu_ms_warm": round(1000 * ent / n, 3),
            "shingles_cpu_ms_warm": round(1000 * shi / n, 3)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=2000, help="corpus records (default 2000)")
    ap.add_argument("--dump", type=Path, help="write the results to this JSON file")
    ap.add_argument("--compare", type=Path, help="diff the results against this earlier dump")
    ap.add_argument("--repeat", type=int, default=2, help="warm passes, the best kept (default 2)")
    ap.add_argument("--profile", type=int, metavar="N", help="print the N top functions of a cProfile of a cold pass")
    ap.add_argument("--articles", type=Path, help="pickle of the extracted set: read when present, else written")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.articles and args.articles.exists():
            done = pickle.loads(args.articles.read_bytes())
            configure_rules(Path(tmp))
        else:
            done = build_set(Path(tmp), args.count)
            if args.articles:
                args.articles.write_bytes(pickle.dumps(done))
        status = 0
        if args.profile:  # first: a cold pass, as a worker's
            prof = cProfile.Profile()
            prof.enable()
            for _, article in done:
                analyse(article)
            prof.disable()
            out = io.StringIO()
            stats = pstats.Stats(prof, stream=out)
            stats.sort_stats("tottime").print_stats(args.profile)
            print(out.getvalue())
        else:
            print(json.dumps(timing(done, args.repeat), indent=1))
        if args.dump or args.compare:
            results = dump(done)
            if args.dump:
                args.dump.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
                print(f"dumped {len(results) - 1} articles to {args.dump}")
            if args.compare:
                status = 1 if compare(json.loads(args.compare.read_text(encoding="utf-8")), results) else 0
    return status


if __name__ == "__main__":
    sys.exit(main())
