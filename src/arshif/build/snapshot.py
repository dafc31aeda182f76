"""snapshot: the last run's reading and extraction in one file, so a run where a few sources changed takes the
others from it at once.

Without it every source goes through the workers on every run: its bytes read and hashed twice, its line prints
and its cache entry unpickled from two files, then pickled again to come back to this process. At 10,000 sources
that is 4 to 6 s of a one-article edit. The snapshot holds, for each source the last run read, what reading gave
(its RawArticle, by name and SHA-256 of its bytes), its line prints (by SHA-256) and its cache entry, by the cache's
own key (cache.key: code and rules, bytes, name, override, and the template lines found in the file, here worked out
from the prints). One pickle.load gives them all. A source whose bytes, name, override or template lines are not in
it goes through the workers, and what they make is kept here, not in the per-entry cache (cache.py), which the
pipeline does not use: a file a source, created for 10,000 sources on a cold run, took a fifth of its time. The
snapshot only spares work, it decides nothing.

The near-duplicate check's shingles (the bulk of an entry, needed by that check alone) are in a second file, read by
the check's own process. That process keeps, beside relate, what a run adds: a few new entries go to a small delta
file beside the snapshot (rewriting 10,000 entries for one edit would cost a second and a half); once the delta, or
the entries no longer used, make up a fair share, the snapshot is written again with this run's entries alone.
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
DELTA = "extraction-snapshot-delta"  # what runs since ENTRIES was written added: ENTRIES stays as it was
DELTA_SHINGLES = "extraction-shingles-delta"
# The delta is folded into a new snapshot once it holds this share of the entries, or once this share of the
# snapshot's entries is no longer used (an edited article's old entry stays valid, but only takes room).
DELTA_SHARE = 0.1
STALE_SHARE = 0.2
# The entry of a source in which no article text was found (one_source._result gives its issue): kept too, or
# every such source would be extracted again on every run.
NO_BODY = (None, None)


@dataclass
class Snapshot:
    raws: dict = field(default_factory=dict)  # (file name, SHA-256 hex of its bytes) -> RawArticle
    prints: dict = field(default_factory=dict)  # SHA-256 hex -> ingest.templates.Prints
    entries: dict = field(default_factory=dict)  # cache key -> (Article, Analysis without its shingles), or NO_BODY

    def add(self, other: "Snapshot") -> None:
        self.raws.update(other.raws)
        self.prints.update(other.prints)
        self.entries.update(other.entries)


@dataclass
class Loaded(Snapshot):
    """The snapshot and its delta, merged (an entry is valid wherever it comes from: its key says what it is of),
    and the delta alone."""
    delta: Snapshot = field(default_factory=Snapshot)


def _valid(found: object) -> bool:
    return isinstance(found, Snapshot) and all(isinstance(x, dict) for x in (found.raws, found.prints, found.entries))


def load(cache: Optional[ExtractCache]) -> Loaded:
    """The last runs' snapshot for this code and these rules (cache.get_named checks the fingerprint), or an empty one."""
    out = Loaded()
    base = cache.get_named(ENTRIES) if cache is not None else None
    if not _valid(base):
        return out
    out.add(base)
    delta = cache.get_named(DELTA)
    if _valid(delta):
        out.add(delta)
        out.delta = delta
    return out


def sha_of(digest: Optional[bytes]) -> Optional[str]:
    """The hex SHA-256 of a source's bytes from read.source_digest (None when it names a refusal instead)."""
    return digest.hex() if isinstance(digest, bytes) and len(digest) == 32 else None


def known_prints(snapshot: Snapshot, digests: Sequence[Optional[bytes]]) -> list:
    """Each source's line prints when the snapshot has them for its bytes, else None."""
    return [snapshot.prints.get(sha) if sha else None for sha in map(sha_of, digests)]


def entry_key(cache: ExtractCache, sha: str, name: str, override: Optional[dict], templates: tpl.Templates, found: tuple) -> str:
    """The cache key a worker gives the source (cache.key with templates.key of its text), from its prints."""
    return cache.key(sha, name, override, templates.key_of_prints(found))


