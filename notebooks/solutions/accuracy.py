import numpy as np


def my_accuracy(X, y, W, b):
    """Fraction of rows of X whose argmax logit equals the label y."""
    predicted = np.argmax(X @ W + b, axis=1)
    return np.mean(predicted == y)
