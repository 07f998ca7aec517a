"""Notebook beyond: entropy in bits, KL divergence, binary cross-entropy and its gradient."""

from __future__ import annotations

import numpy as np

from ..information import sigmoid
from ._common import LOG2, LOG10
from .engine import Case, exercise

_ZERO_TIMES_LOG_ZERO = (
    "An entry with probability 0 gives 0 * log 0, which NumPy computes as nan. By convention (the limit "
    "of x log x as x goes to 0) it is 0: such entries contribute nothing."
)


@exercise(
    "entropy_bits",
    nudge=(
        "Entropy is the average surprise, minus the log base 2 of each probability, weighted by that "
        "probability. What should a class with probability 0 add (think of p log p as p goes to 0), "
        "and why can you not simply compute it?"
    ),
    task="make entropy_bits(p) return the entropy -sum_c p_c log2 p_c of a 1-D distribution, in bits",
    hint="keep only the nonzero entries, nz = p[p > 0], then return -np.sum(nz * np.log2(nz))",
    forbid=("entropy", "distribution_cross_entropy", "kl_divergence"),
)
def entropy_bits():
    from ..data import SEED_LOGITS
    from ..information import entropy

    def reference(p):
        return entropy(p, units="bits")

    cases = [
        Case("a fair coin", (np.array([0.5, 0.5]),), note="A fair coin has exactly 1 bit of entropy."),
        Case("a loaded coin", (np.array([0.9, 0.1]),)),
        Case("uniform over 8", (np.full(8, 0.125),)),
        Case("a certain outcome", (np.array([0.0, 1.0, 0.0]),)),
        Case("the seed's softmax", (np.exp(SEED_LOGITS[0]) / np.exp(SEED_LOGITS[0]).sum(),)),
    ]
    return reference, cases


def _nz(p):
    p = np.asarray(p, dtype=float)
    return p[p > 0]


@entropy_bits.mistake(
    "Your values are in nats, the natural log's unit: they are the bits times ln 2 = 0.6931. Bits "
    "count with the base-2 log (a fair coin is exactly 1 bit).",
    fix="np.log2, not np.log",
)
def in_nats(p):
    return -np.sum(_nz(p) * np.log(_nz(p)))


@entropy_bits.mistake(_ZERO_TIMES_LOG_ZERO, fix="keep only the entries with p > 0 before the log")
def includes_zeros(p):
    return -np.sum(p * np.log2(p))


@entropy_bits.mistake(
    "Your entropy is negative: log2 p_c is at most 0 for a probability, so the sum needs the minus "
    "sign in front to count information, which is never negative.",
    fix="-np.sum(...)",
)
def forgets_the_minus(p):
    return np.sum(_nz(p) * np.log2(_nz(p)))


@entropy_bits.mistake(
    "Your values are the bits times log10(2) = 0.301: that is log10. Bits use the base-2 log.",
    fix="np.log2",
)
def in_log10(p):
    return -np.sum(_nz(p) * np.log10(_nz(p)))


@exercise(
    "kl_divergence",
    nudge=(
        "KL(q || p) averages the log of the ratio q_c / p_c, weighted by q_c. Which of the two "
        "distributions supplies the weights? A class with q_c = 0 adds nothing, even where p_c is 0 "
        "too."
    ),
    task="make my_kl(q, p) return KL(q || p) = sum_c q_c log(q_c / p_c) of two 1-D distributions, in nats",
    hint="m = q > 0; return np.sum(q[m] * np.log(q[m] / p[m])) (entries with q_c = 0 add nothing)",
    forbid=("kl_divergence", "kl_div", "rel_entr", "entropy", "distribution_cross_entropy"),
)
def kl_divergence():
    from ..information import kl_divergence

    cases = [
        Case("loaded coin vs fair coin", (np.array([0.9, 0.1]), np.array([0.5, 0.5]))),
        Case("fair coin vs loaded coin", (np.array([0.5, 0.5]), np.array([0.9, 0.1]))),
        Case("a distribution and itself", (np.array([0.2, 0.3, 0.5]), np.array([0.2, 0.3, 0.5]))),
        Case("q has a zero", (np.array([0.0, 0.4, 0.6]), np.array([0.2, 0.3, 0.5]))),
        Case(
            "p rules out what q allows",
            (np.array([0.5, 0.5]), np.array([1.0, 0.0])),
            note="When p_c = 0 but q_c > 0, the divergence is infinite: log(q_c / 0) = inf.",
        ),
    ]
    return kl_divergence, cases


