"""snapshot: the last run's reading and extraction in one file, so a run where a few sources changed takes the
others from it at once.

Without it every source goes through the workers on every run: its bytes read and hashed twice, its line prints
and its cache entry unpickled from two files, then pickled again to come back to this process. At 10,000 sources
that is 4 to 6 s of a one-article edit. The snapshot holds, for each source the last run read, what reading gave
(its RawArticle, by name and SHA-256 of its bytes), its line prints (by SHA-256) and its cache entry, by the cache's
own key (cache.key: code and rules, bytes, name, override, and the template lines found in the file, here worked out
from the prints). One pickle.load gives them all. A source whose bytes, name, override or template lines are not in
it goes through the workers as before, and the per-entry cache (cache.py) serves it there: the snapshot only spares
the trip, it decides nothing.

The near-duplicate check's shingles (the bulk of an entry, needed by that check alone) are in a second file, read by
the check's own process. Both are rewritten, atomically, by that process beside relate when the entries changed.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from ..ingest import templates as tpl
from ..relate.archive import Analysis
from .cache import ExtractCache

ENTRIES = "extraction-snapshot"  # cache.get_named names
SHINGLES = "extraction-shingles"


@dataclass
class Snapshot:
    raws: dict = field(default_factory=dict)  # (file name, SHA-256 hex of its bytes) -> RawArticle
    prints: dict = field(default_factory=dict)  # SHA-256 hex -> ingest.templates.Prints
    entries: dict = field(default_factory=dict)  # cache key -> (Article, Analysis without its shingles)


def load(cache: Optional[ExtractCache]) -> Snapshot:
    """The last run's snapshot for this code and these rules (cache.get_named checks the fingerprint), or an empty one."""
    found = cache.get_named(ENTRIES) if cache is not None else None
    if isinstance(found, Snapshot) and all(isinstance(x, dict) for x in (found.raws, found.prints, found.entries)):
        return found
    return Snapshot()


def sha_of(digest: Optional[bytes]) -> Optional[str]:
    """The hex SHA-256 of a source's bytes from read.source_digest (None when it names a refusal instead)."""
    return digest.hex() if isinstance(digest, bytes) and len(digest) == 32 else None


def known_prints(snapshot: Snapshot, digests: Sequence[Optional[bytes]]) -> list:
    """Each source's line prints when the snapshot has them for its bytes, else None."""
    return [snapshot.prints.get(sha) if sha else None for sha in map(sha_of, digests)]


def hit(snapshot: Snapshot, cache: ExtractCache, path: Path, digest: Optional[bytes], found: Optional[tuple],
        override: Optional[dict], templates: tpl.Templates) -> Optional[tuple]:
    """(key, RawArticle, Article, Analysis) of a source the snapshot holds as it is now, else None. `found`: its prints."""
    sha = sha_of(digest)
    raw = snapshot.raws.get((path.name, sha)) if sha and found is not None else None
    if raw is None:
        return None
    key = cache.key(sha, path.name, override, templates.key_of_prints(found))
    entry = snapshot.entries.get(key)
    if entry is None or not isinstance(entry[1], Analysis):
        return None
    cache.hits += 1
    return key, (raw if raw.path == path else dataclasses.replace(raw, path=path)), entry[0], entry[1]


def save(cache: ExtractCache, old: Snapshot, results: Sequence[tuple], keys: Sequence[Optional[str]],
         prints_by_sha: dict, overrides: dict, templates: tpl.Templates, shingles: dict) -> bool:
    """Keep this run's snapshot when its entries are not the loaded one's. `results`: process_analysed's for every
    source (raw, article, issue, analysis); `keys`: each one's cache key when it came from the snapshot (None when a
    worker made it); `prints_by_sha`: the prints of the first pass; `shingles`: key -> packed shingles known so far
    (those of the workers' analyses are added). Whether it was written."""
    new = Snapshot()
    kept_shingles = {}
    for (raw, article, _, analysis), key in zip(results, keys):
        if raw is None or article is None or not isinstance(analysis, Analysis):
            continue  # not read, or no body: such a source goes through the workers again (few do)
        found = prints_by_sha.get(raw.sha256) or old.prints.get(raw.sha256) or tpl.prints(raw.text)
        if key is None:  # what the worker's key was (cache.key of the template lines it found in the text)
            key = cache.key(raw.sha256, raw.name, overrides.get(raw.name), templates.key_of_prints(found))
        new.raws[(raw.name, raw.sha256)] = raw
        new.prints[raw.sha256] = found
        new.entries[key] = (article, dataclasses.replace(analysis, shingles=b"") if analysis.shingles else analysis)
        packed = analysis.shingles or shingles.get(key)
        if packed:
            kept_shingles[key] = packed
    if new.entries.keys() == old.entries.keys() and new.raws.keys() == old.raws.keys():
        return False
    cache.put_named(SHINGLES, kept_shingles)
    cache.put_named(ENTRIES, new)
    return True


def load_shingles(cache: Optional[ExtractCache]) -> dict:
    """key -> packed shingles of the last snapshot's entries (empty when there is none for this code)."""
    found = cache.get_named(SHINGLES) if cache is not None else None
    return found if isinstance(found, dict) else {}
