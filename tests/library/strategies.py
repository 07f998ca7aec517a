"""Shared hypothesis strategies: logits, labels and the options of cross_entropy."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

DTYPES = st.sampled_from([np.float64, np.float32])


@st.composite
def logits(draw, dtype=None, max_abs=30.0, min_dims=2, max_dims=2, max_side=6):
    """Finite logits of shape (N, C) (or (N, C, d...) with max_dims > 2), N, C >= 1."""
    dtype = draw(DTYPES) if dtype is None else dtype
    shape = draw(hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side))
    elements = st.floats(-max_abs, max_abs, allow_nan=False, width=32)
    return draw(hnp.arrays(dtype, shape, elements=elements))


def class_count(z: np.ndarray) -> int:
    return z.shape[0] if z.ndim == 1 else z.shape[1]


def target_shape(z: np.ndarray) -> tuple:
    return () if z.ndim == 1 else (z.shape[0], *z.shape[2:])


@st.composite
def labels_for(draw, z, ignore_index=None):
    """Valid class indices for logits z; some positions set to ignore_index when one is given."""
    choices = st.integers(0, class_count(z) - 1)
    if ignore_index is not None:
        choices = st.one_of(choices, st.just(ignore_index))
    return draw(hnp.arrays(np.int64, target_shape(z), elements=choices))


@st.composite
def probabilities_for(draw, z):
    """Rows of class probabilities (non-negative, summing to 1 over the class axis) shaped like z."""
    raw = draw(hnp.arrays(z.dtype, z.shape, elements=st.floats(0, 1, width=32)))
    axis = 0 if z.ndim == 1 else 1
    raw = raw + np.asarray(1e-3, z.dtype)
    return (raw / raw.sum(axis=axis, keepdims=True)).astype(z.dtype)


@st.composite
def options(draw, num_classes, dtype, allow_ignore=True):
    """Keyword options for cross_entropy: weight, ignore_index, reduction, label_smoothing."""
    opts = {
        "reduction": draw(st.sampled_from(["mean", "sum", "none"])),
        "label_smoothing": draw(st.sampled_from([0.0, 0.1, 0.37, 1.0])),
    }
    if draw(st.booleans()):
        opts["weight"] = draw(hnp.arrays(dtype, (num_classes,), elements=st.floats(0.125, 5, width=32)))
    if allow_ignore and draw(st.booleans()):
        opts["ignore_index"] = draw(st.sampled_from([-100, -1, 0]))
    return opts
