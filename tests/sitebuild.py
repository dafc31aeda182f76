"""Shared fixtures: a site built once per session from the seeds, a local web server, headless Chromium.

Builds never touch the real docs/ or site/: the project layout (sources, hand-written docs, mkdocs.yml,
theme overrides, hooks) is copied into a temporary folder and `arshif build` runs there.
"""
from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What `arshif build` writes into docs/: never copied from the working tree into a test build.
GENERATED_DOCS = {".arshif", "articles", "originals", "index.md", "report.md"}
# Copied as they are: everything else the build reads.
PROJECT_PARTS = ("source_articles", "mkdocs.yml", "overrides", "hooks")
# The address test builds publish at. The repository's own mkdocs.yml has a placeholder (example.org), under
# which arshif writes no absolute address at all (no canonical link, sitemap, RSS feed or citation URL); tests
# of absolute addresses need a site_url that names a real-looking host, which reserved names (example.*, *.test,
# *.invalid) never do. Nothing is fetched from it. copy_project(..., site_url=None) keeps the placeholder.
PUBLIC_URL = "https://arshif.news.sa/arshif/"

SEED_IDS = (
    "000_e0a6176e52ffac07",
    "001_ff7773075fd73b1f",
    "002_dbecf9ef6e395945",
    "003_50ac9ffaa13a6bae",
    "004_70d2209a2d92bf08",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/pages/*.md from the current output (review the diff like code)",
    )


# ---------------------------------------------------------------- building


def _generated_by_manifest(docs: Path) -> set[str]:
    manifest = docs / ".arshif" / "manifest.json"
    try:
        return set(json.loads(manifest.read_text(encoding="utf-8")).get("files", {}))
    except (OSError, ValueError):
        return set()


def copy_project(dest: Path, repo: Path = REPO, site_url: Optional[str] = PUBLIC_URL) -> Path:
    """Copy what a build reads into `dest`; of docs/ only the hand-written files. mkdocs.yml's site_url becomes
    `site_url` (None: left as the repository has it)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = repo / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    if site_url is not None:
        config = dest / "mkdocs.yml"
        text, count = re.subn(r"(?m)^site_url:.*$", f"site_url: {site_url}", config.read_text(encoding="utf-8"))
        assert count == 1, "mkdocs.yml has no site_url line to set"
        config.write_text(text, encoding="utf-8")
    docs = repo / "docs"
    generated = _generated_by_manifest(docs)
    for src in sorted(docs.rglob("*")):
        rel = src.relative_to(docs)
        if rel.parts[0] in GENERATED_DOCS or rel.as_posix() in generated or not src.is_file():
            continue
        target = dest / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    return dest


def arshif_command() -> list[str]:
    """The installed console script of this venv, else the module."""
    script = Path(sys.executable).parent / "arshif"
    return [str(script)] if script.exists() else [sys.executable, "-m", "arshif.cli"]


def load_hook(name: str):
    """hooks/<name>.py loaded as a module of its own (a fresh one each call), as MkDocs loads a hook."""
    spec = importlib.util.spec_from_file_location(f"arshif_test_hook_{name}", REPO / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def site_without_hook(built: "BuiltSite", hook: str, dest: Path) -> Path:
    """The built project's site made again by MkDocs with hooks/<hook>.py taken out of its mkdocs.yml: the site
    folder (dest/plain), for a comparison with built.site."""
    project = dest / "project"
    shutil.copytree(built.root, project, ignore=shutil.ignore_patterns("site"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = f"  - hooks/{hook}.py\n"
    assert line in text
    config.write_text(text.replace(line, ""), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(dest / "plain")], cwd=project,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    return dest / "plain"


def run_arshif(args: list[str], cwd: Path, env: Optional[dict] = None, timeout: float = 300) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    # The build must be reproducible on its own: no date pinned from outside, no banner noise.
    full_env.pop("SOURCE_DATE_EPOCH", None)
    full_env["NO_MKDOCS_2_WARNING"] = "1"
    full_env.update(env or {})
    return subprocess.run(arshif_command() + args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


@dataclass
class BuiltSite:
    root: Path  # the temporary project folder
    seconds: float  # wall time of `arshif build`
    stdout: str
    stderr: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def docs(self) -> Path:
        return self.root / "docs"


def build_project(root: Path, env: Optional[dict] = None) -> BuiltSite:
    start = time.perf_counter()
    proc = run_arshif(["build"], cwd=root, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        pytest.fail(f"arshif build failed with status {proc.returncode} in {root}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}", pytrace=False)
    return BuiltSite(root, seconds, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The seeds built once per session (read-only for tests: copy before changing anything)."""
    root = copy_project(tmp_path_factory.mktemp("build") / "project")
    built = build_project(root)
    print(f"\narshif build of {len(SEED_IDS)} seeds: {built.seconds:.2f} s")
    return built


# ---------------------------------------------------------------- serving


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2"}

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass


@pytest.fixture(scope="session")
def site_server(built_site: BuiltSite):
    """The built site over http on a free local port; yields the origin, e.g. http://127.0.0.1:40123."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- browsing


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@dataclass(repr=False)
class Watch:
    """One browser page with everything it requested and every error it printed."""

    page: object
    origin: str  # the only web origin the site may load from
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Watch({self.origin!r}, {len(self.requests)} requests)"

    def allowed(self, url: str) -> bool:
        return url.startswith((self.origin + "/", "file://", "data:", "blob:", "about:"))

    def outside(self) -> list[str]:
        return [u for u in self.requests if not self.allowed(u)]

    def check(self) -> None:
        """Fail on any request that left the site, any console error, uncaught exception or failed load."""
        problems = []
        for label, items in (("request outside the site", self.outside()), ("console error", self.console_errors),
                             ("uncaught page error", self.page_errors), ("failed request", self.failed),
                             ("error response", self.bad_status)):
            problems += [f"{label}: {item}" for item in dict.fromkeys(items)]  # each once, in order
        assert not problems, "\n".join(problems)


def _open_watch(browser, origin: str, **context_args) -> tuple[object, Watch]:
    context = browser.new_context(**context_args)
    # Anything not local is aborted at once (and reported by Watch.check): no test waits on a network.
    context.route(re.compile(r"^(?!" + re.escape(origin) + r"/|file:|data:|blob:|about:)"), lambda route: route.abort())
    page = context.new_page()
    watch = Watch(page, origin)
    page.on("request", lambda r: watch.requests.append(r.url))
    page.on("console", lambda m: watch.console_errors.append(f"{m.location.get('url')}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    # ERR_ABORTED is a load cancelled by the next navigation (often the favicon), not a missing file.
    page.on("requestfailed", lambda r: watch.failed.append(f"{r.url} ({r.failure})") if "ERR_ABORTED" not in (r.failure or "") else None)
    page.on("response", lambda r: watch.bad_status.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
    return context, watch


@pytest.fixture(params=["http", "file"])
def site_url(request, built_site: BuiltSite):
    """Base URL of the built site (ends with '/'), once over http and once from file://."""
    if request.param == "http":
        return request.getfixturevalue("site_server") + "/"
    return built_site.site.as_uri() + "/"


@pytest.fixture
def watch(browser, site_url: str):
    """A fresh browser context and page on the site, light colour scheme, recording requests and errors."""
    origin = site_url.rstrip("/") if site_url.startswith("http") else "file://"
    context, w = _open_watch(browser, origin, color_scheme="light", viewport={"width": 1280, "height": 900})
    try:
        yield w
    finally:
        context.close()


@pytest.fixture
def open_watch(browser):
    """Factory for extra pages with other context options: open_watch(origin, **context_args) -> Watch."""
    contexts = []

    def make(origin: str, **context_args) -> Watch:
        context, w = _open_watch(browser, origin, **context_args)
        contexts.append(context)
        return w

    yield make
    for context in contexts:
        context.close()


def examples(n: int) -> int:
    """Hypothesis examples for a property test: n in `make test`, ten times more under `make fuzz`."""
    return n * 10 if os.environ.get("ARSHIF_HYPOTHESIS_PROFILE") == "fuzz" else n
