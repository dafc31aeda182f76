"""Known-item queries for the search benchmark: remembered title words with one spelling change.

A reader remembers two or three words of a headline and types them, not always as printed: a hamza left out or
added, ة typed ه, ى typed ي, a clitic (و ب ال) added or dropped. Nothing here reads the index: the queries come
from the titles alone, from a fixed random seed (the same titles give the same queries).

What makes the benchmark honest: a known-item query must point at ONE article, or no search engine can be judged
on where it puts that article. News archives hold many headlines that share words (the same story from several
outlets, the daily column «موجز إعلامي», a memoir in episodes, every «عيد الفطر» report), so two rules, both on
the title's content words compared by normalize.match_key (spelling, hamza, ة/ه, ى/ي and clitics folded: the
same words the search itself joins):
- The words picked must distinguish the target: no other headline may hold all of them. The random window of two
  or three consecutive content words is kept when it does; when it does not, it is widened, one word at a time,
  to the shortest run of the title's content words around it that does (a reader who remembers «الاتحاد
  الأوروبي» of a headline shared by dozens also remembers «مبيعات السيارات»). Widening is deterministic (the
  shortest run, then the leftmost), after the misspelt word is drawn among the first ones, so a query differs
  from the one first drawn only by the words added, and not at all when none are needed.
- When even the whole headline does not distinguish it, every other article whose headline has the same content
  words is the same known item (a title query cannot tell them apart: «موجز اعلامي» and «موجز إعلامي», the
  same SPA headline from two outlets): the query lists them in `same`, and the target counts as found at the
  first of them. An article whose headline holds the target's words and more is NOT the same: it stays a
  competitor, so a whole-headline query is still judged (the engine should prefer the headline with nothing else).
This is no easier than asking for the target alone where the question has an answer, and it stops counting as a
miss what no ranking could get right: before this rule, 29 of the 30 misses at 10,000 articles (ranking of
e7580fe) had another headline holding every word typed, most of them the same story from another outlet.
widen=False gives the queries as first drawn, for comparison (search_bench.py prints both figures).
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from arshif.text.normalize import match_key  # noqa: E402

# Words a reader does not remember a headline by.
STOP = set("""في من على إلى الى عن مع أن ان إن هذا هذه التي الذي الذين بعد قبل بين حتى عند كل أو او ثم لا لم لن ما
قد كان كانت يكون تكون وفي ومن وعلى خلال حول ضد عبر منذ أمام امام دون غير أي اي هو هي هم نحو لدى""".split())
WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640]+")
MARKS = re.compile(r"[\u064b-\u0652\u0640]")

# One spelling change a reader makes: (name, function word -> changed word or None).
HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def _hamza(word: str) -> str | None:
    if any(c in word for c in "أإآ"):
        return word.translate(HAMZA)
    if word.startswith("ال") and len(word) > 3 and word[2] == "ا":
        return word[:2] + "أ" + word[3:]  # الاتحاد typed الأتحاد
    if word.startswith("ا") and not word.startswith("ال") and len(word) > 3:
        return "أ" + word[1:]  # اتفاق typed أتفاق; never ال typed أل
    return None


def _ta_marbuta(word: str) -> str | None:
    if word.endswith("ة"):
        return word[:-1] + "ه"
    return None


def _alef_maqsura(word: str) -> str | None:
    if word.endswith("ى"):
        return word[:-1] + "ي"
    if word.endswith("ي") and len(word) > 3:
        return word[:-1] + "ى"
    return None


def _clitic(word: str) -> str | None:
    if word.startswith("ال") and len(word) >= 5:
        return word[2:]
    if word.startswith(("و", "ب", "ل")) and len(word) >= 5 and word[1:3] == "ال":
        return word[1:]
    if len(word) >= 3 and not word.startswith("ال"):
        return "و" + word if word[0] != "و" else "ال" + word
    return None


CHANGES = (("hamza", _hamza), ("ta-marbuta", _ta_marbuta), ("alef-maqsura", _alef_maqsura), ("clitic", _clitic))


def words(title: str) -> list[str]:
    return [MARKS.sub("", w) for w in WORD.findall(title)]


def content_words(title: str) -> list[str]:
    """The words of a headline a reader may remember it by, in order."""
    return [w for w in words(title) if w not in STOP and len(w) >= 3]


def _widen(keys: list[str], start: int, n: int, holders) -> tuple[int, int]:
    """The shortest run of keys around keys[start:start+n] (the leftmost of that length) that no competitor holds
    whole; the whole list when none does. `holders(run)`: the competitors holding every key of a run."""
    for size in range(n, len(keys) + 1):
        for first in range(max(0, start + n - size), min(start, len(keys) - size) + 1):
            if not holders(keys[first:first + size]):
                return first, size
    return 0, len(keys)


def known_item_queries(titles: list[str], count: int = 200, seed: int = 16, widen: bool = True) -> list[dict]:
    """[{target: index into titles, query, change, same: [indices of articles with the same headline]}].
    widen=False: the same targets with the words as first drawn, whether other headlines hold them or not (the
    benchmark prints that figure too, to show what the rule changes)."""
    rng = random.Random(seed)
    content = [content_words(t) for t in titles]
    keys = [[match_key(w) for w in c] for c in content]
    sets = [frozenset(k) for k in keys]
    index: dict[str, set[int]] = {}
    for n, s in enumerate(sets):
        for key in s:
            index.setdefault(key, set()).add(n)
    groups: dict[frozenset, list[int]] = {}
    for n, s in enumerate(sets):
        groups.setdefault(s, []).append(n)
    order = list(range(len(titles)))
    rng.shuffle(order)
    out = []
    for target in order:
        if len(out) >= count:
            break
        title_words = content[target]
        if len(title_words) < 2:
            continue
        same = [m for m in groups[sets[target]] if m != target]
        alike = set(same) | {target}

        def holders(run: list[str]) -> set[int]:
            found = set.intersection(*(index[k] for k in run))
            return found - alike

        n = min(len(title_words), rng.choice((2, 3)))
        start = rng.randrange(len(title_words) - n + 1)
        options = [(i, name, changed) for i, w in enumerate(title_words[start:start + n]) for name, change in CHANGES
                   if (changed := change(w)) and changed != w]
        if not options:
            continue
        i, name, changed = rng.choice(options)  # the misspelt word is one of those first drawn
        first, size = _widen(keys[target], start, n, holders) if widen else (start, n)
        picked = title_words[first:first + size]
        picked[start - first + i] = changed
        out.append({"target": target, "query": " ".join(picked), "change": name, "same": same})
    return out
