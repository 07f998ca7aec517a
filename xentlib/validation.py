"""Input checks shared by every entry point: clear errors instead of silently wrong numbers."""

from __future__ import annotations

import numpy as np

from .messages.errors import tr

REDUCTIONS = ("mean", "sum", "none")
SUM_TOL = 1e-6


def describe_position(index: tuple[int, ...]) -> str:
    """Format an array index for a message: 'position 3' or 'position (1, 3)'."""
    return tr("position", index=index[0] if len(index) == 1 else tuple(int(i) for i in index))


def _first(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0])


def class_axis(z) -> int:
    """The class axis of a loss input: 0 for (C,), 1 for (N, C) and (N, C, d1, ..., dk)."""
    return 0 if np.ndim(z) == 1 else 1


def as_logits(z, name: str = "logits", axis: int = -1, check_values: bool = True) -> np.ndarray:
    """Return `z` as a float ndarray (float32 stays float32, ints become float64), checked finite.

    Classes lie along `axis`; every slice along it needs at least one finite logit (-inf is allowed
    elsewhere, to rule a class out). With check_values=False the caller must call check_finite.
    """
    arr = np.asarray(z)
    if arr.dtype == np.bool_ or not (
        np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)
    ):
        raise TypeError(tr("not_real_numbers", name=name, dtype=arr.dtype))
    if arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float64)
    if arr.ndim == 0:
        raise ValueError(tr("scalar_logits", name=name))
    if arr.size == 0:
        what = "no_classes" if arr.shape[axis] == 0 else "empty_batch"
        raise ValueError(tr(what, name=name, shape=arr.shape))
    if check_values:
        check_finite(arr, axis, name)
    return arr


def check_finite(arr: np.ndarray, axis: int, name: str = "logits", maxima=None) -> None:
    """Raise on NaN or +inf in arr, or a slice along axis that is all -inf.

    One max-reduction (NaN propagates through max) finds all three without a full-size temporary;
    the fast path passes the row maxima it computes anyway as `maxima`, so checking costs no extra
    pass over the logits. The exact position is searched for only when something is wrong.
    """
    top = arr.max(axis=axis) if maxima is None else maxima
    if np.isfinite(top).all():
        return
    if maxima is not None:  # the fast path's maxima are per row: find the place in the input's own shape
        top = arr.max(axis=axis)
    if np.isnan(top).any() or (top == np.inf).any():
        index = _first(np.isnan(arr) | (arr == np.inf))
        raise ValueError(tr("not_finite", name=name, value=arr[index], position=describe_position(index)))
    if (top == -np.inf).any():
        index = _first(np.atleast_1d(top == -np.inf))
        raise ValueError(tr("all_neg_inf", name=name, axis=axis, position=describe_position(index)))


def expected_target_shape(input_shape: tuple[int, ...]) -> tuple[int, ...]:
    """Shape of class-index targets for an input: the input's shape without the class axis."""
    return () if len(input_shape) == 1 else (input_shape[0], *input_shape[2:])


def as_labels(
    target, input_shape: tuple[int, ...], ignore_index: int | None = -100, probabilities_ok: bool = True
) -> np.ndarray:
    """Return class-index targets as int64, checked for dtype, shape and range 0..C-1.

    probabilities_ok says whether the caller also takes probability targets, for the hint in errors.
    """
    arr = np.asarray(target)
    check_integer_labels(arr, input_shape if probabilities_ok else None)
    expected = expected_target_shape(input_shape)
    if arr.shape != expected:
        batch = arr.ndim == len(expected) and arr.shape[:1] != expected[:1]
        raise ValueError(
            tr(
                "target_batch_mismatch" if batch else "target_shape_mismatch",
                shape=arr.shape,
                input_shape=input_shape,
                expected=expected,
                or_probabilities=tr("or_probabilities", shape=input_shape) if probabilities_ok else "",
            )
        )
    num_classes = input_shape[0] if len(input_shape) == 1 else input_shape[1]
    return as_class_indices(arr, num_classes, ignore_index)


def check_integer_labels(arr: np.ndarray, probabilities_shape: tuple[int, ...] | None = None) -> None:
    """Class indices must be integers: not booleans, not floats.

    probabilities_shape: the shape of probability targets the caller also accepts (for the hint), or None.
    """
    if arr.dtype == np.bool_:
        raise TypeError(tr("labels_bool"))
    if np.issubdtype(arr.dtype, np.floating):
        alternative = (
            "" if probabilities_shape is None else tr("or_pass_probabilities", shape=probabilities_shape)
        )
        raise TypeError(tr("labels_float", dtype=arr.dtype, or_probabilities=alternative))
    if not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(tr("labels_not_integer", dtype=arr.dtype))


