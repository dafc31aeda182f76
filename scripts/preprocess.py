#!/usr/bin/env python3
"""Preprocess source_articles/ into docs/ (a thin wrapper over `arshif preprocess`).

Usage: python scripts/preprocess.py [--sources DIR] [--docs DIR] [--strict]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from arshif.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["preprocess", *sys.argv[1:]]))
