"""parallel: the pages after the barrier, on every core.

Once relate has linked the archive, each article page depends only on its article and the archive, and the
listing pages only on the archive: the archive is handed to forked workers (copy-on-write, nothing pickled
on the way in), which render chunks of article pages and the listings while this process gets the search
index (`beside`). Pages come back in the order a serial run makes them, so the output is the same bytes.

Work that needs the articles but not the links (the search index) need not wait for relate, which runs on one
core: Beside starts it in a forked process at the barrier, on the core relate leaves idle.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Callable, Optional, Sequence, Union

from ..models import Page
from .timings import phase


# Cyclic garbage collection every million allocations, not 700: a build allocates millions of small objects that
# live until the end (records, pages, index arrays) and makes almost no cycles (garbage without a cycle is freed
# at once, whatever the thresholds), and the collector walked them again and again: 4 s of a 32 s one-article
# rebuild at 10,000 articles with the defaults, 1.0-1.4 s with 50,000, none with a million (gc.callbacks' sum in
# the parent; the same peak memory). Worker processes inherit it.
GC_THRESHOLDS = (1_000_000, 20, 100)

_PARALLEL_MIN = 64  # below this many articles a pool costs more than it saves


def frozen_heap() -> None:
    """What this process holds now (the last run's snapshot: millions of objects that live to the end of the run)
    is left out of every later collection (gc.freeze()), which walked it again: 0.4-0.5 s of a one-article build
    at 10,000 articles, none after. Forked processes then share those pages longer, too."""
    gc.freeze()


def thawed_heap() -> None:
    """Give a last run's frozen objects back to the collector, at the start of a run, and collect what of them is
    garbage now (a cycle frozen would never be freed): a process that runs many builds (a test suite, a watcher)
    keeps no more than one run's out of collections. Nothing to do in a process's first run."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


_state: dict = {}
# The render's workers run at a lower priority than the process beside them (the search index): this process
# waits for that one first, and both cores are busy the whole while, so what the kernel gives the workers first
# only delays the index. One-article builds at 10,000 articles, eleven alternated pairs: 9 faster, the wall's
# median 10.8 -> 10.4 s, the index made in 2.7 s instead of 3.0.
RENDER_NICE = 5


def _lower_priority(increment: int) -> None:
    """This process's priority lowered by `increment` (os.nice), where the system has one."""
    if increment and hasattr(os, "nice"):
        os.nice(increment)


class Beside:
    """`work()` run from now on in a forked process, while this one goes on; result() gives what it returned (and
    raises what it raised, or BrokenProcessPool if the process died). Run here, by result(), when there is one core,
    forking is not worth it (`size`, the number of articles or files, below _PARALLEL_MIN), or no process can be
    forked (a limit on processes, or memory)."""

    def __init__(self, work: Callable[[], object], size: int, jobs: Optional[int] = None, nice: int = 0):
        """`nice`: the forked process's lower priority (os.nice), for work whose result is wanted late."""
        self._work, self._pool, self._pending = work, None, None
        jobs = jobs or os.cpu_count() or 1
        if jobs > 1 and size >= _PARALLEL_MIN and "fork" in multiprocessing.get_all_start_methods():
            _state["beside"] = (work, nice)  # the forked process inherits it (kept until result()): nothing is pickled
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            try:
                self._pending = self._pool.submit(_beside)  # forks now: fork processes start with the first task
            except OSError:  # the fork failed: the work waits for result(), here
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
                _state.pop("beside", None)

    @property
    def forked(self) -> bool:
        """Whether work() runs in a forked process (else result() runs it here)."""
        return self._pool is not None

    def result(self):
        if self._pool is None:
            return self._work()
        try:
            return self._pending.result()
        finally:
            self._pool.shutdown()
            _state.pop("beside", None)


def in_thread(work: Callable[[], object]) -> Future:
    """`work()` run from now on in a thread of this process; the Future's result() waits for it. For work that can
    wait beside a child process this one only waits on (the site build): the thread then has the interpreter to
    itself."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="arshif")
    try:
        return pool.submit(work)
    finally:
        pool.shutdown(wait=False)  # the thread ends once the work is done


class Later:
    """work() in a thread once start() is called, for work whose result is wanted late: the caller starts it when
    it has only waiting left (the site build, beside MkDocs); result() waits for it, or runs it here if it was never
    started."""

    def __init__(self, work: Callable[[], object]):
        self._work = work
        self._future: Optional[Future] = None

    def start(self) -> None:
        if self._future is None:
            self._future = in_thread(self._work)

    def result(self) -> object:
        if self._future is None:
            self._future = Ready(self._work())
        return self._future.result()


class Ready:
    """A result already made, with Beside's result()."""

    def __init__(self, value: object):
        self._value = value

    def result(self):
        return self._value


def _beside():
    work, nice = _state["beside"]
    _lower_priority(nice)
    return work()


def _run(task: tuple[str, int, int]) -> list[Page]:
    kind, start, end = task
    if kind == "articles":
        render = _state["render"]
        return [page for item in _state["items"][start:end] for page in render(item)]
    return _state["listings"][start]()


def render_all(items: Sequence, render: Callable[[object], list[Page]],
               listings: Union[Callable[[], list[Page]], Sequence[Callable[[], list[Page]]]],
               beside: Callable[[], list[Page]], jobs: Optional[int] = None) -> tuple[list[Page], list[Page], list[Page]]:
    """(pages of `render(item)` for every item in order, the pages of `listings` (one callable, or several whose
    pages are joined in their order), `beside()`), the first two in worker processes while `beside` runs here.
    The listings go first, each a task of its own, so the article chunks fill in around them. Serial when there
    is one core, few items, or no fork."""
    jobs = jobs or os.cpu_count() or 1
    parts = [listings] if callable(listings) else list(listings)
    if jobs <= 1 or len(items) < _PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        return [p for item in items for p in render(item)], [p for part in parts for p in part()], beside()
    _state.update(items=items, render=render, listings=parts)
    try:
        step = max(16, -(-len(items) // (jobs * 4)))
        tasks = [("listings", n, 0) for n in range(len(parts))] + [("articles", s, s + step) for s in range(0, len(items), step)]
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_lower_priority, initargs=(RENDER_NICE,)) as pool:
            pending = pool.map_async(_run, tasks, chunksize=1)
            with phase("render: the search index fetched"):
                here = beside()  # the search index, on this core, meanwhile
            with phase("render: the workers' pages"):
                results = pending.get()
    finally:
        _state.clear()
    listed = [p for chunk in results[:len(parts)] for p in chunk]
    return [p for chunk in results[len(parts):] for p in chunk], listed, here
