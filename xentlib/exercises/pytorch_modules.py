"""PyTorch's options by hand: ignore_index, weights, label smoothing, soft targets, K-dim inputs."""

from __future__ import annotations

import numpy as np

from ..softmax import log_softmax
from ._common import BY_HAND, F32, LOG_OF_SOFTMAX, SUM_NOT_MEAN, random_batch, rows, seed
from .engine import Case, exercise


def _losses(logits, labels):
    return -log_softmax(logits, axis=1)[rows(labels), labels]


@exercise(
    "ignore_index_by_hand",
    labels=1,
    nudge=(
        "Which samples count? Leave the ignored ones out completely: they add nothing to the sum, "
        "and they are not counted when you take the mean either."
    ),
    task="make ce_ignore_index(logits, labels, ignore_index) return the mean loss over the samples "
    "whose label is not ignore_index",
    hint="log_p = log_softmax(logits, axis=1); rows = np.flatnonzero(labels != ignore_index); "
    "return -log_p[rows, labels[rows]].mean()",
    forbid=BY_HAND,
)
def ignore_index_by_hand():
    from ..loss import cross_entropy

    z, y = seed()

    def reference(logits, labels, ignore_index=-100):
        return cross_entropy(logits, labels, ignore_index=ignore_index)

    many, many_y = random_batch(5, 6, 4)
    many_y[[1, 2, 4]] = -1
    cases = [
        Case("nothing ignored", (z, y, -100)),
        Case("second sample ignored", (z, np.array([1, -100, 3]), -100)),
        Case(
            "ignore_index=0",
            (z, np.array([0, 2, 0]), 0),
            note="A sample is skipped when its label equals ignore_index, whatever that number is.",
        ),
        Case("half of 6 samples ignored", (many, many_y, -1)),
        Case("float32 logits", (z.astype(np.float32), np.array([-100, 2, 3]), -100), **F32),
        Case("every sample ignored", (z, np.array([-100, -100, -100]), -100)),
    ]
    return reference, cases


@ignore_index_by_hand.mistake(
    "You divided by all N samples. Ignored samples leave the mean entirely, so they must not count "
    "in the denominator either: divide by the number of samples kept.",
    fix="-log_p[kept, labels[kept]].mean() over the kept rows only",
)
def divides_by_n(logits, labels, ignore_index=-100):
    kept = np.flatnonzero(labels != ignore_index)
    return -log_softmax(logits, axis=1)[kept, labels[kept]].sum() / len(labels)


@ignore_index_by_hand.mistake(
    "You skipped the samples labelled -100, torch's default, instead of those labelled ignore_index: "
    "here ignore_index is another number, and the samples with that label must be the ones left out.",
    fix="compare the labels with the ignore_index argument, not with -100",
)
def hard_codes_minus_100(logits, labels, ignore_index=-100):
    kept = np.flatnonzero(labels != -100)
    return -log_softmax(logits, axis=1)[kept, labels[kept]].mean()


@ignore_index_by_hand.mistake(
    "Ignored samples still take part: a label equal to ignore_index is not a class to pick (for -100, "
    "NumPy reads a negative index from the end, or fails). Drop those rows before you pick by label.",
    fix="kept = np.flatnonzero(labels != ignore_index), then index with kept",
)
def ignores_nothing(logits, labels, ignore_index=-100):
    return _losses(logits, labels).mean()


@ignore_index_by_hand.mistake(
    "With every sample ignored there is nothing to average: the mean of no numbers is 0/0, and torch "
    "returns nan, not 0. Do not replace it.",
    fix="np.mean of an empty array is already nan",
)
def zero_when_all_ignored(logits, labels, ignore_index=-100):
    kept = np.flatnonzero(labels != ignore_index)
    picked = -log_softmax(logits, axis=1)[kept, labels[kept]]
    return picked.sum() / max(len(picked), 1)


