"""Golden pages: the generated Markdown of the five seeds, byte for byte, and front-matter that loads.

A difference is either a regression or an improvement: regenerate with `pytest --update-golden
tests/golden` and review the diff of tests/golden/pages/ like code.
"""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import html as html_lib
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import meta as mkdocs_meta

from sitebuild import SEED_IDS, BuiltSite

GOLDEN = Path(__file__).parent / "pages"
ARTICLE_KEYS = ("id", "title", "title_derived", "date", "date_basis", "outlet", "author", "dateline", "source_file", "source_sha256")


class StrictLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses a key given twice (SafeLoader keeps the last one silently)."""


def _no_duplicates(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def front_matter(text: str) -> dict:
    """The block between the first two '---' lines, loaded strictly; fails loudly on anything odd."""
    lines = text.split("\n")
    assert lines[0] == "---", "the page must start with a '---' line"
    end = lines.index("---", 1)
    data = yaml.load("\n".join(lines[1:end]), Loader=StrictLoader)
    assert isinstance(data, dict), f"front-matter is not a mapping: {data!r}"
    return data


@pytest.mark.parametrize("seed", SEED_IDS)
def test_article_page_matches_golden(built_site: BuiltSite, seed: str, request: pytest.FixtureRequest):
    produced = (built_site.docs / "articles" / f"{seed}.md").read_bytes()
    golden = GOLDEN / f"{seed}.md"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        if not golden.exists() or golden.read_bytes() != produced:
            golden.write_bytes(produced)
        return
    assert golden.exists(), f"no golden page {golden.name}: run `pytest --update-golden tests/golden` and review it"
    expected = golden.read_bytes()
    if produced != expected:
        diff = "".join(difflib.unified_diff(
            expected.decode("utf-8").splitlines(keepends=True), produced.decode("utf-8").splitlines(keepends=True),
            f"golden/{seed}.md", f"generated/{seed}.md", n=1))
        pytest.fail(f"generated page differs from the golden one (if intended: pytest --update-golden):\n{diff}", pytrace=False)


def _generated_pages(built_site: BuiltSite) -> list:
    return sorted(built_site.docs.rglob("*.md"))


def test_every_front_matter_loads_strictly_and_as_mkdocs_reads_it(built_site: BuiltSite):
    pages = _generated_pages(built_site)
    assert len(pages) >= len(SEED_IDS) + 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        data = front_matter(text)
        # MkDocs drops a block it cannot parse without a word; make sure it sees exactly ours.
        _, seen_by_mkdocs = mkdocs_meta.get_data(text)
        assert seen_by_mkdocs == data, f"{page.name}: MkDocs reads other metadata than a strict YAML loader"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_article_front_matter_fields(built_site: BuiltSite, seed: str):
    text = (built_site.docs / "articles" / f"{seed}.md").read_text(encoding="utf-8")
    data = front_matter(text)
    missing = [k for k in ARTICLE_KEYS if k not in data]
    assert not missing, f"{seed}: front-matter lacks {missing}"
    assert data["id"] == seed
    assert isinstance(data["title"], str) and data["title"].strip()
    assert isinstance(data["title_derived"], bool)
    if data["date"] is not None:
        assert isinstance(data["date"], str) and re.fullmatch(r"\d{4}-\d\d-\d\d", data["date"]), data["date"]
        dt.date.fromisoformat(data["date"])
    assert isinstance(data["date_basis"], str) and data["date_basis"].strip()
    for key in ("outlet", "author", "dateline"):
        assert data[key] is None or (isinstance(data[key], str) and data[key].strip()), (key, data[key])
    source = built_site.root / "source_articles" / data["source_file"]
    assert data["source_file"] == f"{seed}.txt"
    assert data["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    # MkDocs used the front-matter title for the page: it parsed the block.
    html = (built_site.site / "articles" / f"{seed}.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert html_lib.unescape(title).strip().startswith(data["title"].strip())
