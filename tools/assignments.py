"""The graded course in nbgrader's format: a course folder whose source/ holds the assignments, built from
the notebooks and their reference solutions.

    python -m tools.assignments [--out build/course]      (what `make assignments` runs)

Writes <out>/nbgrader_config.py and <out>/source/<assignment>/<notebook>.ipynb, one assignment per notebook
with exercises and edition (ps01 from notebooks/01_softmax_by_hand.ipynb ... ps10, and ps01-zh ... from the
Chinese edition). In each:
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
NOTEBOOKS = ("01_softmax_by_hand", "02_numpy_loops", "03_onehot_and_vectorized", "04_numerical_stability",
             "05_pytorch_building_blocks", "06_pytorch_modules", "07_pytorch_advanced_inputs", "08_gradients",
             "09_training_a_classifier", "10_beyond")  # fmt: skip
# assignment id -> notebook, one per notebook with exercises (the Chinese edition: <id>-zh)
ASSIGNMENTS = {f"ps{stem[:2]}": stem for stem in NOTEBOOKS}
# The points of every exercise, the one place they are written: 2 for a function to write, 1 for a
# prediction or a one-liner, 3 for finding two bugs.
POINTS = {
    "softmax_row": 2, "sample_loss": 2, "uniform_loss_prediction": 1,
    "cross_entropy_loop": 2, "true_class_probs": 1,
    "one_hot": 1, "cross_entropy_vectorized": 2,
    "stable_softmax": 2, "logsumexp_rows": 2,
    "log_softmax_torch": 2, "nll_torch": 2,
    "ignore_index_by_hand": 2, "weighted_mean_by_hand": 2, "label_smoothing_by_hand": 2,
    "soft_targets_by_hand": 2, "kdim_cross_entropy": 2,
    "ce_grad": 2, "central_difference": 2, "smoothed_grad": 2,
    "predict_classes": 1, "accuracy": 1, "weight_gradient": 2, "training_loop_bugs": 3,
    "entropy_bits": 2, "kl_divergence": 2, "bce_with_logits": 2, "bce_grad": 2,
}  # fmt: skip
# The grader's own cases: arguments the notebook's checks do not use (hidden from students). Each is
# Python source run in the student's notebook after the imports below (IMPORTS).
Z4 = "np.array([[2.0, -1.0, 0.5, 3.0], [0.0, 0.0, 0.0, 0.0], [-4.0, 6.5, 1.0, 1.5]])"
Y4 = "np.array([3, 1, 0])"
WIDE = "np.array([[1000.0, 999.0, -5.0], [-800.0, -801.0, -799.5]])"
XWB = ("np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0], [2.0, -0.5]])",
       "np.array([[1.0, -1.0, 0.0], [0.0, 2.0, -1.0]])", "np.array([0.0, 0.5, -0.5])")  # fmt: skip
Y_XWB = "np.array([0, 1, 2, 2])"
BLOBS = "make_blobs(n_per_class=8, num_classes=3, seed=4)"
HIDDEN = {
    "softmax_row": "[(np.array([2.0, -3.5, 0.25, 7.0]),), (np.array([-1.0, -1.0, 4.0, 0.0, 2.5, -6.0]),)]",
    "sample_loss": "[(np.array([0.5, -1.0, 2.0]), 2), (np.array([3.0, 3.0]), 0), "
    "(np.array([-2.0, 0.0, 1.0, 4.0]), 1)]",
    "cross_entropy_loop": f"[({Z4}, {Y4}), (np.array([[10.0, -10.0]]), np.array([1]))]",
    "true_class_probs": f"[({Z4}, {Y4})]",
    "one_hot": "[(np.array([2, 0, 2, 1]), 4), (np.array([3, 3, 0]), 6)]",
    "cross_entropy_vectorized": f"[({Z4}, {Y4}), (np.array([[10.0, -10.0]]), np.array([1]))]",
    "stable_softmax": f"[({WIDE},), (np.array([[0.1, 0.2, 0.3, 0.4, 0.5, 0.6]]),)]",
    "logsumexp_rows": f"[({WIDE},), (np.array([[0.1, 0.2, 0.3, 0.4, 0.5, 0.6]]),)]",
    "log_softmax_torch": f"[(torch.tensor({WIDE}, dtype=torch.float64),)]",
    "nll_torch": f"[(torch.log_softmax(torch.tensor({Z4}, dtype=torch.float64), dim=1), torch.tensor({Y4}))]",
    "ignore_index_by_hand": f"[({Z4}, np.array([3, 7, 0]), 7), ({Z4}, np.array([-100, 1, 0]), -100)]",
    "weighted_mean_by_hand": f"[({Z4}, {Y4}, np.array([0.5, 2.0, 1.0, 3.0]))]",
    "label_smoothing_by_hand": f"[({Z4}, {Y4}, 0.3), ({Z4}, {Y4}, 1.0)]",
    "soft_targets_by_hand": "[(np.array([[1.0, 0.0, -1.0], [2.0, 2.5, 0.0]]), "
    "np.array([[0.2, 0.5, 0.3], [0.0, 1.0, 0.0]]))]",
    "kdim_cross_entropy": "[(np.arange(12, dtype=float).reshape(2, 3, 2) / 3 - 1, "
    "np.array([[2, 0], [1, 1]]))]",
    "ce_grad": f"[({Z4}, {Y4})]",
    "central_difference": "[(lambda z: float(np.sum(z ** 3)), np.array([1.0, -2.0, 0.5]), 1e-5)]",
    "smoothed_grad": f"[({Z4}, {Y4}, 0.25)]",
    "predict_classes": f"[({XWB[0]}, {XWB[1]}, {XWB[2]})]",
    "accuracy": f"[({XWB[0]}, {Y_XWB}, {XWB[1]}, {XWB[2]})]",
    "weight_gradient": f"[({XWB[1]}, {XWB[2]}, {XWB[0]}, {Y_XWB})]",
    "training_loop_bugs": f"[(torch.tensor({BLOBS}[0]), torch.tensor({BLOBS}[1]), 20, 0.3)]",
    "entropy_bits": "[(np.array([0.5, 0.25, 0.25, 0.0]),), (np.array([0.1, 0.2, 0.3, 0.4]),)]",
    "kl_divergence": "[(np.array([0.7, 0.3, 0.0]), np.array([0.5, 0.25, 0.25])), "
    "(np.array([0.5, 0.5]), np.array([1.0, 0.0]))]",
    "bce_with_logits": "[(np.array([50.0, -50.0, 0.3, -2.0]), np.array([0.0, 1.0, 0.5, 1.0]))]",
    "bce_grad": "[(np.array([50.0, -50.0, 0.3, -2.0]), np.array([0.0, 1.0, 0.5, 1.0]))]",
}
# What the hidden cases need, imported in the hidden block itself (notebook 07 imports no NumPy).
IMPORTS = ["import numpy as np", "import torch", "from xentlib.datasets import make_blobs"]
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
# The feedback shows each graded cell's result (our diagnosis), not the grader's hidden cases: they stay
# hidden after grading too, so a class can be graded on them again next term.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
# A failed graded cell keeps only its last traceback line, our message: the cell's source around the
# failing line (which would show a hidden case) and the grader's own frames are cut at autograde.
c.LimitOutput.max_traceback = 3
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
    marked = ["    ### BEGIN SOLUTION", *(f"    {i}" for i in imports if i != "import numpy as np"), *body,
              "    ### END SOLUTION"]  # fmt: skip
    # The solution goes first, right after the docstring. The stub's own lines follow it, unreachable here:
    # what the students' release keeps (its `raise NotImplementedError`, so the check says "not solved
    # yet"; a "fix me" exercise's code to fix).
    stub_fn = next(n for n in ast.parse(stub).body if isinstance(n, ast.FunctionDef))
    first = stub_fn.body[0]
    has_doc = isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant)
    head_end = (first.end_lineno if has_doc else stub_fn.lineno) - stub_fn.lineno + 1
    start = stub_fn.lineno - 1
    head = stub_lines[: start + head_end]
    rest = [line for line in stub_lines[start + head_end :] if "your code here" not in line]
    return "\n".join([*head, *marked, *rest])


def grade_source(exercise_id: str, edition: str, answer: str) -> str:
    lines = [
        HEAD[edition].format(points=POINTS[exercise_id], s="" if POINTS[exercise_id] == 1 else "s"),
        "from xentlib.exercises.grading import graded",
        "",
        f'assert graded("{exercise_id}", {answer})',
    ]
    if exercise_id in HIDDEN:
        hidden = f'assert graded("{exercise_id}", {answer}, cases={HIDDEN[exercise_id]})'
        lines += ["### BEGIN HIDDEN TESTS", *IMPORTS, hidden, "### END HIDDEN TESTS"]
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


def points_table() -> str:
    """Each assignment, its exercises and their points (POINTS), as a teacher plans a term with them."""
    lines = []
    for name, stem in ASSIGNMENTS.items():
        cells = translate.load(ROOT / "notebooks" / f"{stem}.ipynb")["cells"]
        exercises = [c["metadata"]["exercise"] for c in cells if c["metadata"].get("exercise")]
        points = ", ".join(f"{e} {POINTS[e]}" for e in exercises)
        lines.append(f"{name}  {stem:<28} {sum(POINTS[e] for e in exercises):>2} points: {points}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "course")
    parser.add_argument("--points", action="store_true", help="print each assignment's points and stop")
    args = parser.parse_args(argv)
    if args.points:
        print(points_table())
        return 0
    for path in build(args.out.resolve()):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
