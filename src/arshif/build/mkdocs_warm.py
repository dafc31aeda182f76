"""mkdocs_warm: the MkDocs child of `arshif build`, made ready while preprocess finishes, so its start is not waited for.

Before it builds, MkDocs imports itself, the theme and the hooks, loads mkdocs.yml, makes a File object for each of
docs/'s files and a Page for each of its 14,000 pages: over a second at 10,000 articles (54,000 files).
preprocess's last seconds (feeds, the write) run on one core; the child is started then (EarlyMkDocs.start, from
preprocess's when_idle), does all that on the other, and waits for its order on stdin: the argv of the `mkdocs`
command to run (what `python -m mkdocs ARGV` does), or nothing (MkDocs is not needed after all: it ends, and prints
nothing).

The result is the one of a child started after preprocess:
- The loaded config is given only to the command it was loaded for (`--dirty` aside: only on_startup sees it,
  called after the order). If loading it logged a warning or an error, or raised a Python warning, it is dropped:
  the command loads it again and reports them as it would.
- docs/ is walked again when the build asks for its files. The same names in the same folders (and the same
  exclusion patterns and folders in the config): get_files would make the same files in the same order, and the
  early ones are given. Names added or removed (an article added or removed): the early files of the names kept,
  new ones for the others, in get_files' order (_merged). Names that would share an address: get_files runs, and
  takes the early File of a path where it would make one. A File is made from its path and three settings alone
  (its content is read at build time), and no plugin has seen it yet.
- A Page is made from its file and five settings (site_url, repo_url, edit_uri, edit_uri_template, nav): the pages
  outside the nav are made early, and get_navigation is given them while the file, its url and those settings
  are the same; the nav's own pages (titled by the nav) are left to it.
- What the early start printed (Material's notices) is printed when the order comes, where it would have been.
Run as `python -m arshif.build.mkdocs_warm ARGV_JSON`; the parent's side is EarlyMkDocs. A dirty build at 10,000
articles: MkDocs 2.0 s before, 1.45 s after; with the pages made early, 1.1 s.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import warnings
from typing import Callable, Optional, Sequence

from .timings import note, phase

DIRTY = "--dirty"


class EarlyMkDocs:
    """MkDocs as `arshif build` runs it: its child started early (start(), when preprocess has a core free), then
    given the build's command (run()); or `plain(*argv)` when it was not started or cannot take the command."""

    def __init__(self, prepared: Sequence[str], plain: Callable[..., int]):
        self.prepared = list(prepared)
        self.plain = plain
        self.child: Optional[subprocess.Popen] = None

    def start(self) -> None:
        from . import child

        if self.child is None:
            self.child = child.spawn([sys.executable, "-m", __name__, json.dumps(self.prepared)], stdin=subprocess.PIPE)

    def run(self, *argv: str) -> int:
        """`mkdocs ARGV`'s exit status."""
        from . import child

        if self.child is None or self.child.poll() is not None:  # not started, or it has ended
            self.close()
            return self.plain(*argv)
        try:
            self.child.stdin.write((json.dumps(list(argv)) + "\n").encode("utf-8"))
            self.child.stdin.close()
        except (BrokenPipeError, OSError, ValueError):  # it has ended: MkDocs is run another way
            self.close()
            return self.plain(*argv)
        return child.wait(self.child)

    def close(self) -> None:
        """Tell a child still waiting that it is not needed, and see it end."""
        from . import child

        if self.child is not None and self.child.poll() is None:
            try:
                self.child.stdin.close()  # an empty order: it ends at once
            except (BrokenPipeError, OSError):
                pass
            try:
                self.child.wait(10)
            except subprocess.TimeoutExpired:
                child.stop(self.child)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.seen += 1


class _Held:
    """Output to fd 1 and 2 held in files until released (what a C extension writes too)."""

    def __init__(self) -> None:
        self.files = []
        self.saved = []

    def __enter__(self) -> "_Held":
        for fd in (1, 2):
            held = tempfile.TemporaryFile()
            self.saved.append(os.dup(fd))
            self.files.append(held)
            os.dup2(held.fileno(), fd)
        return self

    def __exit__(self, *exc) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        for fd, saved in zip((1, 2), self.saved):
            os.dup2(saved, fd)
            os.close(saved)

    def release(self) -> None:
        for fd, held in zip((1, 2), self.files):
            held.seek(0)
            data = held.read()
            if data:
                os.write(fd, data)
            held.close()


