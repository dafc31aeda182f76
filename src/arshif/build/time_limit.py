"""A time limit on one article's analysis, so that a rule which backtracks stops one article, not the build.

Rule patterns are checked for nested quantifiers when loaded, but no check catches every slow pattern (`(a|aa)+$`).
Python's `re` checks for signals while it matches, so an interval timer can interrupt a runaway match; the article
then becomes an issue naming the rule that ran out of time, and the other articles are built.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

from .. import rules

# Seconds an article may take: a normal one takes milliseconds, a 10 MB page about 12 s of CPU on this machine.
BASE_SECONDS = 20.0
SECONDS_PER_MB = 6.0
# Seconds one rule may take over all the lines of an article when the culprit is looked for.
RULE_SECONDS = 1.0


class OutOfTime(BaseException):
    """Raised inside the timed block. A BaseException, so that no `except Exception` on the way swallows it."""


def limit_for(size: int) -> float:
    """The time limit for an article of `size` bytes."""
    return BASE_SECONDS + SECONDS_PER_MB * size / 1_000_000


def can_limit() -> bool:
    """Interval timers exist on POSIX only, and signals reach the main thread only."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise OutOfTime in the block after `seconds`. No limit where timers cannot work, or when one already runs."""
    if seconds <= 0 or not can_limit() or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield
        return

    def expired(signum, frame):
        raise OutOfTime(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def slow_rule(text: str) -> Optional[tuple[str, str]]:
    """(file, key) of the first rule pattern that takes more than RULE_SECONDS on the lines of `text`, or None."""
    lines = text.split("\n")
    for file, key, pattern in rules.compiled_patterns():
        try:
            with time_limit(RULE_SECONDS):
                for line in lines:
                    pattern.search(line)
        except OutOfTime:
            return file, key
    return None
