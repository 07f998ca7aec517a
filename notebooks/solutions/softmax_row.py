import numpy as np


def softmax_row(z):
    e = np.exp(z)  # one exponential per logit, all positive
    return e / e.sum()  # normalise so the probabilities add up to 1
