"""A seeded toy dataset: Gaussian clouds in the plane, one per class, for training a classifier."""

from __future__ import annotations

import numpy as np

from .messages.errors import tr


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(tr("positive_integer", name=name, value=repr(value)))
    return int(value)


def make_blobs(n_per_class=100, num_classes=3, radius=2.0, spread=1.0, seed=0):
    """(X, y): n_per_class points per class, x ~ N(centre_k, spread^2 I), centres evenly on a circle.

    X has shape (num_classes * n_per_class, 2), float64; y holds the class indices 0..C-1 as int64.
    The rows are shuffled; the same seed always gives the same points.
    """
    n = _positive_int(n_per_class, "n_per_class")
    c = _positive_int(num_classes, "num_classes")
    if not (np.isfinite(radius) and np.isfinite(spread) and spread >= 0):
        raise ValueError(tr("blob_geometry", radius=repr(radius), spread=repr(spread)))
    rng = np.random.default_rng(seed)
    angles = np.pi / 2 + 2 * np.pi * np.arange(c) / c
    centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    y = np.repeat(np.arange(c, dtype=np.int64), n)
    x = centres[y] + spread * rng.standard_normal((c * n, 2))
    order = rng.permutation(c * n)
    return x[order], y[order]
