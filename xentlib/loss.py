"""Cross-entropy and NLL with the semantics of torch.nn.functional, and the exact gradient.

Everything is written with one weighted target distribution q per position:
class indices y give q_c = (1 - eps) * w_y * [c == y] + (eps / C) * w_c, probabilities t give
q_c = w_c * ((1 - eps) * t_c + eps / C). Then the loss at a position is -sum_c q_c log p_c and
its gradient with respect to the logits is (sum_c q_c) * p - q, divided by the mean's denominator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fast import row_stats
from .messages.errors import tr
from .validation import (
    as_labels,
    as_logits,
    as_probabilities,
    as_weight,
    check_distribution,
    check_finite,
    check_options,
    class_axis,
    expected_target_shape,
)


@dataclass
class _Problem:
    """A validated call, with the class axis moved last: z is (M, C), one row per position."""

    x: np.ndarray  # the input as given (for error messages)
    z: np.ndarray  # (M, C)
    out_shape: tuple[int, ...]  # shape of the per-position losses (reduction="none")
    reduction: str
    smoothing: float
    weight: np.ndarray | None
    mass: np.ndarray  # (M,) s = sum_c q_c
    denominator: float  # what the mean divides by
    labels: np.ndarray | None = None  # (M,) class indices, 0 where ignored; None for probabilities
    valid: np.ndarray | None = None  # (M,) False where ignore_index
    w_y: np.ndarray | None = None  # (M,) weight of each target class, 0 where ignored
    q: np.ndarray | None = None  # (M, C) weighted, smoothed probability targets


def _rows(x: np.ndarray) -> np.ndarray:
    """(C,) -> (1, C); (N, C, d1..dk) -> (N*d1*..*dk, C); (N, C) stays as it is (no copy)."""
    if x.ndim <= 2:
        return x.reshape(-1, x.shape[-1])
    return np.moveaxis(x, 1, -1).reshape(-1, x.shape[1])


def _unrows(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Inverse of _rows for an array of the input's shape."""
    if len(shape) == 1:
        return g.reshape(shape)
    return np.moveaxis(g.reshape(shape[0], *shape[2:], shape[1]), -1, 1)


def _targets(y: np.ndarray, ignore_index: int, weight, dtype):
    """Flattened (valid mask, labels with 0 where ignored, target-class weights with 0 where ignored)."""
    flat = y.reshape(-1)
    valid = flat != ignore_index
    if valid.all():  # nothing ignored: skip the masking
        return valid, flat, np.ones(len(flat), dtype) if weight is None else weight[flat]
    labels = np.where(valid, flat, 0)
    w_y = valid.astype(dtype) if weight is None else np.where(valid, weight[labels], 0).astype(dtype)
    return valid, labels, w_y


def _prepare(input, target, weight, ignore_index, reduction, label_smoothing) -> _Problem:
    check_options(reduction, label_smoothing)
    x = as_logits(input, "input", axis=class_axis(input), check_values=False)  # values: see _stats
    num_classes = x.shape[class_axis(x)]
    w = as_weight(weight, num_classes, x.dtype)
    eps = float(label_smoothing)
    z = _rows(x)
    common = dict(x=x, z=z, reduction=reduction, smoothing=eps, weight=w)
    if np.shape(target) == x.shape:
        if ignore_index != -100:
            raise ValueError(tr("ignore_index_with_probabilities", ignore_index=ignore_index, shape=x.shape))
        t = as_probabilities(target, x.shape, x.dtype)
        check_distribution(t, class_axis(x), "target")
        t = _rows(t)
        if eps:
            t = t * (1 - eps) + eps / num_classes
        q = t if w is None else t * w
        out_shape = expected_target_shape(x.shape)
        return _Problem(out_shape=out_shape, q=q, mass=q.sum(axis=1), denominator=len(z), **common)
    y = as_labels(target, x.shape, ignore_index)
    valid, labels, w_y = _targets(y, ignore_index, w, x.dtype)
    mass = w_y
    if eps:
        total_weight = num_classes if w is None else w.sum()
        mass = (1 - eps) * w_y + (eps / num_classes * total_weight) * valid
    return _Problem(
        out_shape=y.shape, labels=labels, valid=valid, w_y=w_y, mass=mass, denominator=w_y.sum(), **common
    )


def _stats(p: _Problem, **kernel_options):
    """Row max m, r = log sum exp(z - m) and t = sum_c w_c (m - z_c); then the input's values checked."""
    need_shift_sum = p.labels is not None and p.smoothing > 0
    m, r, t = row_stats(p.z, p.weight, need_shift_sum, **kernel_options)
    check_finite(p.x, class_axis(p.x), "input", maxima=m)
    return m, r, t


