"""Information theory behind the loss: entropy, cross-entropy, KL divergence, binary cross-entropy.

Every function works in nats (natural log, what the losses use) by default; pass units="bits"
for log base 2 (divide by ln 2). Distributions lie along `axis` and are not reduced over the
other axes; the binary losses reduce like torch ("mean", "sum" or "none").
"""

from __future__ import annotations

import numpy as np

from .messages.errors import tr
from .validation import as_logits, as_probabilities, check_distribution, check_options, describe_position

UNITS = {"nats": 1.0, "bits": 1.0 / np.log(2.0)}


def _scale(units: str) -> float:
    if units not in UNITS:
        raise ValueError(tr("unknown_units", value=repr(units)))
    return UNITS[units]


def _values(x, name: str, low: float = 0.0, high: float | None = None) -> np.ndarray:
    """Real, finite numbers in [low, high], as float."""
    arr = as_logits(x, name)
    arr = as_probabilities(arr, arr.shape, arr.dtype)  # finite and >= 0 (messages say "probability")
    if low != 0.0 or high is not None:
        bad = (arr < low) | (arr > (np.inf if high is None else high))
        if bad.any():
            raise ValueError(tr("value_outside", name=name, value=arr[bad][0], low=low, high=high))
    return arr


def _distribution(p, name: str, axis: int) -> np.ndarray:
    """Non-negative entries that sum to 1 along `axis` (within validation.SUM_TOL)."""
    arr = _values(p, name)
    check_distribution(arr, axis, name)
    return arr


def _pair(p, q, axis: int):
    p_arr, q_arr = _distribution(p, "p", axis), _distribution(q, "q", axis)
    if p_arr.shape != q_arr.shape:
        raise ValueError(tr("pair_shapes", p_shape=p_arr.shape, q_shape=q_arr.shape))
    dtype = np.result_type(p_arr, q_arr)
    return p_arr.astype(dtype, copy=False), q_arr.astype(dtype, copy=False)


def _p_log_q(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """p * log q with 0 * log(anything) = 0 (the convention of information theory and of torch)."""
    with np.errstate(divide="ignore"):
        return np.where(p > 0, p * np.log(np.where(p > 0, q, 1)), 0.0).astype(p.dtype, copy=False)


def entropy(p, axis: int = -1, units: str = "nats") -> np.ndarray:
    """H(p) = -sum_c p_c log p_c: the average surprise of outcomes drawn from p (0 log 0 = 0)."""
    arr = _distribution(p, "p", axis)
    zero = arr.dtype.type(0)  # adding 0 turns -0.0 into 0.0; a numpy zero keeps float32 on numpy 1.26 too
    return -_p_log_q(arr, arr).sum(axis=axis) * arr.dtype.type(_scale(units)) + zero


def distribution_cross_entropy(p, q, axis: int = -1, units: str = "nats") -> np.ndarray:
    """H(p, q) = -sum_c p_c log q_c: the average surprise when outcomes come from p but we expect q."""
    p_arr, q_arr = _pair(p, q, axis)
    zero = p_arr.dtype.type(0)
    return -_p_log_q(p_arr, q_arr).sum(axis=axis) * p_arr.dtype.type(_scale(units)) + zero


def kl_divergence(p, q, axis: int = -1, units: str = "nats") -> np.ndarray:
    """KL(p || q) = sum_c p_c log(p_c / q_c) = H(p, q) - H(p) >= 0; inf if q_c = 0 where p_c > 0."""
    p_arr, q_arr = _pair(p, q, axis)
    terms = _p_log_q(p_arr, p_arr) - _p_log_q(p_arr, q_arr)
    return terms.sum(axis=axis) * p_arr.dtype.type(_scale(units))


def sigmoid(x) -> np.ndarray:
    """sigma(x) = 1 / (1 + exp(-x)), evaluated as exp(x) / (1 + exp(x)) for x < 0 so nothing overflows."""
    arr = as_logits(x, "x") if np.ndim(x) else as_logits(np.atleast_1d(x), "x")[0]
    e = np.exp(-np.abs(arr))
    return np.where(arr >= 0, 1 / (1 + e), e / (1 + e)).astype(e.dtype, copy=False)


def _binary_target(target, shape, dtype) -> np.ndarray:
    t = _values(target, "target", 0.0, 1.0)
    if t.shape != shape:
        raise ValueError(tr("binary_target_shape", shape=shape, target_shape=t.shape))
    return t.astype(dtype, copy=False)


def _reduce(per: np.ndarray, reduction: str, units: str):
    per = per * per.dtype.type(_scale(units))
    return per if reduction == "none" else per.sum() if reduction == "sum" else per.mean()


def binary_cross_entropy(probs, target, reduction: str = "mean", units: str = "nats"):
    """-[t log p + (1 - t) log(1 - p)] per entry, each log clamped at -100 as torch does."""
    check_options(reduction, 0.0)
    p = _values(probs, "probs", 0.0, 1.0)
    t = _binary_target(target, p.shape, p.dtype)
    with np.errstate(divide="ignore"):
        log_p, log_1mp = np.maximum(np.log(p), -100), np.maximum(np.log1p(-p), -100)
    return _reduce(-(t * log_p + (1 - t) * log_1mp), reduction, units)


def _binary_logits(logits) -> np.ndarray:
    """Logits of a binary loss as a float array (a scalar too): one logit per entry, each finite."""
    x = np.asarray(logits)
    if x.dtype == np.bool_ or not (np.issubdtype(x.dtype, np.floating) or np.issubdtype(x.dtype, np.integer)):
        raise TypeError(tr("not_real_numbers", name="logits", dtype=x.dtype))
    x = x if x.dtype in (np.float32, np.float64) else x.astype(np.float64)
    if x.ndim == 0:
        raise ValueError(tr("scalar_logits", name="logits"))  # as before: one logit per entry of an array
    bad = ~np.isfinite(x)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        where = tr("at_position", position=describe_position(index))
        raise ValueError(tr("binary_not_finite", value=x[index], where=where))
    return x


def binary_cross_entropy_with_logits(logits, target, reduction: str = "mean", units: str = "nats"):
    """BCE of sigma(x) and t, computed stably as max(x, 0) - t x + log(1 + exp(-|x|))."""
    check_options(reduction, 0.0)
    x = _binary_logits(logits)
    t = _binary_target(target, x.shape, x.dtype)
    per = np.maximum(x, 0) - t * x + np.log1p(np.exp(-np.abs(x)))
    return _reduce(per.astype(x.dtype, copy=False), reduction, units)
