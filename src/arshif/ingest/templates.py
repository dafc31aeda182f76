"""templates: lines that recur across the archive's files (one site's menus, footers, notices) are chrome there.

Two steps, so that an added article is judged against the archive without every file being read again:
  prints(text)       a file's line prints: each short or medium line, normalised, once per file, with whether it
                     reads as a sentence. Pure; cached by the build beside the extracted Article (content-keyed).
  learn(prints...)   the archive's template lines from all files' prints: a line seen in at least MIN_FILES files
                     and in a fair share of the files of its layout (the layout of a file is estimated by how
                     many files share its recurring lines, so a site's 300-item menu counts, and a headline
                     echoed in the "most read" lists of five of a site's forty pages does not). A line that reads
                     as a sentence needs more files and a larger share: articles are made of sentences.

The cleaner (clean.py) uses the learnt lines as a chrome signal with its own reason, guarded by the locator's
context: the headline and the article's own body are never taken away (a wire story copied by three outlets has
all its lines in three files: the page keeps them when they are most of its text).
"""
from __future__ import annotations

import hashlib
import statistics
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional, Sequence

from ..text.helpers import squash_visible
from .locate import line_class

# A line ending like a sentence: r"[.!؟?…][\"”»)]?\s*$" found in it, read from its stripped end (no regex scan).
_SENTENCE_MARKS = frozenset(".!؟?…")
_CLOSERS = frozenset("\"”»)")


def _ends_sentence(line: str) -> bool:
    end = line.rstrip()
    if not end:
        return False
    return end[-1] in _SENTENCE_MARKS or (end[-1] in _CLOSERS and len(end) > 1 and end[-2] in _SENTENCE_MARKS)


_EDGE = " «»\"“”'()[]{}،,.:؛;!?؟-–—…|•·*»"
MIN_CHARS = 2
MAX_CHARS = 300  # longer lines are paragraphs: never templates
RAW_CHARS = 2 * MAX_CHARS  # a source line longer than this is not even normalised (speed; same test everywhere)
MIN_FILES = 3
SHARE = 0.3  # of the files of the layout
SENTENCE_MIN_FILES = 5
SENTENCE_SHARE = 0.5
BODY_SENTENCE_FILES = 8  # a sentence taken out of an article's body: seen in this many files at least
SHOWN = 40
_LABEL_WORDS = 3  # a menu item or a section label: this many words at most  # template lines listed in the report (the most widespread first)

# (each eligible line once: (normalised line, reads as a sentence)), (the digests of every run of three
# consecutive non-blank lines: a site prints its menus in its own order, so the runs tell the layout)
# A line also says whether it stands in a block of three or more short lines with no blank line between them
# (a menu, a list): a site's own line inside its articles stands alone between paragraphs; a list that copies of
# one story share stands in a block.
Prints = tuple[tuple[tuple[str, bool, bool], ...], tuple[int, ...]]


def normal(text: str) -> str:
    """A line as template memory compares it (and the report shows it): visible, squashed, edge marks stripped.
    Not folded: a site prints its template the same on every page, and the report shows the line as printed."""
    return squash_visible(text).strip(_EDGE)


