"""MkDocs hook: `tojson` in the templates writes Arabic as UTF-8 text, not as \\u escapes (smaller pages only).

Jinja2's `tojson` (the JSON-LD of arshif's pages, the theme's own configuration script) passes ensure_ascii to
json.dumps, which writes every Arabic letter as six bytes, three times its UTF-8: about 1.6 kB of each article
page. The pages are UTF-8, and `tojson` still writes <, >, & and ' as \\u escapes, so no value can end its
<script>. Only a size saving: an engine that runs no hook writes the same data with escapes.
"""
from __future__ import annotations


def on_env(env, config, files):
    env.policies["json.dumps_kwargs"] = {**env.policies.get("json.dumps_kwargs", {}), "ensure_ascii": False}
    return env
