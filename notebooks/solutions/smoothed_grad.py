import numpy as np

from xentlib import softmax


def smoothed_grad(logits, labels, eps):
    """(softmax(logits) - q) / N with the smoothed target q = (1 - eps) * one_hot + eps / C."""
    n, num_classes = logits.shape
    q = (1 - eps) * np.eye(num_classes)[labels] + eps / num_classes
    return (softmax(logits, axis=1) - q) / n
