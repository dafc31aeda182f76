"""MkDocs hook: put the theme's text direction on <html>, not only on <body>.

mkdocs-material writes `dir` on <body> and `lang` on <html>; its <html> tag is outside every template
block, so no override can reach it. Browsers, screen readers and the scrollbar side follow the root
element, so the attribute is added to the rendered page here (pages and theme templates like 404.html).
"""
from __future__ import annotations

import re

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def _with_dir(output: str, config) -> str:
    direction = config["theme"].get("direction")
    match = _HTML_TAG.search(output)
    if not direction or match is None or re.search(r"\sdir=", match.group(0), re.IGNORECASE):
        return output
    tag = match.group(0)
    return output[: match.start()] + tag[:5] + f' dir="{direction}"' + tag[5:] + output[match.end():]


def on_post_page(output, page, config):
    return _with_dir(output, config)


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        return _with_dir(output_content, config)
    return output_content
