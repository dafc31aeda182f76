"""Types shared by the pipeline stages: frozen dataclasses, never dicts between stages.

read -> RawArticle -> clean -> CleanArticle -> extract -> Article -> (relate) -> render -> Page -> write
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

# How a field's value is known. "unknown" always comes with a reason in `basis`.
KINDS = ("printed", "inferred", "derived", "editor", "unknown")

# Line roles assigned by the cleaner.
ROLES = ("title", "subtitle", "outlet", "date", "byline", "chrome", "body", "blank")


@dataclass(frozen=True)
class RawArticle:
    """One source file, decoded. Only `read` builds these from disk."""

    path: Path  # as given (relative paths stay relative: no absolute paths leak into output)
    name: str  # file name, e.g. "000_e0a6176e52ffac07.txt"
    text: str  # decoded text, line ends normalised to \n
    sha256: str  # of the raw bytes
    encoding: str  # e.g. "utf-8", "utf-8-sig", "cp1256"
    size: int  # bytes
    notes: tuple[str, ...] = ()  # what reading repaired or dropped (control characters, a missing BOM, ...)


@dataclass(frozen=True)
class Line:
    """A line of the source text with the role the cleaner gave it."""

    index: int  # 0-based line number in the source text
    text: str
    role: str  # one of ROLES
    rule: Optional[str] = None  # id of the rule that decided the role, if any


@dataclass(frozen=True)
class Removed:
    """A piece of the source that is not body text, and why."""

    text: str
    reason: str  # rule id, e.g. "chrome-comments", "title-repeat", "outlet-signature"
    line: int  # 0-based source line number


@dataclass(frozen=True)
class CleanArticle:
    raw: RawArticle
    lines: tuple[Line, ...]
    removed: tuple[Removed, ...]
    warnings: tuple[str, ...] = ()
    located: tuple[int, ...] = ()  # on a whole page: (headline line, first body line, last body line), 0-based


@dataclass(frozen=True)
class Field:
    """An extracted value with its basis: where it came from and how sure we are."""

    value: object  # str, datetime.date or None
    kind: str  # one of KINDS
    basis: str  # human readable explanation (Arabic or English), never empty
    rule: Optional[str] = None  # rule id that produced it
    evidence: Optional[str] = None  # the text it matched

    @staticmethod
    def unknown(reason: str, rule: Optional[str] = None) -> "Field":
        return Field(None, "unknown", reason, rule)


LEAD_MAX = 240  # characters: scraped bodies often run one "sentence" over several lines without a stop


@dataclass(frozen=True)
class Article:
    """Everything known about one article after extraction."""

    id: str
    source_file: str  # file name as found in source_articles/
    source_sha256: str
    encoding: str
    title: Field
    title_derived: bool
    date: Field  # value: datetime.date | None
    outlet: Field
    author: Field
    dateline: Field
    body: tuple[str, ...]  # paragraphs
    removed: tuple[Removed, ...]
    warnings: tuple[str, ...] = ()
    time: Optional[str] = None  # "HH:MM" when printed
    extra: tuple[tuple[str, object], ...] = ()  # later stages' keys, ordered for determinism
    located: tuple[int, ...] = ()  # what the locator decided on a whole page (CleanArticle.located)

    @property
    def date_value(self) -> Optional[dt.date]:
        return self.date.value if isinstance(self.date.value, dt.date) else None

    @property
    def lead(self) -> str:
        """The lead sentence: first sentence of the first paragraph, cut at a word to one summary line."""
        from .text.helpers import cut_at_word, first_sentence

        return cut_at_word(first_sentence(self.body[0]), LEAD_MAX, LEAD_MAX // 2) if self.body else ""


@dataclass(frozen=True)
class Issue:
    """A problem with one input, reported instead of stopping the run."""

    file: str
    stage: str  # read / clean / extract / relate / render / write / build
    code: str  # short machine id, e.g. "not-text", "empty", "overwrite-refused"
    message: str
    severity: str = "error"  # "error" (article not built) or "warning" (built, but look)


@dataclass(frozen=True)
class Page:
    """A generated file for docs/: a path relative to docs/ and its bytes."""

    path: str  # posix, relative to docs/
    content: bytes
    # The front-matter's data as JSON text, when known (build/front_matter.py keeps it for the site build): a
    # string, not the dict, so that 10,000 pages held until they are written cost a fifth of the memory.
    data_json: Optional[str] = field(default=None, compare=False, repr=False)


@dataclass
class RunResult:
    """Outcome of a preprocess run (mutable only while the run collects it)."""

    articles: list[Article] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    removed_stale: int = 0
    changed: list[str] = field(default_factory=list)  # docs/ paths written or removed by this run
    count: int = 0  # articles built (also when an unchanged run skipped the work and `articles` is empty)
    # docs path -> [sha256, size, mtime_ns, ctime_ns, inode] of the docs files the writer hashed or wrote
    # (FileDigests.looked): the site build that follows in the same process does not stat them again.
    docs_seen: dict = field(default_factory=dict, repr=False)
    # docs path -> [size, mtime_ns, ctime_ns, inode] of the generated files, from the check that found the run
    # unchanged (runs.unchanged): the site build trusts a recorded hash whose stat they match, without a stat.
    docs_stats: dict = field(default_factory=dict, repr=False)
    # The run's record being kept in a thread (preprocess's record_later), whose result() waits for it; or None.
    recorded: Optional[object] = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]
