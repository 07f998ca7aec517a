"""Every exercise: its reference solution passes, each declared mistake fails with its own diagnosis, the
first-level messages never show the solution's code, and an unsolved answer says 'not solved yet'."""

import ast

import numpy as np
import pytest

from tests.exercises.answers import (
    MISTAKES,
    SOLUTIONS,
    needs_torch,
    solution_answer,
    solution_tree,
    wrong_answer,
)
from xentlib.exercises import FAIL, HINT, REGISTRY, TODO, check, hint

# The mistakes issue 7 asks the checker to recognise, and where each is declared.
NAMED_MISTAKES = {
    "off by a factor N (sum vs mean)": [
        ("cross_entropy_loop", "sum_instead_of_mean"),
        ("cross_entropy_vectorized", "sum_instead_of_mean"),
        ("nll_torch", "sum_instead_of_mean"),
        ("ce_grad", "forgets_to_divide_by_n"),
        ("weight_gradient", "forgets_to_divide_by_n"),
        ("bce_grad", "forgets_to_divide_by_n"),
        ("kdim_cross_entropy", "sum_over_everything"),
    ],
    "a percentage instead of a fraction": [("accuracy", "percentage")],
    "log10 instead of ln": [
        ("sample_loss", "log10_instead_of_ln"),
        ("cross_entropy_loop", "log10_instead_of_ln"),
        ("uniform_loss_prediction", "log10_of_10"),
        ("kl_divergence", "in_log10_kl"),
    ],
    "log2 instead of ln": [
        ("sample_loss", "log2_instead_of_ln"),
        ("uniform_loss_prediction", "log2_of_10"),
        ("kl_divergence", "in_bits"),
    ],
    "the opposite sign": [
        ("sample_loss", "forgets_the_minus"),
        ("nll_torch", "forgets_the_minus"),
        ("ce_grad", "opposite_sign"),
        ("bce_grad", "opposite_sign"),
        ("uniform_loss_prediction", "minus_ln_10"),
    ],
    "KL(q||p) for KL(p||q)": [("kl_divergence", "reversed_kl")],
    "a global instead of a per-row max": [
        ("stable_softmax", "global_max"),
        ("log_softmax_torch", "global_max"),
        ("logsumexp_rows", "global_max_lse"),
    ],
    "softmax over the wrong axis": [
        ("stable_softmax", "over_the_wrong_axis"),
        ("cross_entropy_vectorized", "over_the_wrong_axis"),
        ("log_softmax_torch", "over_dim_0"),
        ("ce_grad", "softmax_over_axis_0"),
        ("kdim_cross_entropy", "softmax_over_the_last_axis"),
    ],
    "eps/(C-1) smoothing": [
        ("label_smoothing_by_hand", "eps_over_c_minus_1"),
        ("smoothed_grad", "eps_over_c_minus_1"),
    ],
    "dividing by N where the weighted or non-ignored count belongs": [
        ("weighted_mean_by_hand", "divides_by_n_weighted"),
        ("ignore_index_by_hand", "divides_by_n"),
    ],
    "log(softmax) where the case makes it fail": [
        ("cross_entropy_vectorized", "log_of_softmax"),
        ("log_softmax_torch", "log_of_softmax"),
        ("label_smoothing_by_hand", "log_of_softmax"),
    ],
    "an integer one-hot": [("one_hot", "integer_one_hot")],
}


@pytest.fixture(autouse=True)
def fresh_counts():
    for ex in REGISTRY.values():
        ex.failures, ex.last_mistake, ex.hints_given = 0, None, 0
    yield


def solution_code(exercise_id) -> list[str]:
    """The code a learner should find alone: each line of the solution's body, and each expression of
    12 or more characters, without comments and docstrings."""
    _, text, tree = solution_tree(exercise_id)
    bodies = [n.body for n in tree.body if isinstance(n, ast.FunctionDef)] or [tree.body]
    pieces = []
    for statement in bodies[-1]:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # a docstring
        for line in ast.unparse(statement).splitlines():
            pieces.append(line.strip())
        for node in ast.walk(statement):
            if isinstance(node, ast.expr) and not isinstance(node, (ast.Constant, ast.Name)):
                pieces.append(ast.unparse(node))
    return sorted({p for p in pieces if len(p) >= 8})


