"""yaml_text: the front-matter as PyYAML writes it, for the values arshif's pages hold, without PyYAML's Python layer.

yaml.dump (even with libyaml's emitter) turns every value into nodes and events in Python first: two thirds of
rendering an article page. The page's data are a mapping of plain keys to strings, numbers, true/false/null,
lists and mappings, which block style writes in a fixed way; only how a string is written (plain, or quoted,
and how) takes PyYAML's analysis. So the structure is written here, a string is written plain where it
certainly may be (below), and any other string is written by yaml.dump itself, one scalar at a time, and
remembered. Anything outside that (other types, line breaks, very long text, odd keys) gives None, and the
caller dumps the whole page with yaml.dump. Tests compare the two on the seeds and on generated data.
"""
from __future__ import annotations

import re
from typing import Optional

import yaml
from yaml.nodes import ScalarNode

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_KEY = re.compile(r"[a-z_][a-z0-9_]*\Z")
_LONG = 4000  # characters: below PyYAML's line width here (10,000) wherever the value starts
# Characters that may change how a plain scalar reads anywhere in it (indicators, quotes, comments, and every
# character outside the printable ranges, line breaks and tabs among them; libyaml escapes characters beyond
# the first 65,536 too), or at its start.
_UNSAFE = re.compile("[#:,\\[\\]{}&*!|>'\"%@`\\\\\t\n\r\x85\u2028\u2029\ufeff"
                     "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\U00010000-\U0010ffff]")
_BREAK = re.compile("[\n\r\x85\u2028\u2029]")  # YAML's line breaks
_BAD_START = ("-", "?", ".", " ", "=", "<")
_said: dict[str, str] = {}  # string -> how yaml.dump writes it: the strings not certainly plain, and ASCII ones
_KEYS: set = set()  # keys found plain
_REMEMBERED = 200_000  # strings


def _plain(text: str) -> bool:
    return (0 < len(text) < _LONG and not text.startswith(_BAD_START) and not text.endswith(" ")
            and _UNSAFE.search(text) is None and not text[0].isspace() and not text[-1].isspace()
            and (not text.isascii() or _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR))


def _string(text: str) -> Optional[str]:
    said = _said.get(text)  # ids, kinds and bases recur on every page
    if said is not None:
        return said
    if _plain(text):
        if text.isascii() and len(_said) <= _REMEMBERED:
            _said[text] = text
        return text
    if len(text) >= _LONG or _BREAK.search(text):
        return None  # long, or over several lines: only a whole dump says how, at its indentation
    out = yaml_dump(text)
    if out.endswith("\n...\n"):
        out = out[:-5]  # a plain scalar alone is a document with an end marker
    elif out.endswith("\n"):
        out = out[:-1]
    if "\n" in out:
        return None
    if len(_said) > _REMEMBERED:
        _said.clear()  # a long-lived process (arshif serve) forgets, rather than grow with every edit
    _said[text] = out
    return out


def _scalar(value: object) -> Optional[str]:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is str:
        return _string(value)
    return None


def _mapping(data: dict, indent: int, out: list[str], first: str = "") -> bool:
    """Write `data` at `indent` spaces; `first`: what the first line begins with instead (a list item's "- ")."""
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        if key not in _KEYS:
            if type(key) is not str or not _KEY.match(key) or _RESOLVER.resolve(ScalarNode, key, (True, False)) != _STR:
                return False
            _KEYS.add(key)
        head = (first if n == 0 and first else pad) + key + ":"
        if isinstance(value, dict):
            if not value:
                out.append(head + " {}")
            else:
                out.append(head)
                if not _mapping(value, indent + 2, out):
                    return False
        elif isinstance(value, list):
            if not value:
                out.append(head + " []")
            else:
                out.append(head)
                if not _sequence(value, indent, out):
                    return False
        else:
            text = _scalar(value)
            if text is None:
                return False
            out.append(head + " " + text)
    return True


def _sequence(items: list, indent: int, out: list[str]) -> bool:
    """A list under a mapping key: its items at the key's own indentation (PyYAML's indentless sequence)."""
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            if not item or not _mapping(item, indent + 2, out, first=pad + "- "):
                return False
        elif isinstance(item, list):
            return False
        else:
            text = _scalar(item)
            if text is None:
                return False
            out.append(pad + "- " + text)
    return True


def yaml_dump(data: object) -> str:
    """What PyYAML writes for arshif's pages: libyaml's emitter when there is one, Arabic as it is, keys in their
    order, no folding under 10,000 characters, block style."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)


def dump(data: dict) -> Optional[str]:
    """yaml.dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False), or None when
    the data hold something this does not write (then yaml.dump must)."""
    if not isinstance(data, dict) or not data:
        return None
    out: list[str] = []
    if not _mapping(data, 0, out):
        return None
    return "\n".join(out) + "\n"
