"""MkDocs hook: the theme's templates kept compiled between builds (a speed-up only).

MkDocs makes a new Jinja environment on every build, and Jinja compiles anew each template it loads: some thirty
(Material's base and partials, arshif's overrides), a quarter of a second of a one-article rebuild. Jinja's own
bytecode cache, in .arshif-cache/templates/ beside mkdocs.yml, keeps them; Jinja checks each one against the
checksum of its source, so an edited template is compiled again. An engine that runs no hook compiles them all,
and writes the same pages.
"""
from __future__ import annotations

from pathlib import Path

import jinja2


def on_env(env, config, files):
    folder = Path(config.config_file_path).resolve().parent / ".arshif-cache" / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only project: templates are compiled as they would be without this hook
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
