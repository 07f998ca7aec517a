"""The graded course in nbgrader's format: a course folder whose source/ holds the assignments, built from
the notebooks and their reference solutions.

    python -m tools.assignments [--out build/course]      (what `make assignments` runs)

Writes <out>/nbgrader_config.py and <out>/source/<assignment>/<notebook>.ipynb, one assignment per notebook
and edition (ps01 from notebooks/01_softmax_by_hand.ipynb, ps01-zh from the Chinese edition). In each:
every exercise cell becomes an nbgrader solution cell, its body from notebooks/solutions/<id>.py between
BEGIN/END SOLUTION; the learner's check() cell stays (students get the diagnoses while they work); after
it comes a locked, graded cell that calls xentlib.exercises.grading.graded(): the same check, the
grader's own cases in a hidden block, and no points for calling the library's own answer. POINTS is the
one place the points are written. The teacher then runs nbgrader itself (docs/teaching.md).
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import sys
from pathlib import Path

from tools import translate

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "notebooks" / "solutions"
ASSIGNMENTS = {"ps01": "01_softmax_by_hand"}  # assignment id -> notebook (the Chinese edition: <id>-zh)
POINTS = {"softmax_row": 2, "sample_loss": 2, "uniform_loss_prediction": 1}
# The grader's own cases: arguments the notebook's checks do not use (hidden from students).
HIDDEN = {
    "softmax_row": "[(np.array([2.0, -3.5, 0.25, 7.0]),), (np.array([-1.0, -1.0, 4.0, 0.0, 2.5, -6.0]),)]",
    "sample_loss": "[(np.array([0.5, -1.0, 2.0]), 2), (np.array([3.0, 3.0]), 0), "
    "(np.array([-2.0, 0.0, 1.0, 4.0]), 1)]",
}
HEAD = {
    "en": "# Graded ({points} point{s}): the check above, cases of the grader's own, and your own code only.",
    "zh": "# 计分（{points} 分）：上面的检查、评分程序自己的用例，以及必须是你自己写的代码。",
}
CONFIG = '''"""nbgrader's settings for this course folder (written by tools/assignments.py)."""

c = get_config()  # noqa: F821  (nbgrader provides it)
c.CourseDirectory.root = "."
# Our stubs: a function that returns None (the check then says "not solved yet"), never a bare raise
# that would stop Run All at the first exercise.
c.ClearSolutions.code_stub = {"python": "# your code here"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
'''


def nbgrader_meta(grade_id: str, *, solution: bool, points: int | None = None) -> dict:
    meta = {"grade": points is not None, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution, "task": False}  # fmt: skip
    if points is not None:
        meta["points"] = points
    return meta


def solution_source(exercise_id: str, stub: str) -> str:
    """The exercise cell with the reference solution between nbgrader's markers, inside the stub's function
    (its name and docstring stay) or, for a prediction, after the stub's line."""
    solution = (SOLUTIONS / f"{exercise_id}.py").read_text(encoding="utf-8")
    tree = ast.parse(solution)
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    lines = solution.splitlines()
    if not defs:  # a prediction: the stub keeps `my_prediction = None`, the answer follows it
        body = [line for line in lines if line.strip() and not line.startswith("#")]
        return "\n".join([*stub.splitlines(), "### BEGIN SOLUTION", *body, "### END SOLUTION"])
    fn = defs[0]
    imports = [
        ast.get_source_segment(solution, n) for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)
    ]
    body = lines[fn.body[0].lineno - 1 : fn.end_lineno]
    if isinstance(fn.body[0], ast.Expr) and isinstance(getattr(fn.body[0], "value", None), ast.Constant):
        body = lines[fn.body[1].lineno - 1 : fn.end_lineno]  # the stub's docstring is kept instead
    stub_lines = stub.splitlines()
    keep = [line for line in stub_lines if "your code here" not in line and "NotImplementedError" not in line]
    marked = ["    ### BEGIN SOLUTION", *(f"    {i}" for i in imports if i != "import numpy as np"), *body,
              "    ### END SOLUTION"]  # fmt: skip
    return "\n".join([*keep, *marked])


def grade_source(exercise_id: str, edition: str, answer: str) -> str:
    lines = [
        HEAD[edition].format(points=POINTS[exercise_id], s="" if POINTS[exercise_id] == 1 else "s"),
        "from xentlib.exercises.grading import graded",
        "",
        f'assert graded("{exercise_id}", {answer})',
    ]
    if exercise_id in HIDDEN:
        hidden = f'assert graded("{exercise_id}", {answer}, cases={HIDDEN[exercise_id]})'
        lines += ["### BEGIN HIDDEN TESTS", hidden, "### END HIDDEN TESTS"]
    return "\n".join(lines)


def assignment(notebook: Path, edition: str) -> dict:
    """The notebook as nbgrader's source: solution cells, the checks, and a graded cell after each check."""
    nb = translate.load(notebook)
    cells = []
    for cell in nb["cells"]:
        cell = json.loads(json.dumps(cell))
        cell["metadata"].pop("translation", None)
        exercise = cell["metadata"].get("exercise")
        if exercise in POINTS:
            cell["source"] = solution_source(exercise, translate.source(cell))
            cell["metadata"]["nbgrader"] = nbgrader_meta(exercise, solution=True)
        cells.append(cell)
        source = translate.source(cell)
        checked = next((e for e in POINTS if source.startswith(f'check("{e}", ')), None)
        if cell["cell_type"] == "code" and checked:
            answer = source.split(",", 1)[1].rsplit(")", 1)[0].strip()
            cells.append({
                "cell_type": "code", "execution_count": None, "id": f"grade-{checked}", "outputs": [],
                "metadata": {"nbgrader": nbgrader_meta(f"grade_{checked}", solution=False,
                                                       points=POINTS[checked])},
                "source": grade_source(checked, edition, answer),
            })  # fmt: skip
    return {**nb, "cells": cells}


def build(out: Path) -> list[Path]:
    written = []
    (out / "source").mkdir(parents=True, exist_ok=True)
    (out / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    for name, stem in ASSIGNMENTS.items():
        for edition, folder, suffix in (
            ("en", ROOT / "notebooks", ""),
            ("zh", ROOT / "notebooks" / "zh", "-zh"),
        ):
            target = out / "source" / f"{name}{suffix}"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            path = target / f"{stem}.ipynb"
            translate.save(path, assignment(folder / f"{stem}.ipynb", edition))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "course")
    for path in build(parser.parse_args(argv).out.resolve()):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