def printed(exercise_id, answer, capsys) -> tuple[bool, list[str]]:
    result = check(exercise_id, answer)
    return result, capsys.readouterr().out.strip().splitlines()


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_reference_solution_passes(capsys, exercise_id):
    needs_torch(exercise_id)
    result, lines = printed(exercise_id, solution_answer(exercise_id), capsys)
    assert result is True, lines


def test_every_solution_file_is_a_registered_exercise():
    orphans = sorted(p.stem for p in SOLUTIONS.glob("*.py") if p.stem not in REGISTRY)
    assert not orphans, f"solutions without a registered exercise in xentlib/exercises/: {orphans}"


@pytest.mark.parametrize("exercise_id,name", MISTAKES, ids=[f"{e}-{n}" for e, n in MISTAKES])
def test_each_mistake_is_caught_with_its_own_diagnosis(capsys, exercise_id, name):
    needs_torch(exercise_id)
    ex = REGISTRY[exercise_id]
    mistake = next(m for m in ex.mistakes if m.name == name)
    result, lines = printed(exercise_id, wrong_answer(ex, mistake), capsys)
    assert result is False and len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"{FAIL} {exercise_id}: " + ("" if ex.predict else "case '")), line
    assert mistake.diagnosis in line, f"expected the diagnosis of {name!r}, got: {line}"
    others = [m.name for m in ex.mistakes if m is not mistake and m.diagnosis in line]
    assert not others, f"{name!r} was also diagnosed as {others}"
    assert ex.last_mistake is mistake


@pytest.mark.parametrize("kind", sorted(NAMED_MISTAKES))
def test_every_mistake_the_issue_names_is_declared(kind):
    declared = set(MISTAKES)
    missing = [pair for pair in NAMED_MISTAKES[kind] if pair not in declared]
    assert not missing, f"{kind}: not declared {missing}"


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_first_level_messages_never_show_the_solution_code(capsys, exercise_id):
    needs_torch(exercise_id)
    ex = REGISTRY[exercise_id]
    texts = [(text, "") for text in ex.first_level()]
    for mistake in ex.mistakes:  # and every line a failed check prints (but the learner's own code it echoes)
        ex.failures = 0
        check(exercise_id, wrong_answer(ex, mistake))
        texts += [(line, learners_own_code(mistake)) for line in capsys.readouterr().out.splitlines()]
    code = solution_code(exercise_id)
    assert code, f"found no code in the solution of {exercise_id!r}"
    leaks = [
        (piece, text)
        for piece in code
        for text, own in texts
        if piece in text and "".join(piece.split()) not in own
    ]
    assert not leaks, f"first-level messages show solution code: {leaks[:3]}"


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_unsolved_says_not_solved_yet(capsys, exercise_id):
    def unsolved(*args):
        # your code here
        raise NotImplementedError

    answer = None if REGISTRY[exercise_id].predict else unsolved
    result, lines = printed(exercise_id, answer, capsys)
    assert result is False and len(lines) == 1
    assert lines[0].startswith(f"{TODO} {exercise_id}: not solved yet")


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_hint_gives_a_nudge_then_code_and_the_fix_for_the_mistake_found(capsys, exercise_id):
    needs_torch(exercise_id)
    ex = REGISTRY[exercise_id]
    hint(exercise_id)
    nudge = capsys.readouterr().out.strip()
    assert nudge.startswith(f"{HINT} {exercise_id}: {ex.nudge}") and ex.hint not in nudge
    hint(exercise_id)
    assert capsys.readouterr().out.strip() == f"{HINT} {exercise_id}: {ex.hint}"
    with_fix = [m for m in ex.mistakes if m.fix]
    if with_fix:
        check(exercise_id, wrong_answer(ex, with_fix[0]))
        capsys.readouterr()
        hint(exercise_id)
        assert with_fix[0].fix in capsys.readouterr().out


def code_fragments(code: str, size: int = 8) -> set[str]:
    """Every run of `size` characters of the code, with its spaces taken out, that is not only letters
    (a name alone, such as 'predicted', is a word a sentence may use)."""
    squeezed = "".join(code.split())
    runs = {squeezed[k : k + size] for k in range(len(squeezed) - size + 1)}
    return {run for run in runs if not run.isalpha()}


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_the_nudge_shares_no_code_with_the_solution(exercise_id):
    ex = REGISTRY[exercise_id]
    assert ex.nudge, f"{exercise_id} has no nudge (hint level 1)"
    fragments = set().union(*(code_fragments(piece) for piece in solution_code(exercise_id)))
    shared = sorted(f for f in fragments if f in "".join(ex.nudge.split()))
    assert not shared, f"{exercise_id}: the nudge shares code with the solution: {shared}"


