"""The self-checking exercise engine: one friendly line for pass, fail, not solved and a crash; two-level
hints; diagnoses that name the mistake made; a registry that loads its content lazily."""

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from xentlib import log_softmax, softmax
from xentlib.exercises import FAIL, HINT, PASS, REGISTRY, TODO, check, hint
from xentlib.exercises.engine import OFFER_HINT_AFTER

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_counts():
    """Each test starts with no failures counted and no hint given (both change what check() prints)."""
    for ex in REGISTRY.values():
        ex.failures, ex.last_mistake, ex.hints_given = 0, None, 0
    yield


def run(capsys, exercise_id, answer):
    """check() and the single line it printed."""
    result = check(exercise_id, answer)
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
    assert line == f"{PASS} softmax_row: all {len(REGISTRY['softmax_row'].cases)} cases pass"


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


def test_a_declared_mistake_is_named_and_the_hint_waits_to_be_asked_for(capsys):
    ex = REGISTRY["softmax_row"]
    result, line = run(capsys, "softmax_row", np.exp)  # forgot to normalise
    assert result is False
    assert line.startswith(f"{FAIL} softmax_row: case 'first seed sample': ")
    assert "expected" in line and "got" in line
    assert ex.mistakes[0].diagnosis in line
    assert ex.hint not in line and ex.nudge not in line and "e.sum()" not in line  # no hint, no code
    assert line.endswith("(stuck? hint('softmax_row') has a nudge)")  # but the line says how to ask


def test_hint_gives_a_nudge_first_then_the_code_level_hint_and_the_fix(capsys):
    ex = REGISTRY["softmax_row"]
    run(capsys, "softmax_row", np.exp)
    hint("softmax_row")
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{HINT} softmax_row: {ex.nudge} (for a code-level hint, call hint('softmax_row') again)"]
    hint("softmax_row")
    out = capsys.readouterr().out.strip().splitlines()
    fix = f"{HINT} softmax_row: for the mistake above: {ex.mistakes[0].fix}"
    assert out == [f"{HINT} softmax_row: {ex.hint}", fix]
    hint("no_such_exercise")
    assert capsys.readouterr().out.startswith(f"{FAIL} no_such_exercise: there is no exercise")


def test_hint_with_code_true_goes_straight_to_the_code_level(capsys):
    ex = REGISTRY["sample_loss"]
    hint("sample_loss", code=True)
    assert capsys.readouterr().out.strip() == f"{HINT} sample_loss: {ex.hint}"


def test_repeated_failures_offer_the_hint_and_never_print_it(capsys):
    ex = REGISTRY["softmax_row"]
    for attempt in range(1, OFFER_HINT_AFTER + 3):
        assert check("softmax_row", np.exp) is False
        lines = capsys.readouterr().out.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(FAIL), lines  # one line: no hint printed by itself
        assert ex.hint not in lines[0] and ex.nudge not in lines[0]
        if attempt >= OFFER_HINT_AFTER:
            assert f"({attempt} tries in a row: hint('softmax_row') has a nudge" in lines[0]
    assert run(capsys, "softmax_row", good_softmax)[0] is True  # a pass starts the count again
    assert ex.failures == 0


def test_the_diagnosis_follows_the_mistake_not_the_first_failing_case(capsys):
    def sum_instead_of_mean(logits, labels):
        return -log_softmax(logits, axis=1)[np.arange(len(labels)), labels].sum()

    def log10_mean(logits, labels):
        return -np.mean(np.log10(softmax(logits, axis=1)[np.arange(len(labels)), labels]))

    ex = REGISTRY["cross_entropy_vectorized"]
    by_name = {m.name: m.diagnosis for m in ex.mistakes}
    first, second = run(capsys, ex.id, sum_instead_of_mean)[1], run(capsys, ex.id, log10_mean)[1]
    assert "case 'the seed batch'" in first and "case 'the seed batch'" in second  # same case fails first
    assert by_name["sum_instead_of_mean"] in first
    assert by_name["sum_instead_of_mean"] not in second  # log10 is not declared here: no false name


