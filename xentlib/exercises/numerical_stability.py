"""Notebook numerical_stability: softmax and log-sum-exp that neither overflow nor divide 0 by 0."""

from __future__ import annotations

import numpy as np

from ._common import F32
from .engine import Case, exercise

_OVERFLOW = (
    "exp overflows: float64 gives inf above 709.78 (float32 above 88.72), and inf/inf is nan (a "
    "little below, the sum overflows first and the probabilities silently come out 0); logits of "
    "-1000 all underflow to 0, and 0/0 is nan too. Subtracting the same number from every logit of a "
    "row changes nothing in the result: choose it so that no exponent is positive."
)
_GLOBAL_MAX = (
    "You shifted by one maximum for the whole array. A row far below the largest logit of the array "
    "still underflows to 0/0: each row needs its own maximum."
)
_NO_KEEPDIMS = (
    "Shapes (N, C) and (N,) do not line up: the row maxima lose their axis, so NumPy cannot pair each "
    "one with its row. Keep the reduced axis (as a column of length 1)."
)


def _softmax_along(z, shift_axis: int, sum_axis: int):
    """exp(z - max over shift_axis) / its sum over sum_axis: the axis mistakes, one pair of axes each."""
    e = np.exp(z - z.max(axis=shift_axis, keepdims=True))
    return e / e.sum(axis=sum_axis, keepdims=True)


def _cases(z):
    return [
        Case("the seed logits", (z,)),
        Case("one row, 1-D", (z[0],), note="Work along the last axis, so that 1-D and 2-D inputs both work."),
        Case("huge logits (1000)", (np.array([[1000.0, 999.0, 998.0]]),)),
        Case("very negative logits (-1000)", (np.array([[-1000.0, -1001.0, -1002.0]]),)),
        Case("one row huge, one row small", (np.array([[800.0, 0.0, -800.0], [0.1, 0.2, 0.3]]),)),
        Case("float32 logits of 100", (np.array([[100.0, 99.0, 90.0]], dtype=np.float32),), **F32),
    ]


@exercise(
    "stable_softmax",
    nudge=(
        "softmax does not change when you subtract the same number from every logit of a row. Which "
        "number makes the largest exponential exactly 1, so that nothing can overflow? Keep the rows "
        "apart."
    ),
    task="make stable_softmax(z) compute softmax over the last axis without overflow, for logits of any size",
    hint="m = z.max(axis=-1, keepdims=True); e = np.exp(z - m); return e / e.sum(axis=-1, keepdims=True)",
    forbid=("softmax", "log_softmax", "logsumexp"),
)
def stable_softmax():
    from ..data import SEED_LOGITS
    from ..softmax import softmax

    return softmax, _cases(np.array(SEED_LOGITS))


