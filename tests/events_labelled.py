"""The labelled real events (tests/data/events_real.yaml) and B-cubed scoring, shared by the event test and
scripts/events_eval.py. Corpus text is read from ../shared/corpus, never copied into the repository."""
from __future__ import annotations

import datetime as dt
import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Sequence

import yaml

from arshif.relate.entities import extract_entities
from arshif.relate.events import Doc

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "saudinewsnet"
LABELS = REPO / "tests" / "data" / "events_real.yaml"
BACKGROUND_STEP = 20  # every 20th other corpus record is grouped too (unscored): the stories sit among others


def labels() -> dict[str, str]:
    """url -> story id."""
    stories = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["stories"]
    out: dict[str, str] = {}
    for story, urls in stories.items():
        for url in urls:
            if url in out:
                raise ValueError(f"{LABELS}: {url} is labelled twice ({out[url]}, {story})")
            out[url] = story
    return out


def _doc(aid: str, rec: dict) -> Doc:
    title = rec.get("title") or ""
    body = [p.strip() for p in (rec.get("content") or "").split("\n") if p.strip()]
    day = dt.date.fromisoformat(rec["date_extracted"][:10])
    return Doc(aid, day, None, title, "\n".join(body), extract_entities(title, body)[0])


def labelled_docs(background_step: int = BACKGROUND_STEP) -> tuple[list[Doc], dict[str, str], Counter]:
    """The labelled records and a deterministic background as Docs; doc id -> story for the labelled ones;
    outlets of the labelled records."""
    wanted = labels()
    docs: list[Doc] = []
    truth: dict[str, str] = {}
    outlets: Counter = Counter()
    n = 0
    for path in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line_no, line in enumerate(fh):
                rec = json.loads(line)
                aid = f"{path.name[:10]}-{line_no:05d}"
                story = wanted.get(rec.get("url"))
                if story is not None:
                    truth[aid] = story
                    outlets[rec["source"]] += 1
                    docs.append(_doc(aid, rec))
                elif background_step and (rec.get("content") or "").strip():
                    n += 1
                    if n % background_step == 0:
                        docs.append(_doc(aid, rec))
    missing = len(wanted) - len(truth)
    if missing:
        raise ValueError(f"{LABELS}: {missing} labelled urls are not in {CORPUS}")
    return docs, truth, outlets


def bcubed(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the labelled items (Amigó et al. 2009)."""
    items = sorted(truth)
    by_pred: dict[str, list[str]] = {}
    by_true: Counter = Counter(truth[i] for i in items)
    for i in items:
        by_pred.setdefault(predicted[i], []).append(i)
    p = r = 0.0
    for i in items:
        mates = by_pred[predicted[i]]
        correct = sum(1 for j in mates if truth[j] == truth[i])
        p += correct / len(mates)
        r += correct / by_true[truth[i]]
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def forbidden_merges(truth: dict[str, str], predicted: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of labelled stories that share a predicted event."""
    stories_of: dict[str, set] = {}
    for i, story in truth.items():
        stories_of.setdefault(predicted[i], set()).add(story)
    out = set()
    for stories in stories_of.values():
        s = sorted(stories)
        out.update((a, b) for x, a in enumerate(s) for b in s[x + 1:])
    return sorted(out)


def story_pieces(truth: dict[str, str], predicted: dict[str, str]) -> dict[str, int]:
    """How many predicted events each labelled story is cut into."""
    pieces: dict[str, set] = {}
    for i, story in truth.items():
        pieces.setdefault(story, set()).add(predicted[i])
    return {s: len(p) for s, p in sorted(pieces.items())}


def halves() -> tuple[set, set]:
    """Half A and half B of the stories (events_real.yaml `halves`: each hard-negative group within one)."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    a, b = set(data["halves"]["a"]), set(data["halves"]["b"])
    if a & b or a | b != set(data["stories"]):
        raise ValueError(f"{LABELS}: halves must split the stories in two")
    return a, b


def evaluate(docs: Sequence[Doc], truth: dict[str, str], group) -> dict:
    events, _ = group(docs)
    predicted = {m: e.id for e in events for m in e.members}
    p, r, f = bcubed(truth, predicted)
    return {"precision": p, "recall": r, "f1": f, "forbidden": forbidden_merges(truth, predicted),
            "pieces": story_pieces(truth, predicted), "events": events}
