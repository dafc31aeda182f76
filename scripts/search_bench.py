"""Search benchmark on real articles: index size, bytes a query loads, query time in Chromium.

    python scripts/search_bench.py                    # 10,000 articles of ../shared/corpus/saudinewsnet
    python scripts/search_bench.py --articles 1000 --direct

The corpus records become raw .txt inputs (title line, blank line, paragraphs) in a temporary folder; the arshif
pipeline (read, clean, extract) turns them into Articles, and search_index builds the index from those
(--direct skips the pipeline and makes Articles straight from the records). The index is then opened in headless
Chromium over a local http server with docs/javascripts/arshif-search.js: every query runs once cold (a fresh
page: what it loads before its first result and in all, and how long it takes) and once warm (everything
loaded: the time of the search itself, rendering included). Targets (issues 8 and 16): a one-word query loads at
most 100 kB before its first result, any query at most 1 MB, answers in under 100 ms once loaded, and the whole
index is no larger than the articles' text.

Known items (issue 16): --known-items queries (default 200) of remembered title words with one spelling change
(scripts/search_queries.py), all run in one page; printed: how often the target comes first (success@1), in the
first ten (success@10), and MRR@10. A query's words tell its target apart from every other headline (two or three
words, more only when those are shared with other headlines); an article whose headline has the very same words
(the same story from another outlet, a daily column) is the same known item, and finding it counts as finding the
target (search_queries.py says why this is the honest measure, not an easier one).

--direct makes the Articles from the corpus records instead of the arshif pipeline (faster: no reading, cleaning
or extraction); the index is built by the same search_index and every query, in both modes, is run by the same
docs/javascripts/arshif-search.js in Chromium: there is no second (Python) ranking to keep in step.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from arshif.models import Article, Field  # noqa: E402
from arshif.site.search_index import build_search_pages  # noqa: E402
from search_queries import known_item_queries  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "saudinewsnet"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ONE_WORD = ["السعودية", "الرياض", "الأمريكي", "داعش", "النفط", "الهلال", "اليمن", "سورية", "ترامب", "في", "بالمملكة", "كويت"]
SEVERAL = ["وزير الخارجية", "ولي العهد", "الأمير محمد بن سلمان", "سوق الأسهم السعودية", "الأمم المتحدة اليمن",
           '"خادم الحرمين الشريفين"', '"الأمم المتحدة"', '"وزير الخارجية" السعودي', "في من على"]
LIMIT_FIRST, LIMIT_ANY, LIMIT_MS = 100_000, 1_000_000, 100.0


def records(limit: int) -> list[dict]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("title", "").strip() and record.get("content", "").strip():
                    out.append(record)
                    if len(out) >= limit:
                        return out
    return out


def raw_text(record: dict) -> str:
    paragraphs = [p.strip() for p in record["content"].split("\n") if p.strip()]
    return record["title"].strip() + "\n\n" + "\n\n".join(paragraphs) + "\n"


def articles_by_pipeline(sources: Path) -> list[Article]:
    from arshif.build.pipeline import collect, configure_rules
    from arshif.ingest.read import list_sources

    configure_rules(sources)
    done, issues = collect(list_sources([sources]))
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        print(f"pipeline: {len(errors)} article(s) not built, e.g. {errors[0]}", file=sys.stderr)
    return [a for _, a in done]


def articles_direct(recs: list[dict]) -> list[Article]:
    out = []
    for n, r in enumerate(recs):
        date = dt.date.fromisoformat(r["date_extracted"][:10]) if r.get("date_extracted") else None

        def f(v):
            return Field(v, "printed", "corpus record") if v else Field.unknown("not in the record")

        body = tuple(p.strip() for p in r["content"].split("\n") if p.strip())
        out.append(Article(id=f"c{n:05d}", source_file=f"c{n:05d}.txt", source_sha256="", encoding="utf-8", title=f(r["title"].strip()),
                           title_derived=False, date=f(date), outlet=f(r.get("source")), author=f(r.get("author", "").strip()),
                           dateline=Field.unknown("-"), body=body, removed=()))
    return out


def write_index(articles: list[Article], docs: Path) -> dict[str, int]:
    sizes = {}
    for page in build_search_pages(articles):
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.content)
        if page.path.endswith(".js"):
            sizes[page.path[len("search/"):-3]] = len(page.content)
    (docs / "javascripts").mkdir(exist_ok=True)
    shutil.copy2(REPO / "docs" / "javascripts" / "arshif-search.js", docs / "javascripts" / "arshif-search.js")
    (docs / "bench.html").write_text('<!doctype html><meta charset="utf-8"><title>bench</title><div id="search-results"></div>'
                                     '<script src="javascripts/arshif-search.js"></script>', encoding="utf-8")
    return sizes


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(base: str, queries: list[str], sizes: dict[str, int]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in queries:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
            page.goto(base + "bench.html")
            page.wait_for_function("() => window.arshifSearch")
            start = time.perf_counter()
            cold = page.evaluate("q => arshifSearch.run(q, 20)", query)
            wall = (time.perf_counter() - start) * 1000
            warm = min((page.evaluate("q => arshifSearch.run(q, 20)", query) for _ in range(3)), key=lambda r: r["ms"])
            rows.append({
                "query": query, "count": cold["count"], "first_bytes": sum(sizes[n] for n in cold["firstLoaded"]),
                "total_bytes": sum(sizes[n] for n in cold["loaded"]), "files": len(cold["loaded"]),
                "cold_ms": cold["ms"], "first_ms": cold["firstMs"], "wall_ms": wall, "warm_ms": warm["ms"],
            })
            page.close()
        browser.close()
    return rows


def measure_known(base: str, queries: list[dict], ids: list[str]) -> dict:
    """Run every known-item query in one page (index files cached after the first): rank of the target in the top 10."""
    from playwright.sync_api import sync_playwright

    ranks = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page.goto(base + "bench.html")
        page.wait_for_function("() => window.arshifSearch")
        for q in queries:
            found = page.evaluate("q => arshifSearch.run(q, 10)", q["query"])["ids"][:10]
            alike = {ids[q["target"]], *(ids[m] for m in q["same"])}  # the same headline: the same known item
            ranks.append(next((r for r, doc in enumerate(found, 1) if doc in alike), None))
        browser.close()
    n = len(queries)
    misses = [(q["query"], q["change"], r) for q, r in zip(queries, ranks) if r != 1]
    words = sorted(len(q["query"].split()) for q in queries)
    return {
        "queries": n,
        "success@1": sum(r == 1 for r in ranks) / n if n else 0.0,
        "success@10": sum(r is not None for r in ranks) / n if n else 0.0,
        "mrr@10": sum(1 / r for r in ranks if r) / n if n else 0.0,
        "misses": misses,
        "same": sum(bool(q["same"]) for q in queries),
        "words": words[len(words) // 2] if words else 0,
        "longest": words[-1] if words else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--direct", action="store_true", help="make Articles from the records, without the pipeline")
    parser.add_argument("--known-items", type=int, default=200, help="known-item queries (0: none)")
    parser.add_argument("--show-misses", action="store_true", help="print the known-item queries not found first")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="arshif-search-bench-"))
    try:
        recs = records(args.articles)
        sources = work / "source_articles"
        sources.mkdir(parents=True, exist_ok=True)
        text_bytes = 0
        for n, record in enumerate(recs):
            data = raw_text(record).encode("utf-8")
            text_bytes += len(data)
            (sources / f"{n:05d}_{record['source']}.txt").write_bytes(data)
        t0 = time.perf_counter()
        articles = articles_direct(recs) if args.direct else articles_by_pipeline(sources)
        t1 = time.perf_counter()
        docs = work / "docs"
        if docs.exists():
            shutil.rmtree(docs)
        sizes = write_index(articles, docs)
        t2 = time.perf_counter()
        kinds: dict[str, list[int]] = {}
        for name, size in sizes.items():
            kinds.setdefault(name.split("/")[0], []).append(size)
        total = sum(sizes.values())
        server, base = serve(docs)
        try:
            rows = measure(base, ONE_WORD + SEVERAL, sizes)
            titles = [str(a.title.value or "") for a in articles]
            queries = known_item_queries(titles, args.known_items)
            known = measure_known(base, queries, [a.id for a in articles]) if queries else None
            drawn = known_item_queries(titles, args.known_items, widen=False)
            known_drawn = measure_known(base, drawn, [a.id for a in articles]) if drawn else None
        finally:
            server.shutdown()
            server.server_close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    kb = lambda n: f"{n / 1000:,.1f} kB"  # noqa: E731
    print(f"\narshif search benchmark: {len(articles):,} articles ({'records' if args.direct else 'arshif pipeline'}; "
          f"{len(recs):,} corpus records), extract {t1 - t0:.1f} s, index {t2 - t1:.1f} s\n")
    print(f"articles' text (raw .txt)     {kb(text_bytes):>14}")
    print(f"whole index (search/*.js)     {kb(total):>14}   {total / text_bytes:.0%} of the text  "
          f"{'OK' if total <= text_bytes else 'OVER'}")
    for kind in ("manifest", "terms", "meta", "text"):
        values = kinds.get(kind, [0])
        print(f"  {kind:<9} {len(values):>6} files  {kb(sum(values)):>12} total  {kb(max(values)):>10} largest")
    print()
    header = f"{'query':<28} {'results':>7} {'before 1st':>11} {'all loaded':>11} {'files':>5} {'1st ms':>7} {'cold ms':>8} {'warm ms':>8}  ok"
    print(header)
    print("-" * len(header))
    ok_all = total <= text_bytes
    for row in rows:
        one = len(row["query"].split()) == 1 and '"' not in row["query"]
        ok = row["total_bytes"] <= LIMIT_ANY and row["warm_ms"] < LIMIT_MS and (not one or row["first_bytes"] <= LIMIT_FIRST)
        ok_all &= ok
        count = "?" if row["count"] is None else row["count"]
        print(f"{row['query']:<28} {count:>7} {kb(row['first_bytes']):>11} {kb(row['total_bytes']):>11} {row['files']:>5} "
              f"{row['first_ms']:>7.1f} {row['cold_ms']:>8.1f} {row['warm_ms']:>8.1f}  {'OK' if ok else 'OVER'}")
    singles = sorted(r["first_bytes"] for r in rows if len(r["query"].split()) == 1 and '"' not in r["query"])
    firsts = sorted(r["first_ms"] for r in rows)
    if singles:
        print(f"\none word, before the first result: median {kb(singles[len(singles) // 2])}, largest {kb(singles[-1])}; "
              f"time to the first result (cold, every query): median {firsts[len(firsts) // 2]:.0f} ms")
    if known:
        print(f"\nknown items: {known['queries']} queries (title words that tell the target apart, median "
              f"{known['words']}, at most {known['longest']}; one spelling change; {known['same']} targets share their "
              f"headline with other articles), target found first {known['success@1']:.3f}, in the top 10 "
              f"{known['success@10']:.3f}, MRR@10 {known['mrr@10']:.3f}")
        if args.show_misses:
            for query, change, rank in known["misses"]:
                print(f"  {'-' if rank is None else rank:>2}  {change:<13} {query}")
        print(f"  (the same targets with the 2-3 words as first drawn, other headlines holding them or not: first "
              f"{known_drawn['success@1']:.3f}, in the top 10 {known_drawn['success@10']:.3f}, MRR@10 "
              f"{known_drawn['mrr@10']:.3f}; no ranking can tell such headlines apart)")
    print(f"\ntargets: one word <= {kb(LIMIT_FIRST)} before its first result, any query <= {kb(LIMIT_ANY)}, "
          f"< {LIMIT_MS:.0f} ms once loaded, index <= text: {'all met' if ok_all else 'NOT MET'}")
    print("(cold = fresh page over local http, first 20 results with snippets; 1st = until the first of them; warm = the"
          " same query again, everything loaded; a phrase's count shows '?' until every candidate is checked)")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
