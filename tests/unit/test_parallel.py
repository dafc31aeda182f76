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
