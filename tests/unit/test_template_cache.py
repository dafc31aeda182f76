"""hooks/template_cache.py: templates compiled by one build are loaded compiled by the next, and an edited template
is compiled again."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from sitebuild import load_hook


def _env(tmp_path: Path, hook) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "overrides")))
    return hook.on_env(env, SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")), None)


def test_a_template_compiled_once_is_loaded_compiled_and_an_edit_is_compiled_again(tmp_path, monkeypatch):
    hook = load_hook("template_cache")
    (tmp_path / "overrides").mkdir()
    page = tmp_path / "overrides" / "page.html"
    page.write_text("<h1>{{ title | e }}</h1>", encoding="utf-8")
    assert _env(tmp_path, hook).get_template("page.html").render(title="<b>") == "<h1>&lt;b&gt;</h1>"
    assert list((tmp_path / ".arshif-cache" / "templates").iterdir())

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    with monkeypatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", no_compiling)
        assert _env(tmp_path, hook).get_template("page.html").render(title="x") == "<h1>x</h1>"
        page.write_text("<h2>{{ title | e }}</h2>", encoding="utf-8")
        with pytest.raises(AssertionError, match="compiled again"):
            _env(tmp_path, hook).get_template("page.html")
    assert _env(tmp_path, hook).get_template("page.html").render(title="x") == "<h2>x</h2>"


def test_a_read_only_project_compiles_as_without_the_hook(tmp_path):
    (tmp_path / ".arshif-cache").write_text("not a folder", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "page.html").write_text("{{ 1 + 1 }}", encoding="utf-8")
    env = _env(tmp_path, load_hook("template_cache"))
    assert env.bytecode_cache is None and env.get_template("page.html").render() == "2"
