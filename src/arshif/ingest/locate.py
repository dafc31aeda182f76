"""locate: where the article stands in a whole page (menus, tickers, tables and footers around it).

jusText's two passes, with lines for blocks. First a class for each line from what plain text still tells:
  good       long running text, dense in Arabic function words (rules/stopwords.yaml)
  near-good  a shorter sentence, or a long line a little less dense
  short      menu items, labels, names, headlines of other articles
  bad        markup residue, Latin menus and notices, lines of digits (tables, counters, clocks)
Then a context pass: the article is the run of lines whose worth is greatest when every good line counts its
length and every short or bad line costs a little (a maximum-sum segment), so a short line between two
article lines is article, and a menu of two hundred items is not. The headline is looked for just above it.

The locator only answers where the article is; clean.py gives the roles and records every removal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from ..recognise.outlet_names import rules_memo
from ..rules import Problem, RulesError, cached_rules, load_yaml_files
from ..text.helpers import Translation

_FOLDING = {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "\u0640": None}
_FOLD = Translation(str.maketrans(_FOLDING))
_EDGE = "«»\"“”'()[]{}،,.:؛;!?؟-–—…"
# Counted by runs (the letters of a line are the lengths of its runs): a list of words, not of every letter.
_LATIN = re.compile(r"[A-Za-z]+")
_ARABIC = re.compile(r"[\u0621-\u064a]+")
_DIGIT = re.compile(r"[0-9\u0660-\u0669]+")
# A word for the density: a run of anything but spaces and punctuation (quotes and marks around it are not counted),
# the runs of r"[^\s«»...]+" in the folded line; found faster by folding and making punctuation space in one pass,
# then str.split (whose whitespace is the regex's \s), instead of a regex scan building every token.
_PUNCT = "«»\"“”'()[]{}،,.:؛;!?؟-–—…"
_FOLD_WORDS = Translation(str.maketrans({**_FOLDING, **dict.fromkeys(_PUNCT, " ")}))
# A line ending a sentence: one of these, then only spaces (as r"[.!؟?…:»\"”)]\s*$" finds, without a regex scan).
_SENTENCE_MARKS = frozenset(".!؟?…:»\"”)")
_ENDS_SENTENCE = re.compile(r"[.!؟?…:][\"”»)]?\s*$")
_MAX_GAP = 2  # short or bad lines the context pass looks across
_MAX_KNOWN = 3  # and template lines (a site's label, notice and "read also" box between two paragraphs)
_OPENING_CHARS = 160  # a line this long opens the body even without a full stop (shape.is_body_like's length)
_INNER_STOP = re.compile(r"[.،,؛]\s")

# Worth of a line in the context pass, by class (good and near-good lines count their length).
_SHORT_COST = 25
_BAD_COST = 60
_TEMPLATE_COST = 5  # a line of the site's template: known, so cheap to look across, but a long menu still costs
_NEAR_GOOD_SHARE = 3  # a near-good line counts a third of its length
# Context-free thresholds (characters, density). Arabic prose is ~0.2 dense in the list; headlines ~0.05-0.1.
_GOOD_CHARS = 90
_LONG_CHARS = 200
_NEAR_CHARS = 70
_SPARSE_CHARS = 120
# Only this much of a line is read for its shares and its density (a 1 MB one-line body stays cheap).
_SAMPLE_CHARS = 600
_MEMO_CHARS = 300


@dataclass(frozen=True)
class StopWords:
    words: frozenset
    min_density: float
    with_conjunction: frozenset = frozenset()  # the words, and the words with و or ف glued: one look-up a token


@cached_rules
def stop_words() -> StopWords:
    problems: list[Problem] = []
    words: set[str] = set()
    density = 0.12
    for file, doc in load_yaml_files("stopwords.yaml"):
        if not isinstance(doc, dict) or not isinstance(doc.get("words"), list):
            problems.append(Problem(file, "words", "must be a list of words"))
            continue
        for n, w in enumerate(doc["words"]):
            if not isinstance(w, str) or not w.strip() or " " in w.strip():
                problems.append(Problem(file, f"words[{n}]", "must be one word"))
                continue
            words.add(_FOLD(w.strip()))
        if "min_density" in doc:
            if not isinstance(doc["min_density"], (int, float)) or not 0 < doc["min_density"] < 1:
                problems.append(Problem(file, "min_density", "must be a number between 0 and 1"))
            else:
                density = float(doc["min_density"])
        for n, ex in enumerate(doc.get("examples") or ()):
            if _density(str(ex), frozenset(words | {c + w for w in words for c in "وف"})) < density:
                problems.append(Problem(file, f"examples[{n}]", f"example {ex!r} is below min_density"))
    if problems:
        raise RulesError(problems)
    return StopWords(frozenset(words), density, frozenset(words | {c + w for w in words for c in "وف"}))


def _density(text: str, words: frozenset) -> float:
    tokens = _FOLD_WORDS(text[:_SAMPLE_CHARS]).split()  # = _TOKEN.findall(_FOLD(...))
    if not tokens:
        return 0.0
    return sum(map(words.__contains__, tokens)) / len(tokens)


def density(text: str) -> float:
    """Share of the line's words that are Arabic function words."""
    return _density(text, stop_words().with_conjunction)