@exercise(
    "weighted_mean_by_hand",
    labels=1,
    nudge=(
        "Each sample's loss is scaled by the weight of its true class. Is the weighted mean then "
        "divided by the number of samples, or by something else? Think of what it should give when "
        "every weight is 2."
    ),
    task="make ce_weighted(logits, labels, weight) return the class-weighted mean loss: "
    "sum_i w[y_i] * loss_i / sum_i w[y_i]",
    hint="loss_i = -log_softmax(logits, axis=1)[np.arange(N), labels]; w = weight[labels]; "
    "return (w * loss_i).sum() / w.sum()",
    forbid=BY_HAND,
)
def weighted_mean_by_hand():
    from ..loss import cross_entropy

    z, y = seed()

    def reference(logits, labels, weight):
        return cross_entropy(logits, labels, weight=weight)

    weight = np.array([1.0, 2.0, 0.5, 3.0, 1.0])
    many, many_y = random_batch(6, 8, 6)
    cases = [
        Case("all weights 1", (z, y, np.ones(5)), note="With equal weights the result is the plain mean."),
        Case("the notebook's weights", (z, y, weight)),
        Case("weights times 10", (z, y, 10 * weight), note="Scaling every weight changes no weighted mean."),
        Case("a class with weight 0", (z, y, np.array([1.0, 0.0, 1.0, 1.0, 1.0]))),
        Case("8 samples, 6 classes", (many, many_y, np.arange(1.0, 7.0))),
    ]
    return reference, cases


@weighted_mean_by_hand.mistake(
    "You divided the weighted sum by N. A weighted mean divides by the total weight of the samples, "
    "the sum of the weights of their true classes, so that it stays an average (and scaling every "
    "weight changes nothing).",
    fix="(w * losses).sum() / w.sum() with w = weight[labels]",
)
def divides_by_n_weighted(logits, labels, weight):
    return (weight[labels] * _losses(logits, labels)).sum() / len(labels)


@weighted_mean_by_hand.mistake(
    "You divided by the sum of every class's weight. Only the samples in the batch count: add up the "
    "weight of each sample's true class.",
    fix="w = weight[labels]; divide by w.sum()",
)
def divides_by_all_weights(logits, labels, weight):
    return (weight[labels] * _losses(logits, labels)).sum() / weight.sum()


@weighted_mean_by_hand.mistake(
    "Each sample's weight is the weight of its true class, weight[y_i], not the weight at its own "
    "position i.",
    fix="w = weight[labels]",
)
def weight_by_position(logits, labels, weight):
    w = weight[: len(labels)]
    return (w * _losses(logits, labels)).sum() / w.sum()


@weighted_mean_by_hand.mistake(
    "The weights change nothing in your result: it is the plain mean. Multiply each sample's loss by "
    "the weight of its true class.",
    fix="(w * losses).sum() / w.sum() with w = weight[labels]",
)
def ignores_the_weights(logits, labels, weight):
    return _losses(logits, labels).mean()


@exercise(
    "label_smoothing_by_hand",
    labels=1,
    nudge=(
        "The target is no longer one-hot: eps of the probability is spread evenly over all C "
        "classes, the true class included, and the true class keeps the rest. The loss is the "
        "cross-entropy against that whole target row."
    ),
    task="make ce_label_smoothing(logits, labels, eps) return the mean of -sum_c q_c log p_c with the "
    "smoothed target q = (1 - eps) * one_hot(labels) + eps / C",
    hint="q = (1 - eps) * np.eye(C)[labels] + eps / C; log_p = log_softmax(logits, axis=1); "
    "return -(q * log_p).sum(axis=1).mean()",
    forbid=BY_HAND,
)
def label_smoothing_by_hand():
    from ..loss import cross_entropy

    z, y = seed()

    def reference(logits, labels, eps):
        return cross_entropy(logits, labels, label_smoothing=eps)

    many, many_y = random_batch(7, 10, 7)
    cases = [
        Case("eps = 0 (no smoothing)", (z, y, 0.0)),
        Case("eps = 0.1", (z, y, 0.1)),
        Case("eps = 1 (uniform target)", (z, y, 1.0)),
        Case("10 samples, 7 classes, eps = 0.25", (many, many_y, 0.25), note="C is the number of columns."),
        Case("huge logits", (z * 1000, y, 0.1)),
    ]
    return reference, cases


def _smoothed(logits, labels, eps):
    c = logits.shape[1]
    return (1 - eps) * np.eye(c)[labels] + eps / c