def prints(text: str) -> Prints:
    """The file's line prints: its eligible lines (each once) and the digests of its runs of three lines."""
    seen: set[str] = set()
    lines = []
    nonblank = []
    flags: dict[str, bool] = {}
    block: list[str] = []
    in_block: set[str] = set()
    for line in text.split("\n") + [""]:
        t = normal(line) if len(line) <= RAW_CHARS else ""
        if not t or flags.get(t) or len(line) > RAW_CHARS:
            if len(block) >= 3:
                in_block.update(block)
            block = []
        if len(line) > RAW_CHARS:
            nonblank.append("")  # a paragraph: no run of the template goes across it
            continue
        if not t:
            continue
        is_sentence = flags.get(t)
        if is_sentence is None:  # running text, or a short line that ends like a sentence ("وأضاف أن ... .")
            # The end first: most paragraphs end with a full stop, and then the line's class is not needed.
            is_sentence = flags[t] = _ends_sentence(line) or line_class(t)[0] in ("good", "near-good")
        nonblank.append("" if is_sentence else t)
        if is_sentence:
            if len(block) >= 3:
                in_block.update(block)
            block = []
        else:
            block.append(t)
        if not MIN_CHARS <= len(t) <= MAX_CHARS or t in seen:
            continue
        seen.add(t)
        lines.append((t, is_sentence))
    # Runs of three short lines only (menus, labels, lists): paragraphs shared by a few files (a story's background
    # repeated in its follow-ups) must not make those files look like a layout of their own.
    runs = {int.from_bytes(hashlib.blake2b("\n".join(nonblank[k:k + 3]).encode("utf-8"), digest_size=8).digest(), "big")
            for k in range(len(nonblank) - 2) if all(nonblank[k:k + 3])}
    return tuple((t, is_sentence, t in in_block) for t, is_sentence in lines), tuple(sorted(runs))