def test_an_undeclared_mistake_gets_the_generic_description(capsys):
    def half(z, label):
        return -np.log(softmax(z)[label]) / 2

    def negative(z, label):
        return np.log(softmax(z)[label])

    line = run(capsys, "sample_loss", half)[1]
    assert "(0.5 times as much)" in line
    assert not any(m.diagnosis in line for m in REGISTRY["sample_loss"].mistakes)
    assert "opposite sign" in run(capsys, "sample_loss", negative)[1]


def test_wrong_shape(capsys):
    result, line = run(capsys, "one_hot", lambda labels, c: np.eye(max(labels) + 1)[labels])
    assert result is False
    assert "shape (3, 5)" in line and "got shape (3, 4)" in line


def test_integers_fail_where_floats_are_asked_for(capsys):
    result, line = run(capsys, "one_hot", lambda labels, c: np.eye(c, dtype=int)[labels])
    assert result is False and "should return floats, got dtype int" in line


def test_learner_exception_is_one_line(capsys):
    def crashes(z):
        return z / undefined_name  # noqa: F821 - the learner's typo

    result, line = run(capsys, "softmax_row", crashes)
    assert result is False
    assert line.startswith(f"{FAIL} softmax_row: case 'first seed sample' raised NameError")


def test_overflow_is_reported_and_diagnosed(capsys):
    def naive(z):
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)

    result, line = run(capsys, "stable_softmax", naive)
    assert result is False
    assert "huge logits" in line and "nan" in line and "709.78" in line


def test_unknown_id_and_not_a_function_do_not_raise(capsys):
    result, line = run(capsys, "no_such_exercise", good_softmax)
    assert result is False and line.startswith(f"{FAIL} no_such_exercise:") and "softmax_row" in line
    result, line = run(capsys, "softmax_row", good_softmax(np.zeros(3)))  # called it instead of passing it
    assert result is False and "needs your function itself" in line


def test_returning_text_is_a_friendly_fail(capsys):
    result, line = run(capsys, "sample_loss", lambda z, label: "about one")
    assert result is False and line.startswith(f"{FAIL} sample_loss: case ")


def test_a_crash_in_the_checker_is_one_line(capsys, monkeypatch):
    ex = REGISTRY["softmax_row"]
    monkeypatch.setattr(ex, "reference", lambda z: 1 / 0)
    result, line = run(capsys, "softmax_row", good_softmax)
    assert result is False and "the checker itself failed (ZeroDivisionError" in line


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


def central_difference_with_a_variable_called_gradient(f, z, eps):
    z = np.array(z, dtype=float)
    gradient = np.zeros_like(z)
    for k in np.ndindex(z.shape):
        old = z[k]
        z[k] = old + eps
        up = f(z)
        z[k] = old - eps
        down = f(z)
        z[k] = old
        gradient[k] = (up - down) / (2 * eps)
    return gradient


def test_a_variable_named_like_a_forbidden_function_is_fine(capsys):
    assert run(capsys, "central_difference", central_difference_with_a_variable_called_gradient)[0] is True


def test_torch_tensors_are_compared_as_arrays(capsys):
    torch = pytest.importorskip("torch")

    def nll(log_probs, target):
        return -log_probs[torch.arange(len(target)), target].mean()

    assert run(capsys, "nll_torch", nll)[0] is True


def test_a_prediction_is_a_number(capsys):
    result, line = run(capsys, "uniform_loss_prediction", None)
    assert result is False and line.startswith(f"{TODO} uniform_loss_prediction: not solved yet")
    result, line = run(capsys, "uniform_loss_prediction", "2.3")
    assert result is False and "needs a number" in line
    assert run(capsys, "uniform_loss_prediction", 2.30)[0] is True
    ex = REGISTRY["uniform_loss_prediction"]
    diagnosis = {m.name: m.diagnosis for m in ex.mistakes}
    assert diagnosis["the_number_of_classes"] in run(capsys, ex.id, 10)[1]  # an int matches 10.0
    assert diagnosis["log10_of_10"] in run(capsys, ex.id, 1)[1]
    ex.failures = 0
    result, line = run(capsys, ex.id, 4.6)
    assert result is False and line.startswith(f"{FAIL} uniform_loss_prediction: 4.6 is not it.")
    assert "2.30" not in line  # the number to predict is never shown