@label_smoothing_by_hand.mistake(
    "You spread eps over the C - 1 other classes. torch (and this notebook) gives eps / C to every "
    "class, the true one included, so the true class gets 1 - eps + eps / C.",
    fix="q = (1 - eps) * one_hot + eps / C, added to every entry",
)
def eps_over_c_minus_1(logits, labels, eps):
    c = logits.shape[1]
    hot = np.eye(c)[labels]
    q = (1 - eps) * hot + eps / (c - 1) * (1 - hot)
    return -(q * log_softmax(logits, axis=1)).sum(axis=1).mean()


@label_smoothing_by_hand.mistake(
    "Your target no longer adds up to 1: the true class keeps its whole 1 and the eps / C comes on "
    "top. It must give up eps first.",
    fix="q = (1 - eps) * one_hot + eps / C",
)
def keeps_the_whole_one(logits, labels, eps):
    c = logits.shape[1]
    q = np.eye(c)[labels] + eps / c
    return -(q * log_softmax(logits, axis=1)).sum(axis=1).mean()


@label_smoothing_by_hand.mistake(
    "Only the true class is in your loss: the eps / C for the other classes is missing.",
    fix="q = (1 - eps) * one_hot + eps / C, then -(q * log_p).sum(axis=1)",
)
def forgets_eps_over_c(logits, labels, eps):
    c = logits.shape[1]
    q = (1 - eps) * np.eye(c)[labels]
    return -(q * log_softmax(logits, axis=1)).sum(axis=1).mean()


@label_smoothing_by_hand.mistake(
    LOG_OF_SOFTMAX + " With smoothing every class has q > 0, so any such class makes the loss infinite.",
    fix="log_softmax(logits, axis=1) instead of np.log(softmax(...))",
)
def log_of_softmax(logits, labels, eps):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return -(_smoothed(logits, labels, eps) * np.log(p)).sum(axis=1).mean()


@label_smoothing_by_hand.mistake(SUM_NOT_MEAN, fix=".mean() over the samples, after the sum over classes")
def sum_instead_of_mean(logits, labels, eps):
    return -(_smoothed(logits, labels, eps) * log_softmax(logits, axis=1)).sum()


@exercise(
    "kdim_cross_entropy",
    labels=1,
    classes_axis=1,
    nudge=(
        "torch puts the classes on axis 1, so the softmax runs over axis 1, not over the last axis. "
        "Every position of every sequence is one sample with its own label, and the loss averages "
        "over all of them."
    ),
    task="make ce_sequence(logits, labels) return the mean cross-entropy of a batch of sequences: "
    "logits of shape (N, C, T) as torch lays them out (classes on axis 1), labels of shape (N, T)",
    hint="log_p = log_softmax(logits, axis=1); picked = np.take_along_axis(log_p, labels[:, None, :], "
    "axis=1); return -picked.mean()",
    forbid=BY_HAND,
)
def kdim_cross_entropy():
    from ..loss import cross_entropy

    rng = np.random.default_rng(11)

    def batch(n, c, t):
        return rng.normal(0, 2, size=(n, c, t)), rng.integers(0, c, size=(n, t))

    cases = [
        Case("2 sequences, 3 classes, 4 positions", batch(2, 3, 4)),
        Case("one sequence of one position", batch(1, 5, 1)),
        Case("3 sequences, 4 classes, 4 positions", batch(3, 4, 4)),
        Case("4 sequences, 5 classes, 2 positions", batch(4, 5, 2)),
    ]
    return cross_entropy, cases


def _pick_k(log_p, labels):
    return np.take_along_axis(log_p, labels[:, None, :], axis=1)


@kdim_cross_entropy.mistake(
    "You took softmax over the last axis, the positions. In torch's (N, C, T) layout the classes are "
    "on axis 1: at each position, the C numbers along axis 1 form one distribution.",
    fix="log_softmax(logits, axis=1)",
)
def softmax_over_the_last_axis(logits, labels):
    return -_pick_k(log_softmax(logits, axis=-1), labels).mean()


