"""child: run a tool (mkdocs) as a child that ends when arshif ends, however arshif ends.

The child stays in arshif's process group (so `kill -- -PGID` and Ctrl+C reach both); SIGTERM and SIGHUP sent to
arshif alone are passed on to it; and on Linux the kernel sends it SIGTERM when arshif dies, even by SIGKILL
(PR_SET_PDEATHSIG), so an orphaned mkdocs never goes on writing into a staging folder the next build clears.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from typing import Sequence

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Runs in the child between fork and exec."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # arshif died before prctl took effect
        os._exit(1)


def spawn(argv: Sequence[str], stdin=None) -> subprocess.Popen:
    """Start argv as a child that the kernel ends when arshif dies (Linux); the caller waits for it.
    `stdin`: subprocess.PIPE for a child that is told what to do once it started (build/mkdocs_warm.py)."""
    parent = os.getpid()
    preexec = (lambda: _die_with_parent(parent)) if sys.platform.startswith("linux") else None
    return subprocess.Popen(list(argv), preexec_fn=preexec, stdin=stdin)


def stop(child: subprocess.Popen, grace: float = 10) -> None:
    """End a child still running: SIGTERM, then SIGKILL if it has not ended within `grace` seconds."""
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(grace)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def run(argv: Sequence[str]) -> int:
    """Run argv to its end and return its exit status; a signal that ends arshif ends the child first."""
    return wait(spawn(argv))


def wait(child: subprocess.Popen) -> int:
    """Wait for a child spawned here to end and return its exit status; a signal that ends arshif ends the child
    first."""
    previous = {}

    def forward(signum, frame):
        if child.poll() is None:
            child.send_signal(signum)
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            previous[sig] = signal.signal(sig, forward)
    try:
        return child.wait()
    except BaseException:  # Ctrl+C (the child got it too, from the terminal) or a forwarded signal
        stop(child)
        raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