@dataclass(frozen=True)
class Templates:
    """The archive's template lines: normalised text -> number of files it was seen in."""

    lines: Mapping[str, int] = field(default_factory=dict)
    files: int = 0  # files whose prints were counted
    # The lines that may be taken out of an article's body as well: those of a known layout (most of their files
    # print a recurring menu) seen in half of its files, as a site prints its line between paragraphs. A line a few
    # copies of one story share (a list inside it, a short paragraph) is a template line only outside the article.
    body: frozenset = frozenset()

    def __bool__(self) -> bool:
        return bool(self.lines)

    def seen(self, line: str) -> int:
        """In how many files the source line was seen, when it is a template line; else 0."""
        return self.lines.get(normal(line), 0) if self.lines and len(line) <= RAW_CHARS else 0

    def in_body(self, line: str) -> int:
        """seen(line) for a line that may also go from inside an article's body; else 0."""
        return self.seen(line) if self.body and normal(line) in self.body else 0

    def in_file(self, text: str) -> tuple[str, ...]:
        """The template lines of a file's text, sorted: what its extraction depends on (for the cache key)."""
        if not self.lines:
            return ()
        return self._marked({t for t in (normal(x) for x in text.split("\n") if len(x) <= RAW_CHARS) if t in self.lines})

    def in_prints(self, found: Prints) -> tuple[str, ...]:
        """in_file() of the text whose prints() are `found`: every template line is one of a file's eligible lines
        (learn() counts nothing else), and prints() lists each of them once."""
        if not self.lines:
            return ()
        return self._marked({t for t, _, _ in found[0] if t in self.lines})

    def _marked(self, found: set) -> tuple[str, ...]:
        return tuple(sorted(t + ("\0body" if t in self.body else "") for t in found))

    def key(self, text: str) -> str:
        """A short hash of in_file(text) ("" when the file has none): part of the extraction cache's key."""
        return _hashed(self.in_file(text))

    def key_of_prints(self, found: Prints) -> str:
        """key() of the text whose prints() are `found`, without the text."""
        return _hashed(self.in_prints(found))

    def top(self, limit: int = SHOWN) -> list[tuple[str, int]]:
        """The most widespread template lines, with their file counts (ties by text: stable output)."""
        return sorted(self.lines.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def _hashed(found: tuple[str, ...]) -> str:
    if not found:
        return ""
    # The lines, not their counts: an added file raises counts, and only files whose set changes are redone.
    return hashlib.sha256("\n".join(found).encode("utf-8")).hexdigest()[:16]


NONE = Templates()


def learn(all_prints: Iterable[Optional[Prints]]) -> Templates:
    """The template lines of an archive from every file's prints (None for a file that could not be read).

    The layout of a file is estimated from its runs of three lines that recur (a site's menus, in its order):
    their median count is how many files share its layout. Words common to every site's menu ("الرئيسية") are
    in more files than any one layout, but their runs are not: the estimate stays the site's.
    """
    ids: dict[str, int] = {}
    sentence: list[bool] = []
    counts: list[int] = []
    files: list[tuple[array, tuple[int, ...]]] = []
    run_counts: Counter = Counter()
    blocks: list[int] = []  # files where the line stands in a block of short lines
    for p in all_prints:
        if p is None:
            continue
        row = array("i")
        for text, is_sentence, listed in p[0]:
            k = ids.get(text)
            if k is None:
                k = ids[text] = len(counts)
                counts.append(0)
                blocks.append(0)
                sentence.append(is_sentence)
            counts[k] += 1
            blocks[k] += listed
            row.append(k)
        run_counts.update(p[1])
        files.append((row, p[1]))
    layout_sum = [0] * len(counts)
    measured = [0] * len(counts)  # files of the line whose layout could be sized (they print a recurring menu)
    for row, runs in files:
        recurring = [run_counts[r] for r in runs if run_counts[r] >= MIN_FILES]
        if not recurring:
            continue
        size = statistics.median_low(recurring)
        for k in row:
            if counts[k] >= MIN_FILES:
                layout_sum[k] += size
                measured[k] += 1
    found = {}
    body: set[str] = set()
    for text, k in ids.items():
        n = counts[k]
        if n < MIN_FILES:
            continue
        # A known layout: most of the line's files print a recurring menu, and it is in half of that layout's files.
        known = measured[k] * 2 >= n and n >= SENTENCE_SHARE * layout_sum[k] / measured[k]
        if sentence[k]:
            # A sentence is a template line only in pages of a known layout, in five files at least: else it is an
            # article's own text that other articles repeat (a wire paragraph, a story's background).
            if n < SENTENCE_MIN_FILES or not known:
                continue
        elif n < SHARE * layout_sum[k] / n:  # the mean layout size of the files where the line stands
            continue
        found[text] = n
        # Alone between paragraphs in most of its files, as a site's own line; a sentence in many files (copies of
        # one story, a few each, share whole paragraphs: those stay the article's).
        if known and blocks[k] * 2 < n and (not sentence[k] or n >= BODY_SENTENCE_FILES):
            body.add(text)
    return Templates(dict(sorted(found.items())), len(files), frozenset(body))


def dominated(texts: Sequence[str], is_template: Sequence[bool]) -> bool:
    """Whether the page's own (non-template) text outweighs its template text among `texts` (the guard that
    keeps a wire story copied by several outlets: there every line is a template line)."""
    own = sum(len(t) for t, tpl in zip(texts, is_template) if not tpl)
    other = sum(len(t) for t, tpl in zip(texts, is_template) if tpl)
    return own > other


REASON = "template-line"


def head_marks(texts: Sequence[str], seen: Sequence[int], free: Sequence[int], is_meta, is_title_like) -> list[int]:
    """Lines of a light page's head (`free`: unassigned, in order) that are template chrome: those above the first
    title-like line that is not a template line, and none when every title-like line is one (the archive may hold
    the same story three times: its headline is then a template line, and still the headline)."""
    first_own = next((i for i in free if not seen[i] and is_title_like(texts[i])), None)
    if first_own is None:
        return []
    # A headline-like line of four words or more is left to the head's rules even so: the page's own headline,
    # echoed in its site's lists, may be a template line, and the line under it a deck that is not.
    return [i for i in free if i < first_own and seen[i] and not is_meta(texts[i])
            and (len(texts[i].split()) <= _LABEL_WORDS or not is_title_like(texts[i]))]


def body_marks(texts: Sequence[str], seen: Sequence[int], free: Sequence[int], keep: Iterable[str] = ()) -> list[int]:
    """Lines that would be body (`free`) and are template lines: chrome, unless the template text would be most of
    the body (then the page is a copy of a story the archive holds several times, and keeps its text)."""
    keep = set(keep)
    if not any(seen[i] for i in free):
        return []
    if not dominated([texts[i] for i in free], [bool(seen[i]) for i in free]):
        return []
    return [i for i in free if seen[i] and texts[i] not in keep]
