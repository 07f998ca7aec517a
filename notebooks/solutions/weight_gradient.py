import numpy as np

from xentlib import softmax


def weight_gradient(W, b, X, y):
    """dL/dW of the mean cross-entropy of softmax regression, shape (D, C)."""
    n = len(y)
    G = softmax(X @ W + b, axis=1)
    G[np.arange(n), y] -= 1
    G /= n
    return X.T @ G