def as_class_indices(labels, num_classes: int, ignore_index: int | None = None) -> np.ndarray:
    """Return integer labels as int64, each in 0..num_classes-1 or equal to ignore_index."""
    arr = np.asarray(labels)
    check_integer_labels(arr)
    arr = arr.astype(np.int64, copy=False)
    if arr.size and 0 <= arr.min() and arr.max() < num_classes:
        return arr  # the common case, in two reductions; the rest finds what is wrong and where
    bad = (arr < 0) | (arr >= num_classes)
    if ignore_index is not None:
        bad &= arr != ignore_index
    if bad.any():
        index = _first(np.atleast_1d(bad))
        label = int(np.atleast_1d(arr)[index])
        where = dict(
            label=label, position=describe_position(index), num_classes=num_classes, last=num_classes - 1
        )
        if label < 0:
            skip = "" if ignore_index is None else tr("or_ignore_index", ignore_index=ignore_index)
            raise ValueError(tr("label_negative", wrapped=label % num_classes, or_ignore=skip, **where))
        raise ValueError(tr("label_out_of_range", **where))
    return arr


def as_probabilities(target, input_shape: tuple[int, ...], dtype) -> np.ndarray:
    """Return probability targets (same shape as the input), checked finite and non-negative."""
    arr = np.asarray(target)
    if not np.issubdtype(arr.dtype, np.floating):
        raise TypeError(tr("probabilities_not_float", shape=input_shape, dtype=arr.dtype))
    arr = arr.astype(dtype, copy=False)
    bad = np.isnan(arr) | (arr < 0) | np.isinf(arr)
    if bad.any():
        index = _first(bad)
        raise ValueError(tr("probability_invalid", value=arr[index], position=describe_position(index)))
    return arr


def check_distribution(arr: np.ndarray, axis: int, name: str) -> None:
    """Raise, naming the first offender, unless arr sums to 1 along axis (within SUM_TOL * its length)."""
    totals = np.atleast_1d(arr.sum(axis=axis))
    off = np.abs(totals - 1) > SUM_TOL * max(1, arr.shape[axis])
    if off.any():
        index = _first(off)
        where = (
            tr("distribution_sums")
            if arr.ndim == 1
            else tr("distribution_at_sums", position=describe_position(index))
        )
        raise ValueError(
            tr("not_a_distribution", name=name, axis=axis, where=where, total=f"{totals[index]:.6g}")
        )


def as_weight(weight, num_classes: int, dtype) -> np.ndarray | None:
    """Return per-class weights as a 1-D array of length C, checked finite and non-negative."""
    if weight is None:
        return None
    arr = np.asarray(weight)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(tr("weight_not_numbers", dtype=arr.dtype))
    if arr.shape != (num_classes,):
        raise ValueError(tr("weight_shape", num_classes=num_classes, shape=arr.shape))
    arr = arr.astype(dtype, copy=False)
    bad = ~np.isfinite(arr) | (arr < 0)
    if bad.any():
        index = _first(bad)
        raise ValueError(tr("weight_invalid", value=arr[index], position=describe_position(index)))
    return arr


def check_options(reduction: str, label_smoothing: float) -> None:
    """Reduction must be one of REDUCTIONS; label_smoothing a number in [0, 1]."""
    if reduction not in REDUCTIONS:
        valid = ", ".join(map(repr, REDUCTIONS))
        raise ValueError(tr("unknown_reduction", value=repr(reduction), valid=valid))
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, (int, float, np.number)):
        raise TypeError(tr("smoothing_not_number", value=repr(label_smoothing)))
    if not 0.0 <= float(label_smoothing) <= 1.0:
        raise ValueError(tr("smoothing_out_of_range", value=label_smoothing))


def check_labels_1d(logits: np.ndarray, labels) -> np.ndarray:
    """Checks for the simple (N, C) + N labels teaching versions."""
    if logits.ndim != 2:
        raise ValueError(tr("not_2d", ndim=logits.ndim, shape=logits.shape))
    return as_labels(labels, logits.shape, ignore_index=None, probabilities_ok=False)
