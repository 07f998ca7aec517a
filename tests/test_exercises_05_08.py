"""The exercises of notebooks 05-08: each catches the mistake it is designed to catch, with its hint."""

import numpy as np
import pytest

from xentlib import log_softmax, softmax
from xentlib.checks import FAIL, TODO, check


def naive_ignore(logits, labels, ignore_index=-100):
    return -log_softmax(logits, axis=1)[np.arange(len(labels)), labels].mean()  # -100 is no column


def ignore_divides_by_n(logits, labels, ignore_index=-100):
    rows = np.flatnonzero(labels != ignore_index)
    return -log_softmax(logits, axis=1)[rows, labels[rows]].sum() / len(labels)


def weighted_divides_by_n(logits, labels, weight):
    losses = -log_softmax(logits, axis=1)[np.arange(len(labels)), labels]
    return (weight[labels] * losses).sum() / len(labels)


def smoothing_with_log_of_softmax(logits, labels, eps):
    c = logits.shape[1]
    q = (1 - eps) * np.eye(c)[labels] + eps / c
    with np.errstate(divide="ignore"):
        return -(q * np.log(softmax(logits, axis=1))).sum(axis=1).mean()


def grad_without_mean(logits, labels):
    g = softmax(logits, axis=1)
    g[np.arange(len(labels)), labels] -= 1
    return g


def forward_difference(f, z, eps):
    z = np.array(z, dtype=float)
    g = np.zeros_like(z)
    for k in np.ndindex(z.shape):
        up = z.copy()
        up[k] += eps
        g[k] = (f(up) - f(z)) / eps
    return g


def smoothed_grad_forgets_eps_over_c(logits, labels, eps):
    q = (1 - eps) * np.eye(logits.shape[1])[labels]
    return (softmax(logits, axis=1) - q) / len(labels)


def predict_over_rows(x, w, b):
    return np.argmax(x @ w + b, axis=0)


def accuracy_as_count(x, y, w, b):
    return np.sum(np.argmax(x @ w + b, axis=1) == y)


def weight_gradient_of_sum(w, b, x, y):
    g = softmax(x @ w + b, axis=1)
    g[np.arange(len(y)), y] -= 1
    return x.T @ g


def entropy_in_nats(p):
    nz = p[p > 0]
    return -np.sum(nz * np.log(nz))


def entropy_with_zeros(p):
    return -np.sum(p * np.log2(p))


def kl_reversed(p, q):
    m = q > 0
    return np.sum(q[m] * np.log(q[m] / p[m]))


def bce_through_sigmoid(x, t):
    s = 1 / (1 + np.exp(-x))
    return np.mean(-(t * np.log(s) + (1 - t) * np.log(1 - s)))


MISTAKES = [
    ("ignore_index_by_hand", naive_ignore, "second sample ignored"),
    ("ignore_index_by_hand", ignore_divides_by_n, "second sample ignored"),
    ("weighted_mean_by_hand", weighted_divides_by_n, "the notebook's weights"),
    ("label_smoothing_by_hand", smoothing_with_log_of_softmax, "huge logits"),
    ("ce_grad", grad_without_mean, "the seed batch"),
    ("central_difference", forward_difference, "a bigger eps"),
    ("smoothed_grad", smoothed_grad_forgets_eps_over_c, "eps = 0.1"),
    ("predict_classes", predict_over_rows, "30 blob points"),
    ("accuracy", accuracy_as_count, "30 blob points"),
    ("weight_gradient", weight_gradient_of_sum, "30 blob points"),
    ("entropy_bits", entropy_in_nats, "a fair coin"),
    ("entropy_bits", entropy_with_zeros, "a certain outcome"),
    ("kl_divergence", kl_reversed, "loaded coin vs fair coin"),
    ("bce_with_logits", bce_through_sigmoid, "huge logits"),
]


@pytest.mark.parametrize("exercise_id,mistake,case", MISTAKES, ids=[m[1].__name__ for m in MISTAKES])
def test_a_typical_mistake_fails_on_the_case_meant_for_it(capsys, exercise_id, mistake, case):
    assert check(exercise_id, mistake) is False
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{FAIL} {exercise_id}: case '{case}"), line
    assert "hint:" in line and "Traceback" not in line


@pytest.mark.parametrize(
    "exercise_id,forbidden",
    [
        ("ignore_index_by_hand", "from xentlib import nll_loss, log_softmax\ndef f(z, y, i):\n"
         "    return nll_loss(log_softmax(z, axis=1), y, ignore_index=i)"),
        ("ce_grad", "import xentlib\ndef f(z, y):\n    return xentlib.cross_entropy_grad(z, y)"),
        ("kl_divergence", "from xentlib.information import kl_divergence\ndef f(p, q):\n"
         "    return kl_divergence(p, q)"),
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


@pytest.mark.parametrize(
    "exercise_id",
    [
        "ignore_index_by_hand", "weighted_mean_by_hand", "label_smoothing_by_hand",
        "ce_grad", "central_difference", "smoothed_grad",
        "predict_classes", "accuracy", "weight_gradient",
        "entropy_bits", "kl_divergence", "bce_with_logits",
    ],
)
def test_unsolved_says_not_solved_yet(capsys, exercise_id):
    def unsolved(*args):
        # your code here
        raise NotImplementedError

    assert check(exercise_id, unsolved) is False
    assert capsys.readouterr().out.startswith(f"{TODO} {exercise_id}: not solved yet")
