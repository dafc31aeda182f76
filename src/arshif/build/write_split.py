"""write_split: the writer's planned files written by two processes at once, one link class after the other.

Creating a file is kernel work, and one process creating 54,000 of them (a cold build of 10,000 articles) left the
second core idle: on the 2-core VM, 54,000 files took 6-13.5 s from one process and 2.9-4.5 s from two, each
writing half. Within a link class (write._link_order) the order of the writes does not matter; the classes still go
one after the other, so at every moment each link of docs/ points to a file that exists.

The second process is forked, writes its half and sends back what it did (written, unchanged, refused, and the
hashes it took); the caller merges the halves in the order of the list, so the result is a serial run's.
"""
from __future__ import annotations

import itertools
import multiprocessing
from typing import Callable, Sequence, TypeVar

from .parallel import Beside

Part = TypeVar("Part")

# Fewer files of one class than this are written by this process alone: the fork (the heap's page tables, some
# 30 ms at 800 MB) costs more than half of them takes to write. An edit writes a few hundred files.
MIN_SPLIT = 2000


def in_two(items: Sequence, link_class: Callable[[object], int], write: Callable[[list], Part],
           in_child: Callable[[list], Part], jobs: int) -> list[Part]:
    """write(group) for each run of `items` with one link_class, in order; a run of MIN_SPLIT or more, with two jobs
    and fork, is cut in two: in_child(first half) in a forked process (parallel.Beside: what it returns is pickled
    back), write(second half) here, and both parts are given, the first half's first. An exception in either is
    raised once both ended."""
    split = jobs > 1 and "fork" in multiprocessing.get_all_start_methods()
    parts: list[Part] = []
    for _, run in itertools.groupby(items, key=link_class):
        group = list(run)
        if not split or len(group) < MIN_SPLIT:
            parts.append(write(group))
            continue
        half = len(group) // 2
        aside = Beside(lambda: in_child(group[:half]), len(group), jobs)
        try:
            mine = write(group[half:])
        finally:
            theirs = aside.result()  # waited for even when this half failed: no process is left writing
        parts += [theirs, mine]
    return parts
