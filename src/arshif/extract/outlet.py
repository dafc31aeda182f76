"""Who published an article: the outlet, from its signature, a wire credit or a self-reference.

The names live in rules/outlets.yaml; this module only knows the shapes in which a page prints them.
Evidence, most direct first:
  1. a line of its own that is the outlet's signature or copyright footer ("printed");
  2. a wire credit opening the body, "(كونا) --", "الرياض - واس -" ("printed");
  3. the body speaking of itself, "قال لـ«الشرق الأوسط» إن", "في تصريح خاص للاتحاد" ("inferred").
A republished article names the site that printed it: its own footer wins over a wire credit in the body.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..models import Field
from ..recognise.byline import wire_credit
from ..recognise.outlet_names import OutletMatch, _match, lookup, tidy
from ..recognise.outlets import _self_references, outlet_line
from ..recognise import outlet_structure as structure


# ---------------------------------------------------------------------------------------------- the field
def _describe(rule: str, evidence: str, place: str) -> str:
    what = {"outlet-signature": "signature line", "outlet-copyright": "copyright footer",
            "outlet-source-label": "source label", "outlet-qualified-name": "outlet label",
            "outlet-name-line": "outlet name on a line of its own",
            "outlet-name-under-headline": "outlet name on its own line under the headline"}.get(rule, rule)
    return f"{what} '{evidence}' {place}"


def find_outlet(*, head: Sequence[str], body: Sequence[str], tail: Sequence[str], name_lines: Sequence[str] = (),
                page: Sequence[str] = ()) -> Field:
    """The outlet that published the article, with its basis. See the module docstring for the order.

    `name_lines`: short lines of their own under the headline; `page`: a whole page's lines outside the article
    (menus, notices, footers), read only for a site naming itself, never for a bare name (menus are full of them).
    """
    printed: list[tuple[int, OutletMatch, str]] = []  # (rank, match, where)
    rank = {"outlet-signature": 0, "outlet-copyright": 0, "outlet-name-line": 1, "outlet-qualified-name": 1,
            "outlet-source-label": 2}
    for lines, where, label in ((tail, "tail", "below the body"), (head, "head", "above the body")):
        for line in reversed(lines) if where == "tail" else lines:
            m = outlet_line(line, where=where)
            if m:
                printed.append((rank[m.rule], m, label))
    for line in name_lines:
        found = lookup(tidy(line).strip(_EDGE_MARKS))
        if found:  # the line under the headline is where outlets stand: a common word counts there
            printed.append((1, _match(found, "outlet-name-under-headline", line), "under the headline"))
    # A scrape may leave the signature as the first or last body paragraph.
    for line, where, label in ((body[:1], "head", "opening the body"), (body[-1:], "tail", "closing the body")):
        m = outlet_line(line[0], where=where) if line else None
        if m:
            printed.append((rank[m.rule] + 1, m, label))
    credit = None
    for line in [*head, *body[:1]]:
        c = wire_credit(line)
        if c and (line in body[:1] or tidy(c[1]) == tidy(line).rstrip()):
            credit = c
            break
    refs = _self_references("\n".join(body))

    notes: list[tuple[str, str]] = []  # (which evidence, how the basis names it)
    if credit:
        notes.append(("credit", f"wire credit '{credit[1]}' ({credit[0].name})"))
    if refs:
        counts = Counter(h[0].name for h, _ in refs)
        notes.append(("refs", "self-references " + ", ".join(f"'{n}' x{c}" for n, c in counts.most_common())))

    def field(m: OutletMatch, kind: str, basis: str, used: str = "") -> Field:
        if m.candidates:
            basis += f"; the name is ambiguous (also {', '.join(m.candidates)})"
        others = [text for which, text in notes if which != used]
        if others:
            basis += "; also " + "; ".join(others)
        return Field(m.name, kind, basis, m.rule, m.evidence)

    if printed:
        printed.sort(key=lambda t: t[0])
        best, m, label = printed[0]
        rivals = sorted({p[1].name for p in printed if p[0] == best and p[1].name != m.name})
        if rivals:
            return Field.unknown(f"printed outlet lines disagree: '{m.evidence}' and {rivals}", "outlet-conflict")
        return field(m, "printed", "printed: " + _describe(m.rule, m.evidence, label))
    own = _from_structure([*head, *page], body, tail, name_lines, strongest=1)
    if own is not None:
        return own  # the page's own copyright or masthead outweighs a credit or a reference in the body
    if credit:
        return field(credit[0], "printed", f"printed: wire credit '{credit[1]}' opening the body", "credit")
    if refs:
        top = Counter(h[0].id for h, _ in refs).most_common()
        if len(top) > 1 and top[0][1] == top[1][1]:
            return Field.unknown("the body refers to several outlets equally: " + notes[-1][1],
                                 "outlet-self-reference")
        holders, evidence = next(r for r in refs if r[0][0].id == top[0][0])
        basis = f"inferred: the body speaks to the outlet, '{evidence}'"
        if len(top) > 1:
            basis += "; other self-references " + ", ".join(f"{i} x{c}" for i, c in top[1:])
        return field(_match(holders, "outlet-self-reference", evidence), "inferred", basis, "refs")
    return _from_structure([*head, *page], body, tail, name_lines) or Field.unknown(
        "no outlet signature, footer, wire credit or self-reference found", "outlet-none")


# Clues to a name the gazetteer lacks, strongest first: (rule, how the basis names it, kind).
_STRUCTURE = (("outlet-structure-copyright", "the copyright line", "printed"),
              ("outlet-structure-qualified", "the site naming itself", "printed"),
              ("outlet-structure-credit", "the dateline credit opening the body", "printed"),
              ("outlet-structure-name-line", "a short line of its own under the headline", "inferred"),
              ("outlet-structure-self-reference", "the body speaking to the outlet", "inferred"))


def _from_structure(head: Sequence[str], body: Sequence[str], tail: Sequence[str], name_lines: Sequence[str],
                    strongest: int = len(_STRUCTURE) - 1) -> Field | None:
    """An outlet no gazetteer knows, from where pages print their own name (recognise/outlet_structure.py).

    Each clue gives a name; the strongest clue decides, and clues naming the same outlet are listed with it.
    A clue that disagrees with a stronger one is reported in the basis, never silently dropped.
    """
    clues: list[tuple[int, str, str]] = []  # (strength, name, evidence)
    lines = [*head, *tail]
    for line in lines:
        name = structure.copyright_name(line)
        if name:
            clues.append((0, name, line))
    for line in lines:
        name = structure.qualified_name(line)
        if name:
            clues.append((1, name, line))
    credit = structure.credit_name(body[0]) if body else None
    if credit:
        clues.append((2, credit[0], credit[1]))
    for line in name_lines:
        name = structure.name_line(line)
        if name:
            clues.append((3, name, line))
    for name, evidence in structure.self_reference_names("\n".join(body))[:5]:
        clues.append((4, name, evidence))
    if not clues:
        return None
    clues.sort(key=lambda c: c[0])
    strength, name, evidence = clues[0]
    if strength > strongest:
        return None
    key = tidy(name).translate(_FOLD)
    agree = [c for c in clues[1:] if tidy(c[1]).translate(_FOLD) == key]
    disagree = sorted({c[1] for c in clues[1:] if tidy(c[1]).translate(_FOLD) != key})
    if strength >= 3 and not agree:
        # A short line or a quoted name alone is too weak to stand without a second clue.
        return None
    rule, what, kind = _STRUCTURE[strength]
    basis = f"{kind}: {what} '{evidence}' (a name the gazetteer does not list)"
    if agree:
        basis += "; also " + ", ".join(f"{_STRUCTURE[c[0]][1]} '{c[2]}'" for c in agree[:3])
    if disagree:
        basis += f"; weaker clues named {disagree[:3]}"
    return Field(name, kind, basis, rule, evidence)


_EDGE_MARKS = " -–—|*•:.·»«\"“”"
_FOLD = str.maketrans({"ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"})
