"""Notebook softmax_by_hand: softmax of one row, the loss of one sample, and a prediction."""

from __future__ import annotations

import math

import numpy as np

from ..softmax import softmax
from ._common import F32, LOG2, LOG10, seed
from .engine import Case, exercise


@exercise(
    "softmax_row",
    nudge=(
        "A probability is positive and all of them add up to 1. Which operation turns any logit into "
        "a positive number, and what do you divide by so that the results add up to 1?"
    ),
    task="make softmax_row(z) return the probabilities of one row of logits: exp of each logit, "
    "divided by the sum of the exps",
    hint="e = np.exp(z) gives the exponentials; return e / e.sum(). The result should sum to 1",
    forbid=("softmax", "softmax_naive"),
)
def softmax_row():
    z, _ = seed()
    cases = [
        Case("first seed sample", (z[0],)),
        Case("second seed sample", (z[1],)),
        Case("all logits equal", (np.zeros(4),), note="Equal logits give equal probabilities, 1/4 each."),
        Case("negative logits", (np.array([-3.0, -1.0, -2.0]),)),
        Case("a single class", (np.array([2.5]),), note="With one class, its probability is 1."),
        Case("logits in the tens", (np.array([10.0, 20.0, 30.0]),)),
        Case("float32 logits", (z[2].astype(np.float32),), **F32),
    ]
    return softmax, cases


@softmax_row.mistake(
    "These are not probabilities yet: they do not add up to 1. Each exponential is only a weight; "
    "a probability is its share of the total.",
    fix="divide the exponentials by their sum: e / e.sum()",
)
def exp_without_dividing(z):
    return np.exp(z)


@softmax_row.mistake(
    "You shared out the logits themselves, without exponentials: a negative logit gives a negative "
    "'probability', and equal logits of 0 give 0/0. Softmax exponentiates first, then divides.",
    fix="e = np.exp(z) first; then e / e.sum()",
)
def divides_logits_by_their_sum(z):
    return z / z.sum()


@softmax_row.mistake(
    (
        "You divided by the largest exponential, so the largest entry is 1 and the rest do not add up to "
        "anything in particular. A probability is each exponential's share of their total."
    ),
    fix="divide by the sum of the exponentials, not their maximum",
)
def divides_by_the_largest(z):
    return np.exp(z) / np.exp(z).max()


@softmax_row.mistake(
    (
        "You divided the exponentials by the sum of the logits themselves. The denominator must be the "
        "sum of the same exponentials, so that the shares add up to 1."
    ),
    fix="the denominator is the sum of the exponentials",
)
def exp_over_the_sum_of_logits(z):
    return np.exp(z) / np.sum(z)


@exercise(
    "sample_loss",
    labels=1,
    nudge=(
        "The loss of one sample looks only at the true class: how likely did the model say it was? "
        "Turn the logits into probabilities first, then ask how a small probability should become a "
        "large, positive loss."
    ),
    task="make sample_loss(z, label) return the cross-entropy of one sample: -log of the "
    "probability softmax gives to the true class",
    hint="p = softmax(z)[label] is the probability of the true class; return -np.log(p) "
    "(mind the minus sign: the loss is positive)",
    forbid=("cross_entropy", "cross_entropy_loop", "nll_loss"),
)
def sample_loss():
    from ..loss import cross_entropy

    z, y = seed()

    def reference(logits, label):
        return cross_entropy(logits, np.int64(label))

    cases = [Case(f"seed sample {i} (label {int(y[i])})", (z[i], int(y[i]))) for i in range(3)]
    cases += [
        Case("true class first (label 0)", (z[0], 0)),
        Case("true class last (label 4)", (z[0], 4)),
        Case("confident and right", (np.array([8.0, 0.0, 0.0]), 0)),
        Case(
            "confident and wrong",
            (np.array([8.0, 0.0, 0.0]), 1),
            note="A confident mistake should cost about 8: the loss is minus the log of a tiny probability.",
        ),
    ]
    return reference, cases


