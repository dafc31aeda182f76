"""Fixtures for the robustness tests, generated here (nothing binary is checked in).

`article(seed)` writes a plausible Arabic news page (headline, date line, body paragraphs) whose body words
are drawn at random from a vocabulary, so two seeds never look like the same article. `fixture_set()` gives
every case of issue 5 as {file name: bytes}: encodings, line ends, control characters, a long line, odd file
names, duplicates, markup, and the bad files (PNG, empty, whitespace, title only, undecodable).
"""
from __future__ import annotations

import codecs
import json
import os
import random
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

WORDS = (
    "الحكومة الوزير الرئيس البرلمان المجلس الشعب المدينة القرية الجيش الشرطة الاقتصاد السوق الأسعار النفط الغاز "
    "الكهرباء المياه المدارس الجامعة الطلاب المستشفى الأطباء المرضى الطريق الجسر الميناء المطار الطائرة السفينة "
    "الاتفاق المفاوضات الانتخابات اللجنة القانون المحكمة القاضي المتهم الشهود الصحفيين المواطنين العمال الشركات "
    "المصانع الزراعة القمح الأمطار الفيضانات الجفاف الصحراء الحدود اللاجئين المساعدات المنظمة الأمم المتحدة "
    "أعلن أكد قال أوضح أشار طالب رفض وافق ناقش بحث زار استقبل افتتح أطلق نفى كشف حذر دعا قرر أصدر "
    "اليوم أمس الأسبوع الماضي المقبل خلال بعد قبل حتى منذ بين على في من إلى عن مع ضد نحو حول "
    "جديد كبير صغير مهم عاجل رسمي محلي دولي عربي إقليمي أمني سياسي اقتصادي اجتماعي ثقافي رياضي"
).split()
CITIES = ("القاهرة", "بيروت", "دمشق", "بغداد", "الرياض", "عمّان", "تونس", "الرباط", "الجزائر", "طرابلس", "الخرطوم", "صنعاء")
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
CHROME_LINES = ("الرئيسية", "أخبار", "شارك", "فيسبوك تويتر واتساب", "أضف تعليقك", "12", "جميع الحقوق محفوظة 2024",
                "تابعونا على تويتر", "طباعة")


def sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def article(seed: int, paragraphs: int = 4, title: str | None = None, chrome: bool = False,
            lead: str | None = None, extra: tuple[str, ...] = ()) -> str:
    """A news page as a scraper saves it: headline, date line, paragraphs (optionally wrapped in page chrome)."""
    rng = random.Random(seed)
    head = title or " ".join(rng.choice(WORDS) for _ in range(6))
    date = f"{rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} {rng.randint(2015, 2024)}"
    body = [" ".join(sentence(rng) for _ in range(3)) for _ in range(paragraphs)]
    if lead is not None:
        body.insert(0, lead)
    body.extend(extra)
    lines = [head, "", date, ""] + [p for para in body for p in (para, "")]
    if chrome:
        lines = ["الرئيسية", "أخبار", ""] + lines + ["شارك", "فيسبوك تويتر واتساب", "أضف تعليقك", "جميع الحقوق محفوظة 2024"]
    return "\n".join(lines) + "\n"


