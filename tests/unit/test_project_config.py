"""An archive is configured in its mkdocs.yml, where MkDocs users look; flags win; --config works from elsewhere."""
from __future__ import annotations

import re
import shutil
import socket
import time
import urllib.request
from pathlib import Path
import subprocess

import pytest

from arshif.build.project import ConfigError, project
from sitebuild import REPO, SEED_IDS, arshif_command, copy_project, run_arshif


def _archive(tmp_path: Path, edit=None) -> Path:
    root = copy_project(tmp_path / "archive")
    shutil.copytree(REPO / "source_articles", root / "source_articles", dirs_exist_ok=True)
    if edit:
        config = root / "mkdocs.yml"
        config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def test_site_dir_and_docs_dir_of_mkdocs_yml_are_honoured(tmp_path):
    def edit(text):
        text = text.replace("site_dir: site", "site_dir: public").replace("docs_dir: docs", "docs_dir: pages")
        return text
    root = _archive(tmp_path, edit)
    (root / "docs").rename(root / "pages")
    proc = run_arshif(["build"], cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert (root / "public" / "index.html").is_file() and not (root / "site").exists()
    assert (root / "pages" / "articles" / f"{SEED_IDS[0]}.md").is_file() and not (root / "docs").exists()


def test_config_from_another_folder_works_on_that_archive(tmp_path):
    root = _archive(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = run_arshif(["build", "--config", str(root / "mkdocs.yml")], cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert (root / "site" / "articles" / f"{SEED_IDS[0]}.html").is_file()
    assert list(elsewhere.iterdir()) == [], "nothing is written where the command was run"


def test_extra_arshif_block_sets_the_sources_and_a_flag_wins(tmp_path):
    def edit(text):
        return text + "\nextra:\n  arshif:\n    sources: raw\n    jobs: 1\n"
    root = _archive(tmp_path, edit)
    (root / "source_articles").rename(root / "raw")
    found = project(root / "mkdocs.yml")
    assert found.sources == root / "raw" and found.jobs == 1
    assert run_arshif(["preprocess"], cwd=root).returncode == 0
    assert len(list((root / "docs" / "articles").glob("*.md"))) == 5
    only_one = root / "one"
    only_one.mkdir()
    shutil.copy(root / "raw" / f"{SEED_IDS[2]}.txt", only_one)
    proc = run_arshif(["preprocess", "--sources", str(only_one), "--allow-removal"], cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert [p.stem for p in (root / "docs" / "articles").glob("*.md")] == [SEED_IDS[2]]


@pytest.mark.parametrize("block, key", [("extra:\n  arshif:\n    sorces: x\n", "extra.arshif.sorces"),
                                        ("extra:\n  arshif:\n    jobs: many\n", "extra.arshif.jobs"),
                                        ("extra:\n  arshif:\n    rules: rules\n", "extra.arshif.rules")])
def test_a_wrong_key_is_refused_naming_the_file_and_the_key(tmp_path, block, key):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n" + block, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(key)):
        project(config)
    proc = run_arshif(["preprocess"], cwd=tmp_path)
    assert proc.returncode == 2 and str(config.name) in proc.stderr and key in proc.stderr


def test_mkdocs_tags_do_not_stop_the_reading(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_dir: out\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\nextra:\n  key: !ENV X\n",
                      encoding="utf-8")
    assert project(config).site == tmp_path / "out"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def test_serve_preprocesses_first_and_reloads_after_an_article_is_edited(tmp_path):
    root = _archive(tmp_path)
    port = _free_port()
    serve = subprocess.Popen(arshif_command() + ["serve", "-a", f"127.0.0.1:{port}", "--poll", "0.3"], cwd=root,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    page = f"http://127.0.0.1:{port}/articles/{SEED_IDS[2]}.html"
    try:
        deadline = time.monotonic() + 90
        while "<html" not in _get(page) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "<html" in _get(page), "the article page was never served"
        source = root / "source_articles" / f"{SEED_IDS[2]}.txt"
        text = source.read_text(encoding="utf-8-sig")
        source.write_text("عنوان جديد كتبه المحرر للتجربة\n" + text, encoding="utf-8")
        deadline = time.monotonic() + 90
        while "عنوان جديد كتبه المحرر للتجربة" not in _get(page) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "عنوان جديد كتبه المحرر للتجربة" in _get(page), "the edited article was not served again"
    finally:
        serve.terminate()
        serve.wait(20)
    # Ending arshif ended MkDocs: nothing answers on the port any more, and the preview config is gone.
    deadline = time.monotonic() + 20
    while _get(page) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _get(page), "MkDocs outlived arshif serve"
    assert not (root / ".arshif-serve.yml").exists()


@pytest.mark.parametrize("line, warned", [("", True), ("site_url: https://example.org/arshif/\n", True),
                                          ("site_url: http://news.test/\n", True),
                                          ("site_url: https://archive.alriyadh.com/\n", False)])
def test_a_missing_or_placeholder_site_url_is_warned_about(tmp_path, line, warned):
    from arshif.build.project import site_url_warning

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n" + line, encoding="utf-8")
    assert bool(site_url_warning(config)) is warned
