"""yaml_text.dump writes what yaml.dump writes (libyaml's emitter, allow_unicode, sort_keys off, width 10,000,
block style), or gives None; on the seeds' pages and on seeded random data of every awkward kind of string."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from arshif.build.pipeline import process_file
from arshif.site import yaml_text
from arshif.site.render import front_matter

REPO = Path(__file__).resolve().parents[2]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def reference(data) -> str:
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)


PIECES = ["", " ", "  ", "a", "ع", "مقالة", "الرياض", ":", ": ", " #", "#", "-", "- ", "?", "? ", ",", "[", "]", "{",
          "}", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "\\", "~", "=", "<<", ".", "...", "---", "\t", "\n",
          "\r", "\x85", "\u2028", "\ufeff", "\xa0", "\u200f", "\x00", "\x7f", "\x9f", "😀", "«", "»", "،", "yes", "No",
          "null", "NULL", "true", "on", "off", "0", "00", "007", "0x1f", "0o17", "1_000", "1e3", ".5", "-1", "+1",
          ".inf", "-.Inf", ".nan", "2015-07-21", "2015-07-21 10:30", "2015/07/23", "12:30", "1:20:30", "0b101",
          "ev-000002", "p-85400898cb", "d9103650864e8694343d", "x" * 30]


def random_string(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.random()
    if kind < 0.55 or depth > 2:
        return rng.choice([random_string(rng), random_string(rng), None, True, False, rng.randint(-5, 10 ** 6)])
    if kind < 0.8:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["id", "name", "page", "count", "x_y", "null", "yes", "a1"]) + str(k): random_value(rng, depth + 1)
            for k in range(rng.randint(0, 4))}


@pytest.mark.parametrize("seed", range(6))
def test_random_data_as_yaml_dump_writes_them(seed):
    rng = random.Random(seed)
    written = 0
    for _ in range(1500):
        data = {f"k{n}": random_value(rng) for n in range(rng.randint(1, 6))}
        fast = yaml_text.dump(data)
        if fast is not None:
            assert fast == reference(data), repr(data)
            written += 1
    assert written > 500  # most data are written here, not handed back


def test_keys_that_yaml_would_quote_are_handed_back():
    for key in ("null", "yes", "on", "1", "a b", "Key", "é"):
        assert yaml_text.dump({key: "x"}) is None
    assert yaml_text.dump({"a": 1.5}) is None and yaml_text.dump({"a": [[1]]}) is None
    assert yaml_text.dump({"a": "سطر\nوسطر"}) is None  # over several lines: yaml.dump says how
    assert yaml_text.dump({"a": "ع" * 5000}) is None


def test_the_seeds_front_matter_as_yaml_dump_writes_it():
    links = {"outlet": "aawsat", "event": {"id": "ev-1", "name": "حدث: «الأول»", "count": "مقالتان", "page": True},
             "related": [{"id": "000059", "title": "عنوان # مع علامة", "reason": "الحدث نفسه"}],
             "entities": [{"id": "p-x", "name": "محمد", "type": "person", "page": False}],
             "previous": {"id": "007", "title": "'مقتبس'"}}
    for path in sorted((REPO / "source_articles").glob("*.txt")):
        _, article, _ = process_file(path)
        meta = front_matter(article, links)
        fast = yaml_text.dump(meta)
        assert fast is not None and fast == reference(meta)