def line_class(text: str) -> tuple[str, str]:
    """(class, why) of one squashed line, without context: good, near-good, short or bad."""
    # Menus, tickers and footers repeat across a site's pages: short lines are memoised.
    return _line_class_memo(text) if len(text) <= _MEMO_CHARS else _line_class(text)


def _line_class(text: str) -> tuple[str, str]:
    chars = len(text)
    if not chars:
        return "blank", ""
    sample = text[:_SAMPLE_CHARS]  # the shares of a long line are those of its start
    latin = sum(map(len, _LATIN.findall(sample)))
    digits = sum(map(len, _DIGIT.findall(sample)))
    if not _has_arabic(sample, max(latin + 1, 2 * digits - latin)):
        arabic = sum(map(len, _ARABIC.findall(sample)))
        letters = arabic + latin
        if not letters:
            return "bad", "no letters"
        if latin > arabic:
            return "bad", "mostly Latin letters"
        if digits * 3 > letters + digits:
            return "bad", "mostly digits"
    if chars < _NEAR_CHARS and text.count(" ") < 5:
        return "short", "too short to be running text"
    d = density(text)
    floor = stop_words().min_density
    if chars >= _LONG_CHARS and d >= floor / 2:
        return "good", f"{chars} characters of prose"
    sentence = text.rstrip()[-1:] in _SENTENCE_MARKS or bool(_INNER_STOP.search(text))
    if chars >= _GOOD_CHARS and d >= floor and sentence:
        return "good", f"{chars} characters, function words {d:.2f}"
    if (chars >= _NEAR_CHARS and d >= floor) or (len(text.split()) >= 6 and d >= floor and sentence):
        return "near-good", f"a sentence, function words {d:.2f}"
    if chars >= _SPARSE_CHARS or (chars >= _GOOD_CHARS and sentence):
        # Long and punctuated but sparse in function words (names and titles: "وأعرب الملك المفدى ...").
        return "near-good", f"{chars} characters, sparse in function words ({d:.2f})"
    return "short", "too short or too sparse in function words to be running text"


_line_class_memo = rules_memo(1 << 14)(_line_class)


def _has_arabic(sample: str, need: int) -> bool:
    """At least `need` Arabic letters in `sample`: with that many, none of the "bad" shares above can hold
    (letters >= 1, Latin < Arabic, digits under a third), so prose is not counted letter by letter."""
    found = 0
    for m in _ARABIC.finditer(sample):
        found += m.end() - m.start()
        if found >= need:
            return True
    return False


def _worth(cls: str, text: str) -> int:
    if cls == "good":
        return len(text)
    if cls == "near-good":
        return len(text) // _NEAR_GOOD_SHARE
    if cls == "short":
        return -_SHORT_COST
    if cls == "template":
        return -_TEMPLATE_COST
    if cls == "bad":
        return -_BAD_COST
    return 0


@dataclass(frozen=True)
class Located:
    """The article's lines: the body from `start` to `end` (inclusive), and each line's class."""

    start: int
    end: int
    classes: tuple[str, ...]
    why: tuple[str, ...]
    worth: int


TEMPLATE_WHY = "template line seen in {n} files"


def locate(texts: Sequence[str], forced_bad: Sequence[bool] = (), template: Sequence[int] = (),
           opens: Optional[Callable[[int], bool]] = None) -> Optional[Located]:
    """The maximum-worth run of lines (blank lines are free), or None when no line reads as text.

    `forced_bad` marks lines the chrome rules already know (markup, notices): they cost like bad lines.
    `template` gives, for each line, in how many of the archive's files it was seen when it is one of the
    archive's template lines (templates.py), else 0. A short template line keeps its class (the reason says in
    how many files it was seen); one that reads as prose becomes "template": it costs a little, and the
    context pass looks across them as across blank lines (a site's
    line between two paragraphs is not the article's end), as long as the page's own running text outweighs
    the template's (a story the archive holds three times has every line in three files, and stays an article).
    `opens(i)`: line i opens with a dateline credit ("الدمام - البوصلة: ..."), which only an article's first
    paragraph does: it is the body's start even when it does not end like a sentence (a one-sentence lead
    without its full stop).
    """
    classes, why = [], []
    for i, t in enumerate(texts):
        c, w = line_class(t)
        if forced_bad and forced_bad[i] and c != "blank":
            c, w = "bad", "page chrome by rule"
        classes.append(c)
        why.append(w)
    if template and any(template):
        prose = [(len(texts[i]), bool(template[i])) for i, c in enumerate(classes) if c in ("good", "near-good")]
        own_wins = sum(n for n, tpl in prose if not tpl) > sum(n for n, tpl in prose if tpl)
        for i, n in enumerate(template):
            if not n or classes[i] == "blank" or (forced_bad and forced_bad[i]):
                continue
            if classes[i] in ("short", "bad"):
                why[i] = TEMPLATE_WHY.format(n=n)  # a menu item stays short: it costs what it cost
            elif own_wins:
                classes[i], why[i] = "template", TEMPLATE_WHY.format(n=n)
    best = None
    run_start, run_sum = 0, 0
    for i, t in enumerate(texts):
        worth = _worth(classes[i], t)
        if run_sum <= 0 and worth > 0:
            run_start, run_sum = i, worth
        else:
            run_sum += worth
        if worth > 0 and (best is None or run_sum > best[2]):
            best = (run_start, i, run_sum)
    if best is None:
        return None
    known = [bool(template and template[i]) for i in range(len(texts))]
    start, end = _extend(texts, classes, best[0], -1, known, opens), _extend(texts, classes, best[1], 1, known)
    # A headline or a deck may read as prose: the body opens at the first line that ends like a sentence, or is
    # too long for a deck, or opens with a dateline credit.
    while start < end and not (texts[start] and (_ENDS_SENTENCE.search(texts[start]) or len(texts[start]) >= _OPENING_CHARS
                                                 or (opens is not None and opens(start)))):
        start += 1
    return Located(start, end, tuple(classes), tuple(why), best[2])


