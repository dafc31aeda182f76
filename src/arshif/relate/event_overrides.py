"""An editor's decisions on events, from rules/events.yaml: names, merges, splits, words to ignore and the
words that name a kind of incident.

Checked when loaded: every problem is reported with the file and the key, before any article is read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..rules import Problem, RulesError, cached_rules, load_yaml_files
from ..text.normalize import keys

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Overrides:
    names: dict = field(default_factory=dict)  # event id -> name
    merge: tuple = ()  # (id or None, name or None, article ids)
    split: tuple = ()
    ignore: frozenset = frozenset()
    incidents: dict = field(default_factory=dict)  # word key -> bit mask of the incident kinds it names
    kinds: tuple = ()  # kind names, bit i for kinds[i]


@cached_rules
def overrides() -> Overrides:
    problems: list[Problem] = []
    names: dict[str, str] = {}
    merge: list = []
    split: list = []
    ignore: set[str] = set()
    incidents: dict[str, int] = {}
    kinds: list[str] = []
    for file, doc in load_yaml_files("events.yaml"):
        if doc is None:
            continue
        if not isinstance(doc, dict):
            problems.append(Problem(file, "-", "must be a mapping with names, merge, split, ignore_words, incidents"))
            continue
        for key in doc:
            if key not in ("names", "merge", "split", "ignore_words", "incidents"):
                problems.append(Problem(file, str(key), "unknown section"))
        for ev_id, name in (doc.get("names") or {}).items():
            if not isinstance(name, str) or not name.strip():
                problems.append(Problem(file, f"names.{ev_id}", "must be a non-empty name"))
            else:
                names[str(ev_id)] = name.strip()
        for section, target in (("merge", merge), ("split", split)):
            for i, entry in enumerate(doc.get(section) or []):
                where = f"{section}[{i}]"
                if not isinstance(entry, dict) or not isinstance(entry.get("articles"), list) or not entry["articles"]:
                    problems.append(Problem(file, where, "must be {articles: [article id, ...], id: optional, name: optional}"))
                    continue
                ev_id = entry.get("id")
                if ev_id is not None and (not isinstance(ev_id, str) or not _SLUG.match(ev_id)):
                    problems.append(Problem(file, f"{where}.id", "must be lowercase ASCII (letters, digits, - and _)"))
                    continue
                name = entry.get("name")
                if name is not None and not isinstance(name, str):
                    problems.append(Problem(file, f"{where}.name", "must be a string"))
                    continue
                if section == "merge" and len(entry["articles"]) < 2:
                    problems.append(Problem(file, where, "a merge needs two articles or more"))
                    continue
                target.append((ev_id, name, tuple(str(a) for a in entry["articles"])))
        words = doc.get("ignore_words") or []
        if not isinstance(words, list):
            problems.append(Problem(file, "ignore_words", "must be a list of words"))
        else:
            for w in words:
                ignore.update(keys(str(w)))
        _incidents(file, doc.get("incidents"), incidents, kinds, problems)
    if problems:
        raise RulesError(problems)
    return Overrides(names, tuple(merge), tuple(split), frozenset(ignore), incidents, tuple(kinds))


def _incidents(file: str, section, incidents: dict, kinds: list, problems: list) -> None:
    """incidents: {kind: [word, ...]}, one word an entry; a kind given in two files gathers both lists."""
    if section is None:
        return
    if not isinstance(section, dict):
        problems.append(Problem(file, "incidents", "must map a kind to a list of words"))
        return
    for kind, words in section.items():
        where = f"incidents.{kind}"
        if not isinstance(kind, str) or not _SLUG.match(kind):
            problems.append(Problem(file, where, "a kind must be lowercase ASCII (letters, digits, - and _)"))
            continue
        if not isinstance(words, list) or not words:
            problems.append(Problem(file, where, "must be a non-empty list of words"))
            continue
        if kind not in kinds:
            kinds.append(kind)
        bit = 1 << kinds.index(kind)
        for w in words:
            k = keys(str(w))
            if len(k) != 1:
                problems.append(Problem(file, where, f"'{w}': one word an entry"))
                continue
            incidents[k[0]] = incidents.get(k[0], 0) | bit
