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
from .validation import (
    as_labels,
    as_logits,
    as_probabilities,
    as_weight,
    check_options,
    class_axis,
)


@dataclass
class _Problem:
    """A validated call, with the class axis moved last: z is (M, C), one row per position."""

    z: np.ndarray
    out_shape: tuple[int, ...]  # shape of the per-position losses ("none")
    weight: np.ndarray | None
    reduction: str
    smoothing: float
    labels: np.ndarray | None = None  # (M,) int64, or None for probability targets
    valid: np.ndarray | None = None  # (M,) bool: not ignore_index
    probs: np.ndarray | None = None  # (M, C) probability targets


def _rows(x: np.ndarray) -> np.ndarray:
    """(C,) -> (1, C); (N, C, d1..dk) -> (N*d1*..*dk, C); (N, C) stays as it is."""
    if x.ndim == 1:
        return x.reshape(1, -1)
    return np.moveaxis(x, 1, -1).reshape(-1, x.shape[1])


def _unrows(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Inverse of _rows for an array of the input's shape."""
    if len(shape) == 1:
        return g.reshape(shape)
    moved = (shape[0], *shape[2:], shape[1])
    return np.moveaxis(g.reshape(moved), -1, 1)


def _prepare(input, target, weight, ignore_index, reduction, label_smoothing, name="input") -> _Problem:
    check_options(reduction, label_smoothing)
    x = as_logits(input, name, axis=class_axis(input))
    num_classes = x.shape[0] if x.ndim == 1 else x.shape[1]
    w = as_weight(weight, num_classes, x.dtype)
    common = dict(z=_rows(x), weight=w, reduction=reduction, smoothing=float(label_smoothing))
    if np.shape(target) == x.shape:
        if ignore_index != -100:
            raise ValueError(
                "ignore_index cannot be used with probability targets (a target of the input's shape "
                f"{x.shape}); leave it at -100, or give class indices of shape "
                f"{x.shape[:1] + x.shape[2:] if x.ndim > 1 else ()}"
            )
        t = as_probabilities(target, x.shape, x.dtype)
        return _Problem(out_shape=x.shape[:1] + x.shape[2:] if x.ndim > 1 else (), probs=_rows(t), **common)
    y = as_labels(target, x.shape, ignore_index)
    flat = y.reshape(-1)
    valid = flat != ignore_index
    return _Problem(out_shape=y.shape, labels=np.where(valid, flat, 0), valid=valid, **common)


def _q_mass_and_denominator(p: _Problem):
    """Per-row s = sum_c q_c, the target-class part of q for index targets, and the mean's denominator."""
    num_classes = p.z.shape[1]
    eps = p.smoothing
    dtype = p.z.dtype
    if p.probs is not None:
        t = p.probs if eps == 0 else p.probs * (1 - eps) + eps / num_classes
        q = t if p.weight is None else t * p.weight
        return q, q.sum(axis=1), p.z.shape[0]
    w_y = np.ones(len(p.labels), dtype) if p.weight is None else p.weight[p.labels]
    w_y = np.where(p.valid, w_y, 0).astype(dtype, copy=False)
    total_w = num_classes if p.weight is None else p.weight.sum()
    mass = (1 - eps) * w_y + (eps / num_classes) * total_w * p.valid
    return None, mass.astype(dtype, copy=False), w_y.sum()


def _reduce(per_position: np.ndarray, p: _Problem, denominator):
    if p.reduction == "none":
        return per_position.reshape(p.out_shape)
    total = per_position.sum()
    if p.reduction == "sum":
        return total
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / per_position.dtype.type(
            denominator
        )  # 0/0 = nan when every target is ignored, as torch


def _losses(p: _Problem, m, r, shift_sum) -> np.ndarray:
    """Per-position -sum_c q_c log p_c, using log p_c = (z_c - m) - r."""
    if p.probs is not None:
        q, _, _ = _q_mass_and_denominator(p)
        log_p = p.z - m[:, None] - r[:, None]
        return -(q * log_p).sum(axis=1)
    rows = np.arange(len(p.labels))
    w_y = np.ones(len(p.labels), p.z.dtype) if p.weight is None else p.weight[p.labels]
    nll = w_y * (r - (p.z[rows, p.labels] - m))
    if p.smoothing:
        total_w = p.z.shape[1] if p.weight is None else p.weight.sum()
        smooth = total_w * r + shift_sum  # sum_c w_c (r + m - z_c), every term >= 0
        nll = (1 - p.smoothing) * nll + (p.smoothing / p.z.shape[1]) * smooth
    return np.where(p.valid, nll, 0).astype(p.z.dtype, copy=False)


def _loss(p: _Problem):
    need_shift_sum = p.labels is not None and p.smoothing > 0
    m, r, shift_sum = row_stats(p.z, p.weight, need_shift_sum=need_shift_sum)
    _, _, denominator = _q_mass_and_denominator(p)
    return _reduce(_losses(p, m, r, shift_sum), p, denominator)


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """Softmax cross-entropy, as torch.nn.functional.cross_entropy: -sum_c q_c log softmax(z)_c.

    input: logits of shape (C,), (N, C) or (N, C, d1, ..., dk). target: class indices (the input's
    shape without C) or class probabilities (the input's shape). With reduction="mean" and class
    indices the sum is divided by the total weight of the non-ignored targets (nan if every target
    is ignored, as in torch); with probabilities, by the number of positions.
    """
    return _loss(_prepare(input, target, weight, ignore_index, reduction, label_smoothing))


def nll_loss(log_probs, target, weight=None, ignore_index=-100, reduction="mean"):
    """Negative log-likelihood, as torch.nn.functional.nll_loss: -w_y * log_probs[y] per position.

    log_probs: (C,), (N, C) or (N, C, d1, ..., dk), usually the output of log_softmax;
    target: class indices of the input's shape without C.
    """
    check_options(reduction, 0.0)
    x = as_logits(log_probs, "log_probs", axis=class_axis(log_probs))
    num_classes = x.shape[0] if x.ndim == 1 else x.shape[1]
    w = as_weight(weight, num_classes, x.dtype)
    y = as_labels(target, x.shape, ignore_index).reshape(-1)
    valid = y != ignore_index
    safe = np.where(valid, y, 0)
    z = _rows(x)
    w_y = np.ones(len(safe), x.dtype) if w is None else w[safe]
    w_y = np.where(valid, w_y, 0).astype(x.dtype, copy=False)
    per = np.where(valid, -w_y * z[np.arange(len(safe)), safe], 0).astype(x.dtype, copy=False)
    p = _Problem(z=z, out_shape=np.shape(target), weight=w, reduction=reduction, smoothing=0.0)
    return _reduce(per, p, w_y.sum())


def _loss_and_grad(p: _Problem):
    grad = np.empty_like(p.z)
    need_shift_sum = p.labels is not None and p.smoothing > 0
    m, r, shift_sum = row_stats(p.z, p.weight, softmax_out=grad, need_shift_sum=need_shift_sum)
    q, mass, denominator = _q_mass_and_denominator(p)
    loss = _reduce(_losses(p, m, r, shift_sum), p, denominator)
    scale = 1.0 if p.reduction != "mean" else (1.0 / denominator if denominator != 0 else 0.0)
    grad *= (mass * scale).astype(grad.dtype, copy=False)[:, None]  # s * p
    if q is not None:
        grad -= q * grad.dtype.type(scale)
    else:
        rows = np.arange(len(p.labels))
        w_y = np.ones(len(p.labels), grad.dtype) if p.weight is None else p.weight[p.labels]
        grad[rows, p.labels] -= ((1 - p.smoothing) * scale * w_y * p.valid).astype(grad.dtype, copy=False)
        if p.smoothing:
            w = np.ones(grad.shape[1], grad.dtype) if p.weight is None else p.weight
            grad -= (p.smoothing / grad.shape[1] * scale) * np.outer(p.valid, w).astype(
                grad.dtype, copy=False
            )
    return loss, grad


def cross_entropy_and_grad(
    input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0
):
    """(cross_entropy(...), its gradient with respect to input) in one pass over the logits."""
    x_shape = np.shape(input)
    loss, grad = _loss_and_grad(_prepare(input, target, weight, ignore_index, reduction, label_smoothing))
    return loss, _unrows(grad, x_shape)


def cross_entropy_grad(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """dL/dinput of cross_entropy: (sum_c q_c) * softmax(z) - q, divided by the mean's denominator.

    For reduction="none" it is the gradient of the sum of the per-position losses (what torch's
    backward gives with a gradient of ones). Positions with ignore_index get a zero gradient.
    """
    return cross_entropy_and_grad(input, target, weight, ignore_index, reduction, label_smoothing)[1]
