"""`arshif bench`: time a whole archive build at N articles, and compare with plain mkdocs-material.

Every step runs as its own process in a scratch copy of the project (sources, mkdocs.yml, overrides, hooks,
hand-written docs), so the figures are what a user sees: `arshif preprocess` with a cold cache, then
`arshif build` (its preprocess finds nothing to do; the site is built in full), a rebuild with no change, then
one article edited, another edited (an editor's next edit, after an incremental build rather than a full one),
one added and one removed (those three `--repeat` times each, their medians reported), each followed by
`arshif build`. The reference is the plainest mkdocs-material site
of the same articles (one Markdown page each: headline and paragraphs, a one-entry nav), built in the same run,
so the ratios hold on a noisy, shared machine.
Peak memory is the largest resident set of any of those processes.
With `real=True` the articles are real corpus articles laid out as raw pages (tools/realpages.py).
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
from statistics import median
from typing import Optional

from . import realpages
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
EDIT_LINE = "\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الشهر القادم.\n"


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


def _bytecode() -> None:
    """arshif's bytecode written before anything is timed, as an installed package has it (MkDocs' and the other
    libraries' was written when pip installed them): an editable install leaves it to the first import, and with
    PYTHONDONTWRITEBYTECODE set every timed run would compile the package again. Where it cannot be written, the runs
    compile it, as they would have."""
    import compileall

    try:
        compileall.compile_dir(str(Path(__file__).resolve().parents[1]), quiet=2)
    except OSError:
        pass


def _settle() -> None:
    """The files just made (the sources, the plain site's pages) on disk before a timed run: a user's sources were
    saved long before the build, and the kernel writing 35 MB of new files back in the middle of the cold run, or
    of the plain build, timed the disk's backlog with it."""
    if hasattr(os, "sync"):
        os.sync()


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


def _largest_page(site: Path) -> tuple[int, str]:
    best = (0, "")
    for path in site.rglob("*.html"):
        size = path.stat().st_size
        if size > best[0]:
            best = (size, path.relative_to(site).as_posix())
    return best


def _plain_docs(sources: Path, docs: Path) -> None:
    """The same articles as plain Markdown pages: headline as the title, the paragraphs as they read."""
    from ..ingest.read import list_sources, read_article

    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# plain\n", encoding="utf-8")
    for path in list_sources([sources]):
        try:
            lines = [x.strip() for x in read_article(path).text.splitlines() if x.strip()]
        except Exception:  # the bad files of the synthetic mode
            continue
        if lines:
            body = "\n\n".join(x.replace("<", "&lt;") for x in lines[1:])
            (docs / f"{path.stem}.md").write_text(f"# {lines[0]}\n\n{body}\n", encoding="utf-8")


def _sources(tmp: Path, articles: int, real: bool, seed: int, corpus: Optional[Path], project: Path,
             spare: int = 1) -> Path:
    """source_articles/ with `articles` articles, and `spare` more beside it (added-K.txt), to be added later."""
    src = tmp / "source_articles"
    if real:
        realpages.generate(src, articles + spare, corpus=corpus)  # the spare records: the articles added later
        for k in range(spare):
            (src / f"{articles + k:06d}.txt").rename(tmp / f"added-{k}.txt")
    else:
        generate(src, articles, seed=seed, corpus=corpus if corpus else default_corpus(), fallback=project / "source_articles")
        for k in range(spare):
            text = (src / "000000.txt").read_text(encoding="utf-8") + EDIT_LINE * (3 + k)
            (tmp / f"added-{k}.txt").write_text(text, encoding="utf-8")
    return src


def run(articles: int, project: Path, seed: int = 1, corpus: Optional[Path] = None, keep: Optional[Path] = None,
        real: bool = False, repeat: int = 1) -> dict:
    """`repeat`: how many times the full site build and the plain build are timed, one after the other (the
    first site build is the one after the cold preprocess; the others are `arshif build --force`); the medians
    and their ratio are reported, which holds better on a machine whose speed moves by a fifth from run to run.
    The editor's next edit, the addition and the removal are each timed `repeat` times too (other articles each
    time), and their medians reported; the first edit after the full build is one run."""
    py = sys.executable
    arshif = [py, "-m", "arshif.cli"]
    _bytecode()
    tmp = Path(tempfile.mkdtemp(prefix=f"arshif-bench-{articles}-", dir=keep))
    try:
        _copy_project(project, tmp)
        times = max(1, repeat)
        src = _sources(tmp, articles, real, seed, corpus, project, spare=times)
        src_bytes = _size(src)
        _settle()
        preprocess_s = _run([*arshif, "preprocess"], tmp)  # cold: empty extraction cache
        # The site build as `arshif build` runs it (its preprocess finds nothing changed and skips).
        build_s = _run([*arshif, "build"], tmp)
        site_bytes = _size(tmp / "site")
        home = (tmp / "site" / "index.html").stat().st_size
        largest, largest_path = _largest_page(tmp / "site")
        nochange_s = _run([*arshif, "build"], tmp)
        names = sorted(src.glob("0*.txt"))
        with open(names[articles // 2], "a", encoding="utf-8") as fh:
            fh.write(EDIT_LINE)
        edit_s = _run([*arshif, "build"], tmp)
        # The first incremental build follows a full one, an editor's next edit an incremental one: both are timed.
        edits_again = []
        for k in range(times):
            edited = names[(articles // 2 + 1 + k) % len(names)]  # at 1 article, the same one every time
            with open(edited, "a", encoding="utf-8") as fh:
                fh.write(EDIT_LINE)
            edits_again.append(_run([*arshif, "build"], tmp))
        adds = []
        for k in range(times):
            shutil.move(tmp / f"added-{k}.txt", src / f"zz-added-{k}.txt")
            adds.append(_run([*arshif, "build"], tmp))
        removes = []
        for k in range(times):
            gone = names[(articles // 3 + 7 * k) % len(names)]
            if gone.exists():
                gone.unlink()
                removes.append(_run([*arshif, "build"], tmp))
        edit_again_s, add_s, remove_s = median(edits_again), median(adds), median(removes) if removes else 0.0
        _plain_docs(src, tmp / "plain-docs")
        _settle()
        (tmp / "mkdocs-plain.yml").write_text(PLAIN_CONFIG.replace("docs_dir: docs", "docs_dir: plain-docs"), encoding="utf-8")
        plain = [py, "-m", "mkdocs", "build", "--config-file", "mkdocs-plain.yml"]
        plain_runs = [_run(plain, tmp)]
        build_runs = [build_s]
        for _ in range(max(1, repeat) - 1):  # alternated, so both see the same moments of a noisy machine
            build_runs.append(_run([*arshif, "build", "--force"], tmp))
            plain_runs.append(_run(plain, tmp))
        build_s, plain_s = median(build_runs), median(plain_runs)
        plain_bytes = _size(tmp / "site-plain")
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        total_s = preprocess_s + build_s
        return {
            "articles": articles,
            "mode": "real" if real else "synthetic",
            "source_mb": round(src_bytes / 1e6, 2),
            "preprocess_s": round(preprocess_s, 2),
            "articles_per_s": round(articles / preprocess_s, 1),
            "build_s": round(build_s, 2),
            "total_s": round(total_s, 2),
            "peak_rss_mb": round(peak_kb / 1024, 1),
            "site_mb": round(site_bytes / 1e6, 1),
            "plain_site_mb": round(plain_bytes / 1e6, 1),
            "home_kb": round(home / 1e3, 1),
            "largest_page_kb": round(largest / 1e3, 1),
            "largest_page": largest_path,
            "search_index_mb": round(_size(tmp / "site" / "search") / 1e6, 2),
            "nochange_s": round(nochange_s, 2),
            "edit_s": round(edit_s, 2),
            "edit_again_s": round(edit_again_s, 2),
            "add_s": round(add_s, 2),
            "remove_s": round(remove_s, 2),
            "edits_again_s": [round(x, 2) for x in edits_again],
            "adds_s": [round(x, 2) for x in adds],
            "removes_s": [round(x, 2) for x in removes],
            "plain_material_s": round(plain_s, 2),
            "site_builds_s": [round(x, 2) for x in build_runs],
            "plain_builds_s": [round(x, 2) for x in plain_runs],
            "site_build_x_plain": round(build_s / plain_s, 2) if plain_s else None,
            "cold_build_x_plain": round(total_s / plain_s, 2) if plain_s else None,
            "site_bytes_x_plain": round(site_bytes / plain_bytes, 2) if plain_bytes else None,
        }
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


COLUMNS = ("articles", "mode", "preprocess_s", "articles_per_s", "build_s", "total_s", "peak_rss_mb", "site_mb", "plain_site_mb",
           "home_kb", "largest_page_kb", "nochange_s", "edit_s", "edit_again_s", "add_s", "remove_s", "plain_material_s",
           "site_build_x_plain", "cold_build_x_plain", "site_bytes_x_plain")


TARGETS = {"site_build_x_plain": "<= 1.5", "cold_build_x_plain": "<= 3", "site_bytes_x_plain": "<= 2", "home_kb": "<= 300",
           "largest_page_kb": "<= 1000", "peak_rss_mb": "<= 1024", "edit_s": "<= 10", "edit_again_s": "<= 10", "add_s": "<= 10", "remove_s": "<= 10",
           "nochange_s": "<= 2", "articles_per_s": ">= 500"}


def table(rows: list[dict]) -> str:
    """One line a figure, one column a run, the target (issues 13 and 14, at 10,000 real articles) last."""
    widths = [max(len(str(r.get(c))) for c in COLUMNS) + 2 for r in rows]
    name_w = max(len(c) for c in COLUMNS)
    lines = []
    for c in COLUMNS:
        cells = "".join(str(r.get(c)).rjust(w) for r, w in zip(rows, widths))
        lines.append(f"{c.ljust(name_w)}{cells}  {TARGETS.get(c, '')}".rstrip())
    if rows:
        lines.append(f"{'largest_page'.ljust(name_w)}  " + "  ".join(str(r.get('largest_page')) for r in rows))
    return "\n".join(lines)
