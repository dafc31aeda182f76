"""Real corpus articles laid out as raw pages, for the benchmark at real lengths.

The shared corpus (../shared/corpus/saudinewsnet, read in place, never copied into the project) holds clean
records: title, author, collection date, body. The bench needs what arshif really reads, so each record is
laid out as an outlet page would be: a masthead line, the headline, a date line (the collection day, printed
in one of a few forms), the byline when the record has one, the paragraphs, a tail of page chrome and the
outlet's signature. Bodies keep their real length (unlike the synthetic mode's 200-3,000 words).
Records are taken in file (day) order; the same count gives the same bytes.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator, Optional

from .synth import HEAD_CHROME, MONTHS, TAIL_CHROME, default_corpus

# Outlet ids of the corpus -> the name a page of that outlet prints.
OUTLET_NAMES = {
    "aawsat": "الشرق الأوسط", "alweeam": "الوئام", "sabq": "سبق", "aleqtisadiya": "الاقتصادية", "almadina": "المدينة",
    "okaz": "عكاظ", "alyaum": "اليوم", "aljazirah": "الجزيرة", "arreyadi": "الرياضي", "alwatan": "الوطن",
    "alriyadh": "الرياض", "3alyoum": "عاجل", "was": "واس", "arriyadiyah": "الرياضية",
}


def records(folder: Path, limit: int) -> Iterator[dict]:
    """Up to `limit` records with a title and a body, in day then line order."""
    count = 0
    for path in sorted(Path(folder).glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("title", "").strip() and rec.get("content", "").strip():
                    yield rec
                    count += 1
                    if count >= limit:
                        return


def _date_line(n: int, stamp: str) -> str:
    year, month, day = int(stamp[:4]), int(stamp[5:7]), int(stamp[8:10])
    forms = (f"{day} {MONTHS[month - 1]} {year}", f"{year}/{month:02d}/{day:02d}", f"نشر في: {day} {MONTHS[month - 1]} {year}",
             f"{stamp[:10]}T{stamp[11:16] or '09:30'}:00+03:00")
    return forms[n % len(forms)]


def page(n: int, rec: dict) -> str:
    outlet = OUTLET_NAMES.get(rec.get("source", ""), rec.get("source", ""))
    lines = [*HEAD_CHROME[n % len(HEAD_CHROME)], rec["title"].strip(), ""]
    stamp = rec.get("date_extracted") or ""
    if len(stamp) >= 10 and stamp[:4].isdigit():
        lines.append(_date_line(n, stamp))
    author = (rec.get("author") or "").strip()
    if author:
        lines.append(author)
    for para in rec["content"].split("\n"):
        if para.strip():
            lines += [para.strip(), ""]
    lines += list(TAIL_CHROME[n % len(TAIL_CHROME)])
    lines.append(f"جميع الحقوق محفوظة لصحيفة {outlet} 2015©" if n % 2 else outlet)
    return "\n".join(lines) + "\n"


def generate(target: Path, count: int, corpus: Optional[Path] = None) -> int:
    """Write `count` raw pages of real articles into `target`. Returns the number written."""
    folder = corpus or default_corpus()
    if folder is None or not Path(folder).is_dir():
        raise FileNotFoundError("no shared corpus (../shared/corpus/saudinewsnet) to take real articles from")
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for n, rec in enumerate(records(Path(folder), count)):
        (target / f"{n:06d}.txt").write_text(page(n, rec), encoding="utf-8")
        written += 1
    if written < count:
        raise ValueError(f"the corpus at {folder} holds only {written} usable articles, {count} asked for")
    return written
