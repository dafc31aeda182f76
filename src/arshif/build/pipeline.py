"""pipeline: read -> clean -> extract for every article, then (barrier) render and write.

A bad article becomes an Issue and the run goes on; nothing is written before every article is known.
Before extraction a quick first pass takes every file's line prints (cached by content) and learns the archive's
template lines (ingest.templates): each article is then cleaned knowing them, and its cache key holds the template
lines found in it, so a rebuild after adding an article gives what a full build gives.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from .. import rules
from ..ingest.duplicates import PairMemo, near_duplicate_issues
from ..ingest.overrides import load_overrides
from ..ingest import templates as tpl
from ..ingest.read import ReadError, list_sources, read_article, unread_entries
from ..ids import claim_ids
from ..models import Article, Issue, Page, RawArticle, RunResult
from ..relate.archive import Analysis, with_links
from ..site.render import original_copy, render_article, render_index  # noqa: F401 (the article page and the index without links, for callers)
from ..site.article_links import article_links
from ..site.render_links import link_page_parts, summary_index
from ..site.report import is_report_page, render_report_pages
from ..site.page_memo import PageMemo
from ..site.sitefiles import site_info
from . import runs, snapshot
from .parallel import Beside, Later, Ready, frozen_heap, in_thread, render_all, thawed_heap
from . import front_matter
from .published import site_files
from .relate_memos import RANKING, TERM_NUMBERS, relate_kept  # noqa: F401 (the cache's names, for callers)
from .search_cache import SEARCH_MEMO, search_pages  # noqa: F401 (SEARCH_MEMO: the cache's name, for callers)
from .cache import ExtractCache, fingerprint
from .conflicts import hand_edit_conflicts
from .one_source import _result, finish, prepare, process_analysed, process_file  # noqa: F401 (process_file: for callers)
from .distributed import map_on_cluster
from . import file_digests
from .file_digests import FileDigests
from .keep import worth_writing
from .timings import phase
from .write import build_lock, page_digest, previous_owners, write_pages


def configure_rules(sources_dir: Path, extra: Iterable[Path] = ()) -> None:
    """Register the archive's own rule folders (a `rules/` beside the sources, plus any given) and check all rules."""
    dirs = [Path(d) for d in extra]
    local = Path(sources_dir).parent / "rules"
    if local.is_dir():
        dirs.insert(0, local)
    rules.set_extra_dirs(dirs)
    rules.check_all()


PAGE_MEMO = "page-memo"  # the cache's name for the article pages of the last run (site.page_memo)
NEAR_PAIRS = "near-duplicate-pairs"  # and for the shingles each compared pair shares (ingest.duplicates.PairMemo)
# The near-duplicate check's priority (os.nice): its answer is wanted only for the report, after the feeds; run
# at the priority of the search index and relate, it took a third of a core from them (0.9 s a one-article build).
NEAR_NICE = 19
# At most this many sources to read again, and the caller's when_idle work starts before extraction: a one-core
# second and a half at 10,000 articles (hashing, the snapshot) is free for it; the workers of more would not be.
EARLY_IDLE_MAX = 100
# Below this many files a process pool costs more than it saves.
_PARALLEL_MIN = 64
_worker_state: dict = {}


def _work(path: Path):
    state = _worker_state
    return process_analysed(path, state["overrides"].get(path.name), state["cache"], state.get("root"), state["templates"])


def _prints(path: Path) -> Optional[tuple]:
    """(SHA-256 of the bytes, the file's line prints), the prints from the cache when those bytes were seen before
    (None when it cannot be read)."""
    cache = _worker_state.get("cache")
    try:
        raw = read_article(path, _worker_state.get("root"))
    except ReadError:
        return None
    found = cache.get_prints(raw.sha256) if cache else None
    if found is None:
        found = tpl.prints(raw.text)
        if cache:
            cache.put_prints(raw.sha256, found)
    return raw.sha256, found


