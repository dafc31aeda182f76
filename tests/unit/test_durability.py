"""Writes are made durable without flushing the whole machine, and the build lock is the OS's (issue 18)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from arshif.build import write
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
