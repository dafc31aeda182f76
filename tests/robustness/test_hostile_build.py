"""Hostile builds (issue 19): arshif killed under its mkdocs child, a site behind a link, --site ."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from robust_corpus import PYTHON, article, arshif, make_project

pytestmark = pytest.mark.slow


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_arshif_ends_its_mkdocs_child_and_the_next_build_succeeds(tmp_path, sig):
    root = make_project(tmp_path / "p", {f"a{n:03d}.txt": article(700 + n).encode("utf-8") for n in range(40)})
    env = {**os.environ, "PYTHONHASHSEED": "0", "CI": "1"}
    proc = subprocess.Popen([str(PYTHON), "-m", "arshif.cli", "build"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        mkdocs = []
        while not mkdocs and time.monotonic() < deadline and proc.poll() is None:
            mkdocs = [c for c in _children(proc.pid) if "mkdocs" in _cmdline(c)]
            time.sleep(0.02)
        assert mkdocs, "mkdocs never started"
        os.kill(proc.pid, sig)  # arshif alone, not its process group
        proc.wait(30)
        gone_by = time.monotonic() + 20
        while any(_alive(c) for c in mkdocs) and time.monotonic() < gone_by:
            time.sleep(0.05)
        assert not any(_alive(c) for c in mkdocs), "mkdocs kept running after arshif ended"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    again = arshif(root, "build")
    assert again.returncode == 0, again.stderr[-2000:]
    assert (root / "site" / "index.html").is_file()
    assert not [p for p in root.iterdir() if ".arshif-tmp-" in p.name]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_a_child_ends_when_arshif_is_killed(tmp_path, sig):
    """The child (a stand-in for a long mkdocs build) must not outlive arshif, even after SIGKILL."""
    code = ("import sys; from arshif.build import child; "
            "sys.exit(child.run([sys.executable, '-c', 'import time; time.sleep(120)']))")
    proc = subprocess.Popen([str(PYTHON), "-c", code])
    try:
        deadline = time.monotonic() + 30
        kids = []
        while not kids and time.monotonic() < deadline:
            kids = [c for c in _children(proc.pid) if "time.sleep(120)" in _cmdline(c)]
            time.sleep(0.02)
        assert kids
        time.sleep(0.2)  # past fork and exec: prctl has run
        os.kill(proc.pid, sig)
        proc.wait(30)
        gone_by = time.monotonic() + 10
        while any(_alive(c) for c in kids) and time.monotonic() < gone_by:
            time.sleep(0.05)
        assert not any(_alive(c) for c in kids), "the child kept running after its parent ended"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for c in kids:
            if _alive(c):
                os.kill(c, signal.SIGKILL)


def test_the_mkdocs_child_is_in_arshifs_process_group(tmp_path):
    from arshif.build import child

    code = "import os; print(os.getpgrp())"
    out = tmp_path / "pgid"
    status = child.run([str(PYTHON), "-c", f"{code[:-1]}, file=open({str(out)!r}, 'w'))"])
    assert status == 0 and int(out.read_text()) == os.getpgrp()


def test_a_site_behind_a_link_is_built_into_the_web_root_and_the_link_is_kept(tmp_path):
    root = make_project(tmp_path / "p", {f"a{n}.txt": article(800 + n).encode("utf-8") for n in range(3)})
    webroot = tmp_path / "var" / "www" / "archive"
    webroot.mkdir(parents=True)
    (webroot / "index.html").write_text("the previous site")
    (webroot / "stale.html").write_text("gone after the build")
    (root / "site").symlink_to(webroot)
    for n in range(2):  # a full build, then (an article changed) an incremental one, both through the link
        if n:
            with open(root / "source_articles" / "a1.txt", "a", encoding="utf-8") as fh:
                fh.write("\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الشهر القادم.\n")
        done = arshif(root, "build")
        assert done.returncode == 0, done.stderr[-2000:]
        assert (root / "site").is_symlink() and os.readlink(root / "site") == str(webroot)
        assert (webroot / "articles").is_dir() and "the previous site" not in (webroot / "index.html").read_text()
        assert not (webroot / "stale.html").exists()
        assert not [p for p in webroot.iterdir() if ".arshif-" in p.name]
    assert "incremental site build" in done.stderr
    assert "الاجتماع المقبل" in next((webroot / "articles").glob("a1*.html")).read_text(encoding="utf-8")


@pytest.mark.parametrize("site", [".", "docs"])
def test_a_site_folder_that_is_the_project_or_docs_is_refused_with_a_message(tmp_path, site):
    root = make_project(tmp_path / "p", {"a.txt": article(900).encode("utf-8")})
    done = arshif(root, "build", "--site", site)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--site" in done.stderr and "nothing was changed" in done.stderr
    assert (root / "mkdocs.yml").is_file() and (root / "source_articles" / "a.txt").is_file()


@pytest.mark.parametrize("code, words", [(28, "disk is full"), (30, "read-only")])  # ENOSPC, EROFS
def test_a_full_disk_or_a_read_only_project_gives_a_message_and_exit_status_2(tmp_path, monkeypatch, capsys, code, words):
    import errno

    from arshif import cli
    from arshif.build import write

    assert code in (errno.ENOSPC, errno.EROFS)
    root = make_project(tmp_path / "p", {f"a{n}.txt": article(950 + n).encode("utf-8") for n in range(3)})
    monkeypatch.chdir(root)
    assert cli.main(["preprocess"]) == 0
    before = {p: p.read_bytes() for p in (root / "docs").rglob("*.md")}
    for n in range(3):
        with open(root / "source_articles" / f"a{n}.txt", "a", encoding="utf-8") as fh:
            fh.write("\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الشهر القادم.\n")
    real = write.atomic_write
    calls = []

    def failing(path, data):
        calls.append(path)
        if len(calls) > 2:  # the disk fills (or turns read-only) part-way through docs/
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(write, "atomic_write", failing)
    capsys.readouterr()
    assert cli.main(["preprocess", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and words in err and "cannot write" in err and str(calls[2]) in err
    for path, data in before.items():  # every page is whole: the old one or the new one
        now = path.read_bytes()
        assert now == data or (now.startswith(b"---\n") and b"\n---\n" in now[4:] and now.endswith(b"\n"))


def test_a_page_restored_with_an_older_time_is_rebuilt_by_a_dirty_build(tmp_path):
    """cp -p / rsync -a put back an older file with its older time: content, not time, says it changed."""
    import shutil

    root = make_project(tmp_path / "p", {f"a{n}.txt": article(990 + n).encode("utf-8") for n in range(3)})
    assert arshif(root, "build").returncode == 0
    about = root / "docs" / "about.md"
    backup = tmp_path / "about.md.bak"
    shutil.copy2(about, backup)  # cp -p
    about.write_text(about.read_text(encoding="utf-8") + "\nسطر أضيف ثم أزيل\n", encoding="utf-8")
    edited = arshif(root, "build")
    assert edited.returncode == 0 and "incremental site build" in edited.stderr
    assert "سطر أضيف ثم أزيل" in (root / "site" / "about.html").read_text(encoding="utf-8")
    shutil.copy2(backup, about)  # restored, with a time older than the page MkDocs wrote
    assert about.stat().st_mtime < (root / "site" / "about.html").stat().st_mtime
    restored = arshif(root, "build")
    assert restored.returncode == 0 and "up to date" not in restored.stderr, restored.stderr
    assert "incremental site build" in restored.stderr
    assert "سطر أضيف ثم أزيل" not in (root / "site" / "about.html").read_text(encoding="utf-8")
    full = arshif(root, "build", "--force", "--site", "full-site")
    assert full.returncode == 0
    assert (root / "site" / "about.html").read_bytes() == (root / "full-site" / "about.html").read_bytes()


def test_a_hand_written_page_outside_the_nav_is_built(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": article(960).encode("utf-8")})
    (root / "docs" / "notes.md").write_text("# ملاحظات المحرر\n\nصفحة كتبت باليد خارج القائمة.\n", encoding="utf-8")
    done = arshif(root, "build")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "صفحة كتبت باليد" in (root / "site" / "notes.html").read_text(encoding="utf-8")
