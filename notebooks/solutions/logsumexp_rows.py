import numpy as np


def my_logsumexp(z):
    z = np.asarray(z)
    m = z.max(axis=-1, keepdims=True)  # each row's largest logit
    total = np.exp(z - m).sum(axis=-1, keepdims=True)  # its largest term is exp(0) = 1: no overflow, no log(0)
    return (m + np.log(total))[..., 0]  # log sum exp(z) = m + log sum exp(z - m)