def prepared_build(config: os.PathLike | str, site_dir: os.PathLike | str) -> list[str]:
    """The argv of `mkdocs` that site_build gives for a full build of `config` into `site_dir` (a dirty build adds
    --dirty)."""
    return ["build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)]


def options_of(argv: Sequence[str]) -> Optional[dict]:
    """What `mkdocs ARGV` passes load_config, for the one command arshif runs (`build --strict [--dirty]
    --config-file F --site-dir D`, in that order); None for any other (then nothing is made early)."""
    rest = [a for a in argv if a != DIRTY]
    if len(rest) != 6 or rest[:3] != ["build", "--strict", "--config-file"] or rest[4] != "--site-dir":
        return None
    return {"config_file": rest[3], "strict": True, "site_dir": rest[5]}


class _Early:
    """docs/'s files as get_files made them before the order came, and what they were made from; and the Page of
    each documentation page the nav config does not name (made early, attached at get_navigation: _early_pages)."""

    def __init__(self, config, files: list, tree: list) -> None:
        self.files = files
        self.tree = tree  # the folders and file names get_files walked (_tree)
        self.patterns = _patterns(config)
        self.by_key = {_key(f.src_path, f.src_dir, f.dest_dir, f.use_directory_urls): f
                       for f in files if f.src_dir is not None}
        self.settings = _page_settings(config)
        self.pages = _early_pages(config, files)  # src_uri -> (Page, the file's url when it was made)


def _page_settings(config) -> tuple:
    """What a Page is made from besides its file (mkdocs.structure.pages.Page.__init__): a page made early is taken
    while these are the same (a plugin's on_config may change them)."""
    return tuple(config.get(key) for key in ("site_url", "repo_url", "edit_uri", "edit_uri_template", "nav"))


def _nav_paths(nav) -> set:
    """Every path the nav config names: get_navigation makes their pages with the nav's titles."""
    found: set = set()
    todo = [nav]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            found.add(os.path.normpath(item))
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


def _early_pages(config, files: list) -> dict:
    """The Page get_navigation would make, with no title, for each documentation page outside the nav config: 14,000
    at 10,000 articles, a third of a second of a dirty build. Page() ties itself to its file; the tie is undone
    here and made again at get_navigation, so no plugin sees a page before MkDocs has made them."""
    from mkdocs.structure.pages import Page

    named = _nav_paths(config.get("nav"))
    made = {}
    for file in files:
        if file.is_documentation_page() and os.path.normpath(file.src_uri) not in named:
            made[file.src_uri] = (Page(None, file, config), file.url)
            file.page = None
    return made


def _key(path: str, src_dir, dest_dir, use_directory_urls) -> tuple:
    return os.path.normpath(path), src_dir, dest_dir, use_directory_urls


def _tree(docs_dir: str) -> list:
    """The folders and file names under docs_dir, in the order get_files walks them."""
    found = []
    for source_dir, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        dirnames.sort()
        found.append((source_dir, sorted(filenames)))
    return found


def _patterns(config) -> tuple:
    """What get_files makes a file and its inclusion (set_exclusions) from, besides its path: a file made early
    is taken, with the inclusion it was given, while they are the same (a plugin's on_config may change them)."""
    return tuple(config.get(key) for key in ("exclude_docs", "draft_docs", "not_in_nav", "docs_dir", "site_dir",
                                             "use_directory_urls"))


def _merged(early: "_Early", now: list, config) -> Optional[list]:
    """get_files' list for docs/ as it is now (`now`: its _tree), from the files made early: a folder whose names are
    the same gives its early files, a folder with names added or removed its early files for the names it kept and
    new ones for the others, in get_files' order (an article added or removed changes three folders of 10,000 files
    and more: get_files again took a quarter of a second). None when a folder's files would share an address (an
    index.md beside a README.md), which get_files settles: it is left to it."""
    from mkdocs.structure import files as mkdocs_files

    docs_dir, site_dir, directory_urls = config["docs_dir"], config["site_dir"], config["use_directory_urls"]
    before = dict(early.tree)
    groups: dict[str, list] = {}
    for file in early.files:  # by folder, from src_uri (src_path, a property, normalises it again: 54,000 files)
        groups.setdefault(file.src_uri.rpartition("/")[0], []).append(file)
    out: list = []
    for source_dir, names in now:
        rel = os.path.relpath(source_dir, docs_dir)
        mine = groups.get("" if rel == "." else rel.replace(os.sep, "/"), [])
        if before.get(source_dir) == names:
            out.extend(mine)
            continue
        kept = {f.src_uri.rpartition("/")[2]: f for f in mine}
        made = [kept.get(name) or mkdocs_files.File(os.path.join(rel, name), docs_dir, site_dir, directory_urls)
                for name in _listing_order(names)]
        if len({f.dest_uri for f in made}) != len(made):
            return None
        out.extend(made)
    return out


def _listing_order(names: list) -> list:
    """sorted(names, key=mkdocs' _file_sort_key) of names already sorted (_tree): that key puts an index or README
    first and sorts by name, so it is the stable split of the sorted names, those first and the rest after."""
    def first(name: str) -> bool:
        return name.startswith(("index", "README")) and os.path.splitext(name)[0] in ("index", "README")

    return [n for n in names if first(n)] + [n for n in names if not first(n)]


def _same(these: tuple, those: tuple) -> bool:
    return len(these) == len(those) and all(a is b or (type(a) is str and a == b) for a, b in zip(these, those))


def _prepare(options: dict):
    """The config load_config(**options) gives and docs/'s files (_Early), made now; (None, None) when anything
    says the command should make them itself."""
    from mkdocs import config as mkdocs_config
    from mkdocs.structure import files as mkdocs_files

    records = _Records()
    root = logging.getLogger()
    root.addHandler(records)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            loaded = mkdocs_config.load_config(**options)
            before = _tree(loaded["docs_dir"])
            files = list(mkdocs_files.get_files(loaded))
            early = _Early(loaded, files, before if _tree(loaded["docs_dir"]) == before else None)
    except BaseException:  # anything: the command does it all again, and reports it
        return None, None
    finally:
        root.removeHandler(records)
    if records.seen or caught:
        return None, None
    return loaded, early


def _given(kwargs: dict) -> dict:
    """load_config's keywords as the command passes them: None values dropped (load_config drops them), the config
    file (click opened it) by its name."""
    out = {k: v for k, v in kwargs.items() if v is not None}
    if "config_file" in out:
        out["config_file"] = getattr(out["config_file"], "name", out["config_file"])
    return out


def _take_prepared(loaded, early: _Early, options: dict) -> None:
    """load_config gives the loaded config for the same options, once; get_files gives the files made early when
    docs/ holds the same names, and else makes no File already made; get_navigation takes the pages made early."""
    from mkdocs import config as mkdocs_config
    from mkdocs.structure import files as mkdocs_files

    load_config, File, Files, get_files = (mkdocs_config.load_config, mkdocs_files.File, mkdocs_files.Files,
                                           mkdocs_files.get_files)
    set_exclusions = mkdocs_files.set_exclusions
    given = False  # the early config goes to one load only
    same_patterns = False

    def prepared_config(*args, **kwargs):
        nonlocal given
        if not given and not args and _given(kwargs) == options:
            given = True
            return loaded
        return load_config(*args, **kwargs)

    def made_or_new(path, src_dir, dest_dir, use_directory_urls, **kwargs):
        file = None if kwargs else early.by_key.pop(_key(path, src_dir, dest_dir, use_directory_urls), None)
        if file is None:
            return File(path, src_dir, dest_dir, use_directory_urls, **kwargs)
        if not same_patterns:
            file.inclusion = mkdocs_files.InclusionLevel.UNDEFINED  # as File() leaves it: get_files sets it again
        return file

    def files_of(config):
        nonlocal same_patterns
        same_patterns = _same(early.patterns, _patterns(config))
        with phase("mkdocs: docs/'s files"):
            now = _tree(config["docs_dir"]) if same_patterns and early.tree is not None else None
            if now is not None and now == early.tree:
                # the same names in the same folders: get_files would make these very files, in this order
                note(f"mkdocs: docs/'s {len(early.files)} files as they were listed while preprocess ran")
                files, early.files, early.by_key = Files(early.files), [], {}  # given once
                return files
            merged = _merged(early, now, config) if now is not None else None
            if merged is not None:
                note(f"mkdocs: docs/'s {len(merged)} files as listed while preprocess ran, with its changes since")
                files, early.files, early.by_key = Files(merged), [], {}  # given once
                set_exclusions(files, config)  # the new files' (the others keep theirs: same patterns)
                return files
            count = len(early.by_key)
            mkdocs_files.File = made_or_new  # get_files only calls File(...); set back before anything else runs
            try:
                files = get_files(config)
            finally:
                mkdocs_files.File = File
            note(f"mkdocs: {count - len(early.by_key)} of docs/'s {len(files)} files made while preprocess ran")
            return files

    from mkdocs.commands import build

    get_navigation = build.get_navigation

    def navigation(files, config):
        """get_navigation, with the pages made early tied to their files again: a file still the very one the page
        was made for, at the same url, with no page yet, and the same settings (the nav among them: the pages made
        early are those it does not name)."""
        made, early.pages = early.pages, {}  # given once
        if made and _page_settings(config) == early.settings:
            taken = 0
            for file in files.documentation_pages():
                page, url = made.get(file.src_uri, (None, None))
                if page is not None and page.file is file and file.page is None and file.url == url:
                    file.page = page
                    taken += 1
            note(f"mkdocs: {taken} pages made while preprocess ran")
        return get_navigation(files, config)

    mkdocs_config.load_config = prepared_config
    build.get_files = files_of
    build.get_navigation = navigation


def main(argv: Sequence[str]) -> int:
    import gc

    from .parallel import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)  # as in arshif: 54,000 Files and 14,000 Pages that live to the end, few cycles
    prepared = json.loads(argv[0])
    import mkdocs.__main__ as mkdocs_main

    sys.argv = [mkdocs_main.__file__, *prepared]  # as `python -m mkdocs` sees itself (Material's notices ask)
    options = options_of(prepared)
    with _Held() as held, phase("mkdocs: made ready while preprocess ran"):
        loaded, early = _prepare(options) if options is not None else (None, None)
    try:
        order = sys.stdin.readline()
    except KeyboardInterrupt:  # Ctrl+C reached the whole build while it waited: nothing to do
        return 130
    if not order.strip():
        return 0  # not needed: what it printed is not shown either (a child started later would not have run)
    held.release()
    command = json.loads(order)
    sys.argv = [mkdocs_main.__file__, *command]
    if loaded is not None and options_of(command) == options:
        _take_prepared(loaded, early, options)
    mkdocs_main.cli(args=command, prog_name="mkdocs")  # exits with the command's status
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
