"""The archive's editable knowledge: rules files in YAML, checked against a schema when loaded.

Each kind of rule lives in its own file (outlets.yaml, chrome.yaml, months.yaml, ...). The files shipped
with the package are read first; an archive adds its own by putting files of the same name in extra rule
folders (`arshif --rules DIR`, or a `rules/` folder next to `source_articles/`). Entries of extra files are
appended to (or, for mappings, merged over) the shipped ones: adding an outlet or a month name is a data change.

Bad rules stop the run before any article is read: `RulesError` lists every problem with file, key and reason.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import yaml

SHIPPED_DIR = Path(__file__).resolve().parent
_extra_dirs: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.reason}"


class RulesError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("bad rules:\n" + "\n".join(f"  {p}" for p in problems))


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: the rules load in 0.2 s, not 2
    """SafeLoader that refuses duplicate keys (a silent override is a bug in a hand-edited file)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def set_extra_dirs(dirs: Iterable[Path]) -> None:
    """Register the archive's own rule folders; clears every cached rule set."""
    global _extra_dirs
    _extra_dirs = tuple(Path(d) for d in dirs)
    for cached in _CACHED:
        cached.cache_clear()


def extra_dirs() -> tuple[Path, ...]:
    return _extra_dirs


def load_yaml_files(name: str) -> list[tuple[str, Any]]:
    """The parsed documents of rules file `name` (e.g. "outlets.yaml"): shipped first, then extras."""
    docs: list[tuple[str, Any]] = []
    problems: list[Problem] = []
    for folder in (SHIPPED_DIR, *_extra_dirs):
        path = folder / name
        if not path.is_file():
            continue
        shown = name if folder == SHIPPED_DIR else str(path)
        try:
            docs.append((shown, yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown, "-", f"not valid YAML: {exc}"))
    if problems:
        raise RulesError(problems)
    return docs


def compile_pattern(pattern: Any, file: str, key: str, problems: list[Problem]) -> Optional[re.Pattern]:
    """Compile a rule's regex, recording a problem instead of raising."""
    if not isinstance(pattern, str) or not pattern:
        problems.append(Problem(file, key, "pattern must be a non-empty string"))
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        problems.append(Problem(file, key, f"bad regular expression: {exc}"))
        return None


def require(entry: Any, fields: dict[str, type], file: str, key: str, problems: list[Problem]) -> bool:
    """Check that mapping `entry` has each field with the given type."""
    if not isinstance(entry, dict):
        problems.append(Problem(file, key, "must be a mapping"))
        return False
    ok = True
    for name, typ in fields.items():
        if name not in entry:
            problems.append(Problem(file, f"{key}.{name}", "missing"))
            ok = False
        elif not isinstance(entry[name], typ):
            problems.append(Problem(file, f"{key}.{name}", f"must be {getattr(typ, '__name__', typ)}"))
            ok = False
    return ok


_CACHED: list = []


def cached_rules(fn: Callable) -> Callable:
    """Cache a rules loader until the rule folders change (patterns are compiled once)."""
    wrapped = functools.lru_cache(maxsize=None)(fn)
    _CACHED.append(wrapped)
    return wrapped


def check_all() -> None:
    """Load every registered rules file, so that bad rules stop the run before any article is read.

    Each stage registers its loaders (cached_rules) when it is imported; the build imports every stage before it
    calls this, so the rules package itself never imports a stage.
    """
    problems: list[Problem] = []
    for loader in list(_CACHED):
        try:
            loader()
        except RulesError as exc:
            problems.extend(exc.problems)
    if problems:
        raise RulesError(problems)
