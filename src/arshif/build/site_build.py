"""site_build: `arshif build` after its preprocess: the site built from docs/ into a folder beside site/, then swapped in.

Nothing is built when nothing MkDocs reads changed; a dirty build renders only the pages whose source changed, over
hard links to the last site (incremental.py); anything else is a full build. The new site replaces the old in one
rename (site_swap.py); a build that fails leaves the old one.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Callable, Optional

from ..models import RunResult
from . import incremental
from .mkdocs_warm import DIRTY, prepared_build
from .parallel import in_thread
from .project import site_url_warning
from .site_relink import EarlyRelink, drop_removed
from .site_swap import base_dir
from .timings import phase
from .write import flush_to_disk, replace_dir, staging_dir


def site_build(args: argparse.Namespace, site: Path, project: Path, status: int, result: Optional[RunResult],
               mkdocs: Callable[..., int], relinked: Optional[EarlyRelink] = None) -> int:
    """`arshif build`'s site build, after its preprocess (whose `status` and `result` it gets), under the build
    lock: nothing, a dirty build or a full one. `mkdocs(*argv)` runs MkDocs and gives its exit status; `relinked`:
    the kept copy's relink, started with the build (site_relink), waited for before the copy is touched."""
    with phase("site: docs/ looked at"):
        # once for the three checks; the files preprocess has just hashed, written or stat'ed are not stat'ed again
        now = incremental.inputs_now(args.config, args.docs, site, result.docs_seen if result else None,
                                     result.docs_stats if result else None)
    early_copy = relinked.done() if relinked is not None else False  # the copy is this build's own from here on
    if not args.force and incremental.up_to_date(args.config, args.docs, site, now):
        print(f"arshif: nothing changed since the last build; {site} is up to date (--force rebuilds)", file=sys.stderr)
        return status
    dirty, why_not = (False, "--force") if args.force else incremental.dirty_build_possible(args.config, args.docs, site, now)
    removed = incremental.removed_outputs(args.docs, site, now)  # read before the stamp is dropped
    incremental.forget(args.docs)
    staging, base = staging_dir(site), base_dir(site, project)
    if staging.exists():
        shutil.rmtree(staging)
    if dirty:
        # Only pages whose source changed are rendered, over hard links to the last site: the copy kept from
        # the build before it brought up to date, or, when there is none, every file linked.
        with phase("site: link the last site"):
            if base is not None and base.is_dir():
                if early_copy:  # brought up to date while preprocess ran: only the removed sources' outputs go
                    drop_removed(base, removed)
                else:
                    incremental.relink(site, base, skip=removed)
                os.rename(base, staging)
            else:
                incremental.link_copy(site, staging, skip=removed)
        print("arshif: incremental site build (pages whose source changed)", file=sys.stderr)
    else:
        if base is not None and base.exists():
            shutil.rmtree(base)  # a full build writes every file: the copy is made again once it is done
        if why_not and site.exists():
            print(f"arshif: full site build: {why_not}", file=sys.stderr)
    warning = site_url_warning(Path(args.config))
    if warning:
        print(f"arshif: warning: {warning}", file=sys.stderr)
    # What the site's record will hold is made meanwhile (this process only waits for MkDocs), written once it built.
    stamp = in_thread(lambda: incremental.build_stamp(args.config, args.docs, site, now))
    if result is not None and result.recorded is not None:
        result.recorded.start()  # preprocess's records for the next run, kept meanwhile too (the caller waits for them)
    with phase("site: mkdocs build"):
        build = mkdocs(*prepared_build(args.config, staging), *([DIRTY] if dirty else []))
    if build:
        stamp.result()  # not written: no thread outlives the build
        shutil.rmtree(staging, ignore_errors=True)
        print(f"arshif: mkdocs build failed; {site} is left as it was", file=sys.stderr)
        return build
    with phase("site: flushed to disk"):
        # The new site on disk before it replaces the old: a crash after the swap leaves a whole site, not files the
        # kernel had not written yet. And the kernel's writeback of a full build's 300 MB, left to itself, ran ~30 s
        # later, in the next build: an edit after a full build took 9.4-11.7 s, 9.2-9.5 s after this (0.2 s here).
        flush_to_disk(staging, ())  # one syncfs on Linux; elsewhere nothing (an fsync of 60,000 files costs more)
    with phase("site: swap and record"):
        replace_dir(staging, site, keep=base if dirty else None)  # a full build's previous copy is all stale
        incremental.record_build(args.config, args.docs, site, now, stamp.result())
    if not dirty and base is not None:
        # The copy the next incremental build starts from (it relinks only what it changes), made now, at the end
        # of a build that wrote every file, rather than by the next one, an edit waiting on 60,000 links.
        with phase("site: copy kept for the next build"):
            try:
                incremental.link_copy(site, base)
            except OSError:
                shutil.rmtree(base, ignore_errors=True)  # only a speed-up: the next build links its own copy
    return status
