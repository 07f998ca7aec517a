"""One-hot encoding, and cross-entropy written with it: L = -mean_i sum_c onehot_ic * log p_ic."""

from __future__ import annotations

import numpy as np

from .messages.errors import tr
from .softmax import log_softmax
from .validation import as_class_indices, as_logits, check_labels_1d, class_axis


def one_hot(labels, num_classes: int) -> np.ndarray:
    """Rows of the identity: one_hot(y, C)[..., c] = 1.0 if y == c else 0.0, shape labels.shape + (C,)."""
    if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)) or num_classes < 1:
        raise ValueError(tr("positive_integer", name="num_classes", value=repr(num_classes)))
    return np.eye(num_classes)[as_class_indices(labels, int(num_classes))]


def cross_entropy_onehot(logits, labels) -> np.float64:
    """Mean cross-entropy of (N, C) logits and N labels: -sum(one_hot(y) * log_softmax(z)) / N."""
    z = as_logits(logits, axis=class_axis(logits))
    y = check_labels_1d(z, labels)
    return -np.sum(one_hot(y, z.shape[1]) * log_softmax(z, axis=1)) / z.shape[0]
