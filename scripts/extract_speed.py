#!/usr/bin/env python3
"""Extraction speed, and proof that a faster extractor gives the same records.

    python scripts/extract_speed.py --dump before.json              # build the fixed set, dump, time
    python scripts/extract_speed.py --compare before.json           # ... and diff against an earlier dump
    python scripts/extract_speed.py --profile 25                    # cProfile of the synthetic set
    python scripts/extract_speed.py --functions                     # CPU time of the outlet and byline functions
    python scripts/extract_speed.py --long                          # one-line bodies of 0.25-1 MB: linear?

The fixed set (same bytes on every run): a seeded synthetic corpus (arshif.tools.synth, bodies from the shared
saudinewsnet corpus when present), the seed articles in source_articles/, the whole pages of
tests/unit/test_extract_pages.py, and seeded "shuffled" pages made of lines drawn from the rules' own examples
(chrome.yaml, dates.yaml), the seeds and the corpus, so that rare line shapes meet each other. Every page goes
through `arshif.tools.contract.extract_path` (the record the outside evaluation reads); the dump keys records by file
name so that two checkouts can be compared. Timing is of `pipeline.process_file`, one process, per article.
"""
from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import pstats
import random
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import yaml  # noqa: E402

from arshif.tools.contract import extract_path  # noqa: E402
from arshif.build.pipeline import configure_rules, learn_templates, process_file  # noqa: E402
from arshif.relate.archive import analyse  # noqa: E402
from arshif.rules import SHIPPED_DIR  # noqa: E402
from arshif.tools.synth import corpus_texts, default_corpus, generate  # noqa: E402


