"""What a rule's regex can match, read from its parse (the stdlib's own parser): for pre-tests that skip a rule
cheaply where it cannot match, never changing what it matches.

    literal_start(p)   every match starts with literal text ("^(الرئيسية|أخبار|...)"): joined with other such
                       rules, the alternation fails at the first character of a line of prose
    longest(p)         the longest line p.match can match, when every match runs to the line's end ("...$") or
                       a leading lookahead bounds the line ("^(?=.{0,400}$)"); None when unbounded
    needs(p)           texts of which every match holds one ("°", "{{", "جميع الحقوق محفوظة"); None when unknown

Only patterns without flags are read (IGNORECASE or MULTILINE change what the parse means); any other shape
gives the answer that tests nothing (False, None, None).
"""
from __future__ import annotations

import re
from typing import Optional

try:
    from re import _constants as C, _parser as P  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_UNBOUNDED = 1 << 30  # getwidth()'s "any length" is MAXREPEAT or more
Shape = tuple[bool, Optional[int], Optional[tuple[str, ...]]]


def rule_shape(pattern: re.Pattern) -> Shape:
    """(literal_start, longest, needs) of a compiled pattern; see the module's docstring."""
    if pattern.flags & ~re.UNICODE:
        return False, None, None
    try:
        tree = P.parse(pattern.pattern)
        return _literal_start(list(tree)), _longest(tree), _needs(list(tree))
    except Exception:  # an unusual shape: no pre-test, the regex alone decides
        return False, None, None


def _plain_group(op, av) -> bool:
    return op is C.SUBPATTERN and not av[1] and not av[2]  # a group without its own flags


def _literal_start(seq: list) -> bool:
    seq = [n for n in seq if not (n[0] is C.AT and n[1] is C.AT_BEGINNING)]
    if not seq:
        return False
    op, av = seq[0]
    if op is C.LITERAL:
        return True
    if _plain_group(op, av):
        return _literal_start(list(av[-1]))
    if op is C.BRANCH:
        return all(_literal_start(list(b)) for b in av[1])
    return False


def _ends_at_end(seq: list) -> bool:
    """Every match of the sequence ends where the text ends ($ or \\Z last on every branch)."""
    if not seq:
        return False
    op, av = seq[-1]
    if op is C.AT:
        return av in (C.AT_END, C.AT_END_STRING)
    if _plain_group(op, av):
        return _ends_at_end(list(av[-1]))
    if op is C.BRANCH:
        return all(_ends_at_end(list(b)) for b in av[1])
    return False


def _longest(tree) -> Optional[int]:
    # "$" also matches before a last "\n": one character more than the widest match.
    if _ends_at_end(list(tree)):
        hi = tree.getwidth()[1]
        if hi < _UNBOUNDED:
            return hi + 1
    for op, av in tree:  # a leading lookahead that reaches the end: "^(?=.{0,400}$)"
        if op is C.AT and av is C.AT_BEGINNING:
            continue
        if op is C.ASSERT and av[0] == 1 and _ends_at_end(list(av[1])):
            hi = av[1].getwidth()[1]
            return hi + 1 if hi < _UNBOUNDED else None
        if op is not C.ASSERT:
            break
    return None


def _leading_text(seq: list) -> str:
    chars = []
    for op, av in seq:
        if op is C.AT and av is C.AT_BEGINNING and not chars:
            continue
        if op is not C.LITERAL:
            break
        chars.append(chr(av))
    return "".join(chars)


def _needs(seq: list) -> Optional[tuple[str, ...]]:
    """Literals of which every match holds one: from the nodes every match passes through, the set whose
    shortest text is longest (a rarer text rejects more lines)."""
    options: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in seq + [(None, None)]:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(("".join(run),))
            run = []
        if op is None:
            break
        if _plain_group(op, av):
            inner = _needs(list(av[-1]))
            if inner:
                options.append(inner)
        elif op is C.BRANCH:
            branches = [_leading_text(list(b)) or _needs(list(b)) for b in av[1]]
            if all(branches):
                options.append(tuple(x for b in branches for x in ((b,) if isinstance(b, str) else b)))
    return max(options, key=lambda o: min(map(len, o)), default=None)
