"""Command line: arshif build | preprocess | serve | extract | report | eval | zip."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from . import __version__

if TYPE_CHECKING:
    from .models import RunResult

DEFAULT_SOURCES = Path("source_articles")


def _progress(enabled: bool):
    """A progress bar on a terminal; nothing in CI or when output is piped."""
    if not enabled or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from tqdm import tqdm

    return lambda items: tqdm(items, desc="articles", unit="art", file=sys.stderr, leave=False)


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", "-f", type=Path, default=None,
                   help="the archive's mkdocs.yml; its folder is the archive (default: mkdocs.yml here)")
    p.add_argument("--sources", type=Path, default=None,
                   help="folder of source .txt articles (default: extra.arshif.sources of mkdocs.yml, else source_articles)")
    p.add_argument("--docs", type=Path, default=None, help="MkDocs docs folder to write (default: docs_dir of mkdocs.yml, else docs)")
    p.add_argument("--rules", type=Path, action="append", default=[], metavar="DIR", help="extra rules folder (repeatable)")
    p.add_argument("--strict", action="store_true", help="finish the run, then fail if anything was reported")
    p.add_argument("--jobs", "-j", type=int, default=None, help="processes for extraction (default: every core)")
    p.add_argument("--executor", default=None, metavar="ADDRESS",
                   help="extract on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786; pip install 'arshif[dask]')")
    p.add_argument("--no-cache", action="store_true", help="extract every article again, ignoring the extraction cache")
    p.add_argument("--allow-removal", action="store_true",
                   help="let a run remove more than half of the archive's article pages (sources emptied on purpose)")


# An emptied or unmounted sources folder must not wipe the archive: removing most pages needs --allow-removal.
REMOVAL_SHARE = 0.5


def removal_refused(sources: Path, docs: Path) -> str:
    """Why this run would remove too much of the archive, or "" when it would not."""
    from .build.write import load_manifest
    from .ingest.read import list_sources

    pages = [p for p in load_manifest(docs) if p.startswith("articles/") and p.endswith(".md")]
    if len(pages) < 2:
        return ""
    found = len(list_sources([sources])) if Path(sources).is_dir() else 0
    if found >= len(pages) * REMOVAL_SHARE:
        return ""
    where = f"{sources} holds {found} article files" if Path(sources).is_dir() else f"{sources} is missing"
    return (f"{where}, but {docs} has {len(pages)} article pages: this run would remove "
            f"{len(pages) - found} of them. Nothing was changed; if that is what you want, run again with --allow-removal")


def cmd_preprocess(args: argparse.Namespace) -> int:
    return _preprocess(args)[0]


def _preprocess(args: argparse.Namespace, record_later: bool = False, when_idle: Optional[Callable[[], None]] = None,
                read_ahead: Optional[Callable[[], None]] = None) -> tuple[int, Optional[RunResult]]:
    """cmd_preprocess's status, and the run's result (None when there was no run). `record_later`, `when_idle`,
    `read_ahead`: see pipeline.preprocess (the caller waits for result.recorded)."""
    from .build.distributed import ExecutorError
    from .build.pipeline import preprocess
    from .rules import RulesError
    from .site.report import SHOWN_PER_KIND, print_summary

    refused = "" if args.allow_removal else removal_refused(args.sources, args.docs)
    if refused:
        print(f"arshif: {refused}", file=sys.stderr)
        return 2, None
    try:
        result = preprocess(args.sources, args.docs, rules_dirs=args.rules, progress=_progress(True),
                            use_cache=not args.no_cache, jobs=args.jobs, executor=args.executor,
                            record_later=record_later, when_idle=when_idle, read_ahead=read_ahead)
    except (RulesError, ExecutorError) as exc:
        print(f"arshif: {exc}", file=sys.stderr)
        return 2, None
    except FileNotFoundError as exc:
        print(f"arshif: {exc}", file=sys.stderr)
        return 2, None
    print_summary(result.count, result.issues, sys.stderr, SHOWN_PER_KIND, str(args.docs / "report.md"))
    print(f"docs: {result.written} written, {result.unchanged} unchanged, {result.removed_stale} stale removed", file=sys.stderr)
    # A bad article is reported, not fatal; --strict makes any report fail the run (after it finished).
    return (1 if args.strict and result.issues else 0), result


def _mkdocs_child(*argv: str) -> int:
    # Material's own notices (its end of life, MkDocs 2) are left for the reader to see: arshif hides nothing.
    # The child ends with arshif, even when arshif is killed (build/child.py).
    from .build import child

    return child.run([sys.executable, "-m", "mkdocs", *argv])


_mkdocs = _mkdocs_child  # how `arshif build` runs MkDocs (a test may put another in its place)


def versions() -> str:
    """arshif and the engines it builds with, as installed (Zensical only when it is there)."""
    from importlib import metadata

    parts = [f"arshif {__version__}"]
    for dist in ("mkdocs", "mkdocs-material", "zensical"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            if dist != "zensical":
                parts.append(f"{dist} not installed")
    return ", ".join(parts)


def cmd_build(args: argparse.Namespace) -> int:
    """preprocess, then mkdocs build into a folder beside site/ that replaces site/ in one rename at the end.

    The build lock is held throughout, so two builds never interleave; a build killed at any moment leaves
    the previous docs/ and site/ usable (the next build clears what it left).
    """
    from .build.site_build import site_build
    from .build.timings import phase
    from .build.write import build_lock, looks_like_site, recover_dir
    from .build.mkdocs_warm import EarlyMkDocs, prepared_build
    from .build import incremental
    from .build.site_relink import EarlyRelink
    from .build.site_swap import base_dir, site_refusal, staging_dir

    site = Path(args.site)
    project = Path(args.config or "mkdocs.yml").resolve().parent
    refused = site_refusal(site, project, args.docs)
    if refused:
        print(f"arshif: {refused}; nothing was changed", file=sys.stderr)
        return 2
    with build_lock(args.docs):
        recover_dir(site)
        if not looks_like_site(site):
            print(f"arshif: {site} holds files that are not a built site; refusing to replace it (choose another --site)", file=sys.stderr)
            return 2
        # MkDocs' child starts once preprocess has a core free, and makes itself ready meanwhile (mkdocs_warm.py)
        early = EarlyMkDocs(prepared_build(args.config, staging_dir(site)), _mkdocs) if _mkdocs is _mkdocs_child else None
        # and the last site's kept copy is brought up to date now, on the core preprocess's start leaves idle
        relinked = EarlyRelink(site, base_dir(site, project)) if not args.force else None
        try:
            with phase("preprocess"):
                # the last site build's record, which the site build reads first, is read while the render's workers run
                status, result = _preprocess(args, record_later=True, when_idle=early.start if early else None,
                                             read_ahead=lambda: incremental.read_stamp_ahead(Path(args.docs)))
            if status == 2:
                return status
            try:
                return site_build(args, site, project, status, result, early.run if early else _mkdocs, relinked)
            finally:
                if result is not None and result.recorded is not None:
                    result.recorded.result()  # preprocess's records of the run, kept meanwhile (or now)
        finally:
            if early is not None:
                early.close()
            if relinked is not None:
                relinked.close()


def cmd_serve(args: argparse.Namespace) -> int:
    """Preprocess, then `mkdocs serve`; preprocess again whenever the sources or rules change (MkDocs then
    rebuilds and reloads the browser). Ending arshif (Ctrl+C, SIGTERM, SIGHUP) ends its MkDocs child too."""
    import signal
    import time

    from .build.watch import snapshot

    status = cmd_preprocess(args)
    if status == 2:
        return status
    watched = [args.sources, *args.rules, Path(args.sources).parent / "rules"]
    seen = snapshot(watched)
    # MkDocs serves under site_url's path (/arshif/ for https://example.org/arshif/); a preview belongs at the
    # address it is served on. A config beside mkdocs.yml inherits it with only site_url changed.
    config = Path(args.config)
    preview = config.parent / ".arshif-serve.yml"
    preview.write_text(f"# arshif serve's preview: mkdocs.yml served at its own address (removed on exit)\n"
                       f"INHERIT: {config.name}\nsite_url: http://{args.dev_addr}/\n", encoding="utf-8")
    argv = ["serve", "--config-file", str(preview), "--dev-addr", args.dev_addr]
    argv += ["--open"] * args.open + ["--dirty"] * args.dirty
    from .build import child as children

    child = children.spawn([sys.executable, "-m", "mkdocs", *argv])  # ends with arshif, even killed

    def stop(signum, frame):
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, stop)
    try:
        while child.poll() is None:
            time.sleep(args.poll)
            now = snapshot(watched)
            if now != seen:
                seen = now
                print("arshif: sources or rules changed; preprocessing", file=sys.stderr)
                cmd_preprocess(args)
        return child.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        children.stop(child)
        preview.unlink(missing_ok=True)


def cmd_new(args: argparse.Namespace) -> int:
    from .build.skeleton import SkeletonError, new_archive

    try:
        written = new_archive(args.folder)
    except (SkeletonError, OSError) as exc:
        print(f"arshif: {exc}", file=sys.stderr)
        return 2
    print(f"a new archive in {args.folder} ({len(written)} files): put articles into "
          f"{args.folder / 'source_articles'}, then run `arshif build` there")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .build.pipeline import configure_rules, learn_templates
    from .ingest.read import list_sources
    from .rules import RulesError
    from .tools.contract import extract_path

    try:
        configure_rules(Path(args.paths[0]) if Path(args.paths[0]).is_dir() else Path(args.paths[0]).parent, args.rules)
    except RulesError as exc:
        print(f"arshif: {exc}", file=sys.stderr)
        return 2
    failed = False
    out = sys.stdout
    sources = list_sources(args.paths)
    templates = learn_templates(sources, jobs=1)  # the files given are the archive: lines recurring across them
    for path in sources:
        record = extract_path(path, templates)
        failed = failed or not record["ok"]
        if args.json:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            status = "ok" if record["ok"] else f"ERROR {record['error']}"
            out.write(f"{path}: {status}\n  title: {record['title']}\n  date: {record['date']} ({record['date_basis']})\n"
                      f"  outlet: {record['outlet']}\n  author: {record['author']}\n  dateline: {record['dateline']}\n")
        out.flush()
    return 1 if failed else 0


def cmd_report(args: argparse.Namespace) -> int:
    from .build.pipeline import preprocess
    from .site.report import print_article_report, print_summary

    result = preprocess(args.sources, args.docs, rules_dirs=args.rules, skip_unchanged=False)
    print_article_report(result.articles, sys.stdout)
    print_summary(result.articles, result.issues, sys.stdout)
    print(f"the same report is a page of the site: {args.docs / 'report.md'}")
    return 1 if (args.strict and result.issues) else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .build.pipeline import configure_rules
    from .tools.evaluate import evaluate, format_score

    sources = args.sources
    truth = Path(args.truth)
    if not sources.is_dir():
        sources = truth.resolve().parent.parent / "seeds"
    configure_rules(sources, args.rules)
    score = evaluate(truth, sources)
    for line in format_score(score):
        print(line)
    return 0 if not score.misses else 1


def cmd_zip(args: argparse.Namespace) -> int:
    from .site.zipsite import ZipError, zip_site

    try:
        summary = zip_site(args.site, args.output)
    except ZipError as exc:
        print(f"arshif: {exc}", file=sys.stderr)
        return 2
    print(f"{summary.path}: {summary.files} files, {summary.bytes_in / 1e6:.1f} MB -> {summary.bytes_out / 1e6:.1f} MB; "
          f"unzip it and open index.html", file=sys.stderr)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .tools.bench import run, table

    rows = []
    for n in args.articles or [1000]:
        row = run(n, Path.cwd(), seed=args.seed, corpus=args.corpus, keep=args.keep, real=args.real, repeat=args.repeat)
        rows.append(row)
        if args.json:
            print(json.dumps(row, ensure_ascii=False), flush=True)
    if not args.json:
        print(table(rows))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="arshif", description="Raw scraped Arabic news articles in, a right-to-left static archive out.")
    parser.add_argument("--version", action="version", version=versions())
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("new", help="make a ready archive folder (mkdocs.yml, theme, source_articles/, rules/)",
                       description="Make a new archive in FOLDER (new or empty), as `mkdocs new` makes a project: "
                                   "mkdocs.yml, the theme, an empty source_articles/, a rules/ folder and a README.")
    p.add_argument("folder", type=Path, help="the archive's folder (new or empty)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("build", help="preprocess source_articles/ into docs/, then mkdocs build --strict into site/")
    _add_common(p)
    p.add_argument("--site", type=Path, default=None, help="output folder (default: site_dir of mkdocs.yml, else site)")
    p.add_argument("--force", action="store_true", help="build the site even when nothing changed since the last build")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("preprocess", help="write docs/ from source_articles/ (no site build)")
    _add_common(p)
    p.set_defaults(func=cmd_preprocess)

    p = sub.add_parser("serve", help="preprocess, serve the site with live reload, and preprocess again when an article changes",
                       description="Preprocess, then serve the site with MkDocs' live reload; the sources and rules folders "
                                   "are watched, and a change is preprocessed so that the open page reloads.")
    _add_common(p)
    p.add_argument("--dev-addr", "-a", default="127.0.0.1:8000", metavar="IP:PORT", help="address to serve on (default: %(default)s)")
    p.add_argument("--open", "-o", action="store_true", help="open the site in a browser once it is served")
    p.add_argument("--dirty", action="store_true", help="MkDocs renders only changed pages")
    p.add_argument("--poll", type=float, default=1.0, help=argparse.SUPPRESS)  # seconds between looks at the sources
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("extract", help="print the extracted metadata of files or folders (the --json contract)")
    p.add_argument("paths", nargs="+", type=Path, help="files, or folders whose *.txt files are read in name order")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per input file, in input order")
    p.add_argument("--rules", type=Path, action="append", default=[], metavar="DIR", help="extra rules folder (repeatable)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("report", help="print every article's fields with their basis and warnings (also a site page)")
    _add_common(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("zip", help="write site.zip: the built site, working from file:// after unzipping")
    p.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: %(default)s)")
    p.add_argument("--output", "-o", type=Path, default=Path("site.zip"), help="zip file to write (default: %(default)s)")
    p.set_defaults(func=cmd_zip)

    p = sub.add_parser("bench", help="time preprocess, build and rebuilds at N synthetic articles (and plain mkdocs-material)")
    p.add_argument("--articles", type=int, action="append", help="number of articles (repeatable; default 1000)")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus (default: %(default)s)")
    p.add_argument("--corpus", type=Path, help="folder of corpus *.jsonl.gz for real text (default: ../shared/corpus/saudinewsnet)")
    p.add_argument("--keep", type=Path, help="build in this folder and keep the scratch project")
    p.add_argument("--real", action="store_true", help="real corpus articles laid out as raw pages (real lengths), not synthetic ones")
    p.add_argument("--json", action="store_true", help="one JSON object per N instead of the table")
    p.add_argument("--repeat", type=int, default=1,
                   help="time the full site build and the plain build this many times each, alternated, and report "
                        "the medians (default: %(default)s)")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("eval", help="score extraction against a truth file (format of ../shared/truth/seeds.yaml)")
    p.add_argument("truth", type=Path)
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="folder holding the truth's articles")
    p.add_argument("--rules", type=Path, action="append", default=[], metavar="DIR")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    import gc

    from .build.parallel import GC_THRESHOLDS
    from .build.project import ConfigError, apply

    gc.set_threshold(*GC_THRESHOLDS)
    args = build_parser().parse_args(argv)
    try:
        apply(args)
    except ConfigError as exc:
        print(f"arshif: {exc}", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except OSError as exc:  # a read-only project, a full disk: a message, not a traceback
        from .build.site_swap import disk_problem

        print(f"arshif: {disk_problem(exc)}", file=sys.stderr)
        return 2


def run() -> None:
    """The `arshif` command: main(), then out without tearing the interpreter down. Freeing a build's objects one
    by one (pages, records, the archive: most of a gigabyte at 10,000 articles) took a fifth of a second after
    every build; the system takes the memory back at once. What asked to run at exit still runs (atexit: the
    pools' clean-up, logging, a temporary folder), and the output is flushed first."""
    import atexit

    code = main()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    run()
