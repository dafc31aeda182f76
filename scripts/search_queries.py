"""Known-item queries for the search benchmark: remembered title words with one spelling change.

A reader remembers two or three words of a headline and types them, not always as printed: a hamza left out or
added, ة typed ه, ى typed ي, a clitic (و ب ال) added or dropped. Each query is made from one target article
whose title no other article of the set shares (so "found" means the target itself), from a fixed random seed:
the same records give the same queries. Nothing here reads the index: the queries come from the records alone.
"""
from __future__ import annotations

import random
import re

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


def known_item_queries(titles: list[str], count: int = 200, seed: int = 16) -> list[dict]:
    """[{target: index into titles, query, change}] for `count` targets with a unique title."""
    rng = random.Random(seed)
    seen: dict[str, int] = {}
    for title in titles:
        key = " ".join(words(title))
        seen[key] = seen.get(key, 0) + 1
    order = list(range(len(titles)))
    rng.shuffle(order)
    out = []
    for target in order:
        if len(out) >= count:
            break
        title_words = [w for w in words(titles[target]) if w not in STOP and len(w) >= 3]
        if len(title_words) < 2 or seen[" ".join(words(titles[target]))] > 1:
            continue
        n = min(len(title_words), rng.choice((2, 3)))
        start = rng.randrange(len(title_words) - n + 1)
        picked = title_words[start:start + n]
        options = [(i, name, changed) for i, w in enumerate(picked) for name, change in CHANGES
                   if (changed := change(w)) and changed != w]
        if not options:
            continue
        i, name, changed = rng.choice(options)
        picked[i] = changed
        out.append({"target": target, "query": " ".join(picked), "change": name})
    return out
