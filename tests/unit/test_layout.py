"""The package tree reads as the pipeline: stage packages, each importing only the ones below it, no cycle.

Imports inside functions count: a cycle hidden in a function is still a cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "arshif"
# Lowest first. A module may import its own package and any package of a lower layer, never a higher one.
LAYERS = [
    {"rules"},
    {"text"},
    {"models", "ids"},
    {"recognise"},
    {"ingest"},
    {"extract"},
    {"relate"},
    {"site"},
    {"build"},
    {"tools"},
    {"cli", "__init__", "__main__"},
]
LEVEL = {name: k for k, names in enumerate(LAYERS) for name in names}
MAX_TOP_MODULES = 8
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    is_package = path.name == "__init__.py"
    package = name.split(".") if is_package else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                root = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("arshif"):
                root = node.module[len("arshif."):] if node.module != "arshif" else ""
            else:
                continue
            for alias in node.names:
                sub = f"{root}.{alias.name}".strip(".")
                targets.append(sub if sub in known else root)
        elif isinstance(node, ast.Import):
            targets = [a.name[len("arshif."):] for a in node.names if a.name.startswith("arshif.")]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _top(name: str) -> str:
    return name.split(".")[0]


def test_every_package_imports_only_packages_below_it():
    wrong = []
    for name, targets in _graph().items():
        assert _top(name) in LEVEL, f"{name}: a package the layering does not know; add it to LAYERS"
        for target in targets:
            if _top(target) != _top(name) and LEVEL[_top(target)] >= LEVEL[_top(name)]:
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_no_import_cycle_between_modules():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert not cycles, cycles


def test_few_modules_at_the_top_and_none_too_long():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_every_stage_package_says_what_it_takes_and_gives():
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 60, f"{init.parent.name}/__init__.py has no docstring saying what it is"


def test_the_checker_sees_a_cycle_and_a_wrong_way_import(tmp_path, monkeypatch):
    # The checks above must be able to fail: a tiny package with both faults.
    pkg = tmp_path / "arshif"
    (pkg / "text").mkdir(parents=True)
    (pkg / "build").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "text" / "__init__.py").write_text('"""x"""\n')
    (pkg / "build" / "__init__.py").write_text('"""x"""\n')
    (pkg / "text" / "a.py").write_text("def f():\n    from ..build import b\n")
    (pkg / "build" / "b.py").write_text("from ..text import a\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", pkg)
    graph = _graph()
    assert graph["text.a"] == {"build.b"} and graph["build.b"] == {"text.a"}
    try:
        test_every_package_imports_only_packages_below_it()
    except AssertionError as exc:
        assert "text.a imports build.b" in str(exc)
    else:
        raise AssertionError("the layering check missed text -> build")
    try:
        test_no_import_cycle_between_modules()
    except AssertionError:
        pass
    else:
        raise AssertionError("the cycle check missed a -> b -> a")
