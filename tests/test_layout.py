"""The layers and their rules: tests -> tools -> xentlib, no import circle inside xentlib, a light
`import xentlib`, and every sentence a learner reads from a message table.

The import graph is read from the source (every import statement, also those inside functions: a
lazy import that closes a circle is still a circle). An edge goes to the module named; the parent
packages Python imports on the way are not edges.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "xentlib"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path) -> dict[str, Path]:
    """name -> path of every module of a package folder."""
    return {module_name(p, package.parent): p for p in sorted(package.rglob("*.py"))}


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The modules of `known` that the file at `path` (module `name`) imports, anywhere in its code."""
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = ".".join(p for p in (base if node.level else "", node.module or "") if p)
            targets = [f"{module}.{alias.name}" for alias in node.names] + [module]
        else:
            continue
        for target in targets:
            if target in known:
                found.add(target)
    found.discard(name)
    return found


def graph(package: Path) -> dict[str, set[str]]:
    mods = modules(package)
    return {name: imports(path, name, set(mods)) for name, path in mods.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, each as the modules around it (Tarjan's strongly connected components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle_inside_xentlib():
    found = circles(graph(PACKAGE))
    assert not found, "import circles in xentlib: " + "; ".join(" <-> ".join(c) for c in found)


def test_the_circle_finder_names_a_circle_even_through_a_lazy_import(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .b import thing\n")
    (pkg / "b.py").write_text("def thing():\n    from . import c\n")
    (pkg / "c.py").write_text("from pkg import a\n")
    (pkg / "d.py").write_text("from . import a\n")
    assert circles(graph(pkg)) == [["pkg.a", "pkg.b", "pkg.c"]]


def python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))]


def top_level_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def notebook_code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


@pytest.mark.parametrize(
    ("folders", "forbidden"),
    [(("xentlib",), {"tests", "tools"}), (("tools", "docs", "notebooks", "binder", "etc"), {"tests"})],
    ids=["xentlib imports neither tests nor tools", "nothing outside tests imports tests"],
)
def test_imports_point_one_way(folders, forbidden):
    wrong = {
        str(path.relative_to(ROOT)): sorted(top_level_imports(path) & forbidden)
        for path in python_files(*folders)
        if top_level_imports(path) & forbidden
    }
    assert not wrong, f"imports against the layers (tests -> tools -> xentlib): {wrong}"


def test_no_notebook_imports_tests_or_tools():
    notebooks = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    assert notebooks
    pattern = re.compile(r"^\s*(from|import)\s+(tests|tools)\b", re.M)
    assert not [p.name for p in notebooks if pattern.search(notebook_code(p))]


@pytest.mark.parametrize("lang", ["", "zh"])
def test_import_xentlib_imports_no_plotting_widgets_or_torch(lang):
    code = (
        "import sys, xentlib, xentlib.information, xentlib.training, xentlib.calibration\n"
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'torch', 'anywidget') if m in sys.modules))"
    )
    env = {**os.environ, "XENTLIB_LANG": lang}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "notebooks",
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]", done.stdout


# Literal messages that are for course authors or for the translator, never shown to a learner.
NOT_FOR_LEARNERS = {
    ("xentlib/exercises/engine.py", "register"): "an exercise declares a mistake twice",
    ("xentlib/exercises/engine.py", "add"): "an exercise id is declared twice",
    ("xentlib/exercises/engine.py", "text"): "a translation is missing (the translation tests fail first)",
    ("xentlib/i18n.py", "tr"): "a message id that no table has: a bug in xentlib",
    ("xentlib/i18n.py", "register"): "two tables use the same id: a bug in xentlib",
    ("xentlib/i18n.py", "_normalise"): "an unknown language: the message names both languages in both",
}


