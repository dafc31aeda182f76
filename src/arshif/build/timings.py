"""timings: how long each stage of a run took, printed to stderr when ARSHIF_TIMINGS is set.

For finding where a rebuild spends its time in wall-clock seconds (a profiler counts CPU and inflates the
small calls); `arshif bench` does not need it and nothing else reads it.
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Iterator

_ON = bool(os.environ.get("ARSHIF_TIMINGS"))


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    if not _ON:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        print(f"arshif: timing: {name} {time.perf_counter() - started:.2f} s", file=sys.stderr)
