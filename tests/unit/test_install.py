"""arshif as an installed tool (issue 18): the wheel carries the archive skeleton; `arshif new` + articles +
`arshif build` give a site in any folder, with no file of this checkout in sight."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sitebuild import REPO, SEED_IDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A non-editable `pip install` of a wheel built from this tree, into a folder of its own (the venv's
    dependencies are reused: the point is arshif's own files, not downloading MkDocs again)."""
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    wheel = next(wheels.glob("arshif-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("arshif/skeleton/mkdocs.yml", "arshif/skeleton/overrides/main.html",
                   "arshif/skeleton/docs/stylesheets/arshif.css", "arshif/rules/outlets.yaml"):
        assert needed in names, f"the wheel lacks {needed}"
    assert not any(n.startswith("arshif/skeleton/docs/articles/") for n in names), "generated pages are not shipped"
    target = work / "site-packages"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return target


def _arshif(target: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(target), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "arshif.cli", *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_new_then_build_in_a_fresh_folder_gives_the_site(installed, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed)}
    origin = subprocess.run([sys.executable, "-c", "import arshif; print(arshif.__file__)"], env=env, cwd=tmp_path,
                            capture_output=True, text=True).stdout
    assert origin.startswith(str(installed)), f"arshif came from {origin}, not from the installed wheel"
    archive = tmp_path / "x"
    proc = _arshif(installed, "new", str(archive), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for part in ("mkdocs.yml", "overrides", "hooks", "source_articles", "rules/README.md", "README.md"):
        assert (archive / part).exists(), part
    assert "site_url:" not in (archive / "mkdocs.yml").read_text(encoding="utf-8").replace("# site_url:", "")
    for name in SEED_IDS:
        shutil.copy(REPO / "source_articles" / f"{name}.txt", archive / "source_articles")
    proc = _arshif(installed, "build", cwd=archive)
    assert proc.returncode == 0, proc.stderr
    for name in SEED_IDS:
        assert (archive / "site" / "articles" / f"{name}.html").is_file()
    assert (archive / "site" / "index.html").is_file() and (archive / "site" / "search" / "index.html").is_file()


def test_new_refuses_a_folder_that_holds_files(installed, tmp_path):
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    proc = _arshif(installed, "new", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2 and "not an empty folder" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
