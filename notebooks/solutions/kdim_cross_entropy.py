import numpy as np

from xentlib import log_softmax


def ce_sequence(logits, labels):
    log_p = log_softmax(logits, axis=1)  # the classes are on axis 1 of (N, C, T)
    picked = np.take_along_axis(log_p, labels[:, None, :], axis=1)  # (N, 1, T): the true class at each position
    return -picked.mean()  # the mean over all N x T positions
