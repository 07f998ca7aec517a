import numpy as np

from xentlib import log_softmax


def ce_ignore_index(logits, labels, ignore_index=-100):
    """Mean of -log softmax(logits)[i, labels[i]] over the samples with labels[i] != ignore_index."""
    log_p = log_softmax(logits, axis=1)
    kept_rows = np.flatnonzero(labels != ignore_index)
    picked = log_p[kept_rows, labels[kept_rows]]
    return -picked.mean()  # nan when every sample is ignored (0/0), as in torch