def _kl(q, p, log=np.log):
    q, p = np.asarray(q, dtype=float), np.asarray(p, dtype=float)
    m = q > 0
    with np.errstate(divide="ignore"):
        return np.sum(q[m] * log(q[m] / p[m]))


@kl_divergence.mistake(
    "You computed KL(p || q). KL is not symmetric: KL(q || p) weights each log-ratio log(q_c / p_c) "
    "by q_c, the first distribution.",
    fix="sum of q * log(q / p), in this order",
)
def reversed_kl(q, p):
    return _kl(p, q)


@kl_divergence.mistake(
    "The ratio is upside down, log(p_c / q_c): that gives minus the divergence, which is never negative.",
    fix="log(q / p)",
)
def ratio_upside_down(q, p):
    return -_kl(q, p)


@kl_divergence.mistake(LOG2, fix="np.log, not np.log2")
def in_bits(q, p):
    return _kl(q, p, np.log2)


@kl_divergence.mistake(LOG10, fix="np.log, not np.log10")
def in_log10_kl(q, p):
    return _kl(q, p, np.log10)


@kl_divergence.mistake(_ZERO_TIMES_LOG_ZERO, fix="sum only over the entries with q > 0")
def includes_zeros_kl(q, p):
    return np.sum(q * np.log(q / p))


@kl_divergence.mistake(
    "That is the cross-entropy H(q, p) = -sum q_c log p_c. KL is the cross-entropy minus the entropy "
    "H(q): it measures only the extra cost of using p, and is 0 when p = q.",
    fix="sum of q * log(q / p)",
)
def cross_entropy_instead(q, p):
    q, p = np.asarray(q, dtype=float), np.asarray(p, dtype=float)
    m = q > 0
    return -np.sum(q[m] * np.log(p[m]))


def _stable_bce(x, t):
    return np.maximum(x, 0) - t * x + np.log1p(np.exp(-np.abs(x)))


@exercise(
    "bce_with_logits",
    nudge=(
        "The formula is given: the work is to keep it finite. No piece may take the exponential of a "
        "large positive number; check each piece for logits of plus and minus 1000."
    ),
    task="make my_bce_with_logits(x, t) return the mean binary cross-entropy of logits x and targets t, "
    "as max(x, 0) - t * x + log(1 + exp(-|x|)), averaged",
    hint="np.mean(np.maximum(x, 0) - t * x + np.log1p(np.exp(-np.abs(x))))",
    forbid=("binary_cross_entropy_with_logits", "binary_cross_entropy", "BCEWithLogitsLoss", "BCELoss"),
)
def bce_with_logits():
    from ..information import binary_cross_entropy_with_logits

    cases = [
        Case("logit 0", (np.array([0.0]), np.array([1.0])), note="At logit 0, sigmoid = 0.5: loss ln 2."),
        Case("the notebook's example", (np.array([2.0, -1.0, 0.5]), np.array([1.0, 0.0, 1.0]))),
        Case(
            "soft targets",
            (np.array([1.5, -0.3, 0.0, 4.0]), np.array([0.7, 0.2, 0.5, 1.0])),
            note="The targets may be any number in [0, 1], not only 0 or 1.",
        ),
        Case("huge logits", (np.array([800.0, -800.0, 40.0]), np.array([0.0, 1.0, 0.0]))),
    ]
    return binary_cross_entropy_with_logits, cases


@bce_with_logits.mistake(
    "Through the sigmoid, large |x| breaks: sigmoid(800) rounds to exactly 1 and log(1 - 1) = -inf "
    "(sigmoid(-800) is 0 and log 0 = -inf). The formula of the task never forms the sigmoid.",
    fix="max(x, 0) - t * x + log1p(exp(-|x|))",
)
def through_the_sigmoid(x, t):
    s = 1 / (1 + np.exp(-x))
    return np.mean(-(t * np.log(s) + (1 - t) * np.log(1 - s)))


@bce_with_logits.mistake(
    "For very negative x, exp(-x) overflows to inf. The formula uses -|x| instead, so that the "
    "exponent is never positive.",
    fix="np.exp(-np.abs(x))",
)
def without_the_absolute_value(x, t):
    return np.mean(np.maximum(x, 0) - t * x + np.log1p(np.exp(-x)))