@sample_loss.mistake(
    "Your loss is negative. The log of a probability is at most 0; the loss is minus that log, so a "
    "better prediction gives a smaller, never negative, loss.",
    fix="return -np.log(p), with the minus sign",
)
def forgets_the_minus(z, label):
    return np.log(softmax(z)[label])


@sample_loss.mistake(LOG10, fix="np.log is ln; np.log10 is base 10")
def log10_instead_of_ln(z, label):
    return -np.log10(softmax(z)[label])


@sample_loss.mistake(LOG2, fix="np.log is ln; np.log2 is base 2")
def log2_instead_of_ln(z, label):
    return -np.log2(softmax(z)[label])


@sample_loss.mistake(
    "You used the probability of the most likely class. The loss looks at the true class, the one "
    "`label` names, whether or not the model ranks it first.",
    fix="index the probabilities with the label: softmax(z)[label]",
)
def most_likely_class(z, label):
    return -np.log(softmax(z).max())


@sample_loss.mistake(
    "You added up -log p over every class. The loss of a sample looks only at its true class.",
    fix="p = softmax(z)[label]; return -np.log(p)",
)
def sums_over_all_classes(z, label):
    return -np.log(softmax(z)).sum()


@sample_loss.mistake(
    "You took the log of a raw logit. Logits are not probabilities (they can be negative or above "
    "1): turn them into probabilities with softmax first.",
    fix="p = softmax(z)[label], then -np.log(p)",
)
def log_of_the_logit(z, label):
    return -np.log(z[label])


@sample_loss.mistake(
    (
        "That is -log(1 - p): the loss of the answer 'not the true class'. Cross-entropy is minus the "
        "log of the true class's own probability, so a confident right answer costs almost nothing."
    ),
    fix="minus the log of p itself, not of 1 - p",
)
def minus_log_of_one_minus_p(z, label):
    return -np.log(1 - softmax(z)[label])


@exercise(
    "uniform_loss_prediction",
    nudge=(
        "When all ten logits are equal, how much probability does each class get? The loss is minus "
        "the natural log of the true class's probability."
    ),
    task="before computing anything, write the loss you predict for one sample when all C = 10 "
    "logits are 0: my_prediction = <a number with 3 digits>",
    hint="equal logits give every class the probability 1/C; the loss is -ln(1/C) = ln C = ln 10",
    rtol=5e-3,  # 2.30 and 2.31 both count
    atol=0.0,
    predict=True,
    note="Equal logits: what probability does softmax give each of the 10 classes, the true one "
    "included? The loss is minus the natural log of that probability.",
)
def uniform_loss_prediction():
    def reference():
        return math.log(10)

    return reference, [Case("your prediction", ())]


@uniform_loss_prediction.mistake(
    "1 is log10(10). In machine learning, log means the natural log ln (base e); log10 is written "
    "lg in many Chinese textbooks, and never used for the loss.",
    fix="ln 10 = np.log(10)",
)
def log10_of_10():
    return math.log10(10)


@uniform_loss_prediction.mistake(
    "3.32 is log2(10), the loss counted in bits. The loss uses the natural log, ln (nats).",
    fix="ln 10 = np.log(10)",
)
def log2_of_10():
    return math.log2(10)


@uniform_loss_prediction.mistake(
    "0.1 is the probability each class gets. The loss is not the probability of the true class but "
    "minus its log.",
    fix="the loss is -ln(0.1)",
)
def the_probability():
    return 0.1


@uniform_loss_prediction.mistake(
    "Logits of 0 are not a perfect prediction. All-equal logits say 'no idea': every class gets the "
    "same probability, the true one too, and its log is far from 0.",
    fix="softmax of 10 equal logits is 1/10 for every class",
)
def zero():
    return 0.0


@uniform_loss_prediction.mistake(
    "Right size, wrong sign: a loss is never negative. It is minus the log of a probability, and "
    "that log is at most 0.",
    fix="-ln(1/10) = +ln 10",
)
def minus_ln_10():
    return -math.log(10)


@uniform_loss_prediction.mistake(
    "The loss does not grow like the number of classes: it is minus the log of the true class's "
    "probability, and that probability is one in C.",
    fix="-ln(1/C) = ln C",
)
def the_number_of_classes():
    return 10.0