def _test_pages() -> list[dict]:
    path = REPO / "tests" / "unit" / "test_extract_pages.py"
    spec = importlib.util.spec_from_file_location("_extract_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PAGES


def _rule_examples() -> list[str]:
    """Example lines of the shipped chrome and date rules: the shapes the rules were written for."""
    out: list[str] = []
    chrome = yaml.safe_load((SHIPPED_DIR / "chrome.yaml").read_text(encoding="utf-8"))
    for entries in chrome["groups"].values():
        for entry in entries:
            out.extend(str(x) for x in entry.get("examples") or ())
    dates = yaml.safe_load((SHIPPED_DIR / "dates.yaml").read_text(encoding="utf-8"))

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "examples" and isinstance(value, dict):
                    out.extend(str(k) for k in value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(dates)
    return out


def _shuffled_pages(rng: random.Random, count: int, pool_lines: list[str], paragraphs: list[str]) -> list[str]:
    pages = []
    for _ in range(count):
        lines: list[str] = []
        for _ in range(rng.randint(3, 25)):
            roll = rng.random()
            if roll < 0.45:
                lines.append(rng.choice(pool_lines))
            elif roll < 0.85:
                lines.append(rng.choice(paragraphs))
            elif roll < 0.95:
                # Two pieces glued together, as scrapes that lost a newline print them.
                lines.append(rng.choice(paragraphs) + rng.choice((" ", "")) + rng.choice(pool_lines))
            else:
                lines.append("")
        pages.append("\n".join(lines) + "\n")
    return pages


def build_set(root: Path, count: int, seed: int) -> list[Path]:
    """Write the fixed set under root; returns the files in a fixed order."""
    synth = root / "synth"
    generate(synth, count, seed=seed, corpus=default_corpus(), fallback=REPO / "source_articles")
    files = sorted(synth.glob("*.txt"))
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for path in sorted((REPO / "source_articles").glob("*.txt")):
        (seeds / path.name).write_bytes(path.read_bytes())
        files.append(seeds / path.name)
    pages_dir = root / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    for page in _test_pages():
        path = pages_dir / f"{page['name']}.txt"
        path.write_text(textwrap.dedent(page["text"]).strip("\n") + "\n", encoding="utf-8")
        files.append(path)
    rng = random.Random(seed)
    records = corpus_texts(default_corpus(), REPO / "source_articles")
    paragraphs = [p for rec in records[:400] for p in rec["paras"]]
    seed_lines = [x for f in sorted((REPO / "source_articles").glob("*.txt"))
                  for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    test_lines = [x.strip() for page in _test_pages() for x in page["text"].splitlines() if x.strip()]
    pool = _rule_examples() + seed_lines + test_lines + [rec["title"] for rec in records[:200]]
    mixed = root / "mixed"
    mixed.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(_shuffled_pages(rng, max(50, count // 2), pool, paragraphs)):
        path = mixed / f"mixed-{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def dump(files: list[Path], root: Path) -> dict:
    records = {}
    for path in files:
        record = extract_path(path)
        record["file"] = str(path.relative_to(root))
        records[record["file"]] = record
    return records


def compare(before: dict, after: dict) -> int:
    differ = 0
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        differ += 1
        if differ <= 10:
            keys = sorted(k for k in set(a or {}) | set(b or {}) if (a or {}).get(k) != (b or {}).get(k))
            print(f"DIFF {name}: {', '.join(keys)}")
            for k in keys[:3]:
                print(f"   before {k}: {json.dumps((a or {}).get(k), ensure_ascii=False)[:300]}")
                print(f"   after  {k}: {json.dumps((b or {}).get(k), ensure_ascii=False)[:300]}")
    print(f"compared {len(set(before) | set(after))} records: {differ} differ")
    return differ


def timing(files: list[Path], repeat: int) -> dict:
    """Per article: wall time and CPU time of this process (the CPU time is steadier on a busy machine).

    As a build runs: first the archive's template lines are learnt from every file's line prints (no cache:
    every file printed), then each file is extracted knowing them. ms_mean counts both (prints_ms: the first)."""
    t0, c0 = time.perf_counter(), time.process_time()
    learnt = learn_templates(files, None, jobs=1)
    prints_s, prints_cpu = time.perf_counter() - t0, time.process_time() - c0
    per: list[float] = []
    cpu: list[float] = []
    analysis: list[float] = []
    words = 0
    for path in files:
        best = best_cpu = None
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            _, article, _ = process_file(path, templates=learnt)
            elapsed, used = time.perf_counter() - t0, time.process_time() - c0
            best = elapsed if best is None else min(best, elapsed)
            best_cpu = used if best_cpu is None else min(best_cpu, used)
        per.append(best)
        cpu.append(best_cpu)
        if article is not None:
            words += sum(len(p.split()) for p in article.body)
            # process_file also makes relate's per-article analysis (entities, shingles) since it moved into the
            # workers: timed apart, so that extraction itself is measured against its own target.
            best_analysis = None
            for _ in range(repeat):
                c0 = time.process_time()
                analyse(article)
                used = time.process_time() - c0
                best_analysis = used if best_analysis is None else min(best_analysis, used)
            analysis.append(best_analysis)
    total = sum(per) + prints_s
    cpu.append(prints_cpu)  # counted once in the mean, as the build pays it once
    return {"articles": len(files), "ms_mean": 1000 * total / len(files), "prints_ms": 1000 * prints_s / len(files),
            "prints_cpu_ms": 1000 * prints_cpu / len(files),
            "analysis_cpu_ms_mean": 1000 * sum(analysis) / len(files),
            "extraction_cpu_ms_mean": 1000 * (sum(cpu) - sum(analysis)) / len(files),
            "template_lines": len(learnt.lines), "ms_median": 1000 * statistics.median(per),
            "ms_max": 1000 * max(per), "cpu_ms_mean": 1000 * sum(cpu) / len(files), "articles_per_s": len(files) / total,
            "words_per_article": words / len(files)}


# The outlet and byline entry points the pipeline calls (module, function): timed where the pipeline calls them,
# a call made from inside another timed one counts for the outer one only (wire_credit inside find_outlet).
TIMED = (("extract.outlet", "find_outlet"), ("recognise.byline", "wire_credit"), ("recognise.outlets", "outlet_line"),
         ("recognise.byline", "byline_line"), ("recognise.byline", "byline_prefix"), ("recognise.byline", "split_title_author"),
         ("recognise.byline", "person_name"))


def function_times(files: list[Path]) -> dict:
    """CPU ms per article spent in each of TIMED (outermost calls), over one pass of `files`. Every memo of
    arshif is emptied first (the rules are loaded again, untimed): a pass does not profit from the one before."""
    import functools
    import gc
    import importlib

    from arshif import rules

    rules.set_extra_dirs(rules.extra_dirs())
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and getattr(obj, "__module__", "").startswith("arshif"):
            obj.cache_clear()
    rules.check_all()

    spent = {f"{mod}.{name}": 0.0 for mod, name in TIMED}
    calls = dict.fromkeys(spent, 0)
    depth = [0]
    saved = []
    for mod, name in TIMED:
        module = importlib.import_module(f"arshif.{mod}")
        fn = getattr(module, name)
        saved.append((module, name, fn))

        def timed(*args, _fn=fn, _key=f"{mod}.{name}", **kwargs):
            if depth[0]:
                return _fn(*args, **kwargs)
            depth[0] += 1
            c0 = time.process_time()
            try:
                return _fn(*args, **kwargs)
            finally:
                spent[_key] += time.process_time() - c0
                calls[_key] += 1
                depth[0] -= 1

        setattr(module, name, timed)
    try:
        c0 = time.process_time()
        for path in files:
            process_file(path)
        total = time.process_time() - c0
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)
    n = len(files)
    out = {key: {"ms_per_article": round(1000 * t / n, 3), "calls": calls[key]} for key, t in spent.items()}
    out["find_outlet + byline work"] = round(1000 * (sum(spent.values()) - spent["recognise.outlets.outlet_line"]) / n, 3)
    out["all of the above"] = round(1000 * sum(spent.values()) / n, 3)
    out["process_file"] = round(1000 * total / n, 3)
    return out


def long_lines() -> None:
    """One-line bodies of growing size: the time per MB must stay flat (no quadratic work)."""
    sentence = "وقال الوزير في تصريح صحفي اليوم الثلاثاء إن الحكومة ستعقد اجتماعا في 12 فبراير المقبل لبحث الملف. "
    with tempfile.TemporaryDirectory() as tmp:
        for size in (250_000, 500_000, 1_000_000):
            path = Path(tmp) / f"long-{size}.txt"
            body = (sentence * (size // len(sentence) + 1))[:size]
            path.write_text("عنوان الخبر في سطر واحد\n" + body + "\n", encoding="utf-8")
            t0 = time.perf_counter()
            process_file(path)
            elapsed = time.perf_counter() - t0
            print(f"one-line body of {size / 1e6:.2f} MB: {elapsed:.2f} s ({elapsed / size * 1e6:.2f} s per MB)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=400, help="synthetic pages (default 400)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, help="folder for the fixed set (default: a temporary folder)")
    ap.add_argument("--dump", type=Path, help="write the records to this JSON file")
    ap.add_argument("--compare", type=Path, help="diff the records against this earlier dump")
    ap.add_argument("--repeat", type=int, default=1, help="time each article this many times, keep the best")
    ap.add_argument("--no-time", action="store_true")
    ap.add_argument("--profile", type=int, metavar="N", help="print the N top functions (cumulative) of a cProfile run")
    ap.add_argument("--long", action="store_true", help="time one-line bodies of 0.25, 0.5 and 1 MB")
    ap.add_argument("--functions", action="store_true",
                    help="CPU ms per article in the outlet and byline functions (best of --repeat passes)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        root = args.work or Path(tmp)
        files = build_set(root, args.count, args.seed)
        configure_rules(root / "synth")
        synthetic = [f for f in files if f.parent.name == "synth"]
        status = 0
        if args.dump or args.compare:
            records = dump(files, root)
            if args.dump:
                args.dump.write_text(json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
                print(f"dumped {len(records)} records to {args.dump}")
            if args.compare:
                status = 1 if compare(json.loads(args.compare.read_text(encoding="utf-8")), records) else 0
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            for path in synthetic:
                process_file(path)
            prof.disable()
            out = io.StringIO()
            stats = pstats.Stats(prof, stream=out)
            stats.sort_stats("cumulative").print_stats(args.profile)
            stats.sort_stats("tottime").print_stats(args.profile)
            print(out.getvalue())
        if not args.no_time:
            print(json.dumps(timing(synthetic, args.repeat), indent=1))
        if args.functions:
            passes = [function_times(synthetic) for _ in range(max(1, args.repeat))]
            print(json.dumps(min(passes, key=lambda p: p["all of the above"]), indent=1))
        if args.long:
            long_lines()
    return status


if __name__ == "__main__":
    sys.exit(main())
