"""Hostile sources (issue 19): links out of the project, FIFOs, devices, huge files and names that are not UTF-8."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from arshif.ingest import read as read_mod
from arshif.ingest.read import ReadError, issue_from, read_article, shown_name
from robust_corpus import REPO, article

TEXT = article(301)


def project(tmp_path):
    src = tmp_path / "project" / "source_articles"
    src.mkdir(parents=True)
    return tmp_path / "project", src


def test_a_link_out_of_the_project_is_refused_with_the_reason(tmp_path):
    root, src = project(tmp_path)
    secret = tmp_path / "id_rsa"
    secret.write_text(TEXT, encoding="utf-8")
    (src / "key.txt").symlink_to(secret)
    (src / "passwd.txt").symlink_to("/etc/passwd")
    for name in ("key.txt", "passwd.txt"):
        with pytest.raises(ReadError) as err:
            read_article(src / name, root)
        assert err.value.code == "outside-project" and "outside the project" in err.value.message


def test_a_link_to_a_file_inside_the_project_is_followed(tmp_path):
    root, src = project(tmp_path)
    (root / "drafts").mkdir()
    (root / "drafts" / "a.txt").write_text(TEXT, encoding="utf-8")
    (src / "b.txt").write_text(TEXT, encoding="utf-8")
    (src / "a.txt").symlink_to("../drafts/a.txt")
    (src / "c.txt").symlink_to("b.txt")
    assert read_article(src / "a.txt", root).text == TEXT
    assert read_article(src / "c.txt", root).text == TEXT
    assert read_article(src / "c.txt").text == TEXT  # without a root, the link's own folder is allowed


def test_a_link_loop_and_a_dangling_link_are_reported(tmp_path):
    root, src = project(tmp_path)
    (src / "loop.txt").symlink_to("loop.txt")
    (src / "gone.txt").symlink_to("nothing-here.txt")
    for name in ("loop.txt", "gone.txt"):
        with pytest.raises(ReadError) as err:
            read_article(src / name, root)
        assert err.value.code == "bad-link"


def test_a_fifo_named_txt_is_refused_without_hanging(tmp_path):
    root, src = project(tmp_path)
    os.mkfifo(src / "pipe.txt")
    code = ("import sys; from arshif.ingest.read import ReadError, read_article\n"
            "try:\n    read_article(sys.argv[1])\nexcept ReadError as e:\n    print(e.code, e.message)\n")
    done = subprocess.run([sys.executable, "-c", code, str(src / "pipe.txt")], capture_output=True, text=True,
                          timeout=60, cwd=REPO)
    assert done.stdout.startswith("not-a-file") and "FIFO" in done.stdout, done.stderr


def test_a_device_is_refused_before_reading(tmp_path):
    root, src = project(tmp_path)
    (src / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(ReadError) as err:
        read_article(src / "zero.txt", root)
    assert err.value.code == "outside-project"
    # Even when links to devices were allowed, the device is never read: it is not a regular file.
    with pytest.raises(ReadError) as err:
        read_article("/dev/zero")
    assert err.value.code == "not-a-file" and "character device" in err.value.message


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    root, src = project(tmp_path)
    huge = src / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(2 * 1024 ** 3)  # 2 GB, sparse: reading it whole would take 2 GB of memory
    calls = []
    monkeypatch.setattr(read_mod.os, "read", lambda *a: calls.append(a) or b"")
    started = time.perf_counter()
    with pytest.raises(ReadError) as err:
        read_article(huge, root)
    assert err.value.code == "too-large" and "2048 MB" in err.value.message
    assert calls == [] and time.perf_counter() - started < 5


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    root, src = project(tmp_path)
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(read_mod, "MAX_BYTES", len(TEXT.encode()) + 10)
    real_fstat = os.fstat
    monkeypatch.setattr(read_mod.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))
    monkeypatch.setattr(read_mod.os, "read", lambda fd, n: b"x" * n)  # a file that never ends, as /proc files do
    with pytest.raises(ReadError) as err:
        read_article(src / "a.txt", root)
    assert err.value.code == "too-large"


def test_a_name_that_is_not_utf8_is_reported_in_printable_form(tmp_path):
    root, src = project(tmp_path)
    raw_name = "مقال.txt".encode("cp1256")
    path = os.fsdecode(os.path.join(os.fsencode(src), raw_name))
    with open(path, "wb") as f:
        f.write(TEXT.encode("utf-8"))
    with pytest.raises(ReadError) as err:
        read_article(path, root)
    assert err.value.code == "bad-name" and "مقال.txt" in err.value.message  # the cp1256 reading, as a hint
    issue = issue_from(path, err.value)
    issue.file.encode("utf-8")  # printable: no lone surrogate
    assert issue.message.encode("utf-8") and "\\x" in shown_name(path)
