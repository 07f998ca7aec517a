import numpy as np


def bce_grad(x, t):
    """Gradient of the mean binary cross-entropy with respect to each logit."""
    s = 1 / (1 + np.exp(-x))  # sigmoid: ds/dx = s (1 - s)
    # d/dx of -[t log s + (1 - t) log(1 - s)] = -[t (1 - s) - (1 - t) s] = s - t; the mean divides by N
    return (s - t) / np.size(x)
