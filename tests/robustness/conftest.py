"""Fixtures of the robustness tests: one site built from every bad and odd input (see robust_corpus.py)."""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_corpus import REPO, arshif, fixture_set, make_project, tree_hashes  # noqa: E402


@dataclass
class Built:
    root: Path
    files: dict[str, bytes]
    source_hashes_before: dict[str, str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def docs(self) -> Path:
        return self.root / "docs"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Built:
    """`arshif build` of the project's own source_articles/ plus the fixture set, once per session."""
    files = {p.name: p.read_bytes() for p in sorted((REPO / "source_articles").glob("*.txt"))}
    files.update(fixture_set())
    root = make_project(tmp_path_factory.mktemp("robust") / "project", files)
    before = tree_hashes(root / "source_articles")
    result = arshif(root, "build")
    return Built(root, files, before, result.returncode, result.stdout, result.stderr)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
