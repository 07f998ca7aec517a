"""Notebook numpy_loops: the loss of a batch with a loop, and gathering the true classes' probabilities."""

from __future__ import annotations

import numpy as np

from ..softmax import softmax
from ._common import F32, LOG10, SUM_NOT_MEAN, seed
from .engine import Case, exercise


@exercise(
    "cross_entropy_loop",
    labels=1,
    nudge=(
        "Do for each sample what you did for one sample in notebook 01, keep a running total, and "
        "remember that the loss of a batch is an average, not a total."
    ),
    task="make my_cross_entropy_loop(logits, labels) loop over the samples, add up -log of each "
    "sample's true-class probability, and return the mean",
    hint="for row, label in zip(logits, labels, strict=True): total += -np.log(softmax(row)[label]); "
    "then return total / len(labels)",
    forbid=("cross_entropy_loop", "cross_entropy", "cross_entropy_onehot", "nll_loss"),
)
def cross_entropy_loop():
    from ..loop import cross_entropy_loop

    z, y = seed()
    rng = np.random.default_rng(0)
    cases = [
        Case("the seed batch", (z, y)),
        Case("one sample", (z[1:2], y[1:2]), note="A batch of one sample: its mean loss is its own loss."),
        Case("labels as a Python list", (z, [1, 2, 3])),
        Case("every label is class 0", (z, np.array([0, 0, 0]))),
        Case("labels of the last class", (z, np.array([4, 4, 4]))),
        Case("float32 logits", (z.astype(np.float32), y), **F32),
        Case("8 random samples, 6 classes", (rng.normal(size=(8, 6)), rng.integers(0, 6, size=8))),
    ]
    return cross_entropy_loop, cases


@cross_entropy_loop.mistake(SUM_NOT_MEAN, fix="after the loop, return total / len(labels)")
def sum_instead_of_mean(logits, labels):
    return sum(-np.log(softmax(row)[label]) for row, label in zip(logits, labels, strict=True))


@cross_entropy_loop.mistake(
    "You divided by the number of classes C. The mean is over the samples: divide by how many rows "
    "(labels) there are.",
    fix="total / len(labels)",
)
def divides_by_the_classes(logits, labels):
    total = sum(-np.log(softmax(row)[label]) for row, label in zip(logits, labels, strict=True))
    return total / np.shape(logits)[1]


@cross_entropy_loop.mistake(
    "You divided by a fixed 3. The seed batch has 3 samples, but this batch has more: divide by the "
    "size of the batch you are given.",
    fix="total / len(labels)",
)
def divides_by_three(logits, labels):
    return sum(-np.log(softmax(row)[label]) for row, label in zip(logits, labels, strict=True)) / 3


@cross_entropy_loop.mistake(
    "Only the last sample counts in your result: each pass of the loop replaces the total instead of "
    "adding to it.",
    fix="total += ... (not total = ...)",
)
def replaces_instead_of_adding(logits, labels):
    total = 0.0
    for row, label in zip(logits, labels, strict=True):
        total = -np.log(softmax(row)[label])
    return total / len(labels)


@cross_entropy_loop.mistake(LOG10, fix="np.log is ln")
def log10_instead_of_ln(logits, labels):
    total = sum(-np.log10(softmax(row)[label]) for row, label in zip(logits, labels, strict=True))
    return total / len(labels)


@cross_entropy_loop.mistake(
    (
        "Your function returns during the first pass of the loop: the return statement is indented into "
        "the loop, so only the first sample is counted. Return after the loop, once every sample is "
        "added."
    ),
    fix="dedent the return so that it runs after the loop",
)
def returns_inside_the_loop(logits, labels):
    total = 0.0
    for row, label in zip(logits, labels, strict=True):
        total += -np.log(softmax(row)[label])
        return total / len(labels)


@exercise(
    "true_class_probs",
    returns="array",
    labels=1,
    nudge=(
        "Row i holds the probabilities of sample i, and its label says which column is the true "
        "class. You need one number per row: which row and which column is it each time?"
    ),
    task="make true_class_probs(probabilities, labels) return, for each row i, the entry "
    "probabilities[i, labels[i]], as an array of length N",
    hint="loop with enumerate(labels), or index both axes at once: probabilities[np.arange(N), labels]",
)
def true_class_probs():
    z, y = seed()

    def reference(probabilities, labels):
        p = np.asarray(probabilities)
        return p[np.arange(p.shape[0]), np.asarray(labels)]

    p = softmax(z)
    cases = [
        Case("the seed probabilities", (p, y)),
        Case("one sample", (p[2:], y[2:])),
        Case("labels as a Python list", (p, [1, 2, 3])),
        Case("the same label twice", (p[:2], np.array([4, 4]))),
        Case("four samples, two classes", (softmax(np.arange(8.0).reshape(4, 2)), np.array([0, 1, 1, 0]))),
    ]
    return reference, cases


@true_class_probs.mistake(
    "You picked whole rows (row number labels[i]), so you get a matrix. The task wants one number per "
    "sample: in row i, the column labels[i].",
    fix="a pair of indices per sample: probabilities[i, labels[i]]",
)
def rows_by_label(probabilities, labels):
    return np.asarray(probabilities)[np.asarray(labels)]


@true_class_probs.mistake(
    "For every row you took every label's column: an N x N table. Pair row i with its own label only.",
    fix="probabilities[i, labels[i]] for each i (or both index arrays at once)",
)
def every_row_every_label(probabilities, labels):
    return np.asarray(probabilities)[:, np.asarray(labels)]


@true_class_probs.mistake(
    "You took each row's largest probability. The true class need not be the most likely one: take "
    "the column the label names.",
    fix="probabilities[i, labels[i]]",
)
def largest_of_each_row(probabilities, labels):
    return np.asarray(probabilities).max(axis=1)


@true_class_probs.mistake(
    "Row and column are swapped: the label says which column (class), the sample's position says which row.",
    fix="probabilities[i, labels[i]], row first",
)
def column_and_row_swapped(probabilities, labels):
    labels = np.asarray(labels)
    return np.asarray(probabilities)[labels, np.arange(len(labels))]