def test_the_engine_does_not_import_its_content():
    """The content imports the engine, never the other way: engine.py names no content module."""
    content = {ex.build.__module__ for ex in REGISTRY.values()}
    tree = ast.parse((ROOT / "xentlib" / "exercises" / "engine.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    tails = {(m or "").rsplit(".", 1)[-1] for m in imported}
    assert not {name.rsplit(".", 1)[-1] for name in content} & tails
    code = (
        "import sys\n"
        "from xentlib.checks import REGISTRY, check\n"
        "assert 'softmax_row' in REGISTRY and len(REGISTRY) > 20\n"
        "assert 'torch' not in sys.modules, 'registering must not import torch'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_sentence_has_an_id():
    for ex in REGISTRY.values():
        texts = ex.messages()
        assert texts[f"{ex.id}.task"] == ex.task and texts[f"{ex.id}.hint"] == ex.hint
        for m in ex.mistakes:
            assert texts[f"{ex.id}.mistake.{m.name}"] == m.diagnosis
        assert all(key.startswith(f"{ex.id}.") for key in texts)


def test_an_error_matches_a_mistake_only_with_the_same_message(capsys):
    def raises_its_own_value_error(z):
        raise ValueError("something else went wrong")

    def forgets_keepdims(z):
        e = np.exp(z - z.max(axis=-1))
        return e / e.sum(axis=-1)

    ex = REGISTRY["stable_softmax"]
    shapes = next(m for m in ex.mistakes if m.name == "without_keepdims").diagnosis
    assert shapes not in run(capsys, ex.id, raises_its_own_value_error)[1]
    assert shapes in run(capsys, ex.id, forgets_keepdims)[1]


LEARNER = """import numpy as np


def my_one_hot(labels, num_classes):
    eye = np.eye(len(labels))
    return eye[labels]


def stable_softmax(z):
    e = np.exp(z - z.max(axis=-1))
    return e / e.sum(axis=-1, keepdims=True)


def uses_a_global(z):
    return np.exp(z) / total
"""


@pytest.fixture
def learner(tmp_path, monkeypatch):
    """A learner's answers, written in a file as a notebook cell is (so their lines can be shown)."""
    (tmp_path / "learner_answers.py").write_text(LEARNER)
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    return importlib.import_module("learner_answers")


def test_an_exception_in_the_learners_function_becomes_a_diagnosis(capsys, learner):
    result, line = run(capsys, "one_hot", learner.my_one_hot)
    assert result is False
    assert "IndexError: index 3 is out of bounds for axis 0 with size 3" in line  # what Python said
    assert "in line 3 of your function: return eye[labels]" in line  # where, in their own code
    assert "index 3 on axis 0, which has only 3 entries" in line  # what it means
    assert "np.eye(len(labels)) makes an N x N identity" in line  # and the likely cause
    result, line = run(capsys, "stable_softmax", learner.stable_softmax)
    assert "in line 2 of your function" in line and "keepdims=True" in line, line
    result, line = run(capsys, "softmax_row", learner.uses_a_global)
    assert "The name total does not exist where your function runs" in line, line


def test_a_forgotten_values_after_max_is_explained(capsys):
    torch = pytest.importorskip("torch")

    def log_softmax_torch(x):
        m = x.max(dim=1, keepdim=True)
        return x - m - torch.log(torch.exp(x - m).sum(dim=1, keepdim=True))

    result, line = run(capsys, "log_softmax_torch", log_softmax_torch)
    assert result is False and "return a pair (values, indices)" in line and ".values" in line, line
