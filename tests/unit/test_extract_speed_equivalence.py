"""The fast paths of extraction give the answers of the plain ones they replace.

Each test runs a short reference version (the code as it was before the speed work) next to the fast one on
real lines and on seeded random strings. The whole-pipeline check (every record of a fixed set the same
before and after a change) is `scripts/extract_speed.py --dump/--compare`.
"""
import random
import re
from pathlib import Path

import pytest

from arshif.ingest.chrome import chrome_rules, match_chrome, split_glued_chrome
from arshif.rules.pattern_shape import rule_shape
from arshif.recognise.dates import Scan
from arshif.recognise.dates_rules import TOKEN, load_date_rules
from arshif.text.helpers import squash_spaces, squash_visible, visible

SEEDS = Path(__file__).resolve().parents[2] / "source_articles"
_OLD_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _seed_lines() -> list[str]:
    return [x for f in sorted(SEEDS.glob("*.txt")) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]


def _chrome_examples() -> list[str]:
    return [squash_spaces(visible(ex)) for rule in chrome_rules() for ex in rule.examples]


def _random_strings(n: int, alphabet: str, max_len: int = 14, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, max_len))) for _ in range(n)]


def test_squash_spaces_as_before():
    from arshif.text import helpers

    # The characters its pre-test looks for are those of the regex's class, no more, no fewer.
    assert set(helpers._OTHER_SPACE_CHARS) == {chr(c) for c in range(0x10000) if re.fullmatch(f"[{helpers._OTHER_SPACES}]", chr(c))}
    alphabet = " \t\u00a0\u2003\u202f\u3000\u2000\u200a\u205f\r\x0b\u200bاب1"
    for text in _random_strings(20000, alphabet) + _seed_lines():
        assert squash_spaces(text) == _OLD_SPACES.sub(" ", text).strip(), repr(text)
        assert squash_visible(text) == squash_spaces(visible(text))


def _match_chrome_plain(text, region):
    for rule in chrome_rules():
        if rule.where in ("anywhere", region) and rule.pattern.match(text):
            return rule
    return None


@pytest.mark.parametrize("region", ["head", "body", "tail"])
def test_match_chrome_as_the_rule_by_rule_loop(region):
    lines = _chrome_examples() + [squash_visible(x) for x in _seed_lines()]
    lines += [a + " " + b for a, b in zip(lines, reversed(lines))]
    for text in lines:
        assert match_chrome(text, region) is _match_chrome_plain(text, region), text


def test_rule_shapes_hold_for_every_match():
    """A pattern's longest line and needed texts (rules/pattern_shape.py) are true of each line it matches."""
    lines = _chrome_examples() + [squash_visible(x) for x in _seed_lines()]
    lines += [a + " " + b for a, b in zip(lines, reversed(lines))] + [x + "\n" for x in lines]
    matched = 0
    for rule in chrome_rules():
        _, longest, needs = rule_shape(rule.pattern)
        for text in lines:
            if rule.pattern.match(text):
                matched += 1
                assert longest is None or len(text) <= longest, (rule.id, text)
                assert needs is None or any(n in text for n in needs), (rule.id, text)
    assert matched > 100
    assert rule_shape(re.compile("^(?=.{0,40}$)(?=.*x).*(ab|cd)")) == (False, 41, ("ab", "cd"))
    assert rule_shape(re.compile("^(شارك|طباعة)\\s*$")) == (True, None, ("شارك", "طباعة"))
    assert rule_shape(re.compile("^.{0,30}(x|)$")) == (False, 32, None)
    assert rule_shape(re.compile("(?i)^abc$")) == (False, None, None)


def _split_glued_plain(text):
    start = max(0, len(text) - 300)
    window = text[start:]
    for rule in chrome_rules():
        m = rule.glued.search(window) if rule.glued else None
        if m and m.start() > 0:
            cut = start + m.start()
            return text[:cut].rstrip(), (text[cut:].strip(), rule.id)
    return text, None


def test_split_glued_chrome_as_the_plain_search():
    tails = _chrome_examples() + ["© 2024", "©2024 كل", "جميع الحقوق محفوظة.", "All rights reserved 2020"]
    rng = random.Random(3)
    for line in _seed_lines():
        for text in (line, line + " " + rng.choice(tails), line + rng.choice(tails), line[-250:] + " " + rng.choice(tails)):
            assert split_glued_chrome(text) == _split_glued_plain(text), text[-80:]


def _hits_plain(scan):
    out, i, r = [], 0, scan.rules
    while i < scan.n:
        t = scan.w[i]
        if t.isdigit() or t in r.months or t in r.weekdays or t in r.ordinals or t in r.ago_words \
                or t in r.range_start or t == "يوم" or t == "شهر" or (t.startswith("و") and t[1:] in r.months):
            hit = scan.at(i)
            if hit is not None:
                out.append(hit)
                i = max(hit.end, i + 1)
                continue
        i += 1
    return out