def png_bytes() -> bytes:
    """A real 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


# Payloads that must stay text: in the headline, in the body, at line starts.
XSS_TITLE = "</title><script>alert(1)</script> عنوان <img src=x onerror=alert(2)>"
MARKUP_LINES = (
    "<script>alert('body')</script> نص عربي بعد الوسم البرمجي في السطر نفسه وهو طويل بما يكفي ليكون متنا.",
    "<img src=x onerror=alert(3)> صورة مزيفة في متن الخبر مع كلام عربي كاف ليعد هذا السطر من المتن.",
    "{{ config.site_name }} و {% include 'base.html' %} قوالب لا تنفذ أبدا في صفحات الأرشيف العربي هنا.",
    "# عنوان ماركداون في بداية السطر لا يصبح عنوانا بل يبقى نصا كما هو في الخبر الأصلي.",
    "* بند قائمة في بداية السطر يبقى نجمة ظاهرة وليس قائمة في صفحة الخبر المنشورة.",
    "> اقتباس في بداية السطر يبقى علامة أكبر من ظاهرة كما كتبت في الخبر الأصلي.",
    "| جدول | في | بداية | السطر | يبقى خطوطا عمودية ظاهرة في النص الأصلي للخبر.",
    "---",
    "[اضغط هنا](javascript:alert(4)) رابط مزيف في المتن يجب أن يبقى نصا لا رابطا في الصفحة.",
    "<!-- تعليق HTML --> يجب أن يظهر التعليق حرفيا في صفحة الخبر كما ورد في النص.",
    "`code` و ```fence``` علامات الشيفرة تبقى ظاهرة كما هي في نص الخبر المنشور هنا.",
    "<a href=\"javascript:alert(5)\">رابط</a> وسم رابط حقيقي في النص يبقى نصا ظاهرا للقارئ.",
)

ODD_NAMES = ("خبر عاجل (1).txt", "it's \"quoted\".txt", "-leading-dash.txt", "#hash.txt", "with  two spaces.txt",
             "نص [مربع] & <زاوية>.txt")


def fixture_set() -> dict[str, bytes]:
    """Every case as file name -> bytes. Good files are distinct articles (seeds 1..), bad files are named bad-*."""
    files: dict[str, bytes] = {}
    files["utf8.txt"] = article(1).encode("utf-8")
    files["utf8-bom.txt"] = codecs.BOM_UTF8 + article(2).encode("utf-8")
    files["utf16le-bom.txt"] = article(3).encode("utf-16")  # Python writes LE with a BOM
    files["utf16be-bom.txt"] = codecs.BOM_UTF16_BE + article(4).encode("utf-16-be")
    files["cp1256.txt"] = article(5).encode("cp1256")
    files["crlf.txt"] = article(6).replace("\n", "\r\n").encode("utf-8")
    files["cr.txt"] = article(7).replace("\n", "\r").encode("utf-8")
    files["controls.txt"] = article(8).replace(" ", " \x00", 5).replace("ال", "\x07ال", 3).encode("utf-8")
    long_line = " ".join(sentence(random.Random(9 + i), 16) for i in range(200 * 1024 // 120))  # ~200 KB, one line
    files["long-line.txt"] = f"عنوان الخبر ذو السطر الطويل جدا\n\n{long_line}\n".encode("utf-8")
    for n, name in enumerate(ODD_NAMES):
        files[name] = article(20 + n).encode("utf-8")
    files["copy-of-utf8.txt"] = files["utf8.txt"]
    files["near-dup-of-utf8-chrome.txt"] = article(1, chrome=True).encode("utf-8")
    files["markup.txt"] = article(40, title=XSS_TITLE, lead=MARKUP_LINES[0], extra=MARKUP_LINES[1:]).encode("utf-8")
    files["bad-image.txt"] = png_bytes()
    files["bad-empty.txt"] = b""
    files["bad-whitespace.txt"] = b"  \r\n\t \n   \n"
    files["bad-title-only.txt"] = "عنوان بلا نص على الإطلاق\n".encode("utf-8")
    files["bad-undecodable.txt"] = bytes(random.Random(3).randrange(128, 256) for _ in range(3000))
    return files


GOOD = ("copy-of-utf8.txt", "utf8-bom.txt", "utf16le-bom.txt", "utf16be-bom.txt", "cp1256.txt", "crlf.txt", "cr.txt",
        "controls.txt", "long-line.txt", "markup.txt", "near-dup-of-utf8-chrome.txt") + ODD_NAMES
BAD = {"bad-image.txt": "not-text", "bad-empty.txt": "empty", "bad-whitespace.txt": "empty",
       "bad-title-only.txt": "no-body", "bad-undecodable.txt": "undecodable"}
# utf8.txt has the same bytes as copy-of-utf8.txt, which sorts first: one page, for copy-of-utf8.txt.


def write_sources(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def make_project(root: Path, files: dict[str, bytes]) -> Path:
    """A copy of the project's site set-up (mkdocs.yml, overrides, hooks, hand-written docs) with `files` as sources."""
    root.mkdir(parents=True, exist_ok=True)
    for part in ("mkdocs.yml", "overrides", "hooks"):
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, root / part)
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    # Hand-written docs only: not what a build in the working tree generated (its manifest lists those).
    manifest = REPO / "docs" / ".arshif" / "manifest.json"
    generated = set(json.loads(manifest.read_text(encoding="utf-8"))["files"]) if manifest.is_file() else set()
    for path in sorted((REPO / "docs").rglob("*")):
        rel = path.relative_to(REPO / "docs").as_posix()
        if path.is_dir() or rel in generated or rel.split("/")[0] in {".arshif", "articles", "originals"}:
            continue
        if rel in {"index.md", "report.md"}:
            continue
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, docs / rel)
    write_sources(root / "source_articles", files)
    return root


def arshif(root: Path, *argv: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": "0", "CI": "1"}
    return subprocess.run([str(PYTHON), "-m", "arshif.cli", *argv], cwd=root, env=env, capture_output=True,
                          text=True, timeout=timeout, **kw)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree_hashes(folder: Path) -> dict[str, str]:
    import hashlib

    return {k: hashlib.sha256(v).hexdigest() for k, v in tree_bytes(folder).items()}


__all__ = ["article", "fixture_set", "make_project", "arshif", "png_bytes", "GOOD", "BAD", "sys"]
