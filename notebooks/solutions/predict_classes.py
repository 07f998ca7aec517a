import numpy as np


def my_predict(X, W, b):
    """The predicted class of each row of X: argmax over c of (X @ W + b)[:, c]."""
    return np.argmax(X @ W + b, axis=1)
