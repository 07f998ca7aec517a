import numpy as np

from xentlib import log_softmax


def ce_label_smoothing(logits, labels, eps):
    """Mean over samples of -sum_c q_c log softmax(logits)_c, q = (1 - eps) * one_hot + eps / C."""
    num_classes = logits.shape[1]
    q = (1 - eps) * np.eye(num_classes)[labels] + eps / num_classes
    return -(q * log_softmax(logits, axis=1)).sum(axis=1).mean()