def _losses(p: _Problem, m, r, t) -> np.ndarray:
    """Per-position -sum_c q_c log p_c, with log p_c = (z_c - m) - r (no catastrophic cancellation)."""
    if p.q is not None:
        return -(p.q * (p.z - m[:, None] - r[:, None])).sum(axis=1)
    nll = p.w_y * (r - (p.z[np.arange(len(p.labels)), p.labels] - m))
    if p.smoothing:
        total_weight = p.z.shape[1] if p.weight is None else p.weight.sum()
        smooth = total_weight * r + t  # sum_c w_c (r + m - z_c): every term >= 0
        nll = (1 - p.smoothing) * nll + (p.smoothing / p.z.shape[1]) * smooth
    if not p.valid.all():
        nll = np.where(p.valid, nll, 0)  # an ignored position costs 0, even where its logit is -inf
    return nll.astype(p.z.dtype, copy=False)


def _reduce(per_position: np.ndarray, out_shape, reduction: str, denominator):
    if reduction == "none":
        return per_position.reshape(out_shape)
    total = per_position.sum()
    if reduction == "sum":
        return total
    if denominator == 0:  # every target ignored, or of weight 0: torch's mean is 0/0 = nan
        return per_position.dtype.type(np.nan)
    return total / per_position.dtype.type(denominator)


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """Softmax cross-entropy, as torch.nn.functional.cross_entropy: -sum_c q_c log softmax(z)_c.

    input: logits of shape (C,), (N, C) or (N, C, d1, ..., dk). target: class indices (the input's
    shape without C) or class probabilities (the input's shape). With reduction="mean" and class
    indices the sum is divided by the total weight of the non-ignored targets (nan if that is 0,
    e.g. every target ignored, as in torch); with probabilities, by the number of positions.
    """
    p = _prepare(input, target, weight, ignore_index, reduction, label_smoothing)
    return _reduce(_losses(p, *_stats(p)), p.out_shape, p.reduction, p.denominator)


def cross_entropy_and_grad(
    input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0
):
    """(cross_entropy(...), d cross_entropy / d input), sharing one pass over the logits."""
    p = _prepare(input, target, weight, ignore_index, reduction, label_smoothing)
    scale = 1.0 if p.reduction != "mean" else (1.0 / p.denominator if p.denominator != 0 else 0.0)
    grad = np.empty_like(p.z)
    m, r, t = _stats(p, softmax_out=grad, row_scale=(p.mass * scale).astype(p.z.dtype, copy=False))
    loss = _reduce(_losses(p, m, r, t), p.out_shape, p.reduction, p.denominator)
    if p.q is not None:  # grad = scale * (s * softmax - q); the first term is already in place
        grad -= p.q * grad.dtype.type(scale)
    else:
        grad[np.arange(len(p.labels)), p.labels] -= ((1 - p.smoothing) * scale * p.w_y).astype(grad.dtype)
        if p.smoothing:
            w = np.ones(grad.shape[1], grad.dtype) if p.weight is None else p.weight
            grad -= (p.smoothing / grad.shape[1] * scale) * np.outer(p.valid, w).astype(grad.dtype)
        if p.reduction == "mean" and p.denominator == 0:
            grad[p.valid] = np.nan  # as torch: the mean divides by a total weight of 0 (ignored rows stay 0)
    return loss, _unrows(grad, p.x.shape)


def cross_entropy_grad(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """dL/dinput of cross_entropy: (sum_c q_c) * softmax(z) - q, divided by the mean's denominator.

    For reduction="none" it is the gradient of the sum of the per-position losses (what torch's
    backward gives with a gradient of ones). Positions with ignore_index get a zero gradient.
    """
    return cross_entropy_and_grad(input, target, weight, ignore_index, reduction, label_smoothing)[1]


def nll_loss(log_probs, target, weight=None, ignore_index=-100, reduction="mean"):
    """Negative log-likelihood, as torch.nn.functional.nll_loss: -w_y * log_probs[y] per position.

    log_probs: (C,), (N, C) or (N, C, d1, ..., dk), usually the output of log_softmax;
    target: class indices of the input's shape without C.
    """
    check_options(reduction, 0.0)
    x = as_logits(log_probs, "log_probs", axis=class_axis(log_probs))
    w = as_weight(weight, x.shape[class_axis(x)], x.dtype)
    y = as_labels(target, x.shape, ignore_index, probabilities_ok=False)
    valid, labels, w_y = _targets(y, ignore_index, w, x.dtype)
    picked = _rows(x)[np.arange(len(labels)), labels]
    per = np.where(valid, -w_y * picked, 0).astype(x.dtype, copy=False)
    return _reduce(per, y.shape, reduction, w_y.sum())