def test_the_fragment_check_can_fail():
    assert "np.exp(z" in code_fragments("e = np.exp(z)") and "predicte" not in code_fragments("predicted")
    assert any(f in "".join("try e=np.exp(z) here".split()) for f in code_fragments("e = np.exp(z)"))


@pytest.mark.parametrize(("exercise_id", "name"), MISTAKES)
def test_three_failures_in_a_row_print_no_line_of_the_solution(capsys, exercise_id, name):
    needs_torch(exercise_id)
    ex = REGISTRY[exercise_id]
    mistake = next(m for m in ex.mistakes if m.name == name)
    printed_text = ""
    for _ in range(3):
        check(exercise_id, wrong_answer(ex, mistake))
        printed_text += capsys.readouterr().out
    assert printed_text.count("\n") == 3, printed_text  # one line per check, nothing more
    squeezed = "".join(printed_text.split())
    own = learners_own_code(mistake)  # a line of it, echoed where it raised, is no hint
    shown = [
        line
        for line in solution_code(exercise_id)
        if len("".join(line.split())) >= 8
        and "".join(line.split()) in squeezed
        and "".join(line.split()) not in own
    ]
    assert not shown, f"{exercise_id}/{name}: three failures printed solution lines {shown}"


def learners_own_code(mistake) -> str:
    """The source of a mistake's function, as the learner who made it wrote it, spaces taken out."""
    import inspect

    try:
        return "".join(inspect.getsource(mistake.wrong).split())
    except (OSError, TypeError):
        return ""


@pytest.mark.parametrize(
    "exercise_id,forbidden",
    [
        (
            "ignore_index_by_hand",
            "from xentlib import nll_loss, log_softmax\ndef f(z, y, i):\n"
            "    return nll_loss(log_softmax(z, axis=1), y, ignore_index=i)",
        ),
        ("ce_grad", "import xentlib\ndef f(z, y):\n    return xentlib.cross_entropy_grad(z, y)"),
        (
            "kl_divergence",
            "from xentlib.information import kl_divergence\ndef f(p, q):\n    return kl_divergence(p, q)",
        ),
        ("logsumexp_rows", "from xentlib import logsumexp\ndef f(z):\n    return logsumexp(z, axis=-1)"),
    ],
)
def test_calling_the_library_is_refused(capsys, tmp_path, exercise_id, forbidden):
    path = tmp_path / "learner.py"
    path.write_text(forbidden + "\n")
    namespace = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # a real file, so inspect finds the source
    assert check(exercise_id, namespace["f"]) is False
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{FAIL} {exercise_id}: the values are right") and "by hand" in line, line


def test_the_cases_that_make_the_old_loopholes_fail():
    """log(softmax), a whole-tensor max and an integer one-hot used to pass; a true class 800 below
    the row's max is what makes log(softmax) fail in float64 (at 1000 x the seed logits it does not)."""
    from xentlib import softmax

    z = np.array([[0.0, 800.0, 0.0]])
    with np.errstate(divide="ignore"):
        assert np.log(softmax(z, axis=1))[0, 0] == -np.inf
    from xentlib.data import SEED_LABELS, SEED_LOGITS

    big = np.array(SEED_LOGITS) * 1000
    assert np.all(softmax(big, axis=1)[np.arange(3), SEED_LABELS] > 0)  # no -inf there: a case of its own
    names = {(e, m) for e, m in MISTAKES}
    for pair in [
        ("cross_entropy_vectorized", "log_of_softmax"),
        ("log_softmax_torch", "global_max"),
        ("one_hot", "integer_one_hot"),
    ]:
        assert pair in names  # and test_each_mistake_is_caught_with_its_own_diagnosis runs each


def test_diagnoses_and_notes_are_sentences():
    for ex in REGISTRY.values():
        for key, text in ex.messages().items():
            if ".mistake." in key or key.endswith(".note"):
                assert text == text.strip() and text.endswith((".", ")")), (key, text)