@kdim_cross_entropy.mistake(
    "You flattened (N, C, T) straight into rows of C numbers. That mixes classes and positions: a "
    "row then holds numbers of different positions. Bring the class axis last before flattening.",
    fix="logits.transpose(0, 2, 1).reshape(-1, C) pairs with labels.reshape(-1)",
)
def reshape_without_moving_the_classes(logits, labels):
    c = logits.shape[1]
    flat = logits.reshape(-1, c)
    return -log_softmax(flat, axis=1)[np.arange(flat.shape[0]), labels.reshape(-1)].mean()


@kdim_cross_entropy.mistake(
    "Your value is T times too big (T = the number of positions): you added up the positions of "
    "each sequence. torch averages over all N x T positions.",
    fix="-picked.mean() over every sample and position",
)
def sums_over_positions(logits, labels):
    return -_pick_k(log_softmax(logits, axis=1), labels).sum(axis=(1, 2)).mean()


@kdim_cross_entropy.mistake(
    "Every value is N x T times too big: you added up all the losses. The loss is their mean over "
    "every sample and position.",
    fix="-picked.mean()",
)
def sum_over_everything(logits, labels):
    return -_pick_k(log_softmax(logits, axis=1), labels).sum()


@exercise(
    "soft_targets_by_hand",
    nudge=(
        "Every class now holds part of the target, not just one. For each sample, weigh the "
        "log-probability of every class by that class's target probability and add them up; the loss "
        "is the mean of those sums over the samples."
    ),
    task="make ce_soft_targets(logits, targets) return the mean over samples of -sum_c q_c log p_c, "
    "where each row of targets is a probability distribution q over the classes",
    hint="log_p = log_softmax(logits, axis=1); return -(targets * log_p).sum(axis=1).mean()",
    forbid=BY_HAND,
)
def soft_targets_by_hand():
    from ..loss import cross_entropy

    z, y = seed()
    soft = np.array([[0.0, 0.7, 0.0, 0.3, 0.0], [0.0, 0.0, 1.0, 0.0, 0.0], [0.2, 0.2, 0.2, 0.2, 0.2]])
    rng = np.random.default_rng(12)
    many = rng.normal(0, 2, size=(6, 4))
    far = np.array([[0.0, -800.0, 1.0], [2.0, 0.0, -1.0]])
    cases = [
        Case("the notebook's soft targets", (z, soft)),
        Case("one-hot rows", (z, np.eye(5)[y]), note="One-hot targets give the ordinary loss."),
        Case("6 samples, 4 classes", (many, rng.dirichlet(np.ones(4), size=6))),
        Case("a logit 800 below the rest", (far, np.array([[0.5, 0.25, 0.25], [0.0, 0.5, 0.5]]))),
        Case("float32 logits", (z.astype(np.float32), soft.astype(np.float32)), **F32),
    ]
    return cross_entropy, cases


@soft_targets_by_hand.mistake(
    "You kept only each target's most likely class, as if the target were a class index. A soft "
    "target counts every class it gives probability to: multiply the whole target row with the "
    "log-probabilities.",
    fix="-(targets * log_p).sum(axis=1).mean()",
)
def picks_the_argmax(logits, targets):
    top = targets.argmax(axis=1)
    return -log_softmax(logits, axis=1)[rows(top), top].mean()


@soft_targets_by_hand.mistake(
    "Your value is C times too small (C = the number of classes): you averaged over the classes too. "
    "Add up over the classes for each sample, then take the mean over the samples.",
    fix=".sum(axis=1) over the classes, then .mean() over the samples",
)
def mean_over_classes_too(logits, targets):
    return -(targets * log_softmax(logits, axis=1)).mean()


@soft_targets_by_hand.mistake(
    LOG_OF_SOFTMAX + " With a soft target that class can carry probability, so the loss becomes infinite.",
    fix="log_softmax(logits, axis=1) instead of np.log(softmax(...))",
)
def log_of_softmax_soft(logits, targets):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return -(targets * np.log(e / e.sum(axis=1, keepdims=True))).sum(axis=1).mean()


@soft_targets_by_hand.mistake(SUM_NOT_MEAN, fix=".mean() over the samples, after the sum over classes")
def sum_instead_of_mean_soft(logits, targets):
    return -(targets * log_softmax(logits, axis=1)).sum()
