"""chrome: the page-chrome rules of rules/chrome.yaml, loaded, checked and arranged for speed.

match_chrome answers which rule (if any) claims a whole line in a region; split_glued_chrome cuts chrome stuck
to the end of a body line. The cleaner (clean.py) decides what each line is; this module only knows the rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..rules import Problem, RulesError, cached_rules, compile_pattern, load_yaml_files, require
from ..rules.pattern_shape import rule_shape
from ..text.helpers import squash_spaces, visible

WHERE = ("anywhere", "head", "tail")
# Only this much of a line's end is searched for glued chrome: keeps long lines linear.
_GLUED_WINDOW = 300
# Back-references and conditionals: a rule using them cannot be joined with others into one regex.
_UNJOINABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@dataclass(frozen=True)
class ChromeRule:
    id: str
    group: str
    pattern: re.Pattern
    where: str
    glued: Optional[re.Pattern]  # suffix pattern for chrome stuck to the end of a body line
    starts_box: bool
    examples: tuple[str, ...]
    glued_core: Optional[re.Pattern] = None  # the `glued:` regex as written


@cached_rules
def chrome_rules() -> tuple[ChromeRule, ...]:
    rules: list[ChromeRule] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for file, doc in load_yaml_files("chrome.yaml"):
        groups = doc.get("groups") if isinstance(doc, dict) else None
        if not isinstance(groups, dict):
            problems.append(Problem(file, "groups", "must be a mapping of group name to a list of rules"))
            continue
        for group, entries in groups.items():
            if not isinstance(entries, list):
                problems.append(Problem(file, f"groups.{group}", "must be a list of rules"))
                continue
            for n, entry in enumerate(entries):
                key = f"groups.{group}[{n}]"
                if not require(entry, {"id": str, "pattern": str}, file, key, problems):
                    continue
                if entry["id"] in seen:
                    problems.append(Problem(file, f"{key}.id", f"duplicate rule id {entry['id']!r}"))
                seen.add(entry["id"])
                where = entry.get("where", "anywhere")
                if where not in WHERE:
                    problems.append(Problem(file, f"{key}.where", f"must be one of {', '.join(WHERE)}"))
                pattern = compile_pattern(entry["pattern"], file, f"{key}.pattern", problems)
                if pattern is None:
                    continue
                glued = core = None
                if entry.get("glued") is not None:
                    core = compile_pattern(entry["glued"], file, f"{key}.glued", problems)
                    glued = re.compile(r"(?:^|\s)(?:" + core.pattern + r")\s*$") if core else None
                examples = tuple(entry.get("examples") or ())
                for ex in examples:
                    if not pattern.match(squash_spaces(visible(str(ex)))):
                        problems.append(Problem(file, f"{key}.examples", f"example {ex!r} does not match the pattern"))
                rules.append(ChromeRule(entry["id"], group, pattern, where, glued, bool(entry.get("starts_box")), examples, core))
    if problems:
        raise RulesError(problems)
    return tuple(rules)


@dataclass(frozen=True)
class _ChromeIndex:
    """The chrome rules arranged for speed; the answers are those of trying every rule in file order."""

    any_in: dict  # region -> one pattern matching a line iff some rule of `joined` for that region matches it (or None)
    glued: tuple  # (rule, literals or None): literals of which any glued match contains one
    # region -> the rules left out of any_in, each (pattern, longest line it can match or None, literals of which
    # its every match holds one or None): rules that scan the line (".{0,120}X", a lookahead) cost more joined
    # with the others than alone (a 400-character line: 24 us joined, 11 us apart), and alone they are skipped
    # by length or by a substring test.
    scanning: dict = None


# A few substring tests are cheaper than the regex; many are not (a rule whose first word is one of 14 fails fast).
_MAX_NEEDS = 8


def _apart(shape) -> bool:
    """Whether a rule is tried apart from the joined ones: it scans the line and has a cheap pre-test."""
    literal_start, longest, needs = shape
    return not literal_start and (longest is not None or (needs is not None and len(needs) <= _MAX_NEEDS))


@cached_rules
def _chrome_index() -> _ChromeIndex:
    rules = chrome_rules()
    shapes = {}
    for r in rules:
        _, longest, needs = shape = rule_shape(r.pattern)
        shapes[r.id] = (_apart(shape), longest, needs if needs is not None and len(needs) <= _MAX_NEEDS else None)
    any_in, scanning = {}, {}
    for region in WHERE:
        mine = [r for r in rules if r.where in ("anywhere", region)] if region != "anywhere" else \
            [r for r in rules if r.where == "anywhere"]
        joined = _alternation([r.pattern for r in mine if not shapes[r.id][0]])
        if joined is None:  # cannot be joined: every rule in the one alternation (or none), as before
            any_in[region], scanning[region] = _alternation([r.pattern for r in mine]), ()
            continue
        any_in[region] = joined
        scanning[region] = tuple((r.pattern, *shapes[r.id][1:]) for r in mine if shapes[r.id][0])
    glued = tuple((r, _leading_literals(r.glued_core)) for r in rules if r.glued is not None)
    return _ChromeIndex(any_in, glued, scanning)


def _alternation(patterns: list[re.Pattern]) -> Optional[re.Pattern]:
    """One regex that matches where any of `patterns` matches (None when that cannot be built safely)."""
    if not patterns or any(p.flags & ~re.UNICODE or _UNJOINABLE.search(p.pattern) for p in patterns):
        return None  # flags, back-references and conditionals do not survive being joined
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:  # e.g. the same group name in two rules
        return None


def _leading_literals(pattern: Optional[re.Pattern]) -> Optional[tuple[str, ...]]:
    """Texts of which every match of `pattern` contains one: the literal start of each of its alternatives.

    None when the pattern does not start with literals (then every line is searched). Used as a pre-test:
    a few substring searches are much cheaper than a regex search at every position of the window.
    """
    if pattern is None or pattern.flags & ~re.UNICODE:
        return None
    try:
        from re import _parser as sre_parse  # the parser behind re.compile (Python 3.11+)
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    try:
        nodes = list(sre_parse.parse(pattern.pattern))
        while nodes and nodes[0][0] is sre_parse.SUBPATTERN:
            if nodes[0][1][1] or nodes[0][1][2]:
                return None  # a group with its own flags, "(?i:...)"
            nodes = list(nodes[0][1][-1])
        branches = nodes[0][1][1] if nodes and nodes[0][0] is sre_parse.BRANCH else [nodes]
        out = []
        for branch in branches:
            chars = []
            for op, arg in branch:
                if op is not sre_parse.LITERAL:
                    break
                chars.append(chr(arg))
            if not chars:
                return None
            out.append("".join(chars))
        return tuple(out)
    except Exception:  # an unusual shape: no pre-test, the regex alone decides
        return None


def match_chrome(text: str, region: str) -> Optional[ChromeRule]:
    """The first chrome rule matching the whole (visible, squashed) line, for a line in `region`."""
    index = _chrome_index()
    key = region if region in index.any_in else "anywhere"
    any_in = index.any_in[key]
    if any_in is not None and any_in.match(text) is None and not _scanning_match(text, index.scanning[key]):
        return None  # no rule matches: one regex call (and a few cheap tests) instead of one per rule
    for rule in chrome_rules():
        if rule.where != "anywhere" and rule.where != region:
            continue
        if rule.pattern.match(text):
            return rule
    return None


def _scanning_match(text: str, scanning: tuple) -> bool:
    """Whether a rule tried apart matches: each skipped when the line is too long for it or holds none of the
    texts its matches need (plain loops: this runs for every line of every page)."""
    size = len(text)
    for pattern, longest, needs in scanning:
        if longest is not None and size > longest:
            continue
        if needs is not None:
            for n in needs:
                if n in text:
                    break
            else:
                continue
        if pattern.match(text):
            return True
    return False


def split_glued_chrome(text: str) -> tuple[str, Optional[tuple[str, str]]]:
    """Cut chrome stuck to the end of a body line: returns (body part, (chrome text, rule id) or None)."""
    window_start = max(0, len(text) - _GLUED_WINDOW)
    window = text[window_start:]
    for rule, literals in _chrome_index().glued:
        if literals is not None and not any(lit in window for lit in literals):
            continue  # the window holds none of the phrases the rule starts with: it cannot match
        m = rule.glued.search(window)
        if m and m.start() > 0:  # a whole-line match is handled by match_chrome
            cut = window_start + m.start()
            return text[:cut].rstrip(), (text[cut:].strip(), rule.id)
    return text, None
