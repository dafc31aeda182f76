"""Where an archive's folders are: read from its mkdocs.yml, where MkDocs users look, and overridden by flags.

An archive is the folder of its mkdocs.yml. `docs_dir` and `site_dir` are MkDocs' own keys; arshif's live in
an `extra: arshif:` block that MkDocs and Zensical carry without reading:

    extra:
      arshif:
        sources: source_articles   # the raw articles
        rules: [rules]             # extra rules folders, beside the shipped ones
        jobs: 2                    # worker processes for extraction
        executor: tcp://host:8786  # or a Dask cluster for it (pip install 'arshif[dask]')

Relative paths are relative to the mkdocs.yml, so `--config elsewhere/mkdocs.yml` works on that archive's folders,
not on the current directory's. A flag given on the command line wins over the file.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

CONFIG_NAME = "mkdocs.yml"
KEYS = {  # extra.arshif key -> what it holds (README "Configuration" lists the same)
    "sources": "folder of the raw .txt articles (default source_articles)",
    "rules": "extra rules folders, a list (default: rules/ beside the sources, when it exists)",
    "jobs": "worker processes for extraction (default: every core)",
    "executor": "a Dask scheduler's address (tcp://HOST:8786) to extract on that cluster instead (default: none)",
}


class ConfigError(ValueError):
    """mkdocs.yml cannot be read, or a key of extra.arshif is wrong; the message names the file and the key."""


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags only MkDocs resolves (!!python/name:..., !ENV, !relative): read them as None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    config: Path
    sources: Path
    docs: Path
    site: Path
    rules: tuple[Path, ...]
    jobs: Optional[int]
    executor: Optional[str] = None


def read_config(config: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 (safe subclass)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{config}: cannot be read as YAML ({exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{config}: must be a mapping of MkDocs settings")
    return data


def lists_hook(config: Path, name: str) -> bool:
    """Whether MkDocs, reading `config`, loads the hook file `name` (as hooks/name, beside the config). An
    INHERITed parent's hooks count when the config names none (MkDocs replaces lists, it does not merge them)."""
    seen: set[Path] = set()
    current = Path(config)
    while current.is_file() and current.resolve() not in seen:
        seen.add(current.resolve())
        try:
            data = read_config(current)
        except ConfigError:
            return False
        hooks = data.get("hooks")
        if hooks is not None:
            return isinstance(hooks, list) and any(
                isinstance(h, str) and Path(h).name == name and (Path(config).parent / h).is_file() for h in hooks)
        parent = data.get("INHERIT")
        if not isinstance(parent, str):
            return False
        current = current.parent / parent
    return False


def _folder(config: Path, value: Any, key: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{config}: {key} must be a folder name")
    path = Path(value)
    return path if path.is_absolute() else config.parent / path


def project(config: Path) -> Project:
    """The archive of `config` (which may not exist yet: MkDocs' defaults then)."""
    data = read_config(config) if config.is_file() else {}
    extra = data.get("extra") or {}
    ours = extra.get("arshif") or {} if isinstance(extra, dict) else {}
    if not isinstance(ours, dict):
        raise ConfigError(f"{config}: extra.arshif must be a mapping of {', '.join(KEYS)}")
    unknown = sorted(set(ours) - set(KEYS))
    if unknown:
        raise ConfigError(f"{config}: extra.arshif.{unknown[0]} is not a setting (known: {', '.join(KEYS)})")
    rules = ours.get("rules") or []
    if not isinstance(rules, list):
        raise ConfigError(f"{config}: extra.arshif.rules must be a list of folders")
    jobs = ours.get("jobs")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ConfigError(f"{config}: extra.arshif.jobs must be a whole number of 1 or more")
    executor = ours.get("executor")
    if executor is not None and (not isinstance(executor, str) or "://" not in executor):
        raise ConfigError(f"{config}: extra.arshif.executor must be a scheduler address such as tcp://host:8786")
    return Project(
        config=config,
        sources=_folder(config, ours.get("sources", "source_articles"), "extra.arshif.sources"),
        docs=_folder(config, data.get("docs_dir", "docs"), "docs_dir"),
        site=_folder(config, data.get("site_dir", "site"), "site_dir"),
        rules=tuple(_folder(config, r, "extra.arshif.rules[]") for r in rules),
        jobs=jobs,
        executor=executor,
    )


def site_url_warning(config: Path) -> str:
    """A warning when mkdocs.yml has no real site_url (none, or a reserved example address), else "".

    The rule is permalinks.public_base's, which decides what the site files and the templates write."""
    from ..site.permalinks import public_base

    try:
        url = read_config(config).get("site_url") if config.is_file() else None
    except ConfigError:
        return ""
    if public_base(url):
        return ""
    what = (f"site_url {url} is a placeholder (a reserved example address, or not http(s))" if url
            else "no site_url")
    return (f"{config}: {what}: links inside the site work, but no address is invented: no canonical links or "
            "og:url, no sitemap.xml, no RSS feed (it needs one); atom.xml links are relative, citations carry no URL. "
            "Set site_url to the address the archive is published at")


def apply(args: argparse.Namespace) -> None:
    """Fill the folders a command did not get as flags from its archive's mkdocs.yml."""
    if not hasattr(args, "config"):
        return
    args.config = Path(args.config or CONFIG_NAME)
    found = project(args.config)
    for name in ("sources", "docs", "site"):
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, getattr(found, name))
    if hasattr(args, "rules"):
        args.rules = list(found.rules) + list(args.rules or [])
    if hasattr(args, "jobs") and args.jobs is None:
        args.jobs = found.jobs
    if hasattr(args, "executor") and args.executor is None:
        args.executor = found.executor
