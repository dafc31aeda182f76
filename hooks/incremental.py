"""MkDocs hook: make `arshif build`'s incremental (dirty) site builds safe and exact.

arshif rebuilds a site after a small change by hard-linking the previous site into a staging folder and running
`mkdocs build --dirty` there, which renders only the pages whose source changed. Two things make that sound:

- Every file MkDocs writes replaces its destination (temporary file + rename) instead of truncating it in place,
  so a hard-linked file of the live site is never modified through the staging copy.
- MkDocs warns on every dirty build that navigation may be inaccurate; arshif keeps articles out of the nav and
  regenerates every page whose content depends on another article, so the warning does not apply, and it must
  not fail `--strict`. Only that one message is dropped.
"""
from __future__ import annotations

import logging
import os
import shutil

from mkdocs import utils

_DIRTY_WARNING = "A 'dirty' build is being performed"


def _replace(output_path: str, write) -> None:
    output_dir = os.path.dirname(output_path)
    os.makedirs(output_dir, exist_ok=True)
    tmp = os.path.join(output_dir, f".{os.path.basename(output_path)}.mkdocs-tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, output_path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_file(content: bytes, output_path: str) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(content)

    _replace(output_path, write)


def copy_file(source_path: str, output_path: str) -> None:
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    _replace(output_path, lambda tmp: shutil.copyfile(source_path, tmp))


utils.write_file = write_file
utils.copy_file = copy_file


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


_filter = _DropDirtyWarning()


def on_startup(command, dirty):
    logger = logging.getLogger("mkdocs.commands.build")
    if dirty and _filter not in logger.filters:
        logger.addFilter(_filter)
