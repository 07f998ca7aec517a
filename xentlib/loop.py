"""Cross-entropy the way a learner first writes it: one sample at a time, in a Python loop."""

from __future__ import annotations

import math

from .softmax import softmax
from .validation import as_logits, check_labels_1d, class_axis


def cross_entropy_loop(logits, labels) -> float:
    """Mean cross-entropy of (N, C) logits and N labels: (1/N) * sum_i -log softmax(z_i)[y_i]."""
    z = as_logits(logits, axis=class_axis(logits))
    y = check_labels_1d(z, labels)
    total = 0.0
    for row, label in zip(z, y, strict=True):
        probabilities = softmax(row)
        total += -math.log(probabilities[label])
    return total / len(y)