@pytest.mark.parametrize(
    "exercise_id", ["softmax_row", "stable_softmax", "label_smoothing_by_hand", "predict_classes"]
)
def test_the_leak_detector_finds_code_in_the_code_level_hint(exercise_id):
    """The test above is not vacuous: the second-level hint of these exercises does show solution code."""
    hint_text = REGISTRY[exercise_id].hint
    assert any(piece in hint_text for piece in solution_code(exercise_id))


LABEL_EXERCISES = sorted(ex.id for ex in REGISTRY.values() if ex.labels is not None)


@pytest.mark.parametrize("step", [-1, 1], ids=["label - 1", "label + 1"])
@pytest.mark.parametrize("exercise_id", LABEL_EXERCISES)
def test_labels_shifted_by_one_are_named_wherever_labels_index_something(capsys, exercise_id, step):
    needs_torch(exercise_id)
    ex = REGISTRY[exercise_id].ready()
    right = solution_answer(exercise_id)

    def shifted(*args):
        args = list(args)
        args[ex.labels] = args[ex.labels] + step
        return right(*args)

    result, lines = printed(exercise_id, shifted, capsys)
    assert result is False
    assert "shift" in lines[0], lines[0]  # the generic diagnosis, or one the exercise declares
    assert "times as much" not in lines[0], lines[0]  # a shift is not a scale error


def test_a_learners_own_label_shift_in_numpy_is_named(capsys):
    def vectorized(logits, labels):  # NumPy wraps label 0 - 1 = -1 to the last class, silently
        z = logits - logits.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -log_p[np.arange(len(labels)), labels - 1].mean()

    result, lines = printed("cross_entropy_vectorized", vectorized, capsys)
    assert result is False and "shifted down by one" in lines[0], lines[0]


def test_one_based_predictions_are_named(capsys):
    result, lines = printed("predict_classes", lambda X, W, b: np.argmax(X @ W + b, axis=1) + 1, capsys)
    assert result is False and "numbered from 1" in lines[0], lines[0]


def test_right_numbers_of_the_wrong_kind_fail_and_say_why(capsys):
    torch = pytest.importorskip("torch")
    right = solution_answer("nll_torch")
    for wrong, kind in [
        (lambda lp, t: right(lp, t).item(), "float"),
        (lambda lp, t: right(lp, t).numpy(), "ndarray"),
    ]:
        result, lines = printed("nll_torch", wrong, capsys)
        said = lines[0]
        assert result is False and f"function returned a {kind}" in said and "torch tensor" in said, lines
    result, lines = printed(
        "log_softmax_torch", lambda x: solution_answer("log_softmax_torch")(x).numpy(), capsys
    )
    assert result is False and "torch tensor" in lines[0], lines
    listed = solution_answer("true_class_probs")
    result, lines = printed("true_class_probs", lambda p, y: list(listed(p, y)), capsys)
    assert result is False and "function returned a list" in lines[0] and "NumPy array" in lines[0], lines
    assert torch.is_tensor(right(torch.log_softmax(torch.zeros(2, 3), dim=1), torch.tensor([0, 1])))


def test_abs_instead_of_the_minus_is_rejected_where_the_sign_matters(capsys):
    pytest.importorskip("torch")

    def with_abs(log_probs, target):
        import torch

        return abs(-log_probs[torch.arange(len(target)), target].mean())

    result, lines = printed("nll_torch", with_abs, capsys)
    assert result is False and "abs()" in lines[0], lines


@pytest.mark.parametrize(
    ("exercise_id", "name", "named", "not_said"),
    [
        ("ignore_index_by_hand", "hard_codes_minus_100", "torch's default", "no column"),
        ("central_difference", "moves_whole_rows", "range(len(z)) runs over the rows", "every entry at once"),
    ],
)
def test_the_two_wrong_diagnoses_are_right_now(capsys, exercise_id, name, named, not_said):
    """A hard-coded -100 was blamed with '-100 is no column' on the ignore_index=0 case; a loop over the
    rows of a 2-D z was told it 'moved every entry at once'."""
    ex = REGISTRY[exercise_id]
    mistake = next(m for m in ex.mistakes if m.name == name)
    result, lines = printed(exercise_id, wrong_answer(ex, mistake), capsys)
    assert result is False and named in lines[0] and not_said not in lines[0], lines
