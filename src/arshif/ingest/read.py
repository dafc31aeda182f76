"""read: bytes on disk -> RawArticle. Decoding, line ends, refusal of what is not text.

The only stage (with `write`) that touches the disk. It never modifies a source file.

Decoding never guesses. In order:
  1. a known binary signature (PNG, PDF, ZIP, ...)            -> refused ("not-text")
  2. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32)          -> that encoding, strictly
  3. UTF-16 without a mark (half the bytes are 0x00 / 0x06)   -> UTF-16 LE or BE, if it reads as text
  4. strict UTF-8                                             -> checked for double encoding ("Ø§Ù„")
  5. legacy Arabic code pages (cp1256, ISO-8859-6, cp720)     -> charset-normalizer's candidates, each
     decoded strictly and kept only if it reads as Arabic words; else refused ("undecodable")
Then line ends are unified and control characters dropped. What was dropped or repaired becomes a note
(a warning on the page and in the report); nothing is dropped silently, and no U+FFFD or NUL reaches a page.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Optional, Union

from ..models import Issue, RawArticle
from ..text.helpers import INVISIBLE

# Larger files are refused instead of read: memory stays bounded whatever lands in the folder.
MAX_BYTES = 64 * 1024 * 1024

# Magic numbers of common binary formats saved under a .txt name.
_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)
# UTF-32 before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODING_NAMES = {"utf-8-sig": "utf-8-sig", "utf-32": "utf-32", "utf-16": "utf-16"}
_LEGACY = ("cp1256", "iso8859_6", "cp720")
_LEGACY_NAMES = {"cp1256": "cp1256", "iso8859_6": "iso8859-6", "cp720": "cp720"}

# Line ends other than \n: CRLF, CR, NEL, LS, PS, and vertical tab / form feed (page breaks end a line too).
_LINE_ENDS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Characters that carry no text: C0/C1 controls except tab and newline, DEL, noncharacters, U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_REPLACEMENT = "\ufffd"
_INVISIBLE = re.compile("[" + INVISIBLE + "]")
# A character that is neither whitespace (str.strip's) nor invisible: the text is more than invisible marks.
_SHOWN = re.compile("[^\\s" + INVISIBLE + "]")
# Speed (a file is read twice in a build: for its template prints, then for its extraction): the characters a
# regex below must start with, tested with `in` (a C scan) before the regex's own slower scan of the whole text.
_LINE_END_CHARS = "\r\x0b\x0c\x85\u2028\u2029"
_MOJIBAKE_LEADS = "\u00d8\u00d9\u00da\u00db"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]{2,}")
# Frequent Arabic words: in a wrongly decoded Arabic text (cp1256 read as ISO-8859-6 or cp720) the letters
# are shifted, so "ال" and these words all but vanish; in real Arabic prose they are a third of the words.
_COMMON_WORDS = frozenset(
    "في من على إلى الى أن ان عن مع هذا هذه التي الذي كان قال بين بعد قبل حتى لم لا ما وقد كما أو او ثم منذ خلال".split()
)
# UTF-8 Arabic decoded as Windows-1252 or Latin-1 and saved as UTF-8 again: a lead byte D8–DB shown as
# Ø Ù Ú Û followed by a continuation byte shown as a Latin-1 or cp1252 symbol.
_MOJIBAKE = re.compile("[\u00d8\u00d9\u00da\u00db][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                       "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")

# Windows-1252's symbols back to their bytes; with Latin-1 for the rest this undoes any Western misreading.
_CP1252_TO_BYTE = {ord(bytes([b]).decode("cp1252")): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


class ReadError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise ReadError. Never guesses when unsure."""
    text, encoding, _ = decode_with_notes(data)
    return text, encoding


def decode_with_notes(data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, notes): notes say what was repaired. Raises ReadError when unsure."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ReadError("not-text", f"the file is {what}, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), _ENCODING_NAMES[encoding], []
            except UnicodeDecodeError as exc:
                if encoding == "utf-32":
                    continue  # a UTF-16 LE mark followed by U+0000: try UTF-16
                raise ReadError("bad-encoding",
                                f"starts with a {encoding.upper()} byte-order mark but does not decode as {encoding.upper()} "
                                f"(byte {exc.start}: {exc.reason})")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _check_utf8(text)
    if data.count(b"\x00") > len(data) // 20:
        raise ReadError("not-text", "the file holds binary data (many NUL bytes), not text")
    return _decode_legacy(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str, list[str]] | None:
    """UTF-16 saved without a byte-order mark: one byte of every pair is almost always 0x00 or 0x06."""
    if len(data) < 8 or len(data) % 2:
        return None
    if data.count(0) + data.count(6) < 0.25 * len(data):
        return None  # fewer 0x00 and 0x06 bytes in all than the test below asks of either half (no copies made)
    for order, high in (("le", data[1::2]), ("be", data[0::2])):
        common = high.count(0) + high.count(6) + high.count(0x20) + high.count(0xFE)
        if common < 0.9 * len(high) or high.count(0) + high.count(6) < 0.5 * len(high):
            continue
        try:
            text = data.decode(f"utf-16-{order}")
        except UnicodeDecodeError:
            continue
        if _text_share(text) >= 0.95:
            return text, f"utf-16-{order}", [f"UTF-16 {order.upper()} without a byte-order mark: recognised by its byte pattern"]
    return None