@bce_with_logits.mistake(
    "Every value is N times too big (N = the number of entries): you added the losses up. The task "
    "asks for their mean.",
    fix="np.mean(...)",
)
def sum_instead_of_mean_bce(x, t):
    return np.sum(_stable_bce(x, t))


@exercise(
    "bce_grad",
    nudge=(
        "Write the loss of one entry as a function of s = sigmoid(x) and use the chain rule: first "
        "the derivative with respect to s, then the derivative of s with respect to x, which the "
        "sigmoid gives in terms of s itself. Simplify on paper before you write code; the mean then "
        "runs over every entry of x, whatever its shape."
    ),
    task="derive the derivative of the binary cross-entropy of one logit, then make bce_grad(x, t) "
    "return the gradient of the mean loss with respect to every logit, an array shaped like x",
    hint="with s = sigmoid(x), the loss -[t log s + (1 - t) log(1 - s)] has "
    "d/ds = -t / s + (1 - t) / (1 - s), and ds/dx = s (1 - s): multiply the two, simplify (most of it "
    "cancels), then divide by the number of entries, x.size, for the mean",
    rtol=1e-6,
    atol=1e-9,
    forbid=("numerical_grad", "backward"),
)
def bce_grad():
    def reference(x, t):
        """Checked numerically: a central difference of the mean loss, entry by entry."""
        x = np.asarray(x, dtype=float)
        grad = np.zeros_like(x)
        for k in np.ndindex(x.shape):
            h = 1e-6 * max(1.0, abs(x[k]))
            up, down = x.copy(), x.copy()
            up[k] += h
            down[k] -= h
            grad[k] = (np.mean(_stable_bce(up, t)) - np.mean(_stable_bce(down, t))) / (up[k] - down[k])
        return grad

    cases = [
        Case("logit 0, target 1", (np.array([0.0]), np.array([1.0]))),
        Case("the notebook's example", (np.array([2.0, -1.0, 0.5]), np.array([1.0, 0.0, 1.0]))),
        Case("soft targets", (np.array([1.5, -0.3, 0.0, 4.0]), np.array([0.7, 0.2, 0.5, 1.0]))),
        Case("large logits", (np.array([30.0, -30.0, 8.0, -8.0]), np.array([0.0, 1.0, 1.0, 0.0]))),
        Case(
            "a 2-D batch of logits",
            (np.array([[2.0, -1.0, 0.5], [0.3, 1.2, -2.0]]), np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])),
            note="The mean runs over every entry of x, here 2 x 3 = 6 of them.",
        ),
    ]
    return reference, cases


@bce_grad.mistake(
    "Every value is N times too big (N = the number of entries): that is the gradient of the summed "
    "loss. The mean gives each logit a factor 1/N.",
    fix="divide by x.size",
)
def forgets_to_divide_by_n(x, t):
    return sigmoid(x) - t


@bce_grad.mistake(
    "The sign is flipped: raising the logit of an entry whose target is 0 must raise the loss, so the "
    "gradient there is positive.",
    fix="check the sign at an entry whose target is 0: its loss must grow as its logit grows",
)
def opposite_sign(x, t):
    return (t - sigmoid(x)) / x.size


@bce_grad.mistake(
    "That is only the slope of the sigmoid, ds/dx = s (1 - s). The chain rule multiplies it by the "
    "derivative of the loss with respect to s; work that product out and most of it cancels.",
    fix="multiply it by d loss / d s = -t / s + (1 - t) / (1 - s) and simplify",
)
def sigmoid_slope_only(x, t):
    s = sigmoid(x)
    return s * (1 - s) / x.size


@bce_grad.mistake(
    "That is the gradient of the squared error (s - t)^2 / 2 of the sigmoid's output, which carries "
    "an extra factor s (1 - s) that vanishes when the model is confidently wrong. Cross-entropy's "
    "log cancels that factor.",
    fix="differentiate the cross-entropy itself, -[t log s + (1 - t) log(1 - s)], not a squared error",
)
def squared_error_gradient(x, t):
    s = sigmoid(x)
    return (s - t) * s * (1 - s) / x.size


@bce_grad.mistake(
    "Right where x is 1-D, but on a batch with more than one axis every value is too big: len(x) counts "
    "only the rows, while the mean runs over every entry of x.",
    fix="divide by the number of entries, x.size, not by len(x)",
)
def divides_by_len(x, t):
    return (sigmoid(x) - t) / len(x)
