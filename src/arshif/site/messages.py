"""messages: the site's reader-facing strings (rules/messages.yaml), checked, with CLDR plural forms.

One place for every string a reader sees: the Python renderers call text(), plural() and date_note(); the
theme templates import overrides/partials/arshif-messages.html, generated from the same file by
`python -m arshif.site.messages overrides/partials/arshif-messages.html` (tests/unit/test_messages.py fails
when the two differ). Plural categories come from CLDR through Babel, never from a hand-written rule.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Optional

from babel import Locale

from ..rules import Problem, RulesError, cached_rules, load_yaml_files

FILE = "messages.yaml"
LOCALE = Locale("ar")
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
KINDS = ("printed", "inferred", "derived", "editor", "unknown")
FIELDS = ("outlet", "author", "dateline")  # the fields field_note explains (date_note, the date)
PARTIAL = "partials/arshif-messages.html"


@dataclass(frozen=True)
class Messages:
    text: dict  # key -> str
    basis_kinds: dict  # field kind -> sentence with {evidence}
    basis_rules: dict  # rule id -> sentence with {evidence}
    basis_plain: dict  # field kind -> sentence when there is no evidence text
    plurals: dict  # noun -> {category: str with {n}}
    months: tuple = ()  # twelve month names, January first
    field_kinds: dict = field(default_factory=dict)  # the same three for the outlet, author and place (field-basis)
    field_rules: dict = field(default_factory=dict)
    field_plain: dict = field(default_factory=dict)
    field_unknown: dict = field(default_factory=dict)  # field name -> sentence when it is unknown
    issues: dict = field(default_factory=dict)  # issue code -> what the problem is


def _strings(value, file: str, key: str, problems: list[Problem]) -> dict:
    if not isinstance(value, dict):
        problems.append(Problem(file, key, "must be a mapping of names to strings"))
        return {}
    out = {}
    for name, text in value.items():
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(file, f"{key}.{name}", "must be a non-empty string"))
        else:
            out[str(name)] = text
    return out


@cached_rules
def messages() -> Messages:
    text: dict = {}
    kinds: dict = {}
    rules: dict = {}
    plain: dict = {}
    plurals: dict = {}
    field_kinds: dict = {}
    field_rules: dict = {}
    field_plain: dict = {}
    field_unknown: dict = {}
    issues: dict = {}
    examples: list = []
    months: tuple = ()
    problems: list[Problem] = []
    for file, doc in load_yaml_files(FILE):
        if not isinstance(doc, dict):
            problems.append(Problem(file, "-", "must be a mapping with text, date-basis, plurals"))
            continue
        unknown = set(doc) - {"text", "date-basis", "field-basis", "issues", "plurals", "examples", "months"}
        problems += [Problem(file, k, "unknown section") for k in sorted(unknown)]
        text.update(_strings(doc.get("text", {}), file, "text", problems))
        basis = doc.get("date-basis", {})
        if not isinstance(basis, dict):
            problems.append(Problem(file, "date-basis", "must be a mapping"))
            basis = {}
        kinds.update(_strings(basis.get("kinds", {}), file, "date-basis.kinds", problems))
        rules.update(_strings(basis.get("rules", {}), file, "date-basis.rules", problems))
        plain.update(_strings(basis.get("no-evidence", {}), file, "date-basis.no-evidence", problems))
        fields = doc.get("field-basis", {})
        if not isinstance(fields, dict):
            problems.append(Problem(file, "field-basis", "must be a mapping"))
            fields = {}
        for part, into in (("kinds", field_kinds), ("rules", field_rules), ("no-evidence", field_plain),
                           ("unknown", field_unknown)):
            into.update(_strings(fields.get(part, {}), file, f"field-basis.{part}", problems))
        issues.update(_strings(doc.get("issues", {}), file, "issues", problems))
        for noun, forms in (doc.get("plurals") or {}).items():
            forms = _strings(forms, file, f"plurals.{noun}", problems)
            missing = [c for c in CATEGORIES if c not in forms]
            if missing:
                problems.append(Problem(file, f"plurals.{noun}", f"missing CLDR categories: {', '.join(missing)}"))
            extra = sorted(set(forms) - set(CATEGORIES))
            if extra:
                problems.append(Problem(file, f"plurals.{noun}", f"not CLDR categories: {', '.join(extra)}"))
            plurals[str(noun)] = forms
        examples += [(file, i, e) for i, e in enumerate(doc.get("examples") or ())]
        if "months" in doc:
            names = doc["months"]
            if not isinstance(names, list) or len(names) != 12 or not all(isinstance(n, str) and n.strip() for n in names):
                problems.append(Problem(file, "months", "must be a list of twelve month names, January first"))
            else:
                months = tuple(names)
    problems += [Problem("messages.yaml", f"date-basis.kinds.{k}", "missing") for k in KINDS if k not in kinds]
    problems += [Problem("messages.yaml", f"field-basis.kinds.{k}", "missing") for k in KINDS[:-1] if k not in field_kinds]
    problems += [Problem("messages.yaml", f"field-basis.unknown.{f}", "missing") for f in FIELDS if f not in field_unknown]
    if "other" not in issues:
        problems.append(Problem("messages.yaml", "issues.other", "missing"))
    if not months:
        problems.append(Problem("messages.yaml", "months", "missing"))
    result = Messages(text, kinds, rules, plain, plurals, months, field_kinds, field_rules, field_plain, field_unknown,
                      issues)
    for file, i, example in examples:
        if not isinstance(example, dict) or example.get("plural") not in plurals or not isinstance(example.get("n"), int):
            problems.append(Problem(file, f"examples[{i}]", "must name a plural, an integer n and the text"))
        elif not problems and _plural(result, example["plural"], example["n"]) != str(example.get("text")):
            problems.append(Problem(file, f"examples[{i}]", f"gives {_plural(result, example['plural'], example['n'])!r}, "
                                    f"not {example.get('text')!r}"))
    if problems:
        raise RulesError(problems)
    return result


def text(key: str, **values: object) -> str:
    """The string `key` with its {placeholders} filled in (a missing key is a bug: KeyError)."""
    template = messages().text[key]
    return template.format(**values) if values else template


def month(number: int) -> str:
    """The name of month `number` (1-12) as the site prints it."""
    return messages().months[number - 1]


def _plural(m: Messages, noun: str, n: int) -> str:
    return m.plurals[noun][LOCALE.plural_form(abs(n))].replace("{n}", str(n))


def plural(noun: str, n: int) -> str:
    """The count and its noun in the agreement CLDR gives for Arabic: «مقالتان», «3 مقالات», «11 مقالةً»."""
    return _plural(messages(), noun, n)


def date_note(kind: str, rule: Optional[str], evidence: Optional[str]) -> list[str]:
    """The date's basis for readers: [text before the evidence, the evidence, text after it].

    The page quotes the evidence in a bidi-isolated span; without evidence the sentence is the first part."""
    m = messages()
    if evidence and " ".join(evidence.split()):
        return _quoting(m.basis_rules.get(rule or "") or m.basis_kinds.get(kind) or m.basis_kinds["unknown"], evidence)
    return [m.basis_plain.get(kind) or m.basis_kinds.get(kind) or m.basis_kinds["unknown"], "", ""]


def _quoting(template: str, evidence: str) -> list[str]:
    """[text before the evidence, the evidence on one line, text after it]; a sentence without {evidence} whole."""
    if "{evidence}" in template:
        before, _, after = template.partition("{evidence}")
        return [before.rstrip(), " ".join(evidence.split()), after.lstrip()]
    return [template, "", ""]


def field_note(name: str, kind: str, rule: Optional[str], evidence: Optional[str]) -> list[str]:
    """The basis of an article's outlet, author or place for readers, as date_note gives the date's."""
    m = messages()
    if kind == "unknown" or kind not in m.field_kinds:
        return [m.field_rules.get(rule or "") or m.field_unknown.get(name) or m.issues["other"], "", ""]
    if evidence and " ".join(evidence.split()):
        return _quoting(m.field_rules.get(rule or "") or m.field_kinds[kind], evidence)
    return [m.field_plain.get(kind) or m.field_kinds[kind].partition("{evidence}")[0].rstrip(" :"), "", ""]


def issue_text(code: str) -> str:
    """What a build report problem is, in a sentence, by its code."""
    m = messages()
    return m.issues.get(code) or m.issues["other"]


def jinja_partial() -> str:
    """The template partial with the strings the theme prints (text only: counts are formatted in Python)."""
    body = json.dumps(messages().text, ensure_ascii=False, indent=1, sort_keys=True)
    return ("{#- Generated from src/arshif/rules/messages.yaml by `python -m arshif.site.messages "
            f"overrides/{PARTIAL}`: edit the YAML, not this file. -#}}\n"
            "{%- set text = " + body + " -%}\n")


if __name__ == "__main__":  # pragma: no cover (exercised by the sync test through jinja_partial)
    out = jinja_partial()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as fh:
            fh.write(out)
    else:
        sys.stdout.write(out)
