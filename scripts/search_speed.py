"""Time build_search_pages alone, and give a digest of the pages it makes (to check two versions agree byte for byte).

    python scripts/search_speed.py --articles 10000                   # corpus records made Articles (search_bench --direct)
    python scripts/search_speed.py --project DIR --compare DIR/docs   # an arshif project's Articles (from its cache),
                                                                      # checked against the search/ files its build wrote
    python scripts/search_speed.py --articles 10000 --runs 2 --memo --edit --profile
                                                                      # cold, then one article edited with the memo

Runs build_search_pages `--runs` times and prints each time, the peak memory of the process and one sha256 over every
page's path and bytes. To compare versions, copy this script into another checkout's scripts/ (it imports the src/
beside it): --edit without --memo runs on a version before the memo too.
"""
from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import pickle
import pstats
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from arshif.site.search_index import build_search_pages  # noqa: E402

try:
    from arshif.site.search_docs import SearchMemo
except ImportError:  # a version of arshif before the memo: --edit still gives the digests to compare
    SearchMemo = None


def project_articles(project: Path) -> list:
    from arshif import rules
    from arshif.build.cache import ExtractCache, fingerprint
    from arshif.build.pipeline import collect, configure_rules
    from arshif.ingest.read import list_sources

    sources = project / "source_articles"
    configure_rules(sources)
    cache = ExtractCache(project / ".arshif-cache", fingerprint(rules.extra_dirs()))
    done, _ = collect(list_sources([sources]), cache=cache, root=project)
    return [a for _, a in done]


def digest(pages) -> str:
    h = hashlib.sha256()
    for page in pages:
        h.update(page.path.encode("utf-8") + b"\0" + page.content + b"\0")
    return h.hexdigest()


def compare(pages, docs: Path) -> None:
    on_disk = {p.relative_to(docs).as_posix() for p in (docs / "search").rglob("*") if p.is_file()}
    differ = [p.path for p in pages if not (docs / p.path).is_file() or (docs / p.path).read_bytes() != p.content]
    extra = sorted(on_disk - {p.path for p in pages})
    print(f"  compared with {docs}: {len(pages) - len(differ):,} pages the same, {len(differ)} differ {differ[:5]}, "
          f"{len(extra)} files not made {extra[:5]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--project", type=Path, help="an arshif project whose cache holds its Articles")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="profile the first run")
    parser.add_argument("--memo", action="store_true", help="each run after the first gets the memo the one before "
                        "left (pickled and loaded again, as a build keeps it)")
    parser.add_argument("--edit", action="store_true", help="each run after the first gets its first article edited")
    parser.add_argument("--compare", type=Path, metavar="DOCS", help="check the first run's pages against the files "
                        "of this docs/ folder (e.g. what `arshif build` wrote for --project) and every file of "
                        "its search/ folder is a page")
    args = parser.parse_args()
    if args.project:
        articles = project_articles(args.project)
    else:
        from search_bench import articles_direct, records
        articles = articles_direct(records(args.articles))
    print(f"{len(articles):,} articles; peak before the index {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    state = None
    for run in range(args.runs):
        profiler = cProfile.Profile() if args.profile and (run == 0 or args.memo) else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        memo = (SearchMemo.from_state(pickle.loads(state)) if state else SearchMemo()) if args.memo else None
        loaded = time.perf_counter() - start
        if args.edit and run:
            first = articles[0]
            articles[0] = dataclasses.replace(first, body=first.body + (f"سطر أضيف في التشغيل {run}",))
        pages = build_search_pages(articles, memo) if memo else build_search_pages(articles)
        if args.edit and run:
            articles[0] = first
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - start
        if args.memo:
            kept = time.perf_counter()
            state = pickle.dumps(memo.state(), protocol=pickle.HIGHEST_PROTOCOL)
            print(f"  memo: {memo.made} records made, loaded in {loaded:.2f} s, kept ({len(state) / 1e6:.0f} MB) in "
                  f"{time.perf_counter() - kept:.2f} s")
        print(f"run {run + 1}: build_search_pages {seconds:.2f} s{' (profiled)' if profiler else ''}, {len(pages):,} pages, "
              f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, digest {digest(pages)[:16]}")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        if args.compare and run == 0:
            compare(pages, args.compare)
        del pages
    return 0


if __name__ == "__main__":
    sys.exit(main())
