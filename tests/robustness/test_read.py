"""read: every encoding decodes exactly or is refused with a reason; no mojibake, U+FFFD or NUL gets through."""
from __future__ import annotations

import codecs
import hashlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import examples

from arshif.ingest import read as read_mod
from arshif.ingest.read import ReadError, decode, decode_with_notes, list_sources, read_article
from robust_corpus import ODD_NAMES, article, png_bytes

TEXT = article(101)
# No ف ق ك غ ـ: the letters whose cp1256 bytes are undefined in ISO-8859-6, so ISO-8859-6 decodes these bytes
# "successfully" into other letters. The reader must still pick cp1256.
TRAP = re.sub("[فقكغـ]", "", article(102))
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")


def read_bytes(tmp_path, data: bytes, name: str = "a.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_article(path)


@pytest.mark.parametrize("encode, encoding", [
    (lambda t: t.encode("utf-8"), "utf-8"),
    (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    (lambda t: t.encode("utf-16"), "utf-16"),
    (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16"),
    (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    (lambda t: t.encode("utf-32"), "utf-32"),
    (lambda t: t.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by the byte pattern
    (lambda t: t.encode("utf-16-be"), "utf-16-be"),
    (lambda t: t.encode("cp1256"), "cp1256"),
], ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom", "utf32", "utf16le-nobom", "utf16be-nobom", "cp1256"])
def test_each_encoding_decodes_exactly_and_is_recorded(tmp_path, encode, encoding):
    raw = read_bytes(tmp_path, encode(TEXT))
    assert raw.text == TEXT
    assert raw.encoding == encoding


def test_cp1256_is_not_mistaken_for_iso8859_6(tmp_path):
    data = TRAP.encode("cp1256")
    assert data.decode("iso8859_6") != TRAP  # the trap: this decodes, into the wrong letters
    raw = read_bytes(tmp_path, data)
    assert (raw.text, raw.encoding) == (TRAP, "cp1256")


def test_iso8859_6_and_short_cp1256_texts(tmp_path):
    short = "قال الوزير إن المحادثات في القاهرة كانت مثمرة\n"
    assert read_bytes(tmp_path, short.encode("iso8859_6")).text == short
    assert read_bytes(tmp_path, short.encode("cp1256"), "b.txt").text == short


@pytest.mark.parametrize("sep", ["\r\n", "\r", "\u2028", "\x85", "\x0c"])
def test_line_ends_become_newlines(tmp_path, sep):
    raw = read_bytes(tmp_path, TEXT.replace("\n", sep).encode("utf-8"))
    assert raw.text == TEXT


def test_crlf_in_cp1256_and_utf16(tmp_path):
    assert read_bytes(tmp_path, TEXT.replace("\n", "\r\n").encode("cp1256")).text == TEXT
    assert read_bytes(tmp_path, TEXT.replace("\n", "\r\n").encode("utf-16"), "b.txt").text == TEXT


def test_nul_and_control_characters_are_dropped_with_a_note(tmp_path):
    dirty = TEXT.replace("ال", "\x00ال", 4).replace(" ", "\x07 ", 2).replace("\n", "\x1b\n", 1)
    raw = read_bytes(tmp_path, dirty.encode("utf-8"))
    assert raw.text == TEXT
    assert not _BAD_CHARS.search(raw.text)
    assert any("7 control character" in n for n in raw.notes)


def test_few_replacement_characters_are_dropped_with_a_note_many_are_refused(tmp_path):
    raw = read_bytes(tmp_path, TEXT.replace("ال", "ال\ufffd", 2).encode("utf-8"))
    assert "\ufffd" not in raw.text and any("replacement" in n for n in raw.notes)
    with pytest.raises(ReadError) as err:
        read_bytes(tmp_path, ("\ufffd\ufffd\ufffd " * 200 + TEXT).encode("utf-8"), "b.txt")
    assert err.value.code == "damaged"


def test_double_encoded_utf8_is_repaired_exactly_when_reversible(tmp_path):
    for western in ("latin-1", "cp1252"):
        garbled = TEXT.encode("utf-8").decode(western, errors="ignore" if western == "cp1252" else "strict")
        if western == "cp1252":
            continue  # cp1252 cannot show bytes 81 8D 8F 90 9D: such a text is not reversible (below)
        raw = read_bytes(tmp_path, garbled.encode("utf-8"))
        assert raw.text == TEXT and any("double-encoded" in n for n in raw.notes)
    lossy = TEXT.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    with pytest.raises(ReadError) as err:
        read_bytes(tmp_path, lossy, "lossy.txt")
    assert err.value.code == "mojibake" and "refusing to guess" in err.value.message


@pytest.mark.parametrize("data, what", [
    (png_bytes(), "PNG"),
    (b"\xff\xd8\xff\xe0" + bytes(200), "JPEG"),
    (b"%PDF-1.4\n" + bytes(range(256)), "PDF"),
    (b"PK\x03\x04" + bytes(100), "ZIP"),
    (b"\x1f\x8b\x08" + bytes(100), "gzip"),
], ids=["png", "jpeg", "pdf", "zip", "gzip"])
def test_binary_files_are_refused_naming_what_they_are(tmp_path, data, what):
    with pytest.raises(ReadError) as err:
        read_bytes(tmp_path, data)
    assert err.value.code == "not-text" and what in err.value.message


@pytest.mark.parametrize("data, code", [
    (b"", "empty"),
    (b" \n\t\r\n  ", "empty"),
    (codecs.BOM_UTF8, "empty"),
    (codecs.BOM_UTF8 + b" \r\n", "empty"),
    ("  \n ".encode("utf-16"), "empty"),
    ("\u200f\u200b \u200c\n".encode("utf-8"), "empty"),
    (b"\x00" * 100, "not-text"),
    (bytes(range(0, 32)) * 40, "not-text"),
    (bytes(x % 7 for x in range(4000)) + "نص".encode(), "not-text"),
    (bytes(__import__("random").Random(1).randrange(128, 256) for _ in range(4000)), "undecodable"),
    ("Le ministre a déclaré très clairement.".encode("latin-1"), "undecodable"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "bad-encoding"),  # a lone surrogate after a UTF-16 BOM
    (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "bad-encoding"),
], ids=["empty", "whitespace", "bom-only", "bom-whitespace", "utf16-whitespace", "invisible-only", "all-nul",
        "controls", "binary-utf8", "random-high-bytes", "latin1-french", "utf16-lone-surrogate", "utf8-bom-garbage"])
def test_bad_files_get_a_code_and_a_reason(tmp_path, data, code):
    with pytest.raises(ReadError) as err:
        read_bytes(tmp_path, data)
    assert err.value.code == code
    assert len(err.value.message) > 10


def test_directory_and_too_large_file(tmp_path, monkeypatch):
    (tmp_path / "d.txt").mkdir()
    with pytest.raises(ReadError) as err:
        read_article(tmp_path / "d.txt")
    assert err.value.code == "not-a-file"
    monkeypatch.setattr(read_mod, "MAX_BYTES", 1000)
    with pytest.raises(ReadError) as err:
        read_bytes(tmp_path, TEXT.encode("utf-8"))
    assert err.value.code == "too-large"
    with pytest.raises(ReadError) as err:
        read_article(tmp_path / "missing.txt")
    assert err.value.code == "unreadable"


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names_survive_reading(tmp_path, name):
    raw = read_bytes(tmp_path, TEXT.encode("utf-8"), name)
    assert raw.name == name and raw.text == TEXT


def test_list_sources_is_in_code_point_order_and_skips_hidden_and_other_files(tmp_path):
    for name in ("b.txt", "a.TXT", ".hidden.txt", "notes.md", "ب.txt", "-x.txt", "#y.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub.txt").mkdir()
    names = [p.name for p in list_sources([tmp_path])]
    assert names == sorted(["b.txt", "a.TXT", "ب.txt", "-x.txt", "#y.txt", "sub.txt"])


def test_reading_never_modifies_the_source(tmp_path):
    path = tmp_path / "a.txt"
    data = TEXT.replace("\n", "\r\n").encode("utf-16")
    path.write_bytes(data)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_mode)
    read_article(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_mode) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# ---------------------------------------------------------------- properties

ARABIC_TEXT = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x0621, max_codepoint=0x064A),
    st.characters(min_codepoint=0x0660, max_codepoint=0x0669),
    st.sampled_from(list(" \n\t.,،؛؟!:«»()-0123456789abcXYZ")),
), min_size=1, max_size=400)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_decode_to_clean_text_or_a_read_error(data):
    """Whatever the bytes: a ReadError, or text with no NUL, control character or U+FFFD."""
    try:
        text, _, _ = decode_with_notes(data)
    except ReadError as err:
        assert err.code and err.message
        return
    text, _ = read_mod.normalise_with_notes(text)
    assert not _BAD_CHARS.search(text.replace("\t", "").replace("\n", ""))


@settings(max_examples=examples(300), deadline=None)
@given(ARABIC_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_encodings_round_trip(text, encoding):
    decoded, _ = decode(text.encode(encoding))
    assert read_mod.normalise_text(decoded) == text


def _cp1256(ch: str) -> bool:
    try:
        ch.encode("cp1256")
        return True
    except UnicodeEncodeError:
        return False


CP1256_TEXT = st.text(alphabet=st.sampled_from([c for c in map(chr, range(0x0621, 0x064B)) if _cp1256(c)] + list(" \n.،؟0123")),
                      min_size=1, max_size=400)
REAL_WORDS = st.lists(st.sampled_from(article(7).split()), min_size=3, max_size=80).map(" ".join)


@settings(max_examples=examples(200), deadline=None)
@given(st.one_of(CP1256_TEXT.filter(lambda t: len(re.findall("[\u0621-\u064a]{2,}", t)) >= 3), REAL_WORDS))
def test_cp1256_never_yields_wrong_letters(text):
    """A cp1256 file decodes to exactly its text or is refused: never to other letters."""
    try:
        decoded, encoding = decode(text.encode("cp1256"))
    except ReadError as err:
        assert err.code == "undecodable"
        return
    assert decoded == text or encoding in ("utf-8",)  # pure ASCII is also valid UTF-8
