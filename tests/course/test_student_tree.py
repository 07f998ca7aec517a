"""What students pull (tools/student_tree.py): the course without the teacher's materials. A test lists
what the tree holds, looks for every reference solution in every file of it, and runs a notebook there."""

from __future__ import annotations

import ast
import fnmatch
from pathlib import Path

import nbformat
import pytest

from tools import student_tree
from tools.notebook_run import run_notebooks

# nbgrader's autograde and the run in the tree execute notebooks: not in the fast tier (make test-fast)
pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student") / "xentlib"
    student_tree.build(out)
    return out


def solution_bodies() -> dict[str, str]:
    """{solution file: the body of its function, its lines stripped} for every reference solution."""
    bodies = {}
    for path in sorted((ROOT / "notebooks" / "solutions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef):
                body = [
                    line.strip() for line in lines[node.body[0].lineno - 1 : node.end_lineno] if line.strip()
                ]
                bodies[path.name] = "\n".join(body)
    return bodies


def test_the_tree_holds_no_teacher_material(tree):
    held = [p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file() or p.is_symlink()]
    for pattern in student_tree.TEACHER_ONLY:
        assert not [name for name in held if fnmatch.fnmatch(name, pattern)], pattern
    assert (tree / "notebooks" / "xentlib").is_symlink() and (
        tree / "notebooks" / "00_playground.ipynb"
    ).exists()
    assert len([n for n in held if n.startswith("notebooks/zh/") and n.endswith(".ipynb")]) == 11


def test_no_reference_solution_is_in_any_file(tree):
    bodies = solution_bodies()
    assert len(bodies) >= 20
    for path in tree.rglob("*"):
        if not path.is_file() or path.is_symlink() or path.suffix in {".png", ".whl"}:
            continue
        text = "\n".join(
            line.strip() for line in path.read_text(encoding="utf-8", errors="ignore").splitlines()
        )
        for name, body in bodies.items():
            assert body not in text, f"{path.relative_to(tree)} holds the solution of {name}"


def test_a_notebook_runs_there_with_its_exercises_unsolved(tree):
    folder = tree / "notebooks"
    nb, _ = run_notebooks([(nbformat.read(folder / "01_softmax_by_hand.ipynb", as_version=4), folder)])[0]
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"
              and "raises-exception" not in c.metadata.get("tags", [])]  # fmt: skip
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert not errors and "not solved yet" in text
