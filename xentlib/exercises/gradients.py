"""Notebook gradients: the gradient of the loss, finite differences, the smoothed gradient."""

from __future__ import annotations

import numpy as np

from ..softmax import softmax
from ._common import F32, GRAD_BY_HAND, random_batch, seed
from .engine import Case, exercise

_NOT_MEAN = (
    "Every value is N times too big (N = the number of samples): that is the gradient of the summed "
    "loss. The loss is a mean, so each sample's part of the gradient carries a factor 1/N."
)
_SIGN = (
    "The sign is flipped. The gradient is positive at the wrong classes (raising their logits raises "
    "the loss) and negative at the true class; yours is minus that, the direction a step should go."
)


def _onehot(labels, c):
    return np.eye(c)[labels]


@exercise(
    "ce_grad",
    labels=1,
    nudge=(
        "Start from one sample: how does the loss change when you raise the logit of a wrong class, "
        "and when you raise the true class's? Then remember that the loss is a mean over N samples."
    ),
    task="make ce_grad(logits, labels) return the gradient of the mean cross-entropy, "
    "(softmax(logits) - one_hot(labels)) / N, an array of the logits' shape",
    hint="p = softmax(logits, axis=1); subtract 1 at each row's true class, p[np.arange(N), labels] -= 1; "
    "then divide by N",
    forbid=GRAD_BY_HAND,
)
def ce_grad():
    from ..loss import cross_entropy_grad

    z, y = seed()
    many, many_y = random_batch(8, 10, 4)
    cases = [
        Case("the seed batch", (z, y)),
        Case("one sample", (z[:1], y[:1])),
        Case("10 samples, 4 classes", (many, many_y)),
        Case("every label the same", (z, np.array([0, 0, 0]))),
        Case("float32 logits", (z.astype(np.float32), y), **F32),
        Case("huge logits", (z * 1000, y)),
    ]
    return cross_entropy_grad, cases


@ce_grad.mistake(_NOT_MEAN, fix="divide by N = len(labels) at the end")
def forgets_to_divide_by_n(logits, labels):
    return softmax(logits, axis=1) - _onehot(labels, logits.shape[1])


@ce_grad.mistake(_SIGN, fix="softmax minus one-hot, not one-hot minus softmax")
def opposite_sign(logits, labels):
    return (_onehot(labels, logits.shape[1]) - softmax(logits, axis=1)) / len(labels)


@ce_grad.mistake(
    "You took softmax down the columns (axis 0), over the samples. Each row is one sample; its "
    "probabilities come from its own row of logits.",
    fix="softmax(logits, axis=1)",
)
def softmax_over_axis_0(logits, labels):
    return (softmax(logits, axis=0) - _onehot(labels, logits.shape[1])) / len(labels)


@ce_grad.mistake(
    "exp overflows for the huge logits (inf/inf = nan): your softmax needs the max-shift, which "
    "xentlib's softmax does for you.",
    fix="xl.softmax(logits, axis=1) rather than np.exp(logits) / ...",
)
def unshifted_softmax(logits, labels):
    e = np.exp(logits)
    return (e / e.sum(axis=1, keepdims=True) - _onehot(labels, logits.shape[1])) / len(labels)


@ce_grad.mistake(
    "You subtracted 1 in every row at every label's column. Each row has one true class: subtract 1 "
    "only at row i, column labels[i].",
    fix="p[np.arange(N), labels] -= 1 (two index arrays), not p[:, labels] -= 1",
)
def subtracts_in_every_row(logits, labels):
    g = softmax(logits, axis=1)
    g[:, labels] -= 1
    return g / len(labels)


@exercise(
    "central_difference",
    nudge=(
        "Change one entry at a time: a small step up, a small step down, and the slope between the "
        "two results. Afterwards every entry, and the array you were given, must be as it was."
    ),
    task="make central_difference(f, z, eps) return, for every entry k of z, "
    "(f(z + eps e_k) - f(z - eps e_k)) / (2 eps), as an array of z's shape",
    hint="z = np.array(z, dtype=float); g = np.zeros_like(z); for k in np.ndindex(z.shape): set z[k] to "
    "old + eps, then old - eps, evaluate f each time, restore z[k] = old, store the difference / (2 eps)",
    rtol=1e-6,
    atol=1e-8,
    forbid=("numerical_grad", "grad_check", "backward", "gradient"),
)
def central_difference():
    from ..gradcheck import numerical_grad
    from ..loss import cross_entropy
    from ..softmax import logsumexp

    z, y = seed()

    def sum_of_squares(v):
        return float(np.sum(np.asarray(v) ** 2))

    def seed_loss(v):
        return float(cross_entropy(v, y))

    def lse(v):
        return float(logsumexp(v))

    def first_cubed(v):
        return float(np.asarray(v).ravel()[0] ** 3)

    def product(v):
        return float(np.prod(np.asarray(v)))

    cases = [
        Case("sum of squares (gradient 2z)", (sum_of_squares, np.array([1.0, -2.0, 3.0]), 1e-6)),
        Case(
            "the seed loss, 3 x 5 logits",
            (seed_loss, z, 1e-6),
            note="Return an array shaped like z, one partial derivative per entry, also for a 2-D z.",
        ),
        Case("log-sum-exp of one row", (lse, z[1], 1e-6)),
        Case("one entry", (sum_of_squares, np.array([0.5]), 1e-6)),
        Case("a bigger eps, z^3", (first_cubed, np.array([2.0, 1.0]), 1e-2)),
        Case("integers in z", (sum_of_squares, np.array([1, 2]), 1e-6)),
        Case("a product, eps = 0.1", (product, np.array([2.0, 3.0]), 0.1)),
    ]
    return numerical_grad, cases


