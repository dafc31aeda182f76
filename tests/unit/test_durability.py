"""Writes are made durable without flushing the whole machine, and the build lock is the OS's (issue 18)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from arshif.build import site_build, write
from arshif.models import Page


def test_a_run_never_calls_os_sync(tmp_path, monkeypatch):
    def forbidden():
        raise AssertionError("os.sync flushes every filesystem of the machine")

    monkeypatch.setattr(os, "sync", forbidden)
    result = write.write_pages(tmp_path / "docs", [Page("articles/a.md", b"---\ngenerator: arshif\n---\nx\n")])
    assert result.written == ["articles/a.md"]
    assert (tmp_path / "docs" / "articles" / "a.md").read_bytes().endswith(b"x\n")


def test_the_fsync_fallback_flushes_each_written_file(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(write, "_SYNCFS", None)
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    files = [tmp_path / "a", tmp_path / "b"]
    for f in files:
        f.write_bytes(b"x")
    write.flush_to_disk(tmp_path, files)
    assert len(synced) == 2


def test_the_lock_is_held_across_processes(tmp_path):
    docs = tmp_path / "docs"
    code = textwrap.dedent(f"""
        import sys, time
        from arshif.build.write import build_lock
        with build_lock({str(docs)!r}, wait_message="WAITING"):
            print("HELD", flush=True)
            time.sleep(3)
    """)
    first = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert first.stdout.readline().strip() == "HELD"
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    first.wait(30)
    assert "WAITING" in second.stderr and "HELD" in second.stdout


def test_the_built_site_is_flushed_before_it_replaces_the_old(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: docs\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    seen = []

    def mkdocs(*argv):
        built = Path(argv[argv.index("--site-dir") + 1])
        built.mkdir(parents=True, exist_ok=True)
        (built / "index.html").write_text("new", encoding="utf-8")
        return 0

    def flushed(folder, written):
        # what the flush covers is the new site, and the old one is still in place
        seen.append(tuple((where / "index.html").read_text(encoding="utf-8") for where in (Path(folder), site)))

    monkeypatch.setattr(site_build, "flush_to_disk", flushed)
    args = argparse.Namespace(config=tmp_path / "mkdocs.yml", docs=tmp_path / "docs", force=True)
    assert site_build.site_build(args, site, tmp_path, 0, None, mkdocs) == 0
    assert seen == [("new", "old")]
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
