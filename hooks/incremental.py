"""MkDocs hook: make `arshif build`'s incremental (dirty) site builds safe and exact.

arshif rebuilds a site after a small change by hard-linking the previous site into a staging folder and running
`mkdocs build --dirty` there, which renders only the pages whose source changed. Two things make that sound:

- Every file MkDocs writes replaces its destination (temporary file + rename) instead of truncating it in place,
  so a hard-linked file of the live site is never modified through the staging copy.
- A dirty build does not read the pages it does not render, so their `page.meta` is empty; the sitemap
  template prints every article's date from it. Before the templates run, the front-matter of those pages is
  read (with MkDocs' reader, as a full build reads it), and their update date is the fixed one hooks/determinism.py gives
  the pages it sees, so sitemap.xml and the gzip header of sitemap.xml.gz are what a full build writes.
- MkDocs' dirty build re-renders a page when its source is newer than its output; a page restored with an older
  time (`cp -p`, `rsync -a`) would stay stale. arshif writes the list of docs files whose content hash changed
  since the last build (.arshif-cache/dirty-build.json, for this staging folder); with it, that list alone
  decides what is rendered or copied again.
- MkDocs writes sitemap.xml.gz with a plain open(..., "wb"), not through utils.write_file: the staging copy's
  hard link to it is removed before the build, so that write makes a new file instead of changing the live one.
- Static files (some 40,000 at 10,000 articles: originals, citation files, search shards) are published by two
  background threads (as hard links to docs/'s files where they can be, see _link_or_copy) while the main
  thread renders the pages: copying is file-system work in the kernel, which the second core does meanwhile (a
  fifth of a cold site build otherwise). A page, template or file written to a
  path waits for any copy still pending there, so what wins a clash is what MkDocs' order says; the build ends
  only when every copy is done, and a copy that failed fails the build. The main thread only hands each file over
  (no makedirs or isdir of its own for every file: each output folder is made once).
- MkDocs warns on every dirty build that navigation may be inaccurate; arshif keeps articles out of the nav and
  regenerates every page whose content depends on another article, so the warning does not apply, and it must
  not fail `--strict`. Only that one message is dropped.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import threading

from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timezone

from mkdocs import utils
from mkdocs.structure.files import File
from mkdocs.utils import meta
_flags = {"dirty": False}

_DIRTY_WARNING = "A 'dirty' build is being performed"


_made: set = set()  # output folders known to exist during this build (cleared before each build)


def _replace(output_path: str, write) -> None:
    output_dir = os.path.dirname(output_path)
    if output_dir not in _made:
        os.makedirs(output_dir, exist_ok=True)
        _made.add(output_dir)
    if not os.path.lexists(output_path):
        write(output_path)  # nothing there to keep (a full build starts from an empty folder): written in place
        return
    tmp = os.path.join(output_dir, f".{os.path.basename(output_path)}.mkdocs-tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, output_path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# A file of docs/ is published as a hard link to it, not a copy, where the two folders share a file system: one
# system call instead of reading and writing every byte (40,000 files, 70 MB, took both cores seven seconds of a
# cold site build). Safe because nothing writes through either name: arshif's preprocess replaces a docs file
# (a new file renamed over it) and never rewrites one in place, and MkDocs' writes here replace too (_replace).
# Files from elsewhere (the theme's) are copied, as is everything once a link has failed (another file system).
_linking = {"docs": None, "ok": True}


def _link_or_copy(source_path: str, tmp: str) -> None:
    docs = _linking["docs"]
    if _linking["ok"] and docs and source_path.startswith(docs):
        try:
            os.link(source_path, tmp)
            return
        except OSError:
            _linking["ok"] = False  # EXDEV, EPERM, a file system without links: copy from now on
    shutil.copyfile(source_path, tmp)


def _copy(source_path: str, output_path: str) -> None:
    try:
        _replace(output_path, lambda tmp: _link_or_copy(source_path, tmp))
    except shutil.SameFileError:
        pass  # a plugin wrote it into site_dir itself (as MkDocs' File.copy_file allows)


class _Copies:
    """Static-file copies running on background threads during one build, by output path."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: dict[str, Future] = {}
        self._lock = threading.Lock()

    def submit(self, output_path: str, source_path: str) -> None:
        self.wait_for(output_path)  # a second copy to the same path lands after the first, as in MkDocs' order
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="arshif-copy")
            self._pending[output_path] = self._pool.submit(_copy, source_path, output_path)

    def wait_for(self, output_path: str) -> None:
        with self._lock:
            pending = self._pending.pop(output_path, None)
        if pending is not None:
            pending.result()

    def finish(self) -> None:
        """Wait for every copy; raise the first failure (in the order they were asked for)."""
        with self._lock:
            pool, pending, self._pool, self._pending = self._pool, list(self._pending.values()), None, {}
        if pool is None:
            return
        pool.shutdown(wait=True)
        for done in pending:
            done.result()