@stable_softmax.mistake(_OVERFLOW, fix="m = z.max(axis=-1, keepdims=True), then np.exp(z - m)")
def no_shift(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@stable_softmax.mistake(_GLOBAL_MAX, fix="z.max(axis=-1, keepdims=True), not z.max()")
def global_max(z):
    e = np.exp(z - z.max())
    return e / e.sum(axis=-1, keepdims=True)


@stable_softmax.mistake(
    "You shifted by the smallest logit. Then the largest exponent is the whole spread of the row, "
    "which can still overflow: the shift must make the largest exponent 0.",
    fix="subtract the row's max, not its min",
)
def shift_by_the_minimum(z):
    e = np.exp(z - z.min(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@stable_softmax.mistake(
    "You worked down the columns (axis 0). The classes are on the last axis: each row is one "
    "distribution and must add up to 1.",
    fix="axis=-1 in both max and sum",
)
def over_the_wrong_axis(z):
    return _softmax_along(z, shift_axis=0, sum_axis=0)


@stable_softmax.mistake(
    "Your shift is right, each row's own maximum, but you divided by the sums down the columns (axis 0). "
    "Each row is one distribution: its own exponentials must add up to 1.",
    fix="e.sum(axis=-1, keepdims=True)",
)
def sums_down_the_columns(z):
    return _softmax_along(z, shift_axis=-1, sum_axis=0)


@stable_softmax.mistake(
    "You shifted by each column's maximum (axis 0). Subtracting a number leaves softmax unchanged only "
    "when the whole row subtracts the same number; a column's maximum differs from one entry of the row "
    "to the next. Shift each row by its own maximum.",
    fix="z.max(axis=-1, keepdims=True)",
)
def shifts_by_the_column_max(z):
    return _softmax_along(z, shift_axis=0, sum_axis=-1)


@stable_softmax.mistake(
    "You wrote axis=1 for the classes. That is right for a 2-D batch, but a single row of logits has "
    "only axis 0: the last axis, axis=-1, is the class axis in both.",
    fix="axis=-1 instead of axis=1",
)
def axis_one_not_last(z):
    return _softmax_along(z, shift_axis=1, sum_axis=1)


@stable_softmax.mistake(_NO_KEEPDIMS, fix="keepdims=True in max and sum")
def without_keepdims(z):
    e = np.exp(z - z.max(axis=-1))
    return e / e.sum(axis=-1)


@stable_softmax.mistake(
    (
        "You clipped the logits instead of shifting them. Clipping changes the differences between "
        "logits, and softmax depends on exactly those: two huge logits clipped to the same bound get the "
        "same probability. Subtracting the row's largest logit from all of them changes none of those "
        "differences."
    ),
    fix="shift every row by its own largest logit instead of clipping",
)
def clips_instead_of_shifting(z):
    e = np.exp(np.clip(z, -50, 50))
    return e / e.sum(axis=-1, keepdims=True)


@exercise(
    "logsumexp_rows",
    nudge=(
        "log of a sum of exponentials overflows for large logits too. Take the row's largest logit "
        "out of the sum first: what is left inside the log is at least 1, and what do you add back "
        "outside it?"
    ),
    task="make my_logsumexp(z) return log(sum(exp(z))) over the last axis, one number per row, "
    "without overflow or log(0) for logits of any size",
    hint="m = z.max(axis=-1, keepdims=True); return (m + np.log(np.exp(z - m).sum(axis=-1, "
    "keepdims=True)))[..., 0]  (log sum exp z = m + log sum exp(z - m))",
    forbid=("logsumexp", "log_softmax", "softmax", "cross_entropy"),
)
def logsumexp_rows():
    from ..data import SEED_LOGITS
    from ..softmax import logsumexp

    def reference(z):
        return logsumexp(z, axis=-1)

    return reference, _cases(np.array(SEED_LOGITS))


@logsumexp_rows.mistake(
    "exp overflows to inf above 709.78 (float64), and logits of -1000 underflow to 0, whose log is "
    "-inf. Take the row's largest logit m out first: log sum exp z equals m plus the log-sum-exp of "
    "z - m, whose largest term is exp(0) = 1.",
    fix="m = z.max(axis=-1, keepdims=True); m + np.log(np.exp(z - m).sum(...))",
)
def no_shift_lse(z):
    return np.log(np.exp(z).sum(axis=-1))


@logsumexp_rows.mistake(
    "You shifted by the maximum but did not add it back: log sum exp(z - m) is the log-sum-exp of z "
    "minus m. Every result is off by its row's maximum.",
    fix="return m + log(sum(exp(z - m)))",
)
def forgets_to_add_the_max_back(z):
    m = z.max(axis=-1, keepdims=True)
    return np.log(np.exp(z - m).sum(axis=-1))


@logsumexp_rows.mistake(_GLOBAL_MAX, fix="z.max(axis=-1, keepdims=True), not z.max()")
def global_max_lse(z):
    m = z.max()
    return m + np.log(np.exp(z - m).sum(axis=-1))


@logsumexp_rows.mistake(
    "You returned each row's maximum. It is close to the log-sum-exp when one logit dominates, but "
    "the other terms add up to log C more.",
    fix="m + np.log(np.exp(z - m).sum(axis=-1))",
)
def just_the_max(z):
    return z.max(axis=-1)


@logsumexp_rows.mistake(
    (
        "You took log10 of the sum. Log-sum-exp is the natural log of a sum of natural exponentials: "
        "with log10 the result is off by a factor of ln 10 inside, however the shift is done."
    ),
    fix="np.log, the natural log, is the inverse of np.exp",
)
def log10_in_the_lse(z):
    m = z.max(axis=-1, keepdims=True)
    return (m + np.log10(np.exp(z - m).sum(axis=-1, keepdims=True)))[..., 0]
