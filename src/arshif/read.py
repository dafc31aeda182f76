"""read: bytes on disk -> RawArticle. Decoding, line ends, refusal of what is not text.

The only stage (with `write`) that touches the disk. It never modifies a source file.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path
from typing import Union

from .models import Issue, RawArticle

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
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x01\x00", "an icon"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab and newline carry no text; they are dropped after decoding.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


class ReadError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise ReadError. Never guesses when unsure."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ReadError("not-text", f"the file is {what}, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReadError("bad-encoding", f"starts with a {encoding} byte-order mark but does not decode: {exc.reason}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if data.count(b"\x00") > len(data) // 20:
        raise ReadError("not-text", "the file holds binary data (many NUL bytes), not text")
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Legacy single-byte Arabic encodings, checked with charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "iso8859_6", "cp720", "utf_16", "cp1252"]).best()
    if best is None:
        raise ReadError("undecodable", "the text is in no encoding that can be recognised with confidence")
    text = str(best)
    encoding = best.encoding
    letters = sum(ch.isalpha() for ch in text)
    arabic = len(_ARABIC.findall(text))
    if encoding in ("cp1256", "iso8859_6", "cp720") and letters and arabic / letters >= 0.5 and "\ufffd" not in text:
        return text, encoding.replace("_", "-")
    raise ReadError(
        "undecodable",
        f"not UTF-8, and the best guess ({encoding}, chaos {best.chaos:.2f}) does not read as Arabic text: refusing to guess",
    )


def normalise_text(text: str) -> str:
    """Unify line ends (CRLF, CR, LS, PS) to \\n and drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return _CONTROL.sub("", text)


def read_article(path: Union[str, Path]) -> RawArticle:
    """Read one file. Raises ReadError with a code and a reason naming what is wrong."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ReadError("not-a-file", "is a directory")
    except OSError as exc:
        raise ReadError("unreadable", f"cannot be read: {exc.strerror or exc}")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ReadError("empty", "the file is empty" if not data else "the file holds only whitespace")
    text, encoding = decode(data)
    text = normalise_text(text)
    if not text.strip():
        raise ReadError("empty", "the file holds only whitespace or invisible characters")
    return RawArticle(
        path=path,
        name=path.name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        size=len(data),
    )


def list_sources(paths: list[Union[str, Path]]) -> list[Path]:
    """Files to read: each file as given, each folder's *.txt files in name order."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted((c for c in p.iterdir() if c.suffix.lower() == ".txt" and not c.name.startswith(".")), key=lambda c: c.name))
        else:
            out.append(p)
    return out


def issue_from(path: Path, err: ReadError) -> Issue:
    return Issue(file=str(path), stage="read", code=err.code, message=err.message)
