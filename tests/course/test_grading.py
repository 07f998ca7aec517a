"""The graded course end to end with the real nbgrader CLI, in a temporary course folder: make assignments
-> generate_assignment -> three students hand in -> autograde -> generate_feedback.

Alice hands in the reference solutions, Bob forgets to normalise softmax_row and leaves the prediction
open, Carol calls the library's own answers under other names. Their scores and the feedback (with our
diagnoses) are what a teacher gets. nbgrader is installed apart, in .venv/grading (requirements-grading.txt).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools import assignments

# nbgrader's autograde and the run in the tree execute notebooks: not in the fast tier (make test-fast)
pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parents[2]
GRADING = Path(sys.prefix) / "grading"
STUDENT_CODE = {
    "bob": {
        "softmax_row": "def softmax_row(z):\n    return np.exp(z)  # forgot to divide by the sum",
        "uniform_loss_prediction": None,  # left as handed out
    },
    "carol": {
        "softmax_row": "from xentlib import softmax as s\n\n\ndef softmax_row(z):\n    return s(z)",
        "sample_loss": (
            "from xentlib import cross_entropy as ce\n\n\ndef sample_loss(z, label):\n"
            "    return float(ce(np.asarray(z)[None, :], np.array([label])))"
        ),
        "uniform_loss_prediction": "my_prediction = 2.303",
    },
}
# Frank's softmax_row is right up to 5 classes (every case of the notebook) and wrong above.
STUDENT_CODE["frank"] = {
    "softmax_row": "def softmax_row(z):\n    e = np.exp(z - np.max(z))\n"
    "    return e / e.sum() if len(z) <= 5 else e"
}
EXPECTED = {"alice": 5.0, "bob": 2.0, "carol": 1.0, "frank": 3.0}


def nbgrader(course: Path, *args: str) -> str:
    if not (GRADING / "nbgrader").exists():
        message = f"nbgrader is not installed in {GRADING}: make test installs it (requirements-grading.txt)"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    env = {
        **os.environ,
        "PYTHONPATH": str(GRADING),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    command = [sys.executable, "-m", "nbgrader", *args]
    result = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, (
        f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-4000:]}"
    )
    return result.stdout + result.stderr


def hand_in(course: Path, assignment: str, student: str, code: dict) -> None:
    """The released notebook, with the student's answers in its solution cells (the source's for Alice)."""
    stem = assignments.ASSIGNMENTS[assignment.removesuffix("-zh")]
    released = json.loads((course / "release" / assignment / f"{stem}.ipynb").read_text())
    source = json.loads((course / "source" / assignment / f"{stem}.ipynb").read_text())
    solutions = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in source["cells"]
                 if c["metadata"].get("nbgrader", {}).get("solution")}  # fmt: skip
    for cell in released["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            answer = code.get(grade_id, solutions[grade_id])
            if answer is not None:
                cell["source"] = answer
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    (folder / f"{stem}.ipynb").write_text(json.dumps(released))


def scores(course: Path, assignment: str) -> dict[str, float]:
    script = (
        "import json, sys\nfrom nbgrader.api import Gradebook\n"
        "with Gradebook('sqlite:///gradebook.db') as gb:\n"
        "    print(json.dumps({s.student.id: s.score for s in gb.find_assignment(sys.argv[1]).submissions}))"
    )
    env = {**os.environ, "PYTHONPATH": str(GRADING)}
    out = subprocess.run([sys.executable, "-c", script, assignment], cwd=course, env=env, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("course")
    assignments.main(["--out", str(folder)])
    return folder


def test_students_receive_no_solution_and_no_hidden_case(course):
    nbgrader(course, "generate_assignment", "ps01", "--force")
    released = (course / "release" / "ps01" / "01_softmax_by_hand.ipynb").read_text()
    # lines of notebooks/solutions/*.py (the notebook's own prose computes e / e.sum() by hand: not a leak)
    for secret in (
        "normalise so the probabilities add up to 1",
        "p = softmax(z)[label]",
        "my_prediction = 2.303",
        "BEGIN SOLUTION",
        "BEGIN HIDDEN",
        "-3.5",
        "cases=",
    ):
        assert secret not in released, f"the students' notebook contains {secret!r}"
    assert "# your code here" in released and 'graded(\\"softmax_row\\", softmax_row)' in released


def test_autograde_scores_and_feedback_with_our_diagnoses(course):
    nbgrader(course, "generate_assignment", "ps01", "--force")
    for student in EXPECTED:
        hand_in(course, "ps01", student, STUDENT_CODE.get(student, {}))
    nbgrader(course, "autograde", "ps01", "--force")
    assert scores(course, "ps01") == EXPECTED
    nbgrader(course, "generate_feedback", "ps01", "--force")
    feedback = {
        s: (course / "feedback" / s / "ps01" / "01_softmax_by_hand.html").read_text() for s in EXPECTED
    }
    assert "they do not add up to 1" in feedback["bob"], "Bob's feedback lacks the diagnosis"
    assert (
        "the library&#39;s own answer" in feedback["carol"] or "the library's own answer" in feedback["carol"]
    )
    assert "grader&#39;s own" in feedback["frank"] or "grader's own" in feedback["frank"], (
        "no reason for Frank"
    )
    for student, page in feedback.items():  # the hidden cases stay hidden, even where one failed
        assert "-6.0" not in page and "cases=" not in page and "BEGIN HIDDEN" not in page, student
    assert re.search(r"calls (xentlib\.)?softmax", feedback["carol"]), (
        "Carol's feedback does not name the call"
    )


def test_the_chinese_assignment_grades_in_chinese(course):
    nbgrader(course, "generate_assignment", "ps01-zh", "--force")
    hand_in(course, "ps01-zh", "dan", STUDENT_CODE["bob"])
    nbgrader(course, "autograde", "ps01-zh", "--force")
    assert scores(course, "ps01-zh") == {"dan": 2.0}
    nbgrader(course, "generate_feedback", "ps01-zh", "--force")
    html = (course / "feedback" / "dan" / "ps01-zh" / "01_softmax_by_hand.html").read_text()
    line = next(line for line in html.splitlines() if "softmax_row" in line and "\u274c" in line)
    assert re.search(r"[\u4e00-\u9fff]", line), f"the diagnosis is not in Chinese: {line[:200]}"


# Eve, in notebook 08: the batch gradient without the 1/N, and finite differences by the library's own.
EVE = {
    "ce_grad": "def ce_grad(logits, labels):\n"
    "    return xl.softmax(logits, axis=1) - np.eye(logits.shape[1])[labels]  # no / N",
    "central_difference": "def central_difference(f, z, eps):\n    return xl.numerical_grad(f, z, eps)",
}


def points_of(stem: str) -> int:
    nb = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())
    return sum(
        assignments.POINTS[c["metadata"]["exercise"]] for c in nb["cells"] if c["metadata"].get("exercise")
    )


def solution_lines(exercise: str) -> list[str]:
    """The reference's own lines, long enough not to be a line the notebook has anyway."""
    code = (ROOT / "notebooks" / "solutions" / f"{exercise}.py").read_text()
    skip = ("def ", '"""', "import", "from", "#")
    return [
        line.strip()
        for line in code.splitlines()
        if len(line.strip()) > 30 and not line.strip().startswith(skip)
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_assignment_releases_no_answer(course, lang):
    """generate_assignment for ps01 ... ps10 (and -zh): no solution line, no hidden case, a graded cell
    after each exercise."""
    for name, stem in assignments.ASSIGNMENTS.items():
        assignment = name if lang == "en" else f"{name}-zh"
        nbgrader(course, "generate_assignment", assignment, "--force")
        released = json.loads((course / "release" / assignment / f"{stem}.ipynb").read_text())
        text = "\n".join("".join(c["source"]) for c in released["cells"])
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN" not in text and "cases=" not in text
        exercises = [c["metadata"]["exercise"] for c in released["cells"] if c["metadata"].get("exercise")]
        assert exercises and all(f'graded("{e}", ' in text for e in exercises), assignment
        folder = ROOT / "notebooks" / ("" if lang == "en" else "zh")
        lesson = (folder / f"{stem}.ipynb").read_text()  # what the notebook itself teaches is no leak
        for exercise in exercises:
            leaked = [
                line
                for line in solution_lines(exercise)
                if line in text and json.dumps(line)[1:-1] not in lesson
            ]
            assert not leaked, f"{assignment}: {exercise}'s solution is in the release: {leaked}"


def test_the_reference_solutions_earn_every_point_and_mistakes_lose_theirs(course):
    """ps02 ... ps10 autograded: Alice (the reference solutions) gets every point of every assignment; in
    ps08 Eve forgets the 1/N and calls the library for finite differences: 2 points of 6, and her
    feedback says why."""
    for name, stem in list(assignments.ASSIGNMENTS.items())[1:]:
        nbgrader(course, "generate_assignment", name, "--force")
        hand_in(course, name, "alice", {})
        if name == "ps08":
            hand_in(course, name, "eve", EVE)
        nbgrader(course, "autograde", name, "--force")
        got = scores(course, name)
        assert got["alice"] == points_of(stem), (name, got)
    assert got_ps08(course) == 2.0
    nbgrader(course, "generate_feedback", "ps08", "--force", "--student", "eve")
    feedback = (course / "feedback" / "eve" / "ps08" / "08_gradients.html").read_text()
    assert "numerical_grad" in feedback, "Eve's feedback does not name the library call"
    assert "cases=" not in feedback and "BEGIN HIDDEN" not in feedback, "the hidden cases show"
    assert "eye" in feedback, "her code is not in her feedback"


def got_ps08(course: Path) -> float:
    return scores(course, "ps08")["eve"]