def _map(work: Callable, sources: list[Path], jobs: int, progress=None) -> list:
    if jobs <= 1 or len(sources) < _PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        results = (work(path) for path in sources)
        return list(progress(results) if progress else results)
    # fork: the workers inherit the loaded, checked rules, the cache settings and the template lines.
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        results = pool.imap(work, sources, chunksize=max(1, min(64, len(sources) // (jobs * 8))))
        return list(progress(results) if progress else results)


def learn_templates(sources: list[Path], cache: Optional[ExtractCache] = None, jobs: Optional[int] = None,
                    root: Optional[Path] = None) -> tpl.Templates:
    """The archive's template lines, from every source's line prints (the first, quick pass)."""
    return tpl.learn(found for _, found in filter(None, _all_prints(sources, cache, jobs, root)))


def _all_prints(sources: list[Path], cache: Optional[ExtractCache], jobs: Optional[int], root: Optional[Path],
                known: Optional[list] = None) -> list:
    """_prints() of every source; `known[n]`, when not None, is source n's prints already (from the snapshot)."""
    known = known if known is not None else [None] * len(sources)
    todo = [n for n, found in enumerate(known) if found is None]
    _worker_state.update(cache=cache, root=root)
    out = list(known)
    for n, found in zip(todo, _map(_prints, [sources[n] for n in todo], jobs or os.cpu_count() or 1)):
        out[n] = found
    return out


def process_all(sources: list[Path], overrides: dict[str, dict], cache: Optional[ExtractCache] = None,
                jobs: Optional[int] = None, progress: Optional[Callable[[Iterable], Iterable]] = None,
                root: Optional[Path] = None, analysed: bool = False, executor: Optional[str] = None,
                templates: Optional[tpl.Templates] = None) -> list:
    """process_file over all sources, in input order, on `jobs` processes (default: every core), or with
    `executor` (a Dask scheduler's address) on that cluster. With `analysed`, each result also carries the
    article's analysis (process_analysed). `templates`: the archive's template lines; learnt from `sources`
    when not given.

    Results come back in the order of `sources`, so the output is the same as a serial run's.
    """
    jobs = jobs or os.cpu_count() or 1
    if templates is None:
        templates = learn_templates(sources, cache, jobs, root)
    _worker_state.update(overrides=overrides, cache=cache, root=root, templates=templates)
    if executor:
        # Read and look up the cache here; only the articles still to analyse go to the cluster.
        out = [prepare(path, overrides.get(path.name), cache, root, templates) for path in sources]
        todo = [n for n, ready in enumerate(out) if len(ready) == 3]
        done = map_on_cluster(executor, [(out[n][0], overrides.get(sources[n].name), out[n][2]) for n in todo], templates)
        for n, result in zip(todo, done):
            out[n] = finish(sources[n], out[n], result, cache)
    else:
        out = _map(_work, sources, jobs, progress)
    return out if analysed else [r[:3] for r in out]


def collect(sources: list[Path], progress: Optional[Callable[[Iterable], Iterable]] = None,
            overrides: Optional[dict[str, dict]] = None, cache: Optional[ExtractCache] = None,
            jobs: Optional[int] = None, root: Optional[Path] = None) -> tuple[list[tuple[RawArticle, Article]], list[Issue]]:
    done, issues, _ = collect_analysed(sources, progress, overrides, cache, jobs, root)
    return done, issues


def collect_analysed(sources: list[Path], progress: Optional[Callable[[Iterable], Iterable]] = None,
                     overrides: Optional[dict[str, dict]] = None, cache: Optional[ExtractCache] = None,
                     jobs: Optional[int] = None, root: Optional[Path] = None,
                     previous: Optional[dict[str, str]] = None, executor: Optional[str] = None) -> tuple[list, list[Issue], dict]:
    """collect, plus article id -> Analysis of every article kept (for relate).

    `previous` (id -> source file) names who held a shared id in the last run: the address stays with it.
    """
    return collect_archive(sources, progress, overrides, cache, jobs, root, previous, executor)[:3]


def collect_archive(sources: list[Path], progress: Optional[Callable[[Iterable], Iterable]] = None,
                    overrides: Optional[dict[str, dict]] = None, cache: Optional[ExtractCache] = None,
                    jobs: Optional[int] = None, root: Optional[Path] = None, previous: Optional[dict[str, str]] = None,
                    executor: Optional[str] = None) -> tuple[list, list[Issue], dict, tpl.Templates]:
    """collect_analysed, plus the archive's template lines (for the report)."""
    done, issues, analyses, templates, near, _ = _collect(sources, progress, overrides, cache, jobs, root, previous, executor)
    issues.extend(near.result())
    return done, issues, analyses, templates


def _extract(sources: list[Path], progress, overrides: dict[str, dict], cache: Optional[ExtractCache], jobs: Optional[int],
             root: Optional[Path], executor: Optional[str], digests: Optional[list]) -> tuple:
    """process_analysed's result for every source, the template lines, and for the snapshot's writer: the loaded
    snapshot, each result's cache key when the snapshot gave it, and the first pass's prints by SHA-256.
    `digests`: read.source_digest of each source, as the run's key hashed them."""
    if cache is None:
        digests = [None] * len(sources)  # no cache, no snapshot: every source goes through the workers
    elif digests is None:
        digests = runs.source_digests(sources, root, cache)
    with phase("last run's snapshot loaded"):
        thawed_heap()  # collect_archive's runs (tools, tests) do not start in preprocess
        known = snapshot.load(cache)
        frozen_heap()
    given = snapshot.known_prints(known, digests)
    # The snapshot this run saves (_collect) keeps what the workers make, in one file: they get no per-entry cache,
    # neither to look in (nothing of the pipeline's is there) nor to write (20,000 files, one a source and its
    # prints, took a fifth of a cold run of 10,000 articles to create). What the snapshot did not serve is a miss.
    with phase("template lines"):
        found = _all_prints(sources, None, jobs, root, [None if p is None else (snapshot.sha_of(d), p)
                                                        for d, p in zip(digests, given)])
        templates = tpl.learn(p for _, p in filter(None, found))
    with phase("extraction"):
        hits = [snapshot.hit(known, cache, path, d, p, overrides.get(path.name), templates) if p is not None else None
                for path, d, p in zip(sources, digests, given)]
        todo = [n for n, h in enumerate(hits) if h is None]
        if cache is not None:
            cache.misses += len(todo)
        made = iter(process_all([sources[n] for n in todo], overrides, None, jobs, progress, root, analysed=True,
                                executor=executor, templates=templates))
    results = [_result(path, *h[1:]) if h else next(made) for path, h in zip(sources, hits)]
    return results, templates, known, [h[0] if h else None for h in hits], dict(filter(None, found))


def _collect(sources: list[Path], progress, overrides: Optional[dict[str, dict]], cache: Optional[ExtractCache],
             jobs: Optional[int], root: Optional[Path], previous: Optional[dict[str, str]], executor: Optional[str],
             digests: Optional[list] = None) -> tuple:
    """collect_archive, with the near-duplicate check still running: its issues come from the last item's
    result(), to be added after the others (the check runs in a forked process, at a low priority)."""
    done: list[tuple[RawArticle, Article]] = []
    issues: list[Issue] = []
    analyses: dict = {}
    overrides = overrides or {}
    by_hash: dict[str, str] = {}
    by_id: dict[str, str] = {}
    owners, _ = claim_ids([p.name for p in sources], previous or {})
    results, templates, known, keys, prints_by_sha = _extract(sources, progress, overrides, cache, jobs, root, executor, digests)
    key_of: dict[str, str] = {}  # article id -> its cache key, when the snapshot gave it (its shingles are there)
    entry_of: dict[str, str] = {}  # article id -> its cache key, however it was found (the page memo's, _build_pages)
    for path, (raw, article, issue, analysis), key in zip(sources, results, keys):
        if issue:
            issues.append(issue)
            continue
        assert raw is not None and article is not None
        if raw.sha256 in by_hash:
            issues.append(Issue(str(path), "read", "duplicate", f"same bytes as {by_hash[raw.sha256]}: one page is built, for the first", "warning"))
            continue
        owner = owners.get(article.id, raw.name)
        if owner != raw.name or article.id in by_id:
            other = owner if owner != raw.name else by_id[article.id]
            issues.append(Issue(str(path), "read", "id-clash", f"its page id '{article.id}' (address articles/{article.id}.html) "
                                f"belongs to {other}: this file is not built; rename one of the two"))
            continue
        by_hash[raw.sha256] = raw.name
        by_id[article.id] = raw.name
        for warning in article.warnings:
            stage = "read" if warning in raw.notes else "extract"
            issues.append(Issue(str(path), stage, "warning", warning, "warning"))
        done.append((raw, article))
        if analysis is not None:
            analyses[article.id] = analysis
        if key is not None:
            key_of[article.id] = key
        prints = prints_by_sha.get(raw.sha256)
        if cache is not None and (key is not None or prints is not None):
            entry_of[article.id] = key or snapshot.entry_key(cache, raw.sha256, raw.name, overrides.get(raw.name), templates, prints)
    # Computed in the workers, or kept in the snapshot's file of shingles (read by the check's own process).
    held = {"known": [getattr(analyses.get(a.id), "shingles", None) or None for _, a in done], "results": results}

    def check_and_keep() -> list[Issue]:
        known_now = held["known"]
        kept = snapshot.load_shingles(cache) if key_of else {}
        if kept:
            known_now = [k or kept.get(key_of.get(a.id, "")) for k, (_, a) in zip(known_now, done)]
        pairs = PairMemo.from_state(cache.get_named(NEAR_PAIRS)) if cache is not None else None
        found = near_duplicate_issues(done, known_now, pairs)
        if pairs is not None and pairs.changed():
            try:
                cache.put_named(NEAR_PAIRS, pairs.state())
            except OSError:
                pass  # the memo only spares work
        if cache is not None:
            try:
                snapshot.save(cache, known, held["results"], keys, prints_by_sha, overrides, templates, kept)
            except OSError:
                pass  # the snapshot only spares work: the next run goes through the workers instead
        return found

    # The near-duplicate check (and keeping the snapshot) needs only the articles and their shingles: it runs in a
    # forked process, on what the search index, relate and the render leave of the cores. On one core it runs now.
    near = Beside(check_and_keep, len(done), jobs, nice=NEAR_NICE)
    if not near.forked:
        with phase("near duplicates"):
            near = Ready(near.result())
    # The shingles served the near-duplicate check only, and they are the bulk of an analysis (some 50 kB an
    # article: half a gigabyte at 10,000 articles): relate gets the analyses without them (the cache keeps them),
    # and this process lets them go (the forked one has its own).
    held.clear()
    analyses = {k: dataclasses.replace(a, shingles=b"") if isinstance(a, Analysis) else a for k, a in analyses.items()}
    return done, issues, analyses, templates, near, entry_of


def build_pages(done: list[tuple[RawArticle, Article]], issues: list[Issue], analyses: Optional[dict] = None,
                jobs: Optional[int] = None, templates: tpl.Templates = tpl.NONE) -> list[Page]:
    pages, _, report = _build_pages(done, issues, analyses, jobs, templates)
    report(pages)
    return pages


def _build_pages(done: list[tuple[RawArticle, Article]], issues: list[Issue], analyses: Optional[dict] = None,
                 jobs: Optional[int] = None, templates: tpl.Templates = tpl.NONE,
                 cache: Optional[ExtractCache] = None, near: Optional[Union[Beside, Ready]] = None,
                 entries: Optional[dict] = None, when_idle: Optional[Callable[[], None]] = None,
                 while_rendering: Optional[Callable[[], None]] = None) -> tuple:
    """The pages but the report, the archive's events, and report(pages): it puts the report pages among them
    (rendered again when issues are added later). `near`: the near-duplicate check still running (_collect), whose
    issues go after the others found before relate: report() waits for it, as late as the caller can, for it runs
    at a low priority beside the rest. `entries`: each article's extraction cache key (_collect), for the page
    memo; `when_idle`: see preprocess; `while_rendering`, called as the render starts (this process then mostly
    waits for its workers), starts the threads that read what comes after."""
    plain = [a for _, a in done]
    # The search index reads the articles, not their links: it is built meanwhile, in a forked process.
    search = Beside(lambda: search_pages(plain, cache, analyses), len(plain), jobs)
    if search.forked and analyses:  # the search index's process has the workers' words: this one lets them go
        analyses.update({k: dataclasses.replace(a, search=None) for k, a in analyses.items() if getattr(a, "search", None)})
    # relate: entities, events, related articles and time order, once every article is known; the
    # per-article entity matching was done in the workers (analyses), only the merge is left here.
    with phase("relate"):
        archive = relate_kept(plain, analyses, cache)
    at = len(issues)  # where the near-duplicate check's issues go
    issues.extend(Issue("rules/events.yaml", "relate", "events-override", w, "warning") for w in archive.warnings)
    done = [(raw, with_links(article, archive.links[article.id])) for raw, article in done]
    articles = [a for _, a in done]

    with phase("page memo"):
        memo = PageMemo(cache.get_named(PAGE_MEMO) if cache is not None else None)

    def render(item) -> list:
        return [memo.article(item[1], article_links(archive, item[1].id), (entries or {}).get(item[1].id))]

    # Article pages and listings on the workers, while the search index is fetched (or, on one core, built) here.
    if while_rendering is not None:
        while_rendering()
    with phase("render (and search index beside)"):
        rendered, listings, searched = render_all(
            done, render, [lambda: summary_index(archive), *link_page_parts(archive)], search.result, jobs)
    if when_idle is not None:
        when_idle()  # from here on, only the near-duplicate check (at a low priority) runs beside this process
    # The originals are made here, from the text this process holds: sent back from the workers, 10,000 of
    # them cost more than making them.
    article_pages = [page for (raw, article), made in zip(done, rendered)
                     for page in (memo.page(made), original_copy(article, raw.text))]
    if cache is not None and worth_writing(memo.known, memo.used):
        with phase("page memo kept"):
            cache.put_named(PAGE_MEMO, memo.used)
    listed, place = list(issues), len(article_pages) + len(listings)  # the report's issues: those known by now

    def report(pages: list[Page]) -> None:
        if near is not None:
            with phase("near duplicates (beside the rest)"):
                found = near.result()
            issues[at:at] = listed[at:at] = found
        with phase("report"):
            pages[place:place] = render_report_pages(articles, listed, archive.events, templates)
    return [*article_pages, *listings, *searched], archive.events, report


def preprocess(sources_dir: Path, docs_dir: Path, *, rules_dirs: Iterable[Path] = (), progress=None,
               cache_dir: Optional[Path] = None, use_cache: bool = True, jobs: Optional[int] = None,
               skip_unchanged: bool = True, config_file: Optional[Path] = None,
               executor: Optional[str] = None, record_later: bool = False,
               when_idle: Optional[Callable[[], None]] = None,
               read_ahead: Optional[Callable[[], None]] = None) -> RunResult:
    """The whole preprocessing run. The extraction cache lives in `cache_dir` (default: .arshif-cache beside docs/);
    site_url and the site's name come from `config_file` (default: mkdocs.yml beside docs/); `executor`, a Dask
    scheduler's address, runs the per-article work on that cluster. `record_later`: the run's record (what the next
    run compares with, and docs/'s record of hashes) is left to result.recorded (parallel.Later): the caller starts it
    once it has only waiting left, and waits for it. `when_idle`, if the run gets
    there, is called once nothing runs beside this process: the caller's own work may start on the cores left free
    (at the start of a run that reads EARLY_IDLE_MAX sources or fewer again; else after the render). `read_ahead`,
    if the run renders, is called as the render starts: the caller may start threads that read what it needs later
    (this process then mostly waits for the render's workers)."""
    sources_dir, docs_dir = Path(sources_dir), Path(docs_dir)
    rules_dirs = list(rules_dirs)
    with phase("rules checked"):
        configure_rules(sources_dir, rules_dirs)
    thawed_heap()
    cache = None
    if use_cache:
        cache = ExtractCache(cache_dir or docs_dir.resolve().parent / ".arshif-cache", fingerprint(rules.extra_dirs()))
    if not sources_dir.is_dir():
        raise FileNotFoundError(f"{sources_dir}: no such folder of source articles")
    sources = list_sources([sources_dir])
    overrides, override_issues = load_overrides(sources_dir, [p.name for p in sources], sources_dir.resolve().parent)
    run_key = unchanged_run = digests = None
    if cache is not None and skip_unchanged:
        with phase("sources hashed, last run compared"):
            read: list[Path] = []
            digests = runs.source_digests(sources, sources_dir.resolve().parent, cache, read)
            run_key = runs.run_key(cache.fingerprint, sources, overrides, sources_dir.resolve().parent,
                                   site_info(config_file or docs_dir.parent / "mkdocs.yml"), digests)
            docs_stats: dict = {}
            unchanged_run = runs.unchanged(cache.folder, run_key, docs_dir, docs_stats)
    if unchanged_run is not None:
        # Same sources, overrides, rules and code as the last run, and its pages are in place: nothing to do.
        result = RunResult(issues=unchanged_run.issues)
        result.count, result.unchanged = unchanged_run.count, unchanged_run.pages
        result.docs_stats = docs_stats
        return result
    if when_idle is not None and digests is not None and len(read) <= EARLY_IDLE_MAX:
        # A run of a few new or edited sources has one core busy until its barrier (the snapshot loaded, the few
        # extracted): the caller's work starts now, on the other, rather than beside the render's and write's.
        when_idle()
    with phase("previous owners"):
        previous = previous_owners(docs_dir, [p.name for p in sources])
    done, issues, analyses, templates, near, entries = _collect(sources, progress, overrides, cache, jobs, sources_dir.resolve().parent,
                                                       previous, executor, digests)
    issues = unread_entries(sources_dir) + override_issues + issues
    # ---------- barrier: every article is known ----------
    digests_record = cache.folder / file_digests.RECORD if cache else None
    seen = Later(lambda: FileDigests(docs_dir, digests_record))  # docs/'s record of hashes (read here if need be)

    def while_rendering() -> None:  # docs/'s record of hashes (and the caller's files) read while the workers render
        seen.start()
        if read_ahead is not None:
            read_ahead()

    pages, events, report = _build_pages(done, issues, analyses, jobs, templates, cache, near, entries, when_idle,
                                         while_rendering)
    # Every page's SHA-256 (for the conflict check and the writer) made meanwhile: hashlib lets go of the GIL.
    hashed = in_thread(lambda listed=tuple(pages): [page_digest(p) for p in listed])
    # Feeds, exports, citation files and redirects go into docs/ too: any engine then publishes the same archive.
    # What docs/ holds now, read once for both (and, with a cache, only the files changed since the last run).
    with phase("docs/ hashes read"):
        digests = seen.result()
    with phase("feeds, exports, citations"):
        extra, site_issues = site_files(pages, docs_dir, config_file or docs_dir.parent / "mkdocs.yml",
                                        cache.folder if cache else None, cache.fingerprint if cache else "", digests)
    pages += extra
    issues += site_issues
    report(pages)  # the near-duplicate check has had the feeds' time (an alias is never a report page's path)
    with build_lock(docs_dir):
        # Hand edits that hide a new version are known before the report page is written, so it lists them.
        with phase("hand edits checked"):
            hashed.result()
            conflicts = hand_edit_conflicts(docs_dir, pages)
        if conflicts:
            issues = issues + conflicts
            pages = [p for p in pages if not is_report_page(p.path)] + render_report_pages([a for _, a in done], issues, events, templates)
        with phase("write"):
            written = write_pages(docs_dir, pages, digests, jobs, record_later=record_later)
        clashed = {i.file for i in conflicts}
        written.issues = [i for i in written.issues if not (i.code == "overwrite-refused" and i.file in clashed)]
    if cache is not None:
        with phase("front-matter cache"):
            front_matter.write_cache(cache.folder, pages, digests.known)  # the site build's hook takes page data from it
    result = RunResult(articles=[a for _, a in done], issues=issues + written.issues)
    result.written = len(written.written)
    result.unchanged = len(written.unchanged)
    result.removed_stale = len(written.removed)
    result.changed = sorted(written.written + written.removed)
    result.count = len(done)
    result.docs_seen = digests.looked()
    result.recorded = runs.keep_records(cache, run_key, docs_dir, result, written, digests, record_later)
    return result
