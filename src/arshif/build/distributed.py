"""distributed: the per-article work on a Dask cluster (`--executor tcp://HOST:8786`), through Dask's
concurrent.futures interface (an optional extra: `pip install 'arshif[dask]'`).

Only the pure part travels: the decoded source, the editor's override, the archive's rules files and its template
lines (learnt here in the first pass) go out, the
Article and its analysis come back. Reading (with its safety checks), the cache and everything after the barrier
stay on this machine, so a cluster gives the same docs/ as the local pool. A worker must run the same arshif: its
code fingerprint is compared with ours before any article is sent.
"""
from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Sequence

from .. import rules
from ..ingest import templates as tpl
from .analyse import analyse_raw
from .cache import fingerprint

# Articles per task: one task per article would spend more on the scheduler than on the article.
BATCH = 32
CONNECT_SECONDS = 10


class ExecutorError(Exception):
    """The cluster cannot do the work (Dask missing, scheduler unreachable, workers of another arshif)."""


def rules_bundle() -> tuple:
    """The archive's rules folders as data, in order: ((folder number, ((file name, bytes), ...)), ...)."""
    return tuple((str(n), tuple((p.name, p.read_bytes()) for p in sorted(Path(d).glob("*.yaml"))))
                 for n, d in enumerate(rules.extra_dirs()))


_installed: dict = {}


def _install(bundle: tuple) -> None:
    """Give this worker process the archive's rules, once per distinct bundle."""
    key = hashlib.sha256(repr(bundle).encode()).hexdigest()
    if _installed.get("key") == key:
        return
    base = Path(tempfile.mkdtemp(prefix="arshif-rules-"))
    atexit.register(shutil.rmtree, base, True)
    folders = []
    for name, files in bundle:
        (base / name).mkdir()
        for file_name, data in files:
            (base / name / file_name).write_bytes(data)
        folders.append(base / name)
    rules.set_extra_dirs(folders)
    rules.check_all()
    _installed["key"] = key


def _run_batch(batch: tuple) -> list[tuple]:
    """On a worker: analyse_raw for each (raw, override, cache entry) of the batch, in order."""
    bundle, templates, tasks = batch
    _install(bundle)
    return [analyse_raw(raw, override, entry, templates) for raw, override, entry in tasks]


def map_on_cluster(address: str, tasks: Sequence[tuple], templates: tpl.Templates = tpl.NONE) -> list[tuple]:
    """analyse_raw(raw, override, entry, templates) for each task on the Dask cluster at `address`, in task order."""
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError("--executor needs Dask's distributed package: pip install 'arshif[dask]'") from None
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        theirs = client.run(fingerprint)
        if not theirs:
            raise ExecutorError(f"the Dask cluster at {address} has no workers")
        mine = fingerprint()
        other = sorted(worker for worker, code in theirs.items() if code != mine)
        if other:
            raise ExecutorError(f"Dask workers {', '.join(other)} run another version of arshif (their code differs "
                                "from this one's): install the same arshif on every worker")
        bundle = rules_bundle()
        batches = [(bundle, templates, tuple(tasks[i:i + BATCH])) for i in range(0, len(tasks), BATCH)]
        with client.get_executor() as executor:
            return [result for batch in executor.map(_run_batch, batches) for result in batch]
