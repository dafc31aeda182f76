#!/usr/bin/env python3
"""Benchmark: `python scripts/bench.py --articles 1000 --articles 10000 [--json]` (same as `arshif bench`)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from arshif.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