def _difference(f, z, eps, *, floats=True, both_ways=True, restore=True, width=2.0):
    """Finite differences with one thing done wrong: integer z kept, one-sided, not restored, or the
    wrong width (in units of eps) between the two points."""
    z = np.array(z, dtype=float) if floats else np.array(z)
    g = np.zeros(z.shape)
    for k in np.ndindex(z.shape):
        old = z[k]
        z[k] = old + eps
        up = f(z)
        z[k] = old - eps if both_ways else old
        down = f(z)
        if restore:
            z[k] = old
        g[k] = (up - down) / (width * eps if both_ways else eps)
    return g


@central_difference.mistake(
    "A one-sided difference, (f(z + eps e_k) - f(z)) / eps, is off by about eps/2 times the second "
    "derivative; it shows with the bigger eps. Step both ways, up and down, and divide by the "
    "distance between the two points.",
    fix="(f(z + eps e_k) - f(z - eps e_k)) / (2 eps)",
)
def forward_difference(f, z, eps):
    return _difference(f, z, eps, both_ways=False)


@central_difference.mistake(
    "Every value is twice the gradient: the two points are 2 eps apart, not eps.",
    fix="divide by 2 * eps",
)
def divides_by_eps(f, z, eps):
    return _difference(f, z, eps, width=1.0)


@central_difference.mistake(
    "The entries you already moved stay moved, so later derivatives are taken at a shifted point. "
    "Put each entry back before you move the next.",
    fix="z[k] = old after the two evaluations",
)
def does_not_restore(f, z, eps):
    return _difference(f, z, eps, restore=False)


@central_difference.mistake(
    "z holds integers here, and an integer array cannot hold z + eps: the step is rounded away and "
    "the difference is 0. Work on a copy of z made of floats.",
    fix="z = np.array(z, dtype=float)",
)
def integer_copy(f, z, eps):
    return _difference(f, z, eps, floats=False)


@central_difference.mistake(
    "You moved every entry at once: that measures how f changes along the diagonal, the same number "
    "for every entry. A partial derivative moves one entry at a time.",
    fix="loop over k in np.ndindex(z.shape) and move z[k] only",
)
def moves_every_entry(f, z, eps):
    z = np.array(z, dtype=float)
    return np.full(z.shape, (f(z + eps) - f(z - eps)) / (2 * eps))


@central_difference.mistake(
    "On the 2-D logits, range(len(z)) runs over the rows, so z[k] is a whole row: you moved all of its "
    "entries at once and got one slope per row, written into every entry of that row. A partial "
    "derivative moves one entry at a time: every index of z's shape, not only the first axis.",
    fix="loop over k in np.ndindex(z.shape), which gives every (row, column) index",
)
def moves_whole_rows(f, z, eps):
    z = np.array(z, dtype=float)
    g = np.zeros(z.shape)
    for k in range(len(z)):
        old = z[k].copy()
        z[k] = old + eps
        up = f(z)
        z[k] = old - eps
        down = f(z)
        z[k] = old
        g[k] = (up - down) / (2 * eps)
    return g


@exercise(
    "smoothed_grad",
    labels=1,
    nudge=(
        "The gradient of cross-entropy with respect to the logits is always 'predicted minus "
        "target'. What is the target row now that the labels are smoothed, and what does the mean "
        "over N do to it?"
    ),
    task="make smoothed_grad(logits, labels, eps) return (softmax(logits) - q) / N with the smoothed "
    "target q = (1 - eps) * one_hot(labels) + eps / C",
    hint="q = (1 - eps) * np.eye(C)[labels] + eps / C; return (softmax(logits, axis=1) - q) / len(labels)",
    forbid=GRAD_BY_HAND,
)
def smoothed_grad():
    from ..loss import cross_entropy_grad

    z, y = seed()

    def reference(logits, labels, eps):
        return cross_entropy_grad(logits, labels, label_smoothing=eps)

    many, many_y = random_batch(9, 6, 4)
    cases = [
        Case("eps = 0 (no smoothing)", (z, y, 0.0)),
        Case("eps = 0.1", (z, y, 0.1)),
        Case("eps = 1 (uniform target)", (z, y, 1.0)),
        Case(
            "6 samples, 4 classes, eps = 0.3",
            (many, many_y, 0.3),
            note="C is the number of columns, N the number of rows.",
        ),
    ]
    return reference, cases


@smoothed_grad.mistake(
    "You spread eps over the C - 1 other classes. The smoothing here (torch's) gives eps / C to every "
    "class, the true one included.",
    fix="q = (1 - eps) * one_hot + eps / C",
)
def eps_over_c_minus_1(logits, labels, eps):
    c = logits.shape[1]
    hot = _onehot(labels, c)
    return (softmax(logits, axis=1) - (1 - eps) * hot - eps / (c - 1) * (1 - hot)) / len(labels)


@smoothed_grad.mistake(
    "Your target has lost the eps / C that every class receives: it no longer adds up to 1.",
    fix="q = (1 - eps) * one_hot + eps / C",
)
def forgets_eps_over_c(logits, labels, eps):
    return (softmax(logits, axis=1) - (1 - eps) * _onehot(labels, logits.shape[1])) / len(labels)


@smoothed_grad.mistake(_NOT_MEAN, fix="divide by N = len(labels)")
def forgets_to_divide_by_n_smoothed(logits, labels, eps):
    c = logits.shape[1]
    return softmax(logits, axis=1) - ((1 - eps) * _onehot(labels, c) + eps / c)


@smoothed_grad.mistake(_SIGN, fix="softmax minus q, not q minus softmax")
def opposite_sign_smoothed(logits, labels, eps):
    c = logits.shape[1]
    return (((1 - eps) * _onehot(labels, c) + eps / c) - softmax(logits, axis=1)) / len(labels)
