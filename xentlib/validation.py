"""Input checks shared by every entry point: clear errors instead of silently wrong numbers."""

from __future__ import annotations

import numpy as np

REDUCTIONS = ("mean", "sum", "none")


def describe_position(index: tuple[int, ...]) -> str:
    """Format an array index for a message: 'position 3' or 'position (1, 3)'."""
    return f"position {index[0]}" if len(index) == 1 else f"position {tuple(int(i) for i in index)}"


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
        raise TypeError(f"{name} must be real numbers, got an array of dtype {arr.dtype}")
    if arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float64)
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension (the classes), got a scalar")
    if arr.size == 0:
        what = "no classes" if arr.shape[axis] == 0 else "an empty batch"
        raise ValueError(f"{name} is empty (shape {arr.shape}): {what}, nothing to compute")
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
        raise ValueError(
            f"{name} has {arr[index]} at {describe_position(index)}; logits must be finite numbers "
            "(-inf is allowed to rule a class out)"
        )
    if (top == -np.inf).any():
        index = _first(np.atleast_1d(top == -np.inf))
        raise ValueError(
            f"{name} are all -inf along axis {axis} at {describe_position(index)}: "
            "softmax needs at least one finite logit"
        )


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
    or_probabilities = f" or probabilities of shape {input_shape}" if probabilities_ok else ""
    check_integer_labels(arr, or_probabilities)
    expected = expected_target_shape(input_shape)
    if arr.shape != expected:
        what = "batch size" if arr.ndim == len(expected) and arr.shape[:1] != expected[:1] else "shape"
        raise ValueError(
            f"target {what} does not match: target has shape {arr.shape}, but input of shape "
            f"{input_shape} needs class indices of shape {expected} (its shape without the class "
            f"dimension){or_probabilities}"
        )
    num_classes = input_shape[0] if len(input_shape) == 1 else input_shape[1]
    return as_class_indices(arr, num_classes, ignore_index)


def check_integer_labels(arr: np.ndarray, or_probabilities: str = "") -> None:
    """Class indices must be integers: not booleans, not floats."""
    if arr.dtype == np.bool_:
        raise TypeError("labels must be integer class indices, got booleans (True/False)")
    if np.issubdtype(arr.dtype, np.floating):
        raise TypeError(
            f"labels must be integer class indices, got dtype {arr.dtype}; "
            f"convert with labels.astype(np.int64){or_probabilities.replace(' or', ', or pass', 1)}"
        )
    if not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"labels must be integer class indices, got dtype {arr.dtype}")


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
        valid = f"valid labels are 0..{num_classes - 1}"
        if label < 0:
            raise ValueError(
                f"label {label} at {describe_position(index)} is negative; NumPy indexing would "
                f"silently wrap it round to class {label % num_classes}. For {num_classes} classes {valid}"
                + ("" if ignore_index is None else f" (or ignore_index={ignore_index} to skip a position)")
            )
        raise ValueError(
            f"label {label} at {describe_position(index)} is out of range for {num_classes} classes ({valid})"
        )
    return arr


def as_probabilities(target, input_shape: tuple[int, ...], dtype) -> np.ndarray:
    """Return probability targets (same shape as the input), checked finite and non-negative."""
    arr = np.asarray(target)
    if not np.issubdtype(arr.dtype, np.floating):
        raise TypeError(
            f"a target of the input's shape {input_shape} is read as class probabilities and must be "
            f"floating point, got dtype {arr.dtype}"
        )
    arr = arr.astype(dtype, copy=False)
    bad = np.isnan(arr) | (arr < 0) | np.isinf(arr)
    if bad.any():
        index = _first(bad)
        raise ValueError(
            f"target probability {arr[index]} at {describe_position(index)} is invalid; "
            "probabilities must be finite and >= 0"
        )
    return arr


def as_weight(weight, num_classes: int, dtype) -> np.ndarray | None:
    """Return per-class weights as a 1-D array of length C, checked finite and non-negative."""
    if weight is None:
        return None
    arr = np.asarray(weight)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"weight must be numbers, got dtype {arr.dtype}")
    if arr.shape != (num_classes,):
        raise ValueError(
            f"weight must have one entry per class: expected shape ({num_classes},), got {arr.shape}"
        )
    arr = arr.astype(dtype, copy=False)
    bad = ~np.isfinite(arr) | (arr < 0)
    if bad.any():
        index = _first(bad)
        raise ValueError(
            f"weight {arr[index]} at {describe_position(index)} is invalid; "
            "class weights must be finite and >= 0"
        )
    return arr


def check_options(reduction: str, label_smoothing: float) -> None:
    """Reduction must be one of REDUCTIONS; label_smoothing a number in [0, 1]."""
    if reduction not in REDUCTIONS:
        raise ValueError(
            f"unknown reduction {reduction!r}; valid reductions are {', '.join(map(repr, REDUCTIONS))}"
        )
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, (int, float, np.number)):
        raise TypeError(f"label_smoothing must be a number in [0, 1], got {label_smoothing!r}")
    if not 0.0 <= float(label_smoothing) <= 1.0:
        raise ValueError(f"label_smoothing must be in [0, 1], got {label_smoothing}")


def check_labels_1d(logits: np.ndarray, labels) -> np.ndarray:
    """Checks for the simple (N, C) + N labels teaching versions."""
    if logits.ndim != 2:
        raise ValueError(
            f"logits must be a 2-D (N, C) array, got {logits.ndim} dimension(s) with shape {logits.shape}"
        )
    return as_labels(labels, logits.shape, ignore_index=None, probabilities_ok=False)
