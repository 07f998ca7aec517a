import numpy as np

from xentlib import log_softmax


def ce_weighted(logits, labels, weight):
    """sum_i w[y_i] * loss_i / sum_i w[y_i], with loss_i = -log softmax(logits)[i, y_i]."""
    losses = -log_softmax(logits, axis=1)[np.arange(len(labels)), labels]
    w = weight[labels]
    return (w * losses).sum() / w.sum()
