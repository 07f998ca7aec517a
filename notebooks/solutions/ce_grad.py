import numpy as np

from xentlib import softmax


def ce_grad(logits, labels):
    """dL/dlogits of the mean cross-entropy: (softmax(logits) - one_hot(labels)) / N, shape (N, C)."""
    n = len(labels)
    grad = softmax(logits, axis=1)
    grad[np.arange(n), labels] -= 1
    return grad / n