def literal_raises(path: Path) -> list[tuple[str, int, str]]:
    """(enclosing function, line, text) of each raise whose message is a literal string or f-string."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            for arg in node.exc.args:
                text = ast.unparse(arg)
                if isinstance(arg, (ast.JoinedStr, ast.Constant)) and re.search(r"[A-Za-z]{3}", text):
                    found.append((function, node.lineno, text[:60]))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


def test_every_error_a_learner_can_meet_comes_from_a_message_table():
    rel = {str(p.relative_to(ROOT)): p for p in python_files("xentlib")}
    literal = {
        (name, line, text)
        for name, path in rel.items()
        for function, line, text in literal_raises(path)
        if (name, function) not in NOT_FOR_LEARNERS
    }
    assert not literal, f"raise with an English literal instead of tr(...): {sorted(literal)}"
    allowed = {(name, function) for name, path in rel.items() for function, _, _ in literal_raises(path)}
    assert set(NOT_FOR_LEARNERS) <= allowed, f"stale exceptions: {set(NOT_FOR_LEARNERS) - allowed}"


def test_the_raise_walker_finds_a_literal_message(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(
        'def f(x):\n    if x:\n        raise ValueError(f"bad {x}")\n    raise TypeError(tr("ok"))\n'
    )
    assert literal_raises(path) == [("f", 3, "f'bad {x}'")]


def test_the_version_is_written_once():
    import tomllib

    import xentlib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert xentlib.__version__ == version
    written = [p for p in python_files("xentlib") if re.search(r"__version__\s*=\s*['\"]", p.read_text())]
    assert not written, f"a version written in code: {written}"


def test_tests_hold_only_tests_and_their_helpers():
    """Every module under tests/ is a test module, a package marker, conftest or a helper the tests use."""
    helpers = {
        p
        for p in python_files("tests")
        if not p.name.startswith("test_") and p.name not in ("__init__.py", "conftest.py")
    }
    used = "\n".join(p.read_text(encoding="utf-8") for p in python_files("tests"))
    unused = [
        str(p.relative_to(ROOT))
        for p in helpers
        if not re.search(rf"(from {module_name(p, ROOT)} import|import {module_name(p, ROOT)}\b)", used)
    ]
    assert not unused, f"helpers no test imports: {unused}"
    main = re.compile(r"^if __name__ == ", re.M)
    runnable = [str(p.relative_to(ROOT)) for p in python_files("tests") if main.search(p.read_text())]
    assert not runnable, f"a tool in tests/ (move it to tools/): {runnable}"


DOCS = [
    "README.md",
    "README.zh-CN.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
    "notebooks/README.md",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md") if "node_modules" not in p.parts),
]
TOP = ("xentlib/", "tools/", "tests/", "docs/", "notebooks/", "binder/", "etc/", ".ci/", ".github/")
PATH = re.compile(r"`([^`\s]+)`|\]\(([^)\s#]+)")


def mentioned_paths(text: str) -> set[str]:
    """Repository paths a document names in code spans or links (placeholders and globs left out)."""
    found = set()
    for match in PATH.finditer(text):
        path = (match.group(1) or match.group(2)).rstrip(".,:;")
        if any(ch in path for ch in "<>*{}$?=") or "..." in path or path.startswith("http"):
            continue
        if path.startswith(TOP) or path in (
            "Makefile",
            "pyproject.toml",
            "requirements.txt",
            ".pre-commit-config.yaml",
        ):
            found.add(path.split("#")[0].split(":")[0])
    return found


@pytest.mark.parametrize("doc", DOCS)
def test_every_path_a_document_names_exists(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    here = (ROOT / doc).parent
    missing = sorted(p for p in mentioned_paths(text) if not (ROOT / p).exists() and not (here / p).exists())
    modules = set(re.findall(r"python -m ((?:tools|xentlib)(?:\.\w+)+)", text))
    missing += sorted(m for m in modules if not (ROOT / (m.replace(".", "/") + ".py")).exists())
    assert not missing, f"{doc} names what does not exist: {missing}"


def test_the_path_finder_finds_a_missing_path():
    assert mentioned_paths("see `tools/nothing.py` and [x](docs/none.md), not `<id>.py`") == {
        "tools/nothing.py",
        "docs/none.md",
    }


def test_the_readme_and_contributing_describe_the_three_layers():
    for doc in ("README.md", "CONTRIBUTING.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        for layer in ("xentlib/explorers/", "xentlib/exercises/", "tools/", "tests/"):
            assert layer in text, f"{doc} does not describe {layer}"
