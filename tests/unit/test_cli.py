"""The command line as a user and the outside evaluation call it (the installed `arshif` script)."""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arshif.cli import build_parser, main
from sitebuild import REPO, SEED_IDS, run_arshif

CONTRACT_KEYS = {"file", "ok", "error", "title", "title_derived", "date", "date_basis", "outlet", "author", "dateline", "body", "removed"}


def _subcommands() -> list[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    return []


def test_help_exits_zero():
    proc = run_arshif(["--help"], cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    for command in _subcommands():
        assert command in proc.stdout


def test_the_documented_subcommands_exist():
    assert {"build", "preprocess", "serve", "extract", "report", "eval"} <= set(_subcommands())


@pytest.mark.parametrize("command", _subcommands())
def test_subcommand_help_exits_zero(command: str, capsys: pytest.CaptureFixture):
    # In-process (the script itself is run above): one interpreter start per subcommand adds up.
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("usage: arshif " + command)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "source_articles"
    shutil.copytree(REPO / "source_articles", folder)
    return folder


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory):
    """`arshif extract --json source_articles/` on a copy of the seeds, run once for the module."""
    root = tmp_path_factory.mktemp("extract")
    shutil.copytree(REPO / "source_articles", root / "source_articles")
    return run_arshif(["extract", "--json", "source_articles/"], cwd=root)


def test_extract_json_prints_one_contract_line_per_file(extracted):
    proc = extracted
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(SEED_IDS)
    records = [json.loads(line) for line in lines]
    assert [Path(r["file"]).name for r in records] == [f"{s}.txt" for s in SEED_IDS]  # input (name) order
    for r in records:
        assert CONTRACT_KEYS <= set(r), CONTRACT_KEYS - set(r)
        assert r["ok"] is True and r["error"] is None
        assert isinstance(r["title"], str) and r["title"]
        assert isinstance(r["title_derived"], bool)
        assert r["date"] is None or (isinstance(r["date"], str) and len(r["date"]) == 10)
        assert isinstance(r["date_basis"], str) and r["date_basis"]
        assert isinstance(r["body"], list) and r["body"] and all(isinstance(p, str) and p for p in r["body"])
        assert isinstance(r["removed"], list)
        for item in r["removed"]:
            assert {"text", "reason", "line"} <= set(item)
    assert records[1]["title"] == "محاور جديدة للقضاء على «داعش» وإعادة استقرار المنطقة"


def test_extract_json_date_basis_names_its_kind_once(extracted):
    """date_basis is "<kind>: <basis>"; a basis that already starts with its kind must not repeat it."""
    for r in _records(extracted.stdout):
        kind, _, rest = r["date_basis"].partition(": ")
        assert not rest.startswith(kind + ":"), f"{r['file']}: {r['date_basis'][:80]!r}"


def test_extract_json_reports_a_bad_file_and_goes_on(sources: Path):
    (sources / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    args = ["extract", "--json", f"source_articles/{SEED_IDS[0]}.txt", "source_articles/missing.txt",
            "source_articles/image.txt", f"source_articles/{SEED_IDS[4]}.txt"]
    proc = run_arshif(args, cwd=sources.parent)
    assert proc.returncode == 1
    records = _records(proc.stdout)
    assert [Path(r["file"]).name for r in records] == [f"{SEED_IDS[0]}.txt", "missing.txt", "image.txt", f"{SEED_IDS[4]}.txt"]
    for r in records:
        assert CONTRACT_KEYS <= set(r)
    good, missing, image, last = records
    assert good["ok"] is True and last["ok"] is True
    for bad in (missing, image):
        assert bad["ok"] is False
        assert isinstance(bad["error"], str) and bad["error"].strip(), bad
        assert bad["title"] is None and bad["body"] == []


def test_extract_without_json_is_readable(sources: Path):
    proc = run_arshif(["extract", f"source_articles/{SEED_IDS[1]}.txt"], cwd=sources.parent)
    assert proc.returncode == 0, proc.stderr
    assert "محاور جديدة للقضاء على «داعش» وإعادة استقرار المنطقة" in proc.stdout


def test_the_command_leaves_with_mains_status_its_output_flushed_and_its_exit_handlers_run(tmp_path):
    # run() skips the interpreter's teardown (os._exit): what main printed into a pipe, what asked to run at exit,
    # and main's status must all come out as a normal exit gives them.
    marker = tmp_path / "ran"
    code = ("import atexit, sys; import arshif.cli as cli; "
            f"atexit.register(lambda: open({str(marker)!r}, 'w').write('ran')); "
            "cli.main = lambda: (print('x' * 100000, end=''), print('done', file=sys.stderr, end=''), 3)[2]; cli.run()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3
    assert proc.stdout == "x" * 100000 and proc.stderr == "done"
    assert marker.read_text() == "ran"
    assert (REPO / "pyproject.toml").read_text(encoding="utf-8").count('arshif = "arshif.cli:run"') == 1


def test_version():
    proc = run_arshif(["--version"], cwd=REPO)
    assert proc.returncode == 0 and proc.stdout.startswith("arshif ")
    # The engines are named too: a bug report says which MkDocs and Material built the site.
    assert "mkdocs 1.6.1" in proc.stdout and "mkdocs-material 9.8.1" in proc.stdout, proc.stdout


def test_timings_name_each_stage_only_when_asked(tmp_path):
    from sitebuild import copy_project

    root = copy_project(tmp_path / "project")
    quiet = run_arshif(["build"], cwd=root)
    assert quiet.returncode == 0, quiet.stderr
    assert "timing:" not in quiet.stderr
    with (root / "source_articles" / f"{SEED_IDS[0]}.txt").open("a", encoding="utf-8") as fh:
        fh.write("\nسطر أضيف.\n")
    timed = run_arshif(["build"], cwd=root, env={"ARSHIF_TIMINGS": "1"})
    assert timed.returncode == 0, timed.stderr
    stages = [line.split("timing: ", 1)[1].split(" (", 1)[0].rsplit(" ", 2)[0] for line in timed.stderr.splitlines()
              if "timing: " in line]
    for stage in ("extraction", "relate", "write", "preprocess", "site: mkdocs build"):
        assert stage in stages, stages