def _text_share(text: str) -> float:
    """Share of characters that are not control characters."""
    if not text:
        return 0.0
    return 1 - len(_CONTROL.findall(text)) / len(text)


def _check_utf8(text: str) -> tuple[str, str, list[str]]:
    """Valid UTF-8 may still be double-encoded Arabic (mojibake) or binary (controls everywhere)."""
    hits = len(_MOJIBAKE.findall(text)) if any(c in text for c in _MOJIBAKE_LEADS) else 0
    if hits >= 3 and hits * 2 >= 0.2 * len(text.replace(" ", "").replace("\n", "")):
        try:
            repaired = text.translate(_CP1252_TO_BYTE).encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            repaired = None
        if repaired is not None and _arabic_score(repaired) >= 0.15:
            return repaired, "utf-8", [
                "double-encoded: UTF-8 Arabic that was read as Windows-1252/Latin-1 and saved as UTF-8 again ('Ø§Ù„'); "
                "repaired by reversing that exactly"]
        raise ReadError("mojibake",
                        "the text is garbled Arabic ('Ø§Ù„…': UTF-8 read in a Western code page and saved again) "
                        "and cannot be reversed exactly: refusing to guess")
    if _text_share(text) < 0.9:
        raise ReadError("not-text", "the file holds binary data (control characters throughout), not text")
    return text, "utf-8", []


def _arabic_score(text: str) -> float:
    """How much `text` reads as Arabic prose: the share of its Arabic words that start with ال or are common."""
    words = _ARABIC_WORD.findall(text)
    if not words:
        return 0.0
    hits = sum(1 for w in words if w.startswith(("ال", "وال", "بال", "لل", "فال")) or w in _COMMON_WORDS)
    return hits / len(words)


def _decode_legacy(data: bytes) -> tuple[str, str, list[str]]:
    """Legacy single-byte Arabic encodings: charset-normalizer proposes, Arabic words decide."""
    from charset_normalizer import from_bytes

    proposed = [m.encoding for m in from_bytes(data, cp_isolation=list(_LEGACY) + ["cp1252"])]
    best: tuple[float, str, str] | None = None
    # charset-normalizer's candidates first, then the others, each decoded strictly.
    for encoding in [e for e in proposed if e in _LEGACY] + [e for e in _LEGACY if e not in proposed]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = sum(ch.isalpha() for ch in text)
        arabic = len(_ARABIC.findall(text))
        if not letters or arabic / letters < 0.5 or _text_share(text) < 0.98:
            continue
        score = _arabic_score(text)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    words = len(_ARABIC_WORD.findall(best[1])) if best else 0
    # Short texts (a title) have few words to judge by: ask for one common word at least.
    if best is None or best[0] < (0.15 if words >= 8 else 0.01):
        guess = proposed[0] if proposed else "none"
        raise ReadError("undecodable",
                        f"not UTF-8, and no Arabic code page reads it as Arabic words (charset-normalizer's best guess: {guess}): "
                        "refusing to guess; save it as UTF-8")
    return best[1], _LEGACY_NAMES[best[2]], []


def normalise_text(text: str) -> str:
    """Unify line ends (CRLF, CR, NEL, LS, PS, VT, FF) to \\n and drop control characters."""
    text, _ = normalise_with_notes(text)
    return text


