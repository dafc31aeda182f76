"""build.parallel.Beside: work started in a forked process at the barrier, its result (or error) fetched later."""
import multiprocessing
import os
import signal

import pytest

from arshif.build.parallel import Beside

FORK = "fork" in multiprocessing.get_all_start_methods()


@pytest.mark.skipif(not FORK, reason="no fork on this platform: Beside runs the work in place")
def test_the_work_runs_in_another_process_meanwhile():
    here = os.getpid()
    beside = Beside(lambda: (os.getpid(), [b"x" * 10] * 3), size=100, jobs=2)
    pid, data = beside.result()
    assert pid != here and data == [b"x" * 10] * 3


@pytest.mark.skipif(not FORK, reason="no fork on this platform: Beside runs the work in place")
def test_work_wanted_late_runs_at_a_lower_priority_and_this_process_keeps_its_own():
    mine = os.nice(0)
    low = Beside(lambda: os.nice(0), size=100, jobs=2, nice=5)
    assert low.result() == min(19, mine + 5) and os.nice(0) == mine
    assert Beside(lambda: os.nice(0), size=10, jobs=2, nice=5).result() == mine  # run here: never this process's


def test_the_render_workers_yield_to_the_work_beside_them_and_this_process_keeps_its_priority():
    from arshif.build.parallel import RENDER_NICE, render_all

    mine = os.nice(0)
    pages, listed, here = render_all(list(range(100)), lambda n: [os.nice(0)], [lambda: [os.nice(0)]],
                                     lambda: os.nice(0), jobs=2)
    assert set(pages) == set(listed) == {min(19, mine + RENDER_NICE)}
    assert here == mine and os.nice(0) == mine


def test_few_articles_or_one_core_run_it_here_when_asked():
    ran = []
    for size, jobs in ((10, 2), (100, 1)):
        beside = Beside(lambda: ran.append(os.getpid()) or len(ran), size=size, jobs=jobs)
        assert not ran or len(ran) == 1  # nothing ran before result()
        assert beside.result() == len(ran)
    assert ran == [os.getpid()] * 2


@pytest.mark.parametrize("size", [10, 100])
def test_an_error_is_raised_by_result(size):
    def fail():
        raise ValueError("broken")

    beside = Beside(fail, size=size, jobs=2)
    with pytest.raises(ValueError, match="broken"):
        beside.result()


@pytest.mark.skipif(not FORK, reason="no fork on this platform: Beside runs the work in place")
def test_a_process_that_dies_is_an_error_not_a_hang():
    from concurrent.futures.process import BrokenProcessPool

    beside = Beside(lambda: os.kill(os.getpid(), signal.SIGKILL), size=100, jobs=2)
    with pytest.raises(BrokenProcessPool):
        beside.result()


def test_when_no_process_can_be_forked_the_work_runs_here(monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    beside = Beside(os.getpid, size=100, jobs=2)
    assert not beside.forked and beside.result() == os.getpid()


def test_render_all_on_workers_gives_the_serial_pages_in_order():
    from arshif.build.parallel import render_all
    from arshif.models import Page

    items = list(range(300))

    def render(n):
        return [Page(f"a/{n}.md", str(n).encode())]

    parts = [lambda: [Page("x/1.md", b"1")], lambda: [Page("y/1.md", b"2"), Page("y/2.md", b"3")], lambda: []]
    serial = render_all(items, render, parts, lambda: ["here"], jobs=1)
    forked = render_all(items, render, parts, lambda: ["here"], jobs=2)
    assert forked == serial
    assert [p.path for p in serial[1]] == ["x/1.md", "y/1.md", "y/2.md"]
    assert [p.path for p in serial[0]] == [f"a/{n}.md" for n in items]
    single = render_all(items, render, parts[1], lambda: [], jobs=2)  # one callable, as before
    assert [p.path for p in single[1]] == ["y/1.md", "y/2.md"]


def test_a_run_leaves_the_snapshot_out_of_collections_until_the_next_run_starts(tmp_path):
    import gc
    from pathlib import Path

    from arshif.build.pipeline import preprocess

    src = Path(__file__).resolve().parents[2] / "source_articles"
    run = lambda: preprocess(src, tmp_path / "docs", cache_dir=tmp_path / "cache", jobs=1,  # noqa: E731
                             config_file=tmp_path / "none.yml")
    try:
        gc.unfreeze()
        run()
        assert gc.get_freeze_count() > 0  # frozen once the snapshot was loaded: the rest of the run never walks it
        assert run().unchanged  # nothing changed: this run stops before any snapshot, having given them back
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_later_runs_its_work_once_in_a_thread_when_started_or_here_when_never_started():
    import threading

    from arshif.build.parallel import Later

    ran: list[str] = []
    started = Later(lambda: ran.append(threading.current_thread().name) or len(ran))
    started.start()
    started.start()  # once
    assert started.result() == 1 and started.result() == 1
    assert ran[0] != threading.main_thread().name
    here = Later(lambda: ran.append(threading.current_thread().name) or len(ran))
    assert here.result() == 2 and here.result() == 2  # never started: run here, once
    assert ran[1] == threading.main_thread().name
