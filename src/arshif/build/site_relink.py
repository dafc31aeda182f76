"""site_relink: the kept copy of the last site brought up to date by a child process while preprocess runs.

An incremental site build renders the changed pages over hard links to the last site: first its kept copy
(site_swap.base_dir) is made what site/ is (incremental.relink, a walk of both trees: 0.2-0.4 s of a one-article build
at 10,000 articles). Nothing preprocess makes is needed for that, and preprocess's first second and a half runs on
one core: `arshif build` starts the relink in a child as it starts (EarlyRelink), and the site build, once the child
is done, only drops the outputs of the sources removed since (drop_removed: what relink's `skip` would have left out).
A child that failed, or was not started, leaves the relink to the site build, as before: relink brings any copy up to
date, however far an earlier one got.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Optional


class EarlyRelink:
    """incremental.relink(site, base) in a child started now, when `base` (the kept copy) is a folder."""

    def __init__(self, site: Path, base: Optional[Path]):
        from . import child

        self._child: Optional[subprocess.Popen] = None
        if base is not None and base.is_dir() and Path(site).is_dir():
            try:
                self._child = child.spawn([sys.executable, "-m", __name__, os.fspath(site), os.fspath(base)])
            except OSError:  # no process to spare: the site build relinks
                self._child = None

    def done(self) -> bool:
        """Wait for the child: whether it brought the copy up to date (else the caller relinks)."""
        from . import child

        if self._child is None:
            return False
        try:
            return child.wait(self._child) == 0
        finally:
            self._child = None

    def close(self) -> None:
        """End a child still running (a build that stops early): the copy is left for the next relink to finish."""
        from . import child

        if self._child is not None:
            child.stop(self._child)
            self._child = None


def drop_removed(copy: Path, removed: Iterable[str]) -> None:
    """Remove from an up-to-date `copy` the files at the site paths `removed`: relink(site, copy, skip=removed) then."""
    for path in removed:
        target = os.path.join(os.fspath(copy), path)
        try:
            if not stat.S_ISDIR(os.lstat(target).st_mode):  # relink skips a file (or a link) there, never a folder
                os.unlink(target)
        except FileNotFoundError:
            pass


def main(argv: list[str]) -> int:
    from .incremental import relink

    try:
        relink(Path(argv[0]), Path(argv[1]))
    except OSError:  # said nothing: the site build relinks, and reports what fails then
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
