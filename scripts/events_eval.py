"""Event grouping on labelled real coverage: B-cubed precision, recall, F1 and forbidden merges.

    .venv/bin/python scripts/events_eval.py [--background-step K] [--halves] [--show-background K]

Labels: tests/data/events_real.yaml (corpus urls -> story; how they were made is noted there). The labelled
records are grouped among every K-th other corpus record (default 20), which is grouped but not scored.
--halves also scores the two halves of the stories the labels file names apart (all are still grouped
together), to check a rule chosen on one half on the other.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from events_labelled import BACKGROUND_STEP, bcubed, evaluate, forbidden_merges, halves, labelled_docs  # noqa: E402

from arshif.relate.events import group_events  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--background-step", type=int, default=BACKGROUND_STEP)
    parser.add_argument("--halves", action="store_true", help="also score half A and half B of the stories apart")
    parser.add_argument("--show-background", type=int, default=0, metavar="K",
                        help="print K of the background articles that joined a labelled story, with its headline")
    args = parser.parse_args(argv)
    docs, truth, outlets = labelled_docs(args.background_step)
    print(f"labelled: {len(truth)} articles, {len(set(truth.values()))} stories, {len(outlets)} outlets; "
          f"grouped among {len(docs) - len(truth)} background articles")
    start = time.perf_counter()
    result = evaluate(docs, truth, group_events)
    seconds = time.perf_counter() - start
    print(f"B-cubed precision {result['precision']:.3f} recall {result['recall']:.3f} F1 {result['f1']:.3f} "
          f"({seconds:.2f}s)")
    print("forbidden merges:", result["forbidden"] or "none")
    print("pieces per story:", ", ".join(f"{s} {n}" for s, n in result["pieces"].items()))
    # The scores see labelled articles only: a bar that glues unrelated articles of the background to a story
    # (or to each other) costs them nothing. These counts do see it; read the joined ones (--show-background)
    # before taking a higher recall.
    joined = [(m, e) for e in result["events"] if any(x in truth for x in e.members) for m in e.members if m not in truth]
    grouped = sum(len(e.members) for e in result["events"] if len(e.members) > 1 and not any(x in truth for x in e.members))
    print(f"background articles joined to a labelled story: {len(joined)}; in events of the background alone: {grouped} "
          f"of {len(docs) - len(truth)} (not scored: the labels do not say where they belong)")
    title = {d.id: d.title for d in docs}
    for m, e in joined[:args.show_background]:
        story = next(truth[x] for x in e.members if x in truth)
        print(f"  {story}: {title[m][:70]}")
    if args.halves:
        predicted = {m: e.id for e in result["events"] for m in e.members}
        for name, stories in zip("AB", halves()):
            part = {a: s for a, s in truth.items() if s in stories}
            p, r, f = bcubed(part, predicted)
            print(f"half {name} ({', '.join(sorted(stories))}): P {p:.3f} R {r:.3f} F1 {f:.3f}; "
                  f"forbidden merges: {forbidden_merges(part, predicted) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
