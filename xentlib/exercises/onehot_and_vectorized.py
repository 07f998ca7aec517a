"""Notebook onehot_and_vectorized: one-hot targets and the loss of a batch without a Python loop."""

from __future__ import annotations

import numpy as np

from ..softmax import log_softmax
from ._common import F32, LOG_OF_SOFTMAX, SUM_NOT_MEAN, rows, seed
from .engine import Case, exercise


@exercise(
    "one_hot",
    labels=0,
    nudge=(
        "Each row is all zeros except a single 1 in the label's column. Do you know a matrix whose "
        "rows already look like that, one row per class?"
    ),
    task="make my_one_hot(labels, num_classes) return an (N, num_classes) float matrix with a 1.0 "
    "in column labels[i] of row i and 0.0 everywhere else",
    hint="np.eye(num_classes) has the rows you need: pick them with np.eye(num_classes)[labels]",
    forbid=("one_hot",),
    floats=True,
)
def one_hot():
    from ..data import SEED_LABELS
    from ..onehot import one_hot

    cases = [
        Case("the seed labels, 5 classes", (np.array(SEED_LABELS), 5)),
        Case("one label", (np.array([2]), 3)),
        Case("first and last class", (np.array([0, 3]), 4)),
        Case("the same label three times", (np.array([1, 1, 1]), 2)),
        Case("more classes than labels", (np.array([7]), 10)),
        Case("labels as a Python list", ([1, 0], 2)),
    ]
    return one_hot, cases


@one_hot.mistake(
    "The values are right but they are integers. A one-hot row is a probability distribution, and "
    "the loss multiplies it with float log-probabilities; torch's cross_entropy even refuses an "
    "integer (N, C) target ('Expected floating point type for target with class probabilities').",
    fix="np.eye(num_classes) is float already; or convert with .astype(float)",
)
def integer_one_hot(labels, num_classes):
    return np.eye(num_classes, dtype=np.int64)[labels]


@one_hot.mistake(
    "The width comes from the labels you were given, not from num_classes. A batch need not contain "
    "the last class, and its one-hot rows must still have num_classes entries.",
    fix="use num_classes for the width, never max(labels) + 1",
)
def width_from_the_labels(labels, num_classes):
    return np.eye(max(labels) + 1)[labels]


@one_hot.mistake(
    "np.eye(len(labels)) makes an N x N identity, one row and one column per label; one-hot rows need "
    "one column per class, num_classes of them, whatever the number of labels.",
    fix="the identity's size is the number of classes: np.eye(num_classes)",
)
def eye_of_the_batch_size(labels, num_classes):
    return np.eye(len(labels))[labels]


@one_hot.mistake(
    "Rows and columns are swapped: the result needs one row per label and one column per class.",
    fix="np.eye(num_classes)[labels] is already (N, num_classes): no transpose",
)
def transposed(labels, num_classes):
    return np.eye(num_classes)[labels].T


@one_hot.mistake(
    "Every 1 sits one column to the left: the labels are already 0-based (class 0 is the first "
    "column), so they need no shifting.",
    fix="index with labels itself, not labels - 1",
)
def one_based(labels, num_classes):
    return np.eye(num_classes)[np.asarray(labels) - 1]


@exercise(
    "cross_entropy_vectorized",
    labels=1,
    nudge=(
        "Work on all rows at once: log-probabilities for the whole matrix, one entry per row picked "
        "by its label, then the average. Why is taking the log in the same step as the softmax safer "
        "than taking it afterwards?"
    ),
    task="make cross_entropy_vectorized(logits, labels) compute the mean loss of the whole batch "
    "with array operations and no Python loop",
    hint="log_p = log_softmax(logits, axis=1); take log_p[np.arange(N), labels] and return minus its mean",
    no_loops=True,
    forbid=("cross_entropy", "cross_entropy_onehot", "cross_entropy_loop", "nll_loss"),
)
def cross_entropy_vectorized():
    from ..loss import cross_entropy

    z, y = seed()
    rng = np.random.default_rng(1)
    cases = [
        Case("the seed batch", (z, y)),
        Case("one sample", (z[:1], y[:1])),
        Case("float32 logits", (z.astype(np.float32), y), **F32),
        Case("50 random samples, 10 classes", (rng.normal(size=(50, 10)), rng.integers(0, 10, size=50))),
        Case("huge logits", (z * 1000, y)),
        Case(
            "a true class 800 below the largest logit",
            (np.array([[0.0, 800.0, 0.0], [5.0, 0.0, 1.0]]), np.array([0, 2])),
        ),
    ]
    return cross_entropy, cases


@cross_entropy_vectorized.mistake(
    LOG_OF_SOFTMAX, fix="log_softmax(logits, axis=1) instead of np.log(softmax(...))"
)
def log_of_softmax(logits, labels):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return -np.log(p[rows(labels), labels]).mean()


@cross_entropy_vectorized.mistake(SUM_NOT_MEAN, fix="-(...).mean(), not -(...).sum()")
def sum_instead_of_mean(logits, labels):
    return -log_softmax(logits, axis=1)[rows(labels), labels].sum()


@cross_entropy_vectorized.mistake(
    "You normalised over the samples (axis 0) instead of over the classes. Each row of logits is one "
    "sample and needs its own softmax, across its C classes.",
    fix="axis=1 (or axis=-1) in log_softmax",
)
def over_the_wrong_axis(logits, labels):
    return -log_softmax(logits, axis=0)[rows(labels), labels].mean()


@cross_entropy_vectorized.mistake(
    "You averaged the log-probability of every row at every label (an N x N table). Pair row i "
    "with labels[i] only: one number per sample.",
    fix="index with two arrays of length N: log_p[np.arange(N), labels]",
)
def every_row_every_label(logits, labels):
    return -log_softmax(logits, axis=1)[:, labels].mean()