def test_scan_tokens_offsets_and_hits_as_the_token_walk():
    examples = [e.text for e in load_date_rules().examples]
    texts = examples + _seed_lines() + _random_strings(3000, " 12/.-:١٢ فبرايرالثلاثاءيوممن\u064e\u0640\u200f", 30)
    for text in texts:
        scan = Scan(text)
        tokens = list(TOKEN.finditer(scan.folded.text))
        assert scan.w == [m.group() for m in tokens]
        assert scan.starts == [m.start() for m in tokens] and scan.ends == [m.end() for m in tokens]
        for i in range(scan.n):
            assert scan.attached(i) == (0 < i and tokens[i].start() == tokens[i - 1].end())
        assert scan.hits() == _hits_plain(scan), text
        words = scan.rules.triggers | scan.rules.infer_triggers
        assert scan.positions(words) == [i for i, t in enumerate(scan.w) if t in words or t.isdigit()]


_OLD_TOKEN = re.compile(r"[^\s«»\"“”'()\[\]{}،,.:؛;!?؟\-–—…]+")
_OLD_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "\u0640": None})
_OLD_SENTENCE_END = re.compile(r"[.!؟?…:»\"”)]\s*$")


def _line_class_plain(text):
    """locate._line_class as it was: every letter counted, tokens by regex, the sentence end by regex."""
    from arshif.ingest import locate as lc

    chars = len(text)
    if not chars:
        return "blank", ""
    sample = text[:lc._SAMPLE_CHARS]
    arabic = len(re.findall(r"[\u0621-\u064a]", sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    digits = len(re.findall(r"[0-9\u0660-\u0669]", sample))
    letters = arabic + latin
    if not letters:
        return "bad", "no letters"
    if latin > arabic:
        return "bad", "mostly Latin letters"
    if digits * 3 > letters + digits:
        return "bad", "mostly digits"
    if chars < lc._NEAR_CHARS and text.count(" ") < 5:
        return "short", "too short to be running text"
    tokens = _OLD_TOKEN.findall(sample.translate(_OLD_FOLD))
    words = lc.stop_words().with_conjunction
    d = sum(map(words.__contains__, tokens)) / len(tokens) if tokens else 0.0
    floor = lc.stop_words().min_density
    sentence = bool(_OLD_SENTENCE_END.search(text)) or bool(lc._INNER_STOP.search(text))
    if chars >= lc._LONG_CHARS and d >= floor / 2:
        return "good", f"{chars} characters of prose"
    if chars >= lc._GOOD_CHARS and d >= floor and sentence:
        return "good", f"{chars} characters, function words {d:.2f}"
    if (chars >= lc._NEAR_CHARS and d >= floor) or (len(text.split()) >= 6 and d >= floor and sentence):
        return "near-good", f"a sentence, function words {d:.2f}"
    if chars >= lc._SPARSE_CHARS or (chars >= lc._GOOD_CHARS and sentence):
        return "near-good", f"{chars} characters, sparse in function words ({d:.2f})"
    return "short", "too short or too sparse in function words to be running text"


def test_line_class_as_the_letter_by_letter_count():
    from arshif.ingest.locate import _line_class

    lines = _seed_lines() + _chrome_examples()
    lines += [a + " " + b for a, b in zip(lines, reversed(lines))]
    alphabet = " \t\n\u00a0\u2003.،,؛:؟!»\"”)«(-–…ABCxyz0123٠١٢٣أإآىةـاب في من على"
    lines += _random_strings(20000, alphabet, 90)
    lines += ["في " * 80 + "2024 " * k + "abc " * j + tail for k in (0, 60, 200) for j in (0, 50, 150) for tail in ("", ".", ". \n", ")")]
    for text in lines:
        assert _line_class(text) == _line_class_plain(text), repr(text)


def test_translations_as_str_translate():
    from arshif.ingest import locate
    from arshif.recognise import dates_rules, outlet_names
    from arshif.text.helpers import Translation

    for t in (locate._FOLD, locate._FOLD_WORDS, dates_rules._TRANS, outlet_names._KEY_MAP):
        alphabet = "".join(chr(k) for k in t.table) + "ابت 1a-\u0640"
        for text in _random_strings(3000, alphabet, 40) + _seed_lines():
            assert t(text) == text.translate(t.table), repr(text)
    chained = Translation(str.maketrans({"a": "b", "b": "c"}))  # a replacement that is itself replaced: plain translate
    assert chained("ab") == "bc"


def test_template_sentence_end_as_the_regex():
    from arshif.ingest.templates import _ends_sentence

    old = re.compile(r"[.!؟?…][\"”»)]?\s*$")
    alphabet = ".!؟?…\"”»)( \t\n\u00a0ab"
    for text in _random_strings(30000, alphabet, 8) + _seed_lines():
        assert _ends_sentence(text) == bool(old.search(text)), repr(text)
