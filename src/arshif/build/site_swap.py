"""site swap: put a freshly built site in place of the previous one, so a killed build leaves the old site.

A plain folder `site/` is swapped whole: the new copy is built in a hidden folder beside it and exchanged with
it in one atomic rename. When `site/` is a symbolic link (to a web root) or a mount point, the folder itself
must stay where it is: renaming it would replace the link by a folder, or fail with EBUSY. Then the new copy is
built in a hidden folder inside it and swapped in entry by entry (each top-level file or folder is exchanged
atomically), and the link is kept.

A plain folder's previous copy is kept beside it after a swap (`base_dir`, hidden): it is hard links to the
files of the site before, so the next incremental build brings it up to date with a few links
(incremental.relink) instead of linking every file again, and the swap deletes nothing. A site kept in place
keeps no copy: inside a web root it would be published; nor does a site outside the project folder.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from pathlib import Path

TMP_TAG = ".arshif-tmp-"
_OLD_TAG = ".arshif-old"
_BASE_TAG = ".arshif-base"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def in_place(target: Path) -> bool:
    """Whether `target` must keep its identity: a symbolic link to a folder, or a mount point."""
    target = Path(target)
    return target.is_symlink() or (target.is_dir() and os.path.ismount(target))


def _ours(name: str) -> bool:
    """A name arshif uses for its own staging and leftovers (never part of a site)."""
    return name.startswith(".") and (TMP_TAG in name or name.endswith(_OLD_TAG) or name.endswith(_BASE_TAG))


def staging_dir(target: Path) -> Path:
    """Where to build a new copy of `target`: a hidden folder beside it, or inside it when it must stay put
    (same file system either way, so renames work)."""
    target = Path(os.path.abspath(target))
    name = f".{target.name}{TMP_TAG}{os.getpid()}"
    return target / name if in_place(target) else target.with_name(name)


def base_dir(target: Path, project: Path) -> Path | None:
    """Where the previous copy of `target` is kept for the next incremental build; None when `target` must stay
    put (see the module docstring), or lies outside the project folder: beside a site in a web root, the copy
    would be published."""
    target = Path(os.path.abspath(target))
    if in_place(target) or Path(project).resolve() not in (target.parent.resolve(), *target.parent.resolve().parents):
        return None
    return target.with_name(f".{target.name}{_BASE_TAG}")


def _old_dir(target: Path) -> Path:
    return target / f".{target.name}{_OLD_TAG}" if in_place(target) else target.with_name(f".{target.name}{_OLD_TAG}")


def recover_dir(target: Path) -> None:
    """Undo what a killed `replace_dir` or build left: restore the previous copy, drop staging folders."""
    target = Path(os.path.abspath(target))
    old = _old_dir(target)
    if in_place(target):
        if old.is_dir():  # a torn in-place swap: the entries already moved are new, the site is whole
            shutil.rmtree(old)
        folder = target
    else:
        if old.is_dir() and not target.exists():
            os.rename(old, target)
        elif old.is_dir():
            shutil.rmtree(old)
        folder = target.parent
    if folder.is_dir():
        for stale in folder.glob(f".{target.name}{TMP_TAG}*"):
            pid = stale.name.rsplit("-", 1)[-1]
            if stale.is_dir() and pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(stale)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def site_entries(folder: Path) -> list[str]:
    """The names in a site folder, arshif's own staging and leftovers left out."""
    return sorted(n for n in os.listdir(folder) if not _ours(n))


def looks_like_site(folder: Path) -> bool:
    """A folder arshif may replace: missing, empty, or a built site (not somebody's documents)."""
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    return not site_entries(folder) or (folder / "index.html").is_file() or (folder / "sitemap.xml").is_file()


def replace_dir(new: Path, target: Path, keep: Path | None = None) -> None:
    """Put the folder `new` in place of `target`; at every instant `target` is the old or the new copy
    (in place: each of its top-level entries is). `keep`: where the previous copy goes, instead of being
    deleted (a folder beside `target`; ignored when `target` is swapped in place)."""
    new, target = Path(os.path.abspath(new)), Path(os.path.abspath(target))
    if new.parent == target:
        _replace_contents(new, target)
        return
    if not target.exists() and not target.is_symlink():
        os.rename(new, target)
        return
    if _exchange(new, target):
        _drop(new, keep)  # now holds the previous copy
        return
    old = _old_dir(target)  # two renames; recover_dir() finishes the job if we die between them
    if old.exists():
        shutil.rmtree(old)
    os.rename(target, old)
    os.rename(new, target)
    _drop(old, keep)


def _drop(previous: Path, keep: Path | None) -> None:
    if keep is None:
        shutil.rmtree(previous)
        return
    if keep.exists():
        shutil.rmtree(keep)
    os.rename(previous, keep)


def _replace_contents(new: Path, target: Path) -> None:
    """Swap the entries of `new` (a folder inside `target`) into `target`; what only the old site had goes."""
    old = _old_dir(target)
    if old.exists():
        shutil.rmtree(old)
    old.mkdir()
    fresh = set(site_entries(new))
    for name in sorted(fresh):
        if (target / name).exists() or (target / name).is_symlink():
            if not _exchange(new / name, target / name):  # no atomic exchange: move the old entry aside first
                os.rename(target / name, old / name)
                os.rename(new / name, target / name)
        else:
            os.rename(new / name, target / name)
    for name in site_entries(target):
        if name not in fresh:
            os.rename(target / name, old / name)
    shutil.rmtree(new)  # now holds the previous entries
    shutil.rmtree(old)


def site_refusal(site: Path, project: Path, docs: Path) -> str:
    """Why `site` cannot be the output folder, or "": it must not be the project, hold docs/ or lie inside it,
    and a link must lead to a folder that exists."""
    site_abs = Path(os.path.abspath(site))
    if site.is_symlink() and not site.is_dir():
        return f"--site {site} is a symbolic link to {os.readlink(site)}, which is not an existing folder"
    real, project, docs = site_abs.resolve(), Path(project).resolve(), Path(docs).resolve()
    if real == project or real in project.parents:
        return f"--site {site} is the project folder (or holds it): a build would replace mkdocs.yml, docs/ and the sources"
    if real == docs or docs in real.parents or real in docs.parents:
        return f"--site {site} overlaps the docs folder {docs}: choose a folder of its own, such as site"
    if site_abs.name in ("", ".", ".."):
        return f"--site {site} names no folder"
    return ""


def disk_problem(exc: OSError) -> str:
    """A message for an OSError that stopped a run (read-only folder, full disk), naming the file."""
    import errno

    where = exc.filename if exc.filename is not None else "a file"
    what = exc.strerror or str(exc)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        hint = "the project (or that folder) is read-only or not yours; make it writable and build again"
    elif exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        hint = "the disk is full; every file written so far is whole (old or new): free space and build again"
    else:
        return f"{where}: {what}"
    return f"cannot write {where}: {what}; {hint}"
