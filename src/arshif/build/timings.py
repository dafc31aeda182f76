"""timings: how long each stage of a run took (and the memory peak so far), printed to stderr when ARSHIF_TIMINGS is set.

For finding where a rebuild spends its time in wall-clock seconds (a profiler counts CPU and inflates the
small calls); `arshif bench` does not need it and nothing else reads it.
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Iterator

try:
    import resource
except ImportError:  # not on Windows
    resource = None

_ON = bool(os.environ.get("ARSHIF_TIMINGS"))


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    if not _ON:
        yield
        return
    started = time.perf_counter()
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource else 0
    try:
        yield
    finally:
        usage = resource.getrusage(resource.RUSAGE_SELF) if resource else None
        peak = usage.ru_maxrss / 1024 if usage else 0  # kB on Linux
        # Page faults: memory touched for the first time (or copied after a fork), a few microseconds each in a VM.
        touched = f", {usage.ru_minflt - faults} page faults" if usage else ""
        print(f"arshif: timing: {name} {time.perf_counter() - started:.2f} s (this process's peak so far {peak:.0f} MB"
              f"{touched})", file=sys.stderr)


def note(text: str) -> None:
    """A figure of the run, printed as the timings are."""
    if _ON:
        print(f"arshif: timing: {text}", file=sys.stderr)
