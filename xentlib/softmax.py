"""Softmax and its logarithm, the stable way (shift by the max) and the textbook way."""

from __future__ import annotations

import numpy as np

from .validation import as_logits


def logsumexp(z, axis: int = -1, keepdims: bool = False) -> np.ndarray:
    """log(sum(exp(z))) along `axis`, computed as m + log(sum(exp(z - m))) with m = max(z)."""
    arr = as_logits(z, axis=axis)
    m = arr.max(axis=axis, keepdims=True)
    out = m + np.log(np.exp(arr - m).sum(axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


def log_softmax(z, axis: int = -1) -> np.ndarray:
    """log softmax(z) = z - logsumexp(z): never takes the log of an underflowed 0."""
    arr = as_logits(z, axis=axis)
    return arr - logsumexp(arr, axis=axis, keepdims=True)


def softmax(z, axis: int = -1) -> np.ndarray:
    """softmax(z)_i = exp(z_i - m) / sum_j exp(z_j - m), m = max(z); the shift cannot overflow."""
    arr = as_logits(z, axis=axis)
    e = np.exp(arr - arr.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_naive(z, axis: int = -1) -> np.ndarray:
    """softmax(z)_i = exp(z_i) / sum_j exp(z_j), the textbook formula with no shift.

    Kept on purpose for teaching: exp overflows to inf for logits above ~88.7 (float32) or
    ~709.8 (float64), and inf / inf gives nan. Use `softmax` for real work.
    """
    arr = as_logits(z, axis=axis)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(arr)
        return e / e.sum(axis=axis, keepdims=True)
