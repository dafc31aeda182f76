"""evaluate: score extraction against a truth file in the format of ../shared/truth/seeds.yaml."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from ..text.helpers import squash_spaces, visible
from .contract import extract_path

FIELDS = ("title", "outlet", "author", "dateline", "date", "first_words", "chrome")


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    total: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    misses: list[str] = field(default_factory=list)


def _norm(value: Optional[str]) -> Optional[str]:
    return squash_spaces(visible(str(value))) if value is not None else None


def score_article(key: str, truth: dict, record: dict, score: Score) -> None:
    def check(name: str, ok: bool, got: object, want: object) -> None:
        score.total[name] += 1
        if ok:
            score.right[name] += 1
        else:
            score.misses.append(f"{key}: {name}: got {got!r}, want {want!r}")

    want_title = None if truth.get("title") is None else _norm(truth["title"])
    got_title = None if record.get("title_derived") else _norm(record.get("title"))
    check("title", got_title == want_title, record.get("title"), truth.get("title"))
    for name in ("outlet", "author", "dateline"):
        check(name, _norm(record.get(name)) == _norm(truth.get(name)), record.get(name), truth.get(name))
    check("date", record.get("date") == (str(truth["date"]) if truth.get("date") else None), record.get("date"), truth.get("date"))
    body = record.get("body") or []
    start = _norm(truth.get("first_body_line_starts") or "")
    check("first_words", bool(body) and _norm(body[0]).startswith(start), (body[0][:60] if body else None), start)
    body_norm = {_norm(p) for p in body}
    leaked = [line for line in truth.get("not_body") or [] if _norm(line) in body_norm or (_norm(line) and any(_norm(p).endswith(_norm(line)) for p in body))]
    check("chrome", not leaked, leaked, [])


def evaluate(truth_file: Path, sources_dir: Path) -> Score:
    truth = yaml.safe_load(Path(truth_file).read_text(encoding="utf-8"))
    score = Score()
    for key, expected in sorted((truth.get("articles") or {}).items()):
        path = sources_dir / f"{key}.txt"
        record = extract_path(path) if path.exists() else {"ok": False, "body": []}
        score_article(key, expected, record, score)
    return score


def format_score(score: Score) -> list[str]:
    lines = []
    for name in FIELDS:
        total = score.total[name] or 1
        lines.append(f"{name:12} {score.right[name]:3}/{score.total[name]:<3} {100 * score.right[name] / total:6.1f} %")
    right, total = sum(score.right.values()), sum(score.total.values()) or 1
    lines.append(f"{'all':12} {right:3}/{total:<3} {100 * right / total:6.1f} %")
    lines += [f"miss: {m}" for m in score.misses]
    return lines
