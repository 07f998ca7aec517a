import numpy as np

from xentlib import log_softmax


def cross_entropy_vectorized(logits, labels):
    log_p = log_softmax(logits, axis=1)
    rows = np.arange(len(labels))
    return -log_p[rows, labels].mean()