def normalise_with_notes(text: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    if any(c in text for c in _LINE_END_CHARS):
        text = _LINE_ENDS.sub("\n", text)
    controls = len(_CONTROL.findall(text))
    replaced = text.count(_REPLACEMENT)
    if controls or replaced:
        text = _CONTROL.sub("", text).replace(_REPLACEMENT, "")
    if controls:
        notes.append(f"dropped {controls} control character(s) (NUL and the like): they carry no text")
    if replaced:
        notes.append(f"dropped {replaced} replacement character(s) (�): text the scraper had already lost")
    return text, notes


def shown_name(path: Union[str, Path]) -> str:
    """`path` as printable text: a name that is not UTF-8 keeps its bytes as \\x escapes (never a lone surrogate)."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _bad_name(name: str) -> Optional[str]:
    """Why a file name cannot be used (it is not UTF-8), with its cp1256 reading when it has one; else None."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            hint = f", perhaps cp1256 for '{raw.decode('cp1256')}'"
        except UnicodeDecodeError:
            hint = ""
        return f"the file name is not valid UTF-8 ({shown_name(name)}{hint}): rename the file"
    return None


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> Optional[str]:
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _target(path: Path, root: Optional[Path]) -> Path:
    """The file to open: `path`, or the file a symbolic link names if that lies inside the project.

    A link may point into the project (`root`) or into the folder the link is in; anything else (a private key,
    /etc/passwd, /dev/zero) is refused, so nothing from outside the project is ever published.
    """
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a link loop on older Pythons
        raise ReadError("bad-link", f"a symbolic link that leads nowhere ({getattr(exc, 'strerror', None) or exc})")
    allowed = [path.parent.resolve()] + ([Path(root).resolve()] if root is not None else [])
    if not any(target == folder or folder in target.parents for folder in allowed):
        raise ReadError("outside-project", f"a symbolic link to {shown_name(target)}, outside the project: not read "
                                           "(copy the file into the project to publish it)")
    return target


def read_bytes_checked(path: Union[str, Path], root: Optional[Path] = None, limit: Optional[int] = None) -> bytes:
    """The bytes of a small file (an override) read with the articles' checks: links, file kind and size."""
    try:
        return _read_bounded(_target(Path(path), root), limit)
    except OSError as exc:
        raise ReadError("unreadable", f"cannot be read: {exc.strerror or exc}")


def _read_bounded(path: Path, limit: Optional[int] = None) -> bytes:
    """The bytes of a regular file of at most `limit` (MAX_BYTES), checked before reading and while reading.

    Opened without blocking, so a FIFO cannot hang the run; fstat of the open file decides (no race with a swap).
    """
    limit = MAX_BYTES if limit is None else limit
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        what = _not_regular(info.st_mode)
        if what:
            raise ReadError("not-a-file", f"is {what}, not a regular file: not read")
        if info.st_size > limit:
            raise ReadError("too-large", _too_large(info.st_size, limit))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise ReadError("too-large", _too_large(total, limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    mb = 1024 * 1024
    return f"the file is {size // mb} MB or more; arshif reads files up to {limit // mb} MB" if limit >= mb else \
        f"the file is {size} bytes or more; arshif reads such files up to {limit} bytes"


def source_digest(path: Union[str, Path], root: Optional[Path] = None) -> bytes:
    """SHA-256 of what read_article would read, or of the reason it would refuse: as safe as reading (no FIFO, no link out)."""
    try:
        return hashlib.sha256(_read_bounded(_target(Path(path), root))).digest()
    except ReadError as err:
        return f"refused:{err.code}".encode()
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()


def read_article(path: Union[str, Path], root: Optional[Path] = None) -> RawArticle:
    """Read one file. Raises ReadError with a code and a reason naming what is wrong.

    `root` is the project folder: a symbolic link is followed only to a file inside it (or inside the link's folder).
    """
    path = Path(path)
    name = path.name
    reason = _bad_name(name)
    if reason:
        raise ReadError("bad-name", reason)
    try:
        data = _read_bounded(_target(path, root))
    except OSError as exc:
        raise ReadError("unreadable", f"cannot be read: {exc.strerror or exc}")
    if not data:
        raise ReadError("empty", "the file is empty")
    text, encoding, notes = decode_with_notes(data)
    lost = text.count(_REPLACEMENT)
    text, more = normalise_with_notes(text)
    if not text.strip():
        raise ReadError("empty", "the file holds only whitespace")
    if _SHOWN.search(text) is None:  # = not _INVISIBLE.sub("", text).strip(), without copying the text
        raise ReadError("empty", "the file holds only invisible characters (zero-width, direction marks)")
    if lost > 0.05 * (lost + len(text)):
        raise ReadError("damaged", f"{lost} replacement characters (�), more than 5% of the text: it was lost before arshif, "
                                   "so the file cannot be read as it was written")
    return RawArticle(
        path=path,
        name=name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        size=len(data),
        notes=tuple(notes + more),
    )


def list_sources(paths: list[Union[str, Path]]) -> list[Path]:
    """Files to read: each file as given, each folder's *.txt files in name order (by code point)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted((c for c in p.iterdir() if c.suffix.lower() == ".txt" and not c.name.startswith(".")),
                              key=lambda c: c.name))
        else:
            out.append(p)
    return out


def unread_entries(folder: Union[str, Path]) -> list[Issue]:
    """Warnings for what list_sources leaves out of a folder on purpose: hidden entries and subfolders.

    Only the folder's own *.txt files are articles; saying what was passed over means a folder of articles copied in
    by mistake (or a '.draft.txt') is noticed, not silently missing from the site.
    """
    issues = []
    for entry in sorted(Path(folder).iterdir(), key=lambda c: c.name):
        if entry.name.startswith("."):
            issues.append(Issue(shown_name(entry), "read", "hidden-file", "a hidden file or folder (its name starts with "
                                "'.'): not read; rename it to publish it", "warning"))
        elif entry.is_dir() and not entry.name.lower().endswith((".txt", ".meta.yaml")):
            issues.append(Issue(shown_name(entry), "read", "subfolder", "a subfolder: not read (only the *.txt files "
                                "directly in the sources folder are articles)", "warning"))
    return issues


def issue_from(path: Path, err: ReadError) -> Issue:
    return Issue(file=shown_name(path), stage="read", code=err.code, message=err.message)
