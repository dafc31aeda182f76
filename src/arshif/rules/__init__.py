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


# A repeat count above this is refused: `x{4294967295}` overflows, `(x{1000}){1000}` is a million steps a try.
MAX_REPEAT_COUNT = 1000


def compile_pattern(pattern: Any, file: str, key: str, problems: list[Problem]) -> Optional[re.Pattern]:
    """Compile a rule's regex, recording a problem instead of raising.

    Patterns that can backtrack for ever are refused when loaded (see `_backtracking`): a rule runs on every line
    of every article, so one `^(ا+)+$` would hang the build on the first long line.
    """
    if not isinstance(pattern, str) or not pattern:
        problems.append(Problem(file, key, "pattern must be a non-empty string"))
        return None
    try:
        compiled = re.compile(pattern)
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        problems.append(Problem(file, key, f"bad regular expression: {exc}"))
        return None
    reason = _backtracking(pattern)
    if reason:
        problems.append(Problem(file, key, reason))
        return None
    _COMPILED.setdefault(pattern, (file, key, compiled))
    return compiled


# Every rule pattern compiled, by pattern text: when an article's analysis runs out of time, these are tried one by
# one on its lines to name the rule that backtracks (the load-time check misses some, as `(a|aa)+`).
_COMPILED: dict[str, tuple[str, str, re.Pattern]] = {}


def compiled_patterns() -> list[tuple[str, str, re.Pattern]]:
    """(file, key, compiled) of every rule pattern loaded so far, in load order."""
    return list(_COMPILED.values())


def _backtracking(pattern: str) -> Optional[str]:
    """Why `pattern` could take exponential time, or None. Checked on the parsed pattern:

    - a count above MAX_REPEAT_COUNT;
    - a nested quantifier: an unbounded repeat whose body holds another unbounded or optional repeat and nothing
      that every pass must match outside it, as in `(ا+)+`, `(\\w+\\s?)*`: the text splits between the passes in
      exponentially many ways. A body with a required literal or class, as in `(\\s*<tag>)+` or `([،,]+(word))*`,
      is safe and allowed.
    Alternations of overlapping words under a repeat (`(a|aa)+`) are not detected.
    """
    from re import _constants as C, _parser as parser  # the stdlib's own parse of the pattern (Python 3.11+)

    repeats = (C.MAX_REPEAT, C.MIN_REPEAT)

    def has_repeat(items) -> bool:
        return any(op in repeats and (av[1] == C.MAXREPEAT or av[1] > 1 or has_repeat(av[2])) or
                   op == C.SUBPATTERN and has_repeat(av[-1]) or
                   op == C.BRANCH and any(has_repeat(b) for b in av[1])
                   for op, av in items)

    def required(items) -> bool:
        """Something each match must consume outside any repeat (a literal, a class, a group of those)."""
        for op, av in items:
            if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
                return True
            if op == C.SUBPATTERN and required(av[-1]):
                return True
            if op == C.BRANCH and all(required(b) for b in av[1]):
                return True
            if op in repeats and av[0] >= 1 and not has_repeat(av[2]) and required(av[2]) and av[1] == av[0]:
                return True
        return False

    def walk(items) -> Optional[str]:
        for op, av in items:
            if op in repeats:
                low, high, body = av
                if max(low, 0 if high == C.MAXREPEAT else high) > MAX_REPEAT_COUNT:
                    return f"a repeat count above {MAX_REPEAT_COUNT} ({{{low},{'' if high == C.MAXREPEAT else high}}})"
                if (high == C.MAXREPEAT or high > MAX_REPEAT_COUNT // 10) and has_repeat(body) and not required(body):
                    return ("a nested quantifier (a repeat inside a repeat, as in '(x+)+'): it can backtrack for ever "
                            "on a long line; repeat one thing, or add text that each pass must match")
                found = walk(body)
            elif op == C.SUBPATTERN:
                found = walk(av[-1])
            elif op == C.BRANCH:
                found = next((r for r in map(walk, av[1]) if r), None)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                found = walk(av[1])
            elif op == C.GROUPREF_EXISTS:
                found = walk(av[1]) or (walk(av[2]) if av[2] else None)
            else:
                found = None
            if found:
                return found
        return None

    try:
        return walk(parser.parse(pattern))
    except (re.error, OverflowError, RecursionError):
        return None  # compiled above, so this does not happen; the compile error is the one to show


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
    problems: list[Problem] = [Problem(str(d), "-", "no such rules folder") for d in _extra_dirs if not Path(d).is_dir()]
    for loader in list(_CACHED):
        try:
            loader()
        except RulesError as exc:
            problems.extend(exc.problems)
    if problems:
        # Two loaders may read one file (a pattern compiled for two uses): each problem is shown once.
        raise RulesError(list(dict.fromkeys(problems)))
