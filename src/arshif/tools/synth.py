"""A seeded synthetic corpus of raw scraped pages, for the benchmark.

Bodies come from real Arabic news text when the shared corpus is present (../shared/corpus/saudinewsnet, read
in place, never copied into the project), else from the archive's own source articles. Around each body the
generator lays out a page as outlets do: masthead chrome, headline, a date line in one of many forms, a byline,
comment boxes, copyright, related-article boxes, counters, an outlet signature. Articles of one corpus day share
events and entities, as real coverage does. A few files are bad on purpose (empty, binary, Windows-1256).
Same seed, same bytes.
"""
from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Iterator, Optional

MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
LEVANT = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")
WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
OUTLETS = ("الرياض", "عكاظ", "الشرق الأوسط", "الاتحاد", "البيان", "القبس", "الأهرام", "المصري اليوم", "النهار", "هسبريس",
           "الخليج", "الراي", "الدستور", "الوطن", "سبق", "الجزيرة")
AGENCIES = ("واس", "كونا", "وام", "قنا", "بنا", "أ ف ب", "رويترز")
CITIES = ("الرياض", "جدة", "الكويت", "دبي", "أبوظبي", "القاهرة", "بيروت", "عمان", "الدوحة", "المنامة", "مسقط", "الرباط", "تونس")
NAMES = ("محمد العتيبي", "سارة الأحمد", "خالد المطيري", "دينا مصطفى", "أحمد عبد الله", "نذير رضا", "فاطمة الزهراء", "علي الشهري")
HEAD_CHROME = (("الرئيسية", "محليات"), ("مواقيت الصلاة", "أبرز الأخبار", "عدد اليوم"), ("الرئيسية » أخبار » محليات",), ("عاجل",), ())
TAIL_CHROME = (("أضف تعليقك", "تعليقات\u00a00"), ("التعليقات مغلقة.",), ("طباعة", "فيسبوك تويتر واتساب"),
               ("الوسوم: السعودية، الاقتصاد",), ("12",), ())


def default_corpus() -> Optional[Path]:
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):  # the checkout beside ../shared
        candidate = base.parent / "shared" / "corpus" / "saudinewsnet"
        if candidate.is_dir():
            return candidate
    return None


def corpus_texts(folder: Optional[Path], fallback: Path) -> list[dict]:
    """Records with title and content paragraphs, in a fixed order."""
    records: list[dict] = []
    if folder is not None:
        for path in sorted(folder.glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    paras = [p.strip() for p in rec.get("content", "").split("\n") if len(p.strip()) > 40]
                    if rec.get("title") and paras:
                        records.append({"title": rec["title"].strip(), "paras": paras, "day": path.name[:10]})
    if not records:
        for path in sorted(Path(fallback).glob("*.txt")):
            lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if len(x.strip()) > 60]
            if lines:
                records.append({"title": lines[0][:80], "paras": lines, "day": path.stem})
    return records


def _date_line(rng: random.Random, day: int, month: int, year: int) -> str:
    weekday = WEEKDAYS[(year * 365 + month * 31 + day) % 7]  # display only; the resolver checks real weekdays
    forms = (
        f"{day} {MONTHS[month - 1]} {year} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        f"{year}/{month:02d}/{day:02d}",
        f"{day} {LEVANT[month - 1]} {year}",
        f"نشر في: {day} {MONTHS[month - 1]} {year}",
        f"{year}-{month:02d}-{day:02d}T09:30:00+03:00",
        f"{weekday} {day} {MONTHS[month - 1]} {year}",
    )
    return rng.choice(forms)


def _byline(rng: random.Random) -> Optional[str]:
    return rng.choice((f"كتب: {rng.choice(NAMES)}", f"{rng.choice(CITIES)}: {rng.choice(NAMES)}",
                       f"{rng.choice(CITIES)} - {rng.choice(AGENCIES)}", None, None))


def page(rng: random.Random, rec: dict, records: list[dict], n: int) -> str:
    words_target = rng.randint(200, 3000)
    paras = list(rec["paras"])
    k = n
    while sum(len(p.split()) for p in paras) < words_target and k < n + 30:
        k += 1
        paras += records[k % len(records)]["paras"]
    # Cut at the target, keeping whole paragraphs.
    body, count = [], 0
    for p in paras:
        body.append(p)
        count += len(p.split())
        if count >= words_target:
            break
    outlet = rng.choice(OUTLETS)
    lines = [*rng.choice(HEAD_CHROME), rec["title"], ""]
    if rng.random() < 0.7:
        lines.append(_date_line(rng, rng.randint(1, 28), rng.randint(1, 12), rng.randint(2012, 2024)))
    by = _byline(rng)
    if by:
        lines.append(by)
    for p in body:
        lines += [p, ""]
    if rng.random() < 0.3:
        lines += ["مقالات ذات صلة", records[(n + 7) % len(records)]["title"], records[(n + 11) % len(records)]["title"]]
    lines += list(rng.choice(TAIL_CHROME))
    lines.append(rng.choice((outlet, f"جميع الحقوق محفوظة لصحيفة {outlet} 2024©", "")))
    return "\n".join(lines) + "\n"


def generate(target: Path, count: int, seed: int = 1, corpus: Optional[Path] = None, fallback: Path = Path("source_articles"),
             bad_files: bool = True) -> int:
    """Write `count` raw pages (plus a few bad files) into `target`. Returns the number of files written."""
    rng = random.Random(seed)
    records = corpus_texts(corpus, fallback)
    if not records:
        raise FileNotFoundError("no text to build a synthetic corpus from (no shared corpus, no source articles)")
    target.mkdir(parents=True, exist_ok=True)
    order = list(range(len(records)))
    rng.shuffle(order)
    for n in range(count):
        rec = records[order[n % len(order)]]
        (target / f"{n:06d}.txt").write_text(page(rng, rec, records, n), encoding="utf-8")
    written = count
    if bad_files:
        (target / "bad-empty.txt").write_bytes(b"")
        (target / "bad-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        (target / "legacy-cp1256.txt").write_bytes(page(rng, records[0], records, 0).encode("cp1256", errors="replace"))
        written += 3
    return written


def iter_files(target: Path) -> Iterator[Path]:
    return iter(sorted(target.glob("*.txt")))
