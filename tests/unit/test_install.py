"""arshif as an installed tool (issue 18), as a new user gets it: in a fresh venv (`python -m venv`, no system
site-packages, nothing of this checkout on sys.path), a non-editable `pip install -c constraints.txt` of the wheel
built from this tree, then `arshif new`, five articles into its source_articles/ and `arshif build` inside it
give the site. The dependencies come from the package index pip is configured with (PyPI on CI; pip's own
cache makes a second run quicker). Slow (a minute or two): marked so. The venv is removed afterwards."""
from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sitebuild import REPO, SEED_IDS, arshif_command

pytestmark = pytest.mark.slow
BIN = "Scripts" if os.name == "nt" else "bin"  # where a venv keeps its python and console scripts


def _clean_env() -> dict:
    """The environment of a user's shell: no venv of ours active, nothing added to Python's path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _run(argv: list, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in argv], cwd=cwd, env=_clean_env(), capture_output=True, text=True,
                          timeout=timeout)


def _pins() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if m:
            pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    return pins


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """A fresh venv with the wheel of this tree installed (non-editable), and the folder the test works in."""
    work = tmp_path_factory.mktemp("install")
    try:
        wheels = work / "wheels"
        proc = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, REPO], cwd=work)
        assert proc.returncode == 0, proc.stderr
        (wheel,) = wheels.glob("arshif-*.whl")
        names = zipfile.ZipFile(wheel).namelist()
        for needed in ("arshif/skeleton/mkdocs.yml", "arshif/skeleton/overrides/main.html",
                       "arshif/skeleton/overrides/partials/arshif-public.html",
                       "arshif/skeleton/docs/stylesheets/arshif.css", "arshif/rules/outlets.yaml"):
            assert needed in names, f"the wheel lacks {needed}"
        assert not any(n.startswith("arshif/skeleton/docs/articles/") for n in names), "generated pages are not shipped"
        env_dir = work / "venv"
        proc = _run([sys.executable, "-m", "venv", env_dir], cwd=work)
        assert proc.returncode == 0, proc.stderr
        python = env_dir / BIN / "python"
        proc = _run([python, "-m", "pip", "install", "-q", "-c", REPO / "constraints.txt", wheel], cwd=work)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        yield env_dir, work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_the_fresh_venv_holds_arshif_from_the_wheel_and_only_pinned_packages(venv):
    env_dir, work = venv
    python = env_dir / BIN / "python"
    proc = _run([python, "-c", "import arshif; print(arshif.__file__)"], cwd=work)
    origin = proc.stdout.strip()
    assert Path(origin).resolve().is_relative_to(env_dir.resolve()), f"arshif came from {origin}, not from the venv"
    assert not Path(origin).resolve().is_relative_to(REPO / "src")
    proc = _run([python, "-m", "pip", "list", "--format=freeze", "--exclude-editable"], cwd=work)
    assert proc.returncode == 0, proc.stderr
    pins = _pins()
    loose = []
    for line in proc.stdout.splitlines():
        name, _, version = line.partition("==")
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in ("pip", "setuptools", "arshif"):
            continue  # the venv's own installer, and the package under test
        if pins.get(key) != version:
            loose.append(f"{line} (constraints.txt: {pins.get(key, 'not pinned')})")
    assert not loose, "installed but not as constraints.txt pins them: " + ", ".join(loose)
    proc = _run([python, "-m", "pip", "check"], cwd=work)
    assert proc.returncode == 0, proc.stdout


def test_new_then_build_in_a_fresh_folder_gives_the_site(venv, tmp_path):
    env_dir, _ = venv
    arshif = env_dir / BIN / "arshif"
    archive = tmp_path / "x"
    proc = _run([arshif, "new", archive], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for part in ("mkdocs.yml", "overrides", "hooks", "source_articles", "rules/README.md", "README.md"):
        assert (archive / part).exists(), part
    assert "site_url:" not in (archive / "mkdocs.yml").read_text(encoding="utf-8").replace("# site_url:", "")
    for name in SEED_IDS:
        shutil.copy(REPO / "source_articles" / f"{name}.txt", archive / "source_articles")
    twin = tmp_path / "twin"
    shutil.copytree(archive, twin)
    proc = _run([arshif, "build"], cwd=archive)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = archive / "site"
    for name in SEED_IDS:
        assert (site / "articles" / f"{name}.html").is_file()
    assert (site / "index.html").is_file() and (site / "search" / "index.html").is_file()
    assert (site / "atom.xml").is_file() and (site / "archive.json").is_file()
    # No site_url yet: said once, and no address invented (no sitemap, no RSS feed, no canonical link).
    assert proc.stderr.count("no site_url") == 1, proc.stderr
    assert not (site / "sitemap.xml").exists() and not (site / "feed.xml").exists()
    assert not any(b'rel="canonical"' in p.read_bytes() for p in site.rglob("*.html"))

    # The same folder built by this checkout's arshif: the same site, byte for byte.
    proc = _run([*arshif_command(), "build"], cwd=twin)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    mine = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(twin / "site").as_posix() for p in (twin / "site").rglob("*") if p.is_file())
    assert mine == theirs
    differ = [rel for rel in mine if not filecmp.cmp(site / rel, twin / "site" / rel, shallow=False)]
    assert not differ, differ


def test_new_refuses_a_folder_that_holds_files(venv, tmp_path):
    env_dir, _ = venv
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    proc = _run([env_dir / BIN / "arshif", "new", tmp_path], cwd=tmp_path)
    assert proc.returncode == 2 and "not an empty folder" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
