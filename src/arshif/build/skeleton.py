"""`arshif new DIR`: a ready archive folder, as `mkdocs new` makes a project.

What an archive needs besides its articles (mkdocs.yml, the theme overrides, the hooks, the hand-written files
of docs/: fonts, stylesheets, scripts, the about page) ships inside the wheel as `arshif/skeleton/`, copied there
from this repository when the wheel is built (setup.py). In a checkout the repository itself is the skeleton: the
seeds' archive is built from the same files that a new archive gets.

Standard library only at the top: setup.py loads this file by path before arshif is installed.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Iterator, Optional

# What an archive takes from the skeleton; docs/ only its hand-written files (never a generated page).
PARTS = ("mkdocs.yml", "overrides", "hooks", "docs")
_GENERATED = {".arshif", "articles", "originals", "entities", "events", "outlets", "search", "index-data",
              "timeline", "report", "index.md", "report.md", "timeline.md"}
_SKIP = {"__pycache__", ".DS_Store"}
_PLACEHOLDER_URL = re.compile(r"^site_url:.*$", re.MULTILINE)

ARCHIVE_README = """# {name}

An archive of Arabic news articles built with arshif.

- Put one plain-text file per article (as copied from a news page) into `source_articles/`.
- `arshif build` turns them into the site in `site/` (open `site/index.html`, or publish the folder);
  `arshif serve` serves it at http://127.0.0.1:8000/ and rebuilds when an article changes.
- Correct a field by hand in `source_articles/<name>.meta.yaml` (title, date, author, outlet ...).
- Teach the extractor your outlets, page chrome or spellings in `rules/` (see rules/README.md).
- Set `site_url` in mkdocs.yml to the address you publish at: until then no canonical link, sitemap, RSS feed
  or citation URL is written (arshif invents no address; `arshif build` says so).
"""

RULES_README = """# Rules of this archive

Files here extend the rules arshif ships (same names, same shape); each is checked when a build starts and a
problem stops the build naming the file and the key. For example, `outlets.yaml`:

```yaml
outlets:
  - id: my-paper
    name: صحيفة المثال
    kind: newspaper
    country: SA
    aliases: [المثال]
```

and `chrome.yaml` for lines of your sites' pages that are not article text:

```yaml
groups:
  navigation:
    - id: my-site-menu
      pattern: '^(القائمة الرئيسية|خريطة الموقع)$'
      examples: ["خريطة الموقع"]
```
"""


class SkeletonError(ValueError):
    pass


def skeleton_dir() -> Optional[Path]:
    """The packaged skeleton, or the checkout this module runs from; None if neither is there."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "skeleton"
    if (packaged / "mkdocs.yml").is_file():
        return packaged
    checkout = here.parents[3]
    if (checkout / "mkdocs.yml").is_file() and (checkout / "overrides").is_dir():
        return checkout
    return None


def _generated(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / ".arshif" / "manifest.json").read_text(encoding="utf-8")).get("files", {}))
    except (OSError, ValueError):
        return set()


def skeleton_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(path in the archive, file) for every file an archive takes from `root`, in a stable order."""
    generated = _generated(root / "docs")
    for part in PARTS:
        src = root / part
        if src.is_file():
            yield part, src
            continue
        for path in sorted(src.rglob("*")):
            rel = path.relative_to(src)
            if not path.is_file() or _SKIP & set(rel.parts):
                continue
            if part == "docs" and (rel.parts[0] in _GENERATED or rel.as_posix() in generated):
                continue
            yield f"{part}/{rel.as_posix()}", path


def copy_skeleton(root: Path, target: Path) -> int:
    """Copy the skeleton of `root` into `target` (setup.py uses this for the wheel). Returns the files copied."""
    count = 0
    for rel, path in skeleton_files(root):
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        count += 1
    return count


def new_archive(dest: Path) -> list[str]:
    """Make a ready archive in `dest` (new or empty). Returns what was written, for the summary."""
    root = skeleton_dir()
    if root is None:
        raise SkeletonError("this installation of arshif carries no archive skeleton (reinstall arshif)")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise SkeletonError(f"{dest} exists and is not an empty folder: nothing was written")
    written = []
    for rel, path in skeleton_files(root):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel == "mkdocs.yml":
            # The skeleton's address is nobody's: a new archive starts without one, and the build says so.
            text = _PLACEHOLDER_URL.sub("# site_url: https://example.org/my-archive/   (the address you publish at)",
                                        path.read_text(encoding="utf-8"), count=1)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(path, target)
        written.append(rel)
    (dest / "source_articles").mkdir()
    (dest / "rules").mkdir()
    (dest / "rules" / "README.md").write_text(RULES_README, encoding="utf-8")
    (dest / "README.md").write_text(ARCHIVE_README.format(name=dest.resolve().name), encoding="utf-8")
    (dest / ".gitignore").write_text("site/\n.arshif-cache/\n.arshif-serve.yml\ndocs/.arshif/lock\n", encoding="utf-8")
    return written + ["source_articles/", "rules/README.md", "README.md", ".gitignore"]
