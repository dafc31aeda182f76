"""`arshif bench`: time a whole archive build at N articles, and compare with plain mkdocs-material.

Every step runs as its own process in a scratch copy of the project (sources, mkdocs.yml, overrides, hooks,
hand-written docs), so the figures are what a user sees: `arshif preprocess` with a cold cache, then
`arshif build` (its preprocess finds nothing to do; the site is built in full), a rebuild with no change, a
rebuild after one article changed, and the same generated pages built by a plain mkdocs-material
configuration (no arshif hooks, scripts or styles; a small nav) for a ratio that holds on a noisy machine.
Peak memory is the largest resident set of any of those processes.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from .synth import default_corpus, generate

PROJECT_FILES = ("mkdocs.yml", "overrides", "hooks")
PLAIN_CONFIG = """site_name: plain
docs_dir: docs
site_dir: site-plain
use_directory_urls: false
theme:
  name: material
  language: ar
  direction: rtl
  font: false
plugins: []
nav:
  - index.md
"""


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _run(argv: list[str], cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "1"}
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0,):
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return elapsed


def _copy_project(project: Path, work: Path) -> None:
    for name in PROJECT_FILES:
        src = project / name
        if src.is_dir():
            shutil.copytree(src, work / name)
        elif src.is_file():
            shutil.copy2(src, work / name)
    docs = work / "docs"
    docs.mkdir()
    manifest = project / "docs" / ".arshif" / "manifest.json"
    generated = set(json.loads(manifest.read_text(encoding="utf-8")).get("files", {})) if manifest.is_file() else set()
    for path in sorted((project / "docs").rglob("*")):
        rel = path.relative_to(project / "docs").as_posix()
        if path.is_file() and not rel.startswith(".") and rel not in generated and not rel.startswith(("articles/", "originals/")):
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, docs / rel)


def run(articles: int, project: Path, seed: int = 1, corpus: Optional[Path] = None, keep: Optional[Path] = None) -> dict:
    py = sys.executable
    arshif = [py, "-m", "arshif.cli"]
    tmp = Path(tempfile.mkdtemp(prefix=f"arshif-bench-{articles}-", dir=keep))
    try:
        _copy_project(project, tmp)
        generate(tmp / "source_articles", articles, seed=seed, corpus=corpus if corpus else default_corpus(),
                 fallback=project / "source_articles")
        src_bytes = _size(tmp / "source_articles")
        preprocess_s = _run([*arshif, "preprocess"], tmp)  # cold: empty extraction cache
        # The site build as `arshif build` runs it (its preprocess finds nothing changed and skips).
        build_s = _run([*arshif, "build"], tmp)
        nochange_s = _run([*arshif, "build"], tmp)
        victim = sorted((tmp / "source_articles").glob("0*.txt"))[articles // 2]
        with open(victim, "a", encoding="utf-8") as fh:
            fh.write("\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الشهر القادم.\n")
        one_change_s = _run([*arshif, "build"], tmp)
        (tmp / "mkdocs-plain.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
        plain_s = _run([py, "-m", "mkdocs", "build", "--config-file", "mkdocs-plain.yml"], tmp)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        total_s = preprocess_s + build_s
        return {
            "articles": articles,
            "source_mb": round(src_bytes / 1e6, 2),
            "preprocess_s": round(preprocess_s, 2),
            "articles_per_s": round(articles / preprocess_s, 1),
            "build_s": round(build_s, 2),
            "total_s": round(total_s, 2),
            "peak_rss_mb": round(peak_kb / 1024, 1),
            "site_mb": round(_size(tmp / "site") / 1e6, 1),
            "search_index_mb": round(_size(tmp / "site" / "search") / 1e6, 2),
            "nochange_s": round(nochange_s, 2),
            "one_change_s": round(one_change_s, 2),
            "plain_material_s": round(plain_s, 2),
            "ratio_to_plain_material": round(build_s / plain_s, 2) if plain_s else None,
        }
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


COLUMNS = ("articles", "preprocess_s", "articles_per_s", "build_s", "total_s", "peak_rss_mb", "site_mb", "search_index_mb",
           "nochange_s", "one_change_s", "plain_material_s", "ratio_to_plain_material")


def table(rows: list[dict]) -> str:
    widths = [max(len(c), *(len(str(r.get(c))) for r in rows)) for c in COLUMNS]
    lines = ["  ".join(c.rjust(w) for c, w in zip(COLUMNS, widths))]
    lines += ["  ".join(str(r.get(c)).rjust(w) for c, w in zip(COLUMNS, widths)) for r in rows]
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        growth = b["build_s"] / a["build_s"] if a["build_s"] else float("nan")
        lines.append(f"build growth {a['articles']} -> {b['articles']}: x{growth:.1f} for x{b['articles'] / a['articles']:.0f} articles")
    return "\n".join(lines)
