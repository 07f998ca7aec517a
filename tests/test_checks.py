"""The self-checking exercise engine: one friendly line for pass, fail, not solved and a crash."""

import ast
from pathlib import Path

import numpy as np
import pytest

from xentlib import log_softmax, softmax
from xentlib.checks import FAIL, PASS, REGISTRY, TODO, check

SOLUTIONS = Path(__file__).resolve().parent.parent / "notebooks" / "solutions"


def run(capsys, exercise_id, fn):
    """check() and the single line it printed."""
    result = check(exercise_id, fn)
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) == 1, f"check() should print exactly one line, printed:\n{out}"
    assert "Traceback" not in out
    return result, lines[0]


def good_softmax(z):
    e = np.exp(z)
    return e / e.sum()


def test_pass(capsys):
    result, line = run(capsys, "softmax_row", good_softmax)
    assert result is True
    assert line.startswith(f"{PASS} softmax_row: all ") and line.endswith(" cases pass")


def test_not_solved_not_implemented(capsys):
    def unsolved(z):
        # your code here
        raise NotImplementedError

    result, line = run(capsys, "softmax_row", unsolved)
    assert result is False
    assert line.startswith(f"{TODO} softmax_row: not solved yet — ")


def test_not_solved_returns_none(capsys):
    def unsolved(z):
        pass  # your code here

    result, line = run(capsys, "softmax_row", unsolved)
    assert result is False
    assert line.startswith(f"{TODO} softmax_row: not solved yet")
    assert "return" in line


def test_wrong_value_names_the_case_and_gives_a_hint(capsys):
    result, line = run(capsys, "softmax_row", np.exp)  # forgot to normalise
    assert result is False
    assert line.startswith(f"{FAIL} softmax_row: case 'first seed sample'")
    assert "expected" in line and "got" in line and "hint:" in line


def test_wrong_sign_is_spotted(capsys):
    result, line = run(capsys, "sample_loss", lambda z, label: np.log(softmax(z)[label]))
    assert result is False
    assert "opposite sign" in line


def test_wrong_shape(capsys):
    result, line = run(capsys, "one_hot", lambda labels, c: np.eye(max(labels) + 1)[labels])
    assert result is False
    assert "shape (3, 5)" in line and "got shape (3, 4)" in line


def test_learner_exception_is_one_line(capsys):
    def crashes(z):
        return z / undefined_name  # noqa: F821 - the learner's typo

    result, line = run(capsys, "softmax_row", crashes)
    assert result is False
    assert line.startswith(f"{FAIL} softmax_row: case 'first seed sample' raised NameError")
    assert "hint:" in line


def test_overflow_reported_as_nan_with_the_case_hint(capsys):
    def naive(z):
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)

    result, line = run(capsys, "stable_softmax", naive)
    assert result is False
    assert "huge logits" in line and "nan" in line and "max" in line


def test_unknown_id_and_not_a_function_do_not_raise(capsys):
    result, line = run(capsys, "no_such_exercise", good_softmax)
    assert result is False and line.startswith(f"{FAIL} no_such_exercise:") and "softmax_row" in line
    result, line = run(capsys, "softmax_row", good_softmax(np.zeros(3)))  # called it instead of passing it
    assert result is False and "needs your function itself" in line


def test_returning_text_is_a_friendly_fail(capsys):
    result, line = run(capsys, "sample_loss", lambda z, label: "about one")
    assert result is False and line.startswith(f"{FAIL} sample_loss: case ")


def test_learner_cannot_change_the_inputs_of_later_cases(capsys):
    def in_place(z):
        z -= z.max()  # modifies its argument: fine, it gets a private copy
        np.exp(z, out=z)
        z /= z.sum()
        return z

    assert run(capsys, "softmax_row", in_place)[0] is True
    assert run(capsys, "softmax_row", good_softmax)[0] is True


def loop_vectorized(logits, labels):
    return -np.mean([log_softmax(logits, axis=1)[i, label] for i, label in enumerate(labels)])


def test_loops_are_refused_where_the_exercise_asks_for_vectorised_code(capsys):
    result, line = run(capsys, "cross_entropy_vectorized", loop_vectorized)
    assert result is False and "loop" in line


def calls_the_library(x):
    import torch

    return torch.log_softmax(x, dim=1)


def test_forbidden_library_call(capsys):
    pytest.importorskip("torch")
    result, line = run(capsys, "log_softmax_torch", calls_the_library)
    assert result is False and "calls log_softmax" in line


def test_torch_tensors_are_compared_as_arrays(capsys):
    torch = pytest.importorskip("torch")

    def nll(log_probs, target):
        return -log_probs[torch.arange(len(target)), target].mean()

    assert run(capsys, "nll_torch", nll)[0] is True


def solution_function(path: Path):
    """Exec a solution file (self-contained: it imports what it uses); return its last top-level def."""
    text = path.read_text(encoding="utf-8")
    names = [node.name for node in ast.parse(text).body if isinstance(node, ast.FunctionDef)]
    assert names, f"{path.name} defines no function"
    namespace: dict = {}
    exec(compile(text, str(path), "exec"), namespace)
    return namespace[names[-1]]


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_reference_solution_passes(capsys, exercise_id):
    path = SOLUTIONS / f"{exercise_id}.py"
    assert path.exists(), f"exercise {exercise_id!r} has no reference solution at notebooks/solutions/"
    if "torch" in path.read_text(encoding="utf-8"):
        pytest.importorskip("torch")
    result, line = run(capsys, exercise_id, solution_function(path))
    assert result is True, line


def test_every_solution_file_is_a_registered_exercise():
    orphans = sorted(p.stem for p in SOLUTIONS.glob("*.py") if p.stem not in REGISTRY)
    assert not orphans, f"solutions without a registered exercise in xentlib/exercises.py: {orphans}"