def hit(snapshot: Snapshot, cache: ExtractCache, path: Path, digest: Optional[bytes], found: Optional[tuple],
        override: Optional[dict], templates: tpl.Templates) -> Optional[tuple]:
    """(key, RawArticle, Article, Analysis) of a source the snapshot holds as it is now, else None. `found`: its prints."""
    sha = sha_of(digest)
    raw = snapshot.raws.get((path.name, sha)) if sha and found is not None else None
    if raw is None:
        return None
    key = entry_key(cache, sha, path.name, override, templates, found)
    entry = snapshot.entries.get(key)
    if entry is None or (entry != NO_BODY and not isinstance(entry[1], Analysis)):
        return None
    cache.hits += 1
    return key, (raw if raw.path == path else dataclasses.replace(raw, path=path)), entry[0], entry[1]


def save(cache: ExtractCache, old: Loaded, results: Sequence[tuple], keys: Sequence[Optional[str]],
         prints_by_sha: dict, overrides: dict, templates: tpl.Templates, shingles: dict) -> str:
    """Keep what this run adds to the snapshot. `results`: process_analysed's for every source (raw, article, issue,
    analysis); `keys`: each one's cache key when it came from the snapshot (None when a worker made it);
    `prints_by_sha`: the prints of the first pass; `shingles`: key -> packed shingles known so far (those of the
    workers' analyses are added). What was written: "" (nothing new), "delta" (the few new entries beside the
    snapshot, which stays as it was: rewriting 10,000 entries for one edit costs more than the edit) or "snapshot"
    (this run's entries alone, the delta folded in and gone)."""
    new = Snapshot()
    kept_shingles = {}
    for (raw, article, issue, analysis), key in zip(results, keys):
        no_body = raw is not None and article is None and issue is not None and issue.code == "no-body"
        if raw is None or not (no_body or (article is not None and isinstance(analysis, Analysis))):
            continue  # not read, or stopped (an internal error, out of time): it goes through the workers again
        found = prints_by_sha.get(raw.sha256) or old.prints.get(raw.sha256) or tpl.prints(raw.text)
        if key is None:  # made by a worker: the key it gave the entry
            key = entry_key(cache, raw.sha256, raw.name, overrides.get(raw.name), templates, found)
        new.raws[(raw.name, raw.sha256)] = raw
        new.prints[raw.sha256] = found
        if no_body:
            new.entries[key] = NO_BODY
            continue
        bare = analysis.shingles or analysis.search is not None  # the snapshot holds neither
        new.entries[key] = (article, dataclasses.replace(analysis, shingles=b"", search=None) if bare else analysis)
        packed = analysis.shingles or shingles.get(key)
        if packed:
            kept_shingles[key] = packed
    fresh = [k for k in new.entries if k not in old.entries]
    fresh_raws = [r for r in new.raws if r not in old.raws]
    if not fresh and not fresh_raws:
        return ""
    unused = len(old.entries) - (len(new.entries) - len(fresh))
    if old.entries and len(old.delta.entries) + len(fresh) <= DELTA_SHARE * len(new.entries) \
            and unused <= STALE_SHARE * len(new.entries):
        delta = Snapshot(dict(old.delta.raws), dict(old.delta.prints), dict(old.delta.entries))
        delta.add(Snapshot({r: new.raws[r] for r in fresh_raws}, {r[1]: new.prints[r[1]] for r in fresh_raws},
                           {k: new.entries[k] for k in fresh}))
        delta_shingles = {k: shingles[k] for k in old.delta.entries if k in shingles}
        delta_shingles.update((k, kept_shingles[k]) for k in fresh if k in kept_shingles)
        cache.put_named(DELTA_SHINGLES, delta_shingles)
        cache.put_named(DELTA, delta)
        return "delta"
    cache.put_named(SHINGLES, kept_shingles)
    cache.put_named(ENTRIES, new)
    cache.drop_named(DELTA)
    cache.drop_named(DELTA_SHINGLES)
    return "snapshot"


def load_shingles(cache: Optional[ExtractCache]) -> dict:
    """key -> packed shingles of the snapshot's entries and its delta's (empty when there is none for this code)."""
    found = {}
    for name in (SHINGLES, DELTA_SHINGLES):
        part = cache.get_named(name) if cache is not None else None
        if isinstance(part, dict):
            found.update(part)
    return found