def _extend(texts: Sequence[str], classes: Sequence[str], edge: int, step: int, template: Sequence[bool] = (),
            opens: Optional[Callable[[int], bool]] = None) -> int:
    """jusText's context pass at the run's edge: a sentence beyond one or two short or bad lines ("اقرأ أيضا"
    and a linked headline between the first paragraphs) is article too, and so is, above the run, a line that
    opens with a dateline credit (`opens`)."""
    k, gap, known = edge + step, 0, 0
    while 0 <= k < len(texts):
        c = classes[k]
        if c in ("good", "near-good") and (_ENDS_SENTENCE.search(texts[k]) or (opens is not None and opens(k))):
            edge, gap, known = k, 0, 0
        elif c == "template" or (template and template[k] and c in ("short", "bad")):
            known += 1  # a line of the site's template: known chrome, the article may go on beyond a few
            if known > _MAX_KNOWN:
                break
        elif c in ("short", "bad"):
            gap += 1
            if gap > _MAX_GAP:
                break
        elif c != "blank":
            break  # a near-good line that does not end a sentence: a headline of a list, not ours
        k += step
    return edge


# How far above the body the headline is looked for (non-blank lines), and how many stacked headline-like
# lines are read (headline, deck, and the ticker or list that may stand right above them).
_HEAD_REACH = 14
_HEAD_BLOCK = 4
# A deck (standfirst) under the headline is long and much longer than it: this many words, this many times.
_DECK_RATIO = 1.5
_DECK_WORDS = 14
_DECK_CHARS = 300


def could_be_deck(text: str) -> bool:
    """A long line under a headline that does not end like a sentence: a deck (standfirst), not the body."""
    return len(text.split()) >= 4 and len(text) <= _DECK_CHARS and not _ENDS_SENTENCE.search(text)


def find_headline(texts: Sequence[str], start: int, is_meta, is_headline) -> Optional[int]:
    """The headline-like line closest above the body at `start` (metadata and chrome between are skipped).

    `is_meta(i)`: the line is a date, byline, outlet, share label or other chrome (skipped, never the title).
    `is_headline(i)`: the line could be a headline. Above the nearest one may stand a ticker or a "most read"
    list (their lines are headlines too, and often echoed elsewhere on the page, so an echo proves nothing),
    so the nearest wins, except when
      - a line is printed twice in the stack (page title and article heading): that one;
      - the nearest is long and much longer than the line above it: it is the deck, the line above is the
        headline (a ticker's lines are short, so a headline under a ticker is not taken for a deck).
    """
    block: list[int] = []
    seen = 0
    i = start - 1
    while i >= 0 and seen < _HEAD_REACH:
        t = texts[i]
        if not t:
            i -= 1
            continue
        seen += 1
        if is_meta(i):
            if block:
                break
        elif is_headline(i) and len(t.split()) >= 2:
            block.append(i)
            if len(block) >= _HEAD_BLOCK:
                break
        elif len(t.split()) == 1 and not block:
            pass  # one word under the headline: the outlet's name or a label
        elif block or seen > 3:
            break
        i -= 1
    if not block:
        return None
    stacked = [texts[j] for j in block]
    twice = [j for j in block if stacked.count(texts[j]) > 1]
    if twice:
        return twice[-1]  # the upper copy: the lower one is the repeat
    if len(block) > 1:
        near, above = len(texts[block[0]].split()), len(texts[block[1]].split())
        if near >= _DECK_WORDS and near >= _DECK_RATIO * above:
            return block[1]
    return block[0]
