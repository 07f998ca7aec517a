import numpy as np


def stable_softmax(z):
    z = np.asarray(z)
    m = z.max(axis=-1, keepdims=True)  # each row's largest logit
    e = np.exp(z - m)  # every exponent is now <= 0, so nothing overflows
    return e / e.sum(axis=-1, keepdims=True)