_copies = _Copies()


def write_file(content: bytes, output_path: str) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(content)

    _copies.wait_for(output_path)
    if output_path.endswith("sitemap.xml"):
        _copies.wait_for(output_path + ".gz")  # MkDocs writes the .gz next, with open(), not through here
    _replace(output_path, write)


def copy_file(source_path: str, output_path: str) -> None:
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    _copies.submit(output_path, source_path)


_mkdocs_copy = File.copy_file


def _copy_static(self, dirty: bool = False) -> None:
    """MkDocs' File.copy_file for a file with a source, without its makedirs and isdir on the main thread (two
    system calls for each of 40,000 files, a tenth of a cold site build): _replace makes each folder once."""
    if self._content is not None or self.abs_src_path is None:
        return _mkdocs_copy(self, dirty)  # content set by a plugin: MkDocs writes it itself
    if dirty and not self.is_modified():
        return
    _copies.submit(self.abs_dest_path, self.abs_src_path)


utils.write_file = write_file
utils.copy_file = copy_file
File.copy_file = _copy_static


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


_filter = _DropDirtyWarning()


# Files MkDocs writes without utils.write_file (mkdocs/commands/build.py, _build_theme_template).
_OPENED_DIRECTLY = ("sitemap.xml.gz",)


def on_pre_build(config):
    _copies.finish()  # nothing of an earlier build (mkdocs serve) still running
    _made.clear()
    _linking.update(docs=os.path.join(os.path.abspath(config["docs_dir"]), ""), ok=True)
    for name in _OPENED_DIRECTLY:
        path = os.path.join(config["site_dir"], name)
        if os.path.isfile(path) and os.stat(path).st_nlink > 1:
            os.unlink(path)  # only this name goes: the live site's file (the other link) stays as it was


def on_post_build(config):
    _copies.finish()


def on_build_error(error):
    try:
        _copies.finish()  # no copy goes on writing after a failed build
    except Exception:  # the build has failed already: its own error is the one reported
        pass


def on_startup(command, dirty):
    _flags["dirty"] = dirty
    logger = logging.getLogger("mkdocs.commands.build")
    if dirty and _filter not in logger.filters:
        logger.addFilter(_filter)


def _modified_list(config):
    """The docs paths arshif found changed by content for this very build, or None (then MkDocs' own check)."""
    path = os.path.join(os.path.dirname(os.path.abspath(config["docs_dir"])), ".arshif-cache", "dirty-build.json")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("site_dir") != os.path.abspath(config["site_dir"]):
        return None  # written for another build (another staging folder)
    return set(data.get("modified", ()))


def _present(site_dir: str) -> set:
    """Every path under site_dir (files and folders), posix and relative to it: one walk of the folder instead
    of a stat for each of 50,000 files."""
    found = set()
    for root, dirs, names in os.walk(site_dir):
        rel = os.path.relpath(root, site_dir)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.update(prefix + n for n in dirs)
        found.update(prefix + n for n in names)
    return found


def on_files(files, config):
    if not _flags["dirty"]:
        return files
    modified = _modified_list(config)
    if modified is None:
        return files
    site_dir = config["site_dir"]
    present = _present(site_dir)
    for file in files:
        if file.src_dir is None:  # generated by a plugin: no source to compare
            continue
        if file.src_uri in modified:
            changed = True
        elif file.dest_dir == site_dir and not os.path.isabs(file.dest_uri) and ".." not in file.dest_uri.split("/"):
            changed = file.dest_uri not in present
        else:
            changed = not os.path.exists(file.abs_dest_path)
        file.is_modified = (lambda changed=changed: changed)
    return files


def on_env(env, config, files):
    if not _flags["dirty"]:
        return env
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()  # as hooks/determinism.py reads it
    fixed = datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 0, timezone.utc).strftime("%Y-%m-%d")
    for file in files.documentation_pages():
        page = file.page
        if page is None or file.is_modified() or not file.abs_src_path:
            continue
        page.update_date = fixed
        if page.meta:
            continue
        with open(file.abs_src_path, encoding="utf-8-sig") as fh:
            # MkDocs' own front-matter reader, as a full build reads the page (hooks/front_matter.py may serve it).
            page.meta = meta.get_data(fh.read())[1]
    return env
