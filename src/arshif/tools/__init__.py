"""tools: what developers run beside the pipeline.

bench (timings against a plain Material site), synth (a seeded synthetic corpus of raw pages), evaluate (scores
against a truth file) and contract (the `arshif extract --json` records).
"""
