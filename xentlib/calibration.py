"""Calibration: does a confidence of 0.9 mean right 9 times in 10? Reliability bins, ECE, temperature scaling.

A classifier's confidence on a sample is its largest softmax probability. Group the samples into
equal-width confidence bins (lo, hi]; in a calibrated model each bin's accuracy equals its mean
confidence. Temperature scaling divides the logits by one number T > 0, fitted on held-out data by
minimising the mean cross-entropy; it never changes which class is predicted.
"""

from __future__ import annotations

import numpy as np

from .loss import cross_entropy
from .messages.errors import tr
from .softmax import softmax
from .validation import as_class_indices, as_logits


def _probs_and_labels(probs, labels):
    p = as_logits(probs, "probs")
    if p.ndim != 2:
        raise ValueError(tr("probs_not_2d", shape=p.shape))
    if p.size and (p.min() < 0 or p.max() > 1):
        raise ValueError(tr("probs_outside_0_1", low=p.min(), high=p.max()))
    y = as_class_indices(labels, p.shape[1])
    if y.shape != (p.shape[0],):
        raise ValueError(tr("labels_shape_for_probs", n=p.shape[0], shape=p.shape, labels_shape=y.shape))
    return p, y


def reliability_bins(probs, labels, bins: int = 10):
    """(mean confidence, accuracy, count) per bin (k/bins, (k+1)/bins]; empty bins give nan, nan, 0."""
    p, y = _probs_and_labels(probs, labels)
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 1:
        raise ValueError(tr("bins_positive_integer", value=repr(bins)))
    confidence = p.max(axis=1)
    correct = (p.argmax(axis=1) == y).astype(float)
    which = np.clip(np.ceil(confidence * bins).astype(int) - 1, 0, bins - 1)  # bin k holds (k/b, (k+1)/b]
    count = np.bincount(which, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_conf = np.bincount(which, weights=confidence, minlength=bins) / count
        accuracy = np.bincount(which, weights=correct, minlength=bins) / count
    return mean_conf, accuracy, count


def expected_calibration_error(probs, labels, bins: int = 10) -> float:
    """ECE = sum_k (n_k / N) |accuracy_k - confidence_k| over equal-width confidence bins."""
    mean_conf, accuracy, count = reliability_bins(probs, labels, bins)
    used = count > 0
    return float(np.sum(count[used] * np.abs(accuracy[used] - mean_conf[used])) / count.sum())


def _slope(z: np.ndarray, y: np.ndarray, beta: float) -> float:
    """d/d beta of mean_i cross_entropy(beta z_i, y_i) = mean_i (sum_c p_ic z_ic - z_iy); rises with beta."""
    p = softmax(beta * z, axis=1)
    return float(np.mean(np.sum(p * z, axis=1) - z[np.arange(len(y)), y]))


def fit_temperature(logits, labels, tol: float = 1e-12) -> float:
    """argmin over T > 0 of cross_entropy(logits / T, labels), by bisection on beta = 1 / T.

    The mean loss is convex in beta, so its slope rises monotonically and has one root.
    """
    z = as_logits(logits, "logits")
    if z.ndim != 2 or z.shape[0] == 0:
        raise ValueError(tr("logits_not_2d_nonempty", shape=z.shape))
    y = as_class_indices(labels, z.shape[1])
    if _slope(z, y, 0.0) >= 0:
        raise ValueError(tr("temperature_chance_level"))
    others = np.where(np.arange(z.shape[1]) == y[:, None], -np.inf, z)
    if np.all(z[np.arange(len(y)), y] > others.max(axis=1)):
        raise ValueError(tr("temperature_all_correct"))
    lo, hi = 0.0, 1.0
    while _slope(z, y, hi) < 0:
        lo, hi = hi, 2 * hi
    while hi - lo > tol * hi:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _slope(z, y, mid) < 0 else (lo, mid)
    return 1.0 / ((lo + hi) / 2)


def temperature_nll(logits, labels, temperature: float) -> float:
    """The mean cross-entropy of logits / T: what temperature scaling minimises."""
    return float(cross_entropy(as_logits(logits, "logits") / temperature, labels))
